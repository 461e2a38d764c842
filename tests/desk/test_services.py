"""Order desk writes: corrections, line edits, decisions, claims and locks."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from catalog.models import CustomerProductAlias, PriceListItem
from desk import services as desk
from desk.models import LOCK_TTL, DeskClaim, DeskLock
from orders.models import OrderEvent, OrderLine, OrderStatus
from tenants.models import Role
from tests.desk.builders import review_order
from tests.factories import ContactFactory, OrderLineFactory, ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(make_member, tenant):
    return make_member(tenant, Role.ORDER_DESK)


def corrections(order) -> list[tuple]:
    return [
        (e.data["field"], e.data["before"], e.data["after"])
        for e in OrderEvent.objects.filter(order=order, kind="field_corrected").order_by("pk")
    ]


def test_correcting_a_price_recomputes_totals_resolves_its_issue_and_records_the_correction(
    tenant, clerk
):
    order = review_order(tenant, lines=2)
    line = order.lines.order_by("position").first()

    desk.order_line_update(line=line, values={"unit_price": Decimal("3.45")}, actor=clerk)

    line.refresh_from_db()
    order.refresh_from_db()
    assert (line.unit_price, line.line_total) == (Decimal("3.4500"), Decimal("41.40"))
    assert order.total_amount == Decimal("84.60")
    assert order.issues == []
    assert corrections(order) == [("line.unit_price", "3.6", "3.45")]


def test_an_unchanged_value_is_no_correction(tenant, clerk):
    order = review_order(tenant, lines=1)
    line = order.lines.get()

    desk.order_line_update(line=line, values={"quantity": Decimal("12.000")}, actor=clerk)
    desk.order_header_update(order=order, values={"po_number": order.po_number}, actor=clerk)

    assert corrections(order) == []


def test_header_corrections_save_every_field_and_the_ship_to(tenant, clerk):
    order = review_order(tenant, lines=1, po_number="")

    desk.order_header_update(
        order=order,
        actor=clerk,
        values={
            "po_number": "4500012345",
            "order_date": timezone.localdate(),
            "ship_to.city": "Lyon",
        },
    )

    order.refresh_from_db()
    assert order.po_number == "4500012345"
    assert order.ship_to_address == {"city": "Lyon"}
    assert [c[0] for c in corrections(order)] == ["po_number", "order_date", "ship_to.city"]


def test_a_closed_order_cannot_be_corrected(tenant, clerk):
    order = review_order(tenant, lines=1, status=OrderStatus.VALIDATED)

    with pytest.raises(desk.DeskError, match="can no longer be changed"):
        desk.order_header_update(order=order, values={"po_number": "X"}, actor=clerk)


def test_lines_are_added_split_moved_and_deleted_and_issues_follow_their_line(tenant, clerk):
    order = review_order(tenant, lines=2)
    first, second = order.lines.order_by("position")

    added = desk.order_line_add(order=order, actor=clerk, after=None)
    piece = desk.order_line_split(line=first, quantity=Decimal("5"), actor=clerk)
    desk.order_line_move(
        line=first, offset=2, actor=clerk
    )  # first goes below the split piece and second

    ids = list(order.lines.order_by("position").values_list("pk", "position", "quantity"))
    assert ids == [
        (piece.pk, 1, Decimal("5.000")),
        (second.pk, 2, Decimal("12.000")),
        (first.pk, 3, Decimal("7.000")),
        (added.pk, 4, Decimal("1.000")),
    ]
    order.refresh_from_db()
    assert (
        order.issues[0]["field"] == "lines[2].unit_price"
    )  # the price issue moved with line "first"

    desk.order_line_delete(line=OrderLine.objects.get(pk=first.pk), actor=clerk)

    order.refresh_from_db()
    assert order.issues == []
    assert list(order.lines.order_by("position").values_list("position", flat=True)) == [1, 2, 3]
    kinds = list(
        OrderEvent.objects.filter(order=order).values_list("kind", flat=True).order_by("pk")
    )
    assert kinds == ["line_added", "line_split", "lines_reordered", "line_deleted"]


def test_a_split_must_leave_something_on_both_lines(tenant, clerk):
    line = review_order(tenant, lines=1).lines.get()

    with pytest.raises(desk.DeskError, match="between 0 and 12"):
        desk.order_line_split(line=line, quantity=Decimal("12"), actor=clerk)


def test_approve_validates_releases_the_lock_and_the_claim(tenant, clerk):
    order = review_order(tenant, lines=1)
    desk.lock_acquire(order=order, user=clerk)
    desk.order_claim(order=order, user=clerk)

    desk.order_approve(order=order, actor=clerk)

    order.refresh_from_db()
    assert order.status == OrderStatus.VALIDATED
    assert order.validated_by == clerk
    assert not DeskLock.objects.filter(order=order).exists()
    assert not DeskClaim.objects.filter(order=order).exists()


def test_approve_refuses_an_order_with_a_line_without_product(tenant, clerk):
    order = review_order(tenant, lines=1)
    OrderLineFactory(tenant=tenant, order=order, product=None, position=2)

    with pytest.raises(desk.DeskError, match="Choose the product of line\\(s\\) 2"):
        desk.order_approve(order=order, actor=clerk)
    order.refresh_from_db()
    assert order.status == OrderStatus.NEEDS_REVIEW


def test_reject_needs_a_reason_and_hold_a_note(tenant, clerk):
    order = review_order(tenant, lines=1)
    with pytest.raises(desk.DeskError):
        desk.order_reject(order=order, actor=clerk, reason="  ")
    with pytest.raises(desk.DeskError):
        desk.order_hold(order=order, actor=clerk, note="")

    desk.order_hold(order=order, actor=clerk, note="Price to confirm with the buyer")
    order.refresh_from_db()
    assert order.status == OrderStatus.ON_HOLD
    desk.order_resume(order=order, actor=clerk)
    desk.order_reject(order=order, actor=clerk, reason="Spam")

    order.refresh_from_db()
    assert order.status == OrderStatus.REJECTED
    reasons = list(
        OrderEvent.objects.filter(order=order, kind="status_changed").values_list(
            "to_status", "reason"
        )
    )
    assert reasons == [
        ("on_hold", "Price to confirm with the buyer"),
        ("needs_review", "Taken off hold"),
        ("rejected", "Spam"),
    ]


def test_merge_moves_the_missing_lines_and_cancels_the_duplicate(tenant, clerk):
    original = review_order(tenant, lines=1)
    duplicate = review_order(
        tenant, lines=1, customer=original.customer, po_number=original.po_number
    )
    same = original.lines.get()
    OrderLineFactory(
        tenant=tenant, order=duplicate, product=same.product, quantity=same.quantity, position=5
    )
    extra = duplicate.lines.order_by("position").first()

    desk.order_merge(order=duplicate, into=original, actor=clerk)

    duplicate.refresh_from_db()
    assert duplicate.status == OrderStatus.CANCELLED
    assert duplicate.duplicate_of == original
    assert list(original.lines.order_by("position").values_list("pk", flat=True)) == [
        same.pk,
        extra.pk,
    ]
    assert OrderEvent.objects.get(order=original, kind="merged").data["moved_lines"] == [extra.pk]


def test_split_off_makes_a_second_order_to_review(tenant, clerk):
    order = review_order(tenant, lines=3)
    lines = list(order.lines.order_by("position"))

    new_order = desk.order_split_off(order=order, line_ids=[lines[1].pk, lines[2].pk], actor=clerk)

    assert new_order.status == OrderStatus.NEEDS_REVIEW
    assert new_order.source_document == order.source_document
    assert list(new_order.lines.order_by("position").values_list("pk", "position")) == [
        (lines[1].pk, 1),
        (lines[2].pk, 2),
    ]
    assert list(order.lines.values_list("pk", flat=True)) == [lines[0].pk]
    order.refresh_from_db()
    new_order.refresh_from_db()
    assert (order.total_amount, new_order.total_amount) == (Decimal("43.20"), Decimal("86.40"))
    with pytest.raises(desk.DeskError):
        desk.order_split_off(order=order, line_ids=[lines[0].pk], actor=clerk)


def test_accepting_an_issue_removes_it_and_says_so(tenant, clerk):
    order = review_order(tenant, lines=1)

    desk.order_issue_accept(order=order, index=0, actor=clerk)

    order.refresh_from_db()
    assert order.issues == []
    assert (
        OrderEvent.objects.get(order=order, kind="issue_accepted").data["issue"]["code"]
        == "price_mismatch"
    )


def test_the_lock_belongs_to_the_first_until_it_expires_or_is_taken_over(tenant, make_member):
    order = review_order(tenant, lines=1)
    anna, bruno = make_member(tenant, Role.ORDER_DESK), make_member(tenant, Role.ORDER_DESK)

    assert desk.lock_acquire(order=order, user=anna).user == anna
    assert desk.lock_acquire(order=order, user=bruno).user == anna  # Bruno sees Anna has it
    DeskLock.objects.filter(order=order).update(
        heartbeat_at=timezone.now() - LOCK_TTL - timedelta(seconds=1)
    )
    assert desk.lock_acquire(order=order, user=bruno).user == bruno  # Anna's tab is gone
    assert desk.lock_acquire(order=order, user=anna, force=True).user == anna
    assert OrderEvent.objects.get(order=order, kind="lock_taken_over").data == {
        "from_user_id": bruno.pk
    }
    desk.lock_release(order=order, user=bruno)  # not Bruno's any more: nothing happens
    assert DeskLock.objects.get(order=order).user == anna
    desk.lock_release(order=order, user=anna)
    assert not DeskLock.objects.filter(order=order).exists()


def test_a_heartbeat_keeps_the_lock_alive(tenant, clerk):
    order = review_order(tenant, lines=1)
    lock = desk.lock_acquire(order=order, user=clerk)
    DeskLock.objects.filter(pk=lock.pk).update(heartbeat_at=timezone.now() - timedelta(seconds=60))

    desk.lock_acquire(order=order, user=clerk)

    assert DeskLock.objects.get(pk=lock.pk).is_live()


def test_leaving_releases_the_lock_unless_the_order_was_opened_again_since(tenant, clerk):
    order = review_order(tenant, lines=1)
    first_visit = desk.lock_acquire(order=order, user=clerk).heartbeat_at
    reopened = desk.lock_acquire(order=order, user=clerk).heartbeat_at  # the same order, again

    desk.lock_release(order=order, user=clerk, heartbeat_at=first_visit)  # the old tab's beacon
    assert DeskLock.objects.get(order=order).heartbeat_at == reopened

    desk.lock_release(order=order, user=clerk, heartbeat_at=reopened)
    assert not DeskLock.objects.filter(order=order).exists()


def test_claim_and_release(tenant, clerk, make_member):
    order = review_order(tenant, lines=1)
    manager = make_member(tenant, Role.MANAGER)

    desk.order_claim(order=order, user=clerk, assigned_by=manager)
    assert (order.desk_claim.user, order.desk_claim.assigned_by) == (clerk, manager)
    desk.order_unclaim(order=order, actor=clerk)
    assert not DeskClaim.objects.filter(order=order).exists()


def test_snapshot_for_learning_is_the_ingest_json_shape(tenant):
    order = review_order(tenant, lines=1)
    line = order.lines.get()

    snapshot = desk.order_snapshot(order)

    assert snapshot["lines"] == [
        {
            "sku": line.product.sku,
            "customer_sku": "A-0",
            "description": None,
            "quantity": "12",
            "unit": "EA",
            "unit_price": "3.60",
            "line_total": "43.20",
        }
    ]
    assert snapshot["issues"][0]["code"] == "price_mismatch"
    assert snapshot["customer_code"] == order.customer.code


def test_choosing_the_product_of_a_part_number_teaches_an_alias(tenant, clerk):
    order = review_order(tenant, lines=1)
    line = order.lines.get()
    right = ProductFactory(tenant=tenant, sku="GT-6MM-BK")

    desk.order_line_update(line=line, values={"product": right}, actor=clerk)

    alias = CustomerProductAlias.objects.get(customer=order.customer, customer_sku="A-0")
    assert (alias.product, alias.learned) == (right, True)
    assert OrderEvent.objects.get(order=order, kind="learned").data["aliases"] == [
        {"customer_sku": "A-0", "sku": "GT-6MM-BK"}
    ]


def test_accepting_a_price_difference_makes_it_the_customers_price(tenant, clerk):
    order = review_order(tenant, lines=2)
    first = order.lines.order_by("position").first()

    desk.order_issue_accept(order=order, index=0, actor=clerk)

    items = PriceListItem.objects.filter(price_list__customer=order.customer)
    assert [(i.product_id, i.unit_price) for i in items] == [(first.product_id, Decimal("3.6000"))]


def test_approving_sends_the_acknowledgment_to_the_customer(
    tenant, clerk, django_capture_on_commit_callbacks, mailoutbox
):
    order = review_order(tenant, lines=1)
    ContactFactory(tenant=tenant, customer=order.customer, email="buyer@customer.example")

    with django_capture_on_commit_callbacks(execute=True):
        desk.order_approve(order=order, actor=clerk)

    order.refresh_from_db()
    assert order.acknowledged_at is not None
    assert [m.to for m in mailoutbox] == [["buyer@customer.example"]]
