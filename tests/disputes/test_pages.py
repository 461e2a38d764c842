import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from disputes.models import Dispute, DisputeComment, DisputeStatus, DisputeType, Resolution
from disputes.services import dispute_comment_add, dispute_transition
from tenants.models import Role
from tests.disputes.urlmakers import make_dispute

pytestmark = pytest.mark.django_db


def _numbers(response) -> list[str]:
    return [d.number for d in response.context["page"]]


def test_the_list_filters_by_status_type_owner_and_overdue(tenant, member_client):
    client = member_client(tenant, Role.MANAGER)
    damaged = make_dispute(tenant, name="Alpha", type=DisputeType.DAMAGED)
    late = make_dispute(tenant, name="Beta", type=DisputeType.LATE)
    closed = make_dispute(tenant, name="Gamma", type=DisputeType.OTHER)
    dispute_transition(dispute=closed, to=DisputeStatus.REJECTED, actor=None, reason="no")
    Dispute.objects.filter(pk=late.pk).update(
        owner=client.user, due_at=timezone.now() - dt.timedelta(hours=1)
    )
    url = reverse("disputes:list")
    assert _numbers(client.get(url)) == [late.number, damaged.number]  # not settled by default
    assert _numbers(client.get(url, {"status": ""})) == [closed.number, late.number, damaged.number]
    assert _numbers(client.get(url, {"status": "rejected"})) == [closed.number]
    assert _numbers(client.get(url, {"type": "damaged"})) == [damaged.number]
    assert _numbers(client.get(url, {"owner": "mine"})) == [late.number]
    assert _numbers(client.get(url, {"owner": "none"})) == [damaged.number]
    assert _numbers(client.get(url, {"overdue": "on"})) == [late.number]
    assert _numbers(client.get(url, {"q": "alpha"})) == [damaged.number]
    assert _numbers(client.get(url, {"q": damaged.number, "status": ""})) == [damaged.number]
    customer = client.get(url, {"customer": late.customer.pk})
    assert _numbers(customer) == [late.number]


def test_htmx_gets_only_the_results_and_every_page_link_has_an_href(tenant, member_client):
    client = member_client(tenant, Role.ADMIN)
    for _ in range(51):
        make_dispute(tenant)
    response = client.get(reverse("disputes:list"), {"page": 1}, headers={"HX-Request": "true"})
    html = response.content.decode().strip()
    assert html.startswith('<div id="results">')
    assert "<h1>" not in html
    assert 'href="?page=2"' in html
    assert 'hx-get="?page=2"' in html
    assert len(response.context["page"]) == 50


def test_a_sales_rep_starts_from_their_portfolio_and_only_reads(tenant, member_client):
    client = member_client(tenant, Role.SALES_REP)
    mine = make_dispute(tenant)
    mine.customer.sales_rep = client.user
    mine.customer.save()
    other = make_dispute(tenant)
    assert _numbers(client.get(reverse("disputes:list"))) == [mine.number]
    assert _numbers(client.get(reverse("disputes:list"), {"rep": ""})) == [
        other.number,
        mine.number,
    ]
    page = client.get(reverse("disputes:detail", args=[other.pk])).content.decode()
    assert reverse("disputes:status", args=[other.pk]) not in page
    assert reverse("disputes:comment", args=[other.pk]) not in page
    assert "Open a dispute" not in client.get(reverse("disputes:list")).content.decode()
    for name in ("assign", "status", "resolve", "comment"):
        assert client.post(reverse(f"disputes:{name}", args=[other.pk])).status_code == 403
    assert client.get(reverse("disputes:create")).status_code == 403


def test_the_order_desk_is_refused(tenant, member_client):
    client = member_client(tenant, Role.ORDER_DESK)
    dispute = make_dispute(tenant)
    assert client.get(reverse("disputes:list")).status_code == 403
    assert client.get(reverse("disputes:detail", args=[dispute.pk])).status_code == 403


