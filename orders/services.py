"""Every write that matters on orders goes through here.

The status machine is guarded: ``order_transition`` refuses a move that is not in
``ALLOWED_TRANSITIONS`` and records every move it makes as an ``OrderEvent``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from orders.models import (
    Order,
    OrderChannel,
    OrderEvent,
    OrderLine,
    OrderNumberSequence,
    OrderStatus,
    OrderType,
)
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


# ---------------------------------------------------------------- creating and editing orders

HEADER_FIELDS = frozenset(
    {
        "order_type",
        "status",
        "po_number",
        "order_date",
        "requested_delivery_date",
        "ship_to",
        "ship_to_address",
        "currency",
        "notes",
        "source_document",
        "duplicate_of",
        "extraction",
        "issues",
        "auto_approved",
        "received_at",
        "stated_total",
        "stated_grand_total",
        "created_by",
    }
)
LINE_FIELDS = frozenset(
    {
        "id",
        "position",
        "product",
        "customer_sku",
        "description",
        "quantity",
        "unit",
        "unit_price",
        "requested_date",
        "extraction",
    }
)
EDITABLE_STATUSES = (S.RECEIVED, S.EXTRACTED, S.NEEDS_REVIEW, S.ON_HOLD)


def _decimal(value, what: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except (ArithmeticError, ValueError):
        raise OrderError(f"{what}: {value!r} is not a number.")
    if not number.is_finite():
        raise OrderError(f"{what}: {value!r} is not a number.")
    return number


def _line_build(*, order: Order, data: dict, position: int) -> OrderLine:
    unknown = set(data) - LINE_FIELDS
    if unknown:
        raise TypeError(f"unknown order line field(s): {', '.join(sorted(unknown))}")
    product = data.get("product")
    if product is not None and product.tenant_id != order.tenant_id:
        raise OrderError("The product belongs to another company.")
    quantity = _decimal(data.get("quantity"), f"line {position}: quantity")
    if quantity is None or quantity <= 0:
        raise OrderError(f"Line {position}: the quantity must be greater than zero.")
    if "unit_price" in data:
        unit_price = _decimal(data["unit_price"], f"line {position}: unit price")
    elif product is not None:
        from catalog.selectors import product_price

        unit_price = product_price(
            product=product, customer=order.customer, on_date=order.order_date, quantity=quantity
        )
    else:
        unit_price = None
    if unit_price is not None and unit_price < 0:
        raise OrderError(f"Line {position}: the unit price cannot be negative.")
    return OrderLine(
        tenant_id=order.tenant_id,
        order=order,
        position=data.get("position") or position,
        product=product,
        customer_sku=(data.get("customer_sku") or "")[:80],
        description=(data.get("description") or (product.description if product else ""))[:500],
        quantity=quantity,
        unit=(data.get("unit") or (product.unit if product else "EA"))[:40],
        unit_price=unit_price,
        requested_date=data.get("requested_date"),
        extraction=data.get("extraction") or {},
    )


def _default_ship_to(customer, order_type: str):
    if customer is None:
        return None
    from customers.models import AddressKind

    kinds = (
        [AddressKind.CONSIGNMENT]
        if order_type in (OrderType.CONSIGNMENT, OrderType.REPLENISHMENT)
        else []
    )
    kinds += [AddressKind.SHIP_TO, AddressKind.BILL_TO]
    addresses = list(customer.addresses.all())
    for kind in kinds:
        found = sorted(
            (a for a in addresses if a.kind == kind), key=lambda a: (not a.is_default, a.pk)
        )
        if found:
            return found[0]
    return None


@transaction.atomic
def order_create(
    *, tenant: Tenant, customer, channel: str, lines: list[dict], actor=None, **header
) -> Order:
    """Creates an order with its lines, a gapless number, computed totals and a ``created`` event.

    ``customer`` may be ``None`` (not recognised yet). ``header`` takes any of HEADER_FIELDS;
    ``status`` defaults to ``received``. Each line is a dict of LINE_FIELDS: ``product`` (a
    Product or None), ``quantity`` (required, > 0), ``unit_price`` — when the key is absent and
    the product is known, the customer's price for the order date is used; when present (even
    ``None``) it is kept as given. A sample order is priced at zero; a consignment order ships
    to the customer's consignment stock unless a ship-to is given. Raises OrderError on bad
    input and TypeError on an unknown field; nothing is saved then.
    """
    unknown = set(header) - HEADER_FIELDS
    if unknown:
        raise TypeError(f"unknown order field(s): {', '.join(sorted(unknown))}")
    if customer is not None and customer.tenant_id != tenant.pk:
        raise OrderError("The customer belongs to another company.")
    status = header.pop("status", S.RECEIVED)
    order_type = header.pop("order_type", OrderType.STANDARD)
    if order_type not in OrderType.values:
        raise OrderError(f"Unknown order type {order_type!r}.")
    if channel not in OrderChannel.values:
        raise OrderError(f"Unknown channel {channel!r}.")
    currency = header.pop("currency", None) or (customer.currency if customer else tenant.currency)
    ship_to = header.pop("ship_to", None) or (
        _default_ship_to(customer, order_type) if not header.get("ship_to_address") else None
    )
    if ship_to is not None and ship_to.tenant_id != tenant.pk:
        raise OrderError("The ship-to address belongs to another company.")
    ship_to_address = header.pop("ship_to_address", None) or (ship_to.as_dict() if ship_to else {})
    order = Order(
        tenant=tenant,
        number=order_next_number(tenant=tenant),
        customer=customer,
        channel=channel,
        order_type=order_type,
        status=status,
        currency=currency,
        ship_to=ship_to,
        ship_to_address=ship_to_address,
        created_by=header.pop("created_by", actor),
        **header,
    )
    if order.received_at is None:
        order.received_at = timezone.now()
    order.save()
    OrderLine.objects.bulk_create(
        [_line_build(order=order, data=data, position=i) for i, data in enumerate(lines, start=1)]
    )
    order_recompute_totals(order=order)
    order_event_record(
        order=order,
        kind="created",
        actor=actor,
        to_status=status,
        data={"channel": channel, "lines": len(lines)},
    )
    return order


@transaction.atomic
def order_update(
    *, order: Order, actor, lines: list[dict] | None = None, reason: str = "", **header
) -> Order:
    """Edits the header and (when given) replaces the lines of an order that is not validated yet.

    A line dict with an ``id`` updates that line; lines not listed are deleted. Totals are
    recomputed and an ``edited`` event lists the fields that changed.
    """
    unknown = set(header) - (HEADER_FIELDS | {"customer"}) | ({"status"} & set(header))
    if unknown:
        raise TypeError(f"unknown or read-only order field(s): {', '.join(sorted(unknown))}")
    current = Order.objects.select_for_update().get(pk=order.pk)
    if current.status not in EDITABLE_STATUSES:
        raise OrderError(
            f"An order in status {OrderStatus(current.status).label} cannot be edited."
        )
    customer = header.get("customer", current.customer)
    if customer is not None and customer.tenant_id != current.tenant_id:
        raise OrderError("The customer belongs to another company.")
    ship_to = header.get("ship_to")
    if ship_to is not None and ship_to.tenant_id != current.tenant_id:
        raise OrderError("The ship-to address belongs to another company.")
    changed = []
    for name, value in header.items():
        if getattr(current, name) != value:
            setattr(current, name, value)
            changed.append(name)
    if "ship_to" in changed and ship_to is not None and "ship_to_address" not in header:
        current.ship_to_address = ship_to.as_dict()
    current.save()
    if lines is not None:
        existing = {line.pk: line for line in current.lines.all()}
        keep, new = [], []
        for i, data in enumerate(lines, start=1):
            built = _line_build(
                order=current, data={k: v for k, v in data.items() if k != "id"}, position=i
            )
            line_id = data.get("id")
            if line_id in existing:
                line = existing[line_id]
                for name in (
                    "position",
                    "product",
                    "customer_sku",
                    "description",
                    "quantity",
                    "unit",
                    "unit_price",
                    "requested_date",
                ):
                    setattr(line, name, getattr(built, name))
                if "extraction" in data:
                    line.extraction = built.extraction
                line.save()
                keep.append(line_id)
            else:
                new.append(built)
        removed = [pk for pk in existing if pk not in keep]
        OrderLine.objects.filter(pk__in=removed).delete()
        OrderLine.objects.bulk_create(new)
        if removed or new or keep:
            changed.append("lines")
    order_recompute_totals(order=current)
    order_event_record(
        order=current, kind="edited", actor=actor, reason=reason, data={"fields": changed}
    )
    current.refresh_from_db()
    return current


# ---------------------------------------------------------------- validation and what follows


def order_validation_problems(*, order: Order) -> list[str]:
    """Why an order cannot be validated yet (an empty list when it can)."""
    problems = []
    if order.customer_id is None:
        problems.append("The customer is not known.")
    lines = list(order.lines.all())
    if not lines:
        problems.append("The order has no lines.")
    for line in lines:
        if line.product_id is None:
            problems.append(f"Line {line.position}: no product.")
        if line.quantity is None or line.quantity <= 0:
            problems.append(f"Line {line.position}: the quantity must be greater than zero.")
    return problems


@transaction.atomic
def order_validate(*, order: Order, actor=None, reason: str = "", auto: bool = False) -> Order:
    """Validates an order (a person, or the extraction with ``auto=True`` and no actor).

    Refuses an order without customer, lines or products (OrderError). Once the transaction
    commits, the acknowledgment email is queued, and the ERP export when the tenant has an
    active connector (the order goes to ``exported`` only when the ERP acknowledges it).
    """
    problems = order_validation_problems(order=order)
    if problems:
        raise OrderError(" ".join(problems))
    order_transition(
        order=order,
        to=S.VALIDATED,
        actor=actor,
        reason=reason,
        data={"auto": True} if auto else None,
    )
    if auto and not order.auto_approved:
        Order.objects.filter(pk=order.pk).update(auto_approved=True)
        order.auto_approved = True
    from orders import tasks
    from orders.models import ErpConnector, ExportStatus

    tasks.order_send_acknowledgment.delay_on_commit(order.pk)
    if ErpConnector.objects.for_tenant(order.tenant_id).filter(active=True).exists():
        Order.objects.filter(pk=order.pk).update(export_status=ExportStatus.PENDING)
        order.export_status = ExportStatus.PENDING
        tasks.order_export.delay_on_commit(order.pk)
    return order


def order_hold(*, order: Order, actor, reason: str) -> Order:
    return order_transition(order=order, to=S.ON_HOLD, actor=actor, reason=reason)


def order_cancel(*, order: Order, actor, reason: str) -> Order:
    return order_transition(order=order, to=S.CANCELLED, actor=actor, reason=reason)


def order_reject(*, order: Order, actor, reason: str) -> Order:
    return order_transition(order=order, to=S.REJECTED, actor=actor, reason=reason)
