"""Opening a dispute: every link must be the same tenant's and the same customer's."""

from decimal import Decimal

import pytest
from django.urls import reverse

from disputes.models import Dispute, DisputeStatus, DisputeType
from disputes.services import DisputeError, dispute_open
from orders.models import Invoice
from tenants.models import Role
from tests.factories import CustomerFactory, OrderFactory, OrderLineFactory

pytestmark = pytest.mark.django_db


def _invoice(order) -> Invoice:
    return Invoice.objects.create(
        tenant=order.tenant,
        order=order,
        customer=order.customer,
        number=f"INV-{order.pk}",
        issued_on="2026-03-02",
        total_net=Decimal("100.00"),
    )


def test_a_dispute_links_order_lines_and_invoice(tenant, make_member):
    line = OrderLineFactory(order__customer__tenant=tenant)
    order = line.order
    invoice = _invoice(order)
    dispute = dispute_open(
        tenant=tenant,
        customer=order.customer,
        type=DisputeType.PRICING,
        actor=make_member(tenant, Role.ACCOUNTING),
        invoice=invoice,
        lines=[line],
        description="  Wrong price  ",
        amount="7.5",
    )
    assert (dispute.order, dispute.invoice, list(dispute.lines.all())) == (order, invoice, [line])
    assert (dispute.description, dispute.amount_claimed) == ("Wrong price", Decimal("7.50"))


def test_the_service_refuses_another_customers_or_tenants_records(tenant, other_tenant):
    customer = CustomerFactory(tenant=tenant)
    own = OrderLineFactory(order__customer=customer)
    theirs = OrderLineFactory(order__customer=CustomerFactory(tenant=tenant))
    foreign = OrderLineFactory(order__customer__tenant=other_tenant)
    cases = [
        ({"order": theirs.order}, "not one of this customer's"),
        ({"order": foreign.order}, "not one of this customer's"),
        ({"invoice": _invoice(theirs.order)}, "not one of this customer's"),
        ({"order": own.order, "lines": [theirs]}, "not all lines of the order"),
        ({"order": own.order, "lines": [foreign]}, "not all lines of the order"),
        ({"lines": [own]}, "Choose the order"),
        (
            {"order": own.order, "invoice": _invoice(OrderFactory(customer=customer))},
            "another order",
        ),
        ({"amount": "-1"}, "zero or more"),
    ]
    for links, message in cases:
        with pytest.raises(DisputeError, match=message):
            dispute_open(
                tenant=tenant,
                customer=customer,
                type=DisputeType.DAMAGED,
                actor=None,
                description="Broken",
                **links,
            )
    assert Dispute.objects.count() == 0


def test_opening_from_an_order_page(tenant, member_client):
    client = member_client(tenant, Role.LOGISTICS)
    line = OrderLineFactory(order__customer__tenant=tenant)
    url = reverse("disputes:create") + f"?order={line.order.pk}"
    page = client.get(url)
    assert page.status_code == 200
    assert line.order.number in page.content.decode()
    response = client.post(
        url,
        {
            "customer": line.order.customer.pk,
            "order": line.order.pk,
            "type": DisputeType.MISSING,
            "lines": [line.pk],
            "description": "One carton short",
            "amount": "20",
        },
    )
    dispute = Dispute.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("disputes:detail", args=[dispute.pk])
    assert (dispute.customer, dispute.order, dispute.status) == (
        line.order.customer,
        line.order,
        DisputeStatus.OPEN,
    )
    assert list(dispute.lines.all()) == [line]
    assert dispute.opened_by == client.user


def test_the_form_shows_errors_field_by_field(tenant, member_client):
    client = member_client(tenant, Role.MANAGER)
    customer = CustomerFactory(tenant=tenant)
    response = client.post(
        reverse("disputes:create"),
        {"customer": customer.pk, "type": "nonsense", "description": "", "amount": "-3"},
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert sorted(form.errors) == ["amount", "description", "type"]
    assert Dispute.objects.count() == 0


def test_a_foreign_id_posted_by_hand_is_refused(tenant, other_tenant, member_client):
    client = member_client(tenant, Role.ADMIN)
    own = OrderLineFactory(order__customer__tenant=tenant)
    other_customer = OrderLineFactory(order__customer__tenant=tenant)
    foreign = OrderLineFactory(order__customer__tenant=other_tenant)
    base = {"customer": own.order.customer.pk, "type": "damaged", "description": "Broken"}
    for posted, field in [
        ({"order": foreign.order.pk}, "order"),
        ({"order": other_customer.order.pk}, "order"),
        ({"invoice": _invoice(foreign.order).pk}, "invoice"),
        ({"invoice": _invoice(other_customer.order).pk}, "invoice"),
        ({"order": own.order.pk, "lines": [foreign.pk]}, "lines"),
        ({"order": own.order.pk, "lines": [other_customer.pk]}, "lines"),
    ]:
        response = client.post(reverse("disputes:create"), {**base, **posted})
        assert response.status_code == 400, posted
        assert list(response.context["form"].errors) == [field], posted
    # a foreign customer is not found at all
    response = client.post(
        reverse("disputes:create"), {**base, "customer": foreign.order.customer.pk}
    )
    assert response.status_code == 404
    assert Dispute.objects.count() == 0


def test_the_customer_is_picked_by_number_first(tenant, member_client):
    client = member_client(tenant, Role.ACCOUNTING)
    customer = CustomerFactory(tenant=tenant, code="C-77")
    assert client.get(reverse("disputes:create")).status_code == 200
    response = client.get(reverse("disputes:create"), {"code": "C-77"})
    assert response["Location"] == f"{reverse('disputes:create')}?customer={customer.pk}"
    missing = client.get(reverse("disputes:create"), {"code": "nope"})
    assert missing.status_code == 400
    assert missing.context["pick"].errors == {"code": ["No customer has the number nope."]}