def test_the_detail_actions_assign_move_and_resolve(tenant, member_client):
    client = member_client(tenant, Role.LOGISTICS)
    dispute = make_dispute(tenant)
    response = client.post(reverse("disputes:assign", args=[dispute.pk]), {"owner": "me"})
    assert response.status_code == 302
    dispute.refresh_from_db()
    assert (dispute.owner, dispute.status) == (client.user, DisputeStatus.IN_PROGRESS)
    client.post(
        reverse("disputes:status", args=[dispute.pk]),
        {"to": "waiting_customer", "reason": "Photos asked"},
    )
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.WAITING_CUSTOMER
    refused = client.post(reverse("disputes:status", args=[dispute.pk]), {"to": "closed"})
    assert refused.status_code == 400
    assert list(refused.context["status_form"].errors) == ["to"]
    missing_amount = client.post(
        reverse("disputes:resolve", args=[dispute.pk]), {"resolution": "refund"}
    )
    assert missing_amount.status_code == 400
    assert list(missing_amount.context["resolve_form"].errors) == ["amount"]
    client.post(
        reverse("disputes:resolve", args=[dispute.pk]),
        {"resolution": "credit_note", "amount": "20.00", "reason": "Credit on next invoice"},
    )
    dispute.refresh_from_db()
    assert (dispute.status, dispute.resolution) == (DisputeStatus.RESOLVED, Resolution.CREDIT_NOTE)
    page = client.get(reverse("disputes:detail", args=[dispute.pk])).content.decode()
    assert "Waiting for the customer → Resolved" in page
    assert "Credit on next invoice" in page
    assert reverse("disputes:resolve", args=[dispute.pk]) not in page


def test_comments_and_internal_notes(tenant, member_client):
    client = member_client(tenant, Role.ACCOUNTING)
    dispute = make_dispute(tenant)
    dispute_comment_add(dispute=dispute, author=None, body="Photos attached", internal=False)
    response = client.post(
        reverse("disputes:comment", args=[dispute.pk]),
        {"body": "Carrier liable", "internal": "on"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode().strip()
    assert response.status_code == 200
    assert html.startswith('<section id="comments"')
    assert html.count("Internal note</span>") == 1
    assert list(
        DisputeComment.objects.filter(dispute=dispute).values_list("body", "internal", "author")
    ) == [("Photos attached", False, None), ("Carrier liable", True, client.user.pk)]
    empty = client.post(reverse("disputes:comment", args=[dispute.pk]), {"body": "  "})
    assert empty.status_code == 400
    assert list(empty.context["comment_form"].errors) == ["body"]
    assert DisputeComment.objects.filter(dispute=dispute).count() == 2


def test_the_customer_page_lists_its_open_disputes(tenant, member_client):
    client = member_client(tenant, Role.LOGISTICS)
    running = make_dispute(tenant)
    customer = running.customer
    settled = make_dispute(tenant)
    Dispute.objects.filter(pk=settled.pk).update(customer=customer, status=DisputeStatus.CLOSED)
    response = client.get(reverse("customers:detail", args=[customer.pk]))
    assert list(response.context["open_disputes"]) == [running]
    html = response.content.decode().strip()
    assert reverse("disputes:detail", args=[running.pk]) in html
    assert reverse("disputes:detail", args=[settled.pk]) not in html
    assert f"{reverse('disputes:create')}?customer={customer.pk}" in html


def test_the_customer_page_hides_disputes_from_the_order_desk(tenant, member_client):
    client = member_client(tenant, Role.ORDER_DESK)
    dispute = make_dispute(tenant)
    response = client.get(reverse("customers:detail", args=[dispute.customer.pk]))
    assert response.context["open_disputes"] is None
    assert dispute.number not in response.content.decode()


def test_the_order_page_has_a_disputes_section(tenant, member_client):
    client = member_client(tenant, Role.MANAGER)
    dispute = make_dispute(tenant)
    html = client.get(reverse("orders:detail", args=[dispute.order.pk])).content.decode()
    assert reverse("disputes:detail", args=[dispute.pk]) in html
    assert f"{reverse('disputes:create')}?order={dispute.order.pk}" in html


def test_the_pages_speak_french(tenant, member_client):
    client = member_client(tenant, Role.ADMIN)
    dispute = make_dispute(tenant)
    client.cookies["django_language"] = "fr"
    html = client.get(reverse("disputes:detail", args=[dispute.pk])).content.decode()
    assert "Marchandise endommagée" in html
    assert ">Ouvert</span>" in html
    assert "Me l’attribuer" in html
    listing = client.get(reverse("disputes:list")).content.decode()
    assert "1 litige</p>" in listing
