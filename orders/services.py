"""Every write that matters on orders goes through here.

The status machine is guarded: ``order_transition`` refuses a move that is not in
``ALLOWED_TRANSITIONS`` and records every move it makes as an ``OrderEvent``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from orders.models import Order, OrderEvent, OrderLine, OrderNumberSequence, OrderStatus, OrderType
from tenants.models import Tenant

S = OrderStatus

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    S.RECEIVED: frozenset(
        {S.EXTRACTED, S.NEEDS_REVIEW, S.VALIDATED, S.REJECTED, S.CANCELLED, S.ON_HOLD}
    ),
    S.EXTRACTED: frozenset({S.NEEDS_REVIEW, S.VALIDATED, S.REJECTED, S.CANCELLED, S.ON_HOLD}),
    S.NEEDS_REVIEW: frozenset({S.VALIDATED, S.REJECTED, S.CANCELLED, S.ON_HOLD}),
    S.ON_HOLD: frozenset({S.NEEDS_REVIEW, S.VALIDATED, S.REJECTED, S.CANCELLED}),
    S.VALIDATED: frozenset({S.EXPORTED, S.IN_FULFILMENT, S.SHIPPED, S.CANCELLED, S.ON_HOLD}),
    S.EXPORTED: frozenset({S.IN_FULFILMENT, S.SHIPPED, S.INVOICED, S.CANCELLED}),
    S.IN_FULFILMENT: frozenset({S.SHIPPED, S.INVOICED}),
    S.SHIPPED: frozenset({S.INVOICED, S.CLOSED}),
    S.INVOICED: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
    S.REJECTED: frozenset({S.NEEDS_REVIEW}),  # a rejection can be reopened
    S.CANCELLED: frozenset(),
}

CENT = Decimal("0.01")


class OrderError(Exception):
    """An order operation that is not allowed, with a reason a person can read."""


class IllegalTransition(OrderError):
    pass


def order_next_number(*, tenant: Tenant, year: int | None = None) -> str:
    """``SO-2026-000123``: the next number of the tenant's year, without gaps.

    The sequence row is locked for the rest of the caller's transaction, so two concurrent
    orders never share a number and a rolled-back order gives its number back.
    """
    year = year or timezone.now().year
    with transaction.atomic():
        OrderNumberSequence.objects.get_or_create(tenant=tenant, year=year)
        OrderNumberSequence.objects.filter(tenant=tenant, year=year).update(
            last_value=F("last_value") + 1
        )
        value = (
            OrderNumberSequence.objects.select_for_update().get(tenant=tenant, year=year).last_value
        )
    return f"SO-{year}-{value:06d}"


def order_event_record(
    *,
    order: Order,
    kind: str,
    actor=None,
    reason: str = "",
    from_status: str = "",
    to_status: str = "",
    data: dict | None = None,
) -> OrderEvent:
    return OrderEvent.objects.create(
        tenant_id=order.tenant_id,
        order=order,
        kind=kind,
        actor=actor,
        reason=reason,
        from_status=from_status,
        to_status=to_status,
        data=data or {},
    )


@transaction.atomic
def order_transition(
    *, order: Order, to: str, actor=None, reason: str = "", data: dict | None = None
) -> Order:
    current = Order.objects.select_for_update().get(pk=order.pk)
    if to not in ALLOWED_TRANSITIONS.get(current.status, frozenset()):
        raise IllegalTransition(
            f"An order cannot go from {OrderStatus(current.status).label} to {OrderStatus(to).label}."
        )
    from_status = current.status
    fields = ["status", "updated_at"]
    current.status = to
    if to == S.VALIDATED:
        current.validated_at = timezone.now()
        current.validated_by = actor
        fields += ["validated_at", "validated_by"]
    current.save(update_fields=fields)
    order_event_record(
        order=current,
        kind="status_changed",
        actor=actor,
        reason=reason,
        from_status=from_status,
        to_status=to,
        data=data,
    )
    order.status, order.validated_at, order.validated_by = (
        current.status,
        current.validated_at,
        current.validated_by,
    )
    return order


def line_amount(line: OrderLine, order_type: str) -> Decimal:
    if order_type == OrderType.SAMPLE or line.unit_price is None:
        return Decimal("0.00")
    return (line.quantity * line.unit_price).quantize(CENT, rounding=ROUND_HALF_UP)


@transaction.atomic
def order_recompute_totals(*, order: Order) -> Order:
    """Line totals and the order total are computed from the lines, never typed."""
    total = Decimal("0.00")
    for line in order.lines.all():
        amount = line_amount(line, order.order_type)
        if line.line_total != amount:
            line.line_total = amount
            line.save(update_fields=["line_total"])
        total += amount
    order.total_amount = total
    order.save(update_fields=["total_amount", "updated_at"])
    return order
