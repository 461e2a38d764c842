import pytest
from django.urls import reverse

from customers.models import PortalAccount
from tenants.models import Role, UserKind
from tests.factories import CustomerFactory, OrderFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer(tenant):
    user = UserFactory(kind=UserKind.PORTAL, email="buyer@customer.example")
    PortalAccount.objects.create(
        tenant=tenant, user=user, customer=CustomerFactory(tenant=tenant, name="Buyer SA")
    )
    return user


def test_a_portal_user_signs_in_and_sees_only_their_orders(
    client, buyer, tenant, other_tenant, password
):
    mine = OrderFactory(customer=buyer.portal_account.customer, po_number="MY-PO-1")
    OrderFactory(tenant=tenant, customer=CustomerFactory(tenant=tenant), po_number="SOMEONE-ELSE")
    OrderFactory(customer=CustomerFactory(tenant=other_tenant), po_number="OTHER-TENANT")
    response = client.post(reverse("portal:login"), {"username": buyer.email, "password": password})
    assert response.status_code == 302
    page = client.get(reverse("portal:home")).content.decode()
    assert mine.po_number in page
    assert "SOMEONE-ELSE" not in page
    assert "OTHER-TENANT" not in page


def test_staff_cannot_sign_in_on_the_portal(client, tenant, make_member, password):
    user = make_member(tenant, Role.ADMIN)
    response = client.post(reverse("portal:login"), {"username": user.email, "password": password})
    assert response.status_code == 200
    assert "This sign-in is for customers" in response.content.decode()


def test_a_portal_user_never_reaches_staff_pages(client, buyer):
    client.force_login(buyer)
    assert client.get("/").status_code == 302  # home sends them to the portal
    assert client.get("/").url == reverse("portal:home")


def test_staff_are_refused_portal_pages(client, tenant, make_member):
    client.force_login(make_member(tenant))
    assert client.get(reverse("portal:home")).status_code == 403


def test_anonymous_is_sent_to_the_portal_login(client):
    response = client.get(reverse("portal:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("portal:login"))


def test_the_portal_formats_dates_and_totals(client, buyer, password):
    import datetime as dt
    from decimal import Decimal

    OrderFactory(
        customer=buyer.portal_account.customer,
        number="SO-2026-000123",
        order_date=dt.date(2026, 11, 26),
        total_amount=Decimal("9377.34"),
    )
    client.post(reverse("portal:login"), {"username": buyer.email, "password": password})
    page = client.get(reverse("portal:home")).content.decode()
    assert '<td class="nowrap">11/26/2026</td>' in page
    assert "9,377.34 EUR" in page
