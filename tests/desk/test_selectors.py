"""Order desk reads: the queue, the next order, product and customer search, the dashboard."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from desk import selectors
from desk import services as desk
from desk.models import DeskLock
from orders.models import OrderChannel, OrderStatus
from orders.services import order_transition
from tenants.models import Role
from tests.desk.builders import review_order
from tests.factories import AliasFactory, CustomerFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(make_member, tenant):
    return make_member(tenant, Role.ORDER_DESK)


def queue(tenant, user, **filters):
    return selectors.desk_queue(tenant=tenant, user=user, filters=selectors.QueueFilters(**filters))


def test_the_queue_puts_the_most_overdue_first_and_counts_late_orders(tenant, other_tenant, clerk):
    now = timezone.now()
    tenant.settings = {"desk": {"sla_minutes": 30}}
    tenant.save()
    recent = review_order(tenant, lines=1, received_at=now - timedelta(minutes=5))
    late = review_order(tenant, lines=1, received_at=now - timedelta(minutes=45))
    review_order(tenant, lines=1, status=OrderStatus.VALIDATED)
    review_order(other_tenant, lines=1)

    result = queue(tenant, clerk)

    assert [row.order for row in result.rows] == [late, recent]
    assert [(row.waited_minutes, row.sla_state) for row in result.rows] == [(45, "late"), (5, "ok")]
    assert (result.total, result.matching, result.late, result.sla_minutes) == (2, 2, 1, 30)


def test_the_queue_filters_and_counts_issue_types(tenant, clerk):
    rep = UserFactory()
    repped = CustomerFactory(tenant=tenant, sales_rep=rep)
    fax = review_order(tenant, lines=1, channel=OrderChannel.FAX, customer=repped)
    plain = review_order(
        tenant,
        lines=1,
        issues=[
            {
                "code": "missing_po_number",
                "field": "po_number",
                "message": "no PO number",
                "blocking": True,
            }
        ],
    )
    mine = review_order(tenant, lines=1)
    desk.order_claim(order=mine, user=clerk)

    assert [r.order for r in queue(tenant, clerk, channel="fax").rows] == [fax]
    assert [r.order for r in queue(tenant, clerk, customer=repped.pk).rows] == [fax]
    assert [r.order for r in queue(tenant, clerk, rep=rep.pk).rows] == [fax]
    assert [r.order for r in queue(tenant, clerk, issue="missing_po_number").rows] == [plain]
    assert [r.order for r in queue(tenant, clerk, mine=True).rows] == [mine]
    assert queue(tenant, clerk).issue_counts == [("price_mismatch", 2), ("missing_po_number", 1)]


def test_the_queue_shows_who_has_an_order_open_while_the_lock_lives(tenant, clerk, make_member):
    order = review_order(tenant, lines=1)
    other = make_member(tenant, Role.ORDER_DESK)
    desk.lock_acquire(order=order, user=other)

    assert queue(tenant, clerk).rows[0].lock.user == other
    DeskLock.objects.update(heartbeat_at=timezone.now() - timedelta(minutes=5))
    assert queue(tenant, clerk).rows[0].lock is None


def test_on_hold_orders_have_their_own_tab(tenant, clerk):
    order = review_order(tenant, lines=1)
    desk.order_hold(order=order, actor=clerk, note="waiting")

    assert queue(tenant, clerk).rows == []
    assert [r.order for r in queue(tenant, clerk, status="on_hold").rows] == [order]


def test_next_order_is_mine_first_then_nobodys_and_never_someone_elses(tenant, clerk, make_member):
    now = timezone.now()
    other = make_member(tenant, Role.ORDER_DESK)
    opened_by_other = review_order(tenant, lines=1, received_at=now - timedelta(minutes=40))
    claimed_by_other = review_order(tenant, lines=1, received_at=now - timedelta(minutes=30))
    free = review_order(tenant, lines=1, received_at=now - timedelta(minutes=20))
    mine = review_order(tenant, lines=1, received_at=now - timedelta(minutes=10))
    desk.lock_acquire(order=opened_by_other, user=other)
    desk.order_claim(order=claimed_by_other, user=other)
    desk.order_claim(order=mine, user=clerk)

    assert selectors.desk_next_order(tenant=tenant, user=clerk) == mine
    assert selectors.desk_next_order(tenant=tenant, user=clerk, after=mine) == free
    assert selectors.desk_next_order(tenant=tenant, user=other) == claimed_by_other
    assert (
        selectors.desk_next_order(tenant=tenant, user=other, after=claimed_by_other)
        == opened_by_other
    )


def test_product_search_ranks_candidates_then_sku_gtin_alias_and_description(tenant, other_tenant):
    order = review_order(tenant, lines=1)
    line = order.lines.get()
    sleeve = ProductFactory(
        tenant=tenant, sku="GT-6MM-BK", gtin="4006381333931", description="Heat shrink sleeve"
    )
    AliasFactory(tenant=tenant, customer=order.customer, product=sleeve, customer_sku="A-778")
    ProductFactory(tenant=other_tenant, sku="GT-6MM-RD", description="Heat shrink sleeve red")

    def found(query, **kwargs):
        return [
            (r["product"].sku, r["reason"])
            for r in selectors.product_search(
                tenant=tenant, query=query, customer=order.customer, **kwargs
            )
        ]

    assert found("", line=line) == [(line.product.sku, "alias")]  # the ranked candidates
    assert found("gt-6") == [("GT-6MM-BK", "sku")]
    assert found("4006381333931") == [("GT-6MM-BK", "gtin")]
    assert found("A-77") == [("GT-6MM-BK", "alias")]
    assert found("shrink sleeve") == [("GT-6MM-BK", "description")]


def test_customer_search_by_code_name_and_vat(tenant, other_tenant):
    acme = CustomerFactory(
        tenant=tenant, code="C00042", name="Acme Bâtiment", vat_number="FR12345678901"
    )
    CustomerFactory(tenant=other_tenant, code="C00042", name="Acme elsewhere")

    assert selectors.customer_search(tenant=tenant, query="C0004") == [acme]
    assert selectors.customer_search(tenant=tenant, query="bâtiment") == [acme]
    assert selectors.customer_search(tenant=tenant, query="FR12345678901") == [acme]


def _zone_where_the_last_hour_is_today(now):
    """A time zone in which the last hour did not cross midnight, so 'today' holds every order."""
    import zoneinfo

    for name in ("Europe/Paris", "America/New_York", "Asia/Tokyo", "Pacific/Auckland"):
        local = now.astimezone(zoneinfo.ZoneInfo(name))
        if 1 <= local.hour <= 22:
            return name
    raise AssertionError("no time zone found")  # pragma: no cover


def test_dashboard_figures(tenant, clerk):
    now = timezone.now()
    tenant.timezone = _zone_where_the_last_hour_is_today(now)
    tenant.save(update_fields=["timezone"])
    approved = review_order(tenant, lines=1, received_at=now - timedelta(minutes=30))
    review_order(tenant, lines=1, received_at=now - timedelta(minutes=10), channel=OrderChannel.FAX)
    touchless = review_order(
        tenant,
        lines=1,
        received_at=now - timedelta(minutes=3),
        status=OrderStatus.EXTRACTED,
        auto_approved=True,
    )
    order_transition(order=touchless, to=OrderStatus.VALIDATED)
    desk.order_line_update(line=approved.lines.get(), values={"unit_price": 3}, actor=clerk)
    desk.order_approve(order=approved, actor=clerk)

    data = selectors.desk_dashboard(tenant=tenant, now=now + timedelta(seconds=1))

    assert data.received_today_total == 3
    assert dict(data.received_today) == {"Email": 2, "Fax": 1}
    assert (data.queue_size, data.late) == (1, 0)
    assert data.touchless_rate == 0.5
    assert int(data.median_minutes) == 16  # the median of 30 and 3 minutes
    assert data.corrections_by_field == [("line.unit_price", 1)]
    assert [(p["name"], p["total"]) for p in data.throughput] == [(str(clerk), 1)]
    assert data.series.received[-1] == 3
    assert data.series.decided[-1] == 1
    assert data.series.queue_size[-1] == 1
    assert len(data.series.days) == 14
