"""Every write of the order desk: corrections, line edits, decisions, claims and locks.

Each correction is recorded as an ``OrderEvent`` (``field_corrected`` with the field, before
and after) and handed to the extraction's learning (``ingestion.learning``) with snapshots of
the order before and after. Decisions go through the order status machine.
"""

from __future__ import annotations

import logging
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

import orders.services as order_services
from desk.extraction import issue_matches, parse_issues, reindex_issues
from desk.models import DeskClaim, DeskLock
from orders.models import Order, OrderLine, OrderStatus
from orders.services import (
    order_event_record,
    order_next_number,
    order_recompute_totals,
    order_transition,
)

logger = logging.getLogger(__name__)

S = OrderStatus
# Where the desk can still change an order and decide on it.
EDITABLE_STATUSES = (S.RECEIVED, S.EXTRACTED, S.NEEDS_REVIEW, S.ON_HOLD)
LINE_ATTRS = (
    "product",
    "customer_sku",
    "description",
    "quantity",
    "unit",
    "unit_price",
    "requested_date",
)


class DeskError(Exception):
    """An order desk action that cannot be done, with a reason a person can read."""


# ---------------------------------------------------------------- snapshots and learning


def _plain(value):
    if value is None:
        return None
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "pk"):
        return value.pk
    return value


def line_snapshot(line: OrderLine) -> dict:
    return {
        "id": line.pk,
        "position": line.position,
        "product_id": line.product_id,
        "customer_sku": line.customer_sku,
        "description": line.description,
        "quantity": _plain(line.quantity),
        "unit": line.unit,
        "unit_price": _plain(line.unit_price),
        "requested_date": _plain(line.requested_date),
    }


def order_snapshot(order: Order) -> dict:
    """The order as the learning compares it: the ``ingest --json`` shape (header, lines with
    ``sku`` and ``customer_sku``, issues), plus the notes and type the desk can change too."""
    from ingestion.contract import order_contract_json

    snapshot = order_contract_json(order)
    snapshot.pop("confidence", None)  # what the extraction thought, the same before and after
    snapshot.update(notes=order.notes, order_type=order.order_type)
    return snapshot


def _learn(
    *, order: Order, before: dict, after: dict, actor, remember_prices: bool = False
) -> None:
    """Feeds a correction to the extraction's learning (``ingestion.learning``).

    Aliases, layout hints and senders are learned from every correction; a price becomes the
    customer's own only when the desk accepts a price difference. A failure there never loses
    the correction: it is logged, and the events keep what is needed to learn again.
    """
    from ingestion.learning import order_learn_from_correction

    if before == after:
        return
    try:
        with transaction.atomic():
            order_learn_from_correction(
                order=order,
                before=before,
                after=after,
                actor=actor,
                remember_prices=remember_prices,
            )
    except Exception:  # noqa: BLE001 - see the docstring
        logger.exception("learning from the correction of order %s failed", order.pk)


def _correction_event(
    *, order: Order, field: str, before, after, actor, line: OrderLine | None = None
) -> None:
    data = {"field": field, "before": _plain(before), "after": _plain(after)}
    if line is not None:
        data["line_id"] = line.pk
    order_event_record(order=order, kind="field_corrected", actor=actor, data=data)


def _line_ids(order: Order) -> list[int]:
    return list(order.lines.order_by("position", "pk").values_list("pk", flat=True))


def _resolve_issues(order: Order, field_names: list[str], line_index: int | None = None) -> None:
    order.issues = [
        issue
        for issue in (order.issues or [])
        if not any(
            issue_matches(issue, field_name=name, line_index=line_index) for name in field_names
        )
    ]


def _check_total_issue(order: Order) -> None:
    """A total mismatch is resolved once the lines add up to what the document states."""
    if order.stated_total is None:
        return
    if abs(order.total_amount - order.stated_total) <= Decimal("0.02"):
        order.issues = [i for i in (order.issues or []) if i.get("code") != "total_mismatch"]


def _require_editable(order: Order) -> None:
    if order.status not in EDITABLE_STATUSES:
        raise DeskError(
            _("This order is %(status)s and can no longer be changed here.")
            % {"status": OrderStatus(order.status).label}
        )


def _locked(order: Order) -> Order:
    return Order.objects.select_for_update().get(pk=order.pk)


# ---------------------------------------------------------------- corrections


@transaction.atomic
def order_header_update(*, order: Order, values: dict, actor) -> Order:
    """Saves cleaned header values (``desk.forms.header_fields``), all or none."""
    order = _locked(order)
    _require_editable(order)
    before = order_snapshot(order)
    changed: list[str] = []
    ship_to = dict(order.ship_to_address or {})
    for name, value in values.items():
        if name.startswith("ship_to."):
            key = name.split(".", 1)[1]
            old = ship_to.get(key, "")
            if (old or "") != (value or ""):
                ship_to[key] = value
                _correction_event(order=order, field=name, before=old, after=value, actor=actor)
                changed.append(name)
            continue
        if name == "customer":
            old = order.customer
            same = order.customer_id == getattr(value, "pk", None)
        else:
            old = getattr(order, name)
            same = old == value or (old in (None, "") and value in (None, ""))
        if same:
            continue
        if value is None and name in ("po_number", "notes"):
            value = ""
        setattr(order, name, value)
        _correction_event(order=order, field=name, before=old, after=value, actor=actor)
        changed.append(name)
    if not changed:
        return order
    order.ship_to_address = ship_to
    _resolve_issues(order, changed)
    order.save()
    if "order_type" in changed:
        order_recompute_totals(order=order)
        _check_total_issue(order)
        order.save(update_fields=["issues"])
    _learn(order=order, before=before, after=order_snapshot(order), actor=actor)
    return order


@transaction.atomic
def order_line_update(*, line: OrderLine, values: dict, actor) -> OrderLine:
    """Saves cleaned line values (``desk.forms.line_fields``), all or none."""
    order = _locked(line.order)
    _require_editable(order)
    line = OrderLine.objects.select_for_update().get(pk=line.pk, order=order)
    before = order_snapshot(order)
    changed = []
    for name, value in values.items():
        old = getattr(line, name)
        if name == "product":
            if line.product_id == getattr(value, "pk", None):
                continue
            if value is not None and not line.unit:
                line.unit = value.unit
        elif old == value or (old in (None, "") and value in (None, "")):
            continue
        setattr(
            line,
            name,
            value if value is not None or name not in ("customer_sku", "description") else "",
        )
        _correction_event(
            order=order, field=f"line.{name}", before=old, after=value, actor=actor, line=line
        )
        changed.append(f"line.{name}")
    if not changed:
        return line
    line.save()
    index = _line_ids(order).index(line.pk)
    _resolve_issues(order, changed, line_index=index)
    order_recompute_totals(order=order)
    _check_total_issue(order)
    order.save(update_fields=["issues", "updated_at"])
    line.refresh_from_db()
    _learn(order=order, before=before, after=order_snapshot(order), actor=actor)
    return line


@transaction.atomic
def order_issue_accept(*, order: Order, index: int, actor) -> Order:
    """The desk accepts what a rule flagged (a price difference the customer negotiated)."""
    order = _locked(order)
    _require_editable(order)
    issues = list(order.issues or [])
    if not 0 <= index < len(issues):
        raise DeskError(_("This issue no longer exists."))
    before = order_snapshot(order)
    accepted = issues.pop(index)
    order.issues = issues
    order.save(update_fields=["issues", "updated_at"])
    order_event_record(order=order, kind="issue_accepted", actor=actor, data={"issue": accepted})
    after = order_snapshot(order)
    parsed = parse_issues([accepted])
    index = parsed[0].line_index if parsed else None
    remember = (
        accepted.get("code") in ("price_mismatch", "price_below_list")
        and index is not None
        and index < len(after["lines"])
    )
    if remember:  # only the accepted line's price becomes the customer's own
        before = {**before, "lines": [before["lines"][index]]}
        after = {**after, "lines": [after["lines"][index]]}
    _learn(order=order, before=before, after=after, actor=actor, remember_prices=remember)
    return order


def _renumber(order: Order, ids: list[int]) -> None:
    lines = {line.pk: line for line in order.lines.all()}
    changed = []
    for position, line_id in enumerate(ids, start=1):
        line = lines[line_id]
        if line.position != position:
            line.position = position
            changed.append(line)
    OrderLine.objects.bulk_update(changed, ["position"])


def _structure_changed(order: Order, old_ids: list[int], new_ids: list[int]) -> None:
    _renumber(order, new_ids)
    order.issues = reindex_issues(order.issues or [], old_ids, new_ids)
    order_recompute_totals(order=order)
    _check_total_issue(order)
    order.save(update_fields=["issues", "updated_at"])


@transaction.atomic
def order_line_add(*, order: Order, actor, after: OrderLine | None = None) -> OrderLine:
    order = _locked(order)
    _require_editable(order)
    old_ids = _line_ids(order)
    top = order.lines.aggregate(top=Max("position"))["top"] or 0
    line = OrderLine.objects.create(
        tenant_id=order.tenant_id, order=order, position=top + 1, quantity=Decimal("1"), unit="EA"
    )
    new_ids = [i for i in old_ids]
    new_ids.insert(
        old_ids.index(after.pk) + 1 if after is not None and after.pk in old_ids else len(old_ids),
        line.pk,
    )
    _structure_changed(order, old_ids, new_ids)
    order_event_record(order=order, kind="line_added", actor=actor, data={"line_id": line.pk})
    line.refresh_from_db()
    return line


@transaction.atomic
def order_line_split(*, line: OrderLine, quantity: Decimal | None, actor) -> OrderLine:
    """Splits ``quantity`` off a line into a new line right below (another date, another price)."""
    order = _locked(line.order)
    _require_editable(order)
    line = OrderLine.objects.select_for_update().get(pk=line.pk, order=order)
    if quantity is None:
        quantity = (
            (line.quantity / 2).quantize(Decimal("1")) if line.quantity >= 2 else line.quantity / 2
        )
    if not Decimal("0") < quantity < line.quantity:
        raise DeskError(
            _("Split off a quantity between 0 and %(quantity)s.")
            % {"quantity": _plain(line.quantity)}
        )
    old_ids = _line_ids(order)
    line.quantity -= quantity
    line.save(update_fields=["quantity"])
    new_line = OrderLine.objects.create(
        tenant_id=order.tenant_id,
        order=order,
        position=line.position,
        product=line.product,
        customer_sku=line.customer_sku,
        description=line.description,
        quantity=quantity,
        unit=line.unit,
        unit_price=line.unit_price,
        requested_date=line.requested_date,
        extraction=line.extraction,
    )
    new_ids = list(old_ids)
    new_ids.insert(old_ids.index(line.pk) + 1, new_line.pk)
    _structure_changed(order, old_ids, new_ids)
    order_event_record(
        order=order,
        kind="line_split",
        actor=actor,
        data={"line_id": line.pk, "new_line_id": new_line.pk, "quantity": _plain(quantity)},
    )
    new_line.refresh_from_db()
    return new_line


@transaction.atomic
def order_line_delete(*, line: OrderLine, actor) -> None:
    order = _locked(line.order)
    _require_editable(order)
    before = order_snapshot(order)
    old_ids = _line_ids(order)
    snapshot = line_snapshot(line)
    line.delete()
    _structure_changed(order, old_ids, [i for i in old_ids if i != snapshot["id"]])
    order_event_record(order=order, kind="line_deleted", actor=actor, data={"line": snapshot})
    _learn(order=order, before=before, after=order_snapshot(order), actor=actor)


@transaction.atomic
def order_line_move(*, line: OrderLine, offset: int, actor) -> None:
    order = _locked(line.order)
    _require_editable(order)
    old_ids = _line_ids(order)
    index = old_ids.index(line.pk)
    target = max(0, min(len(old_ids) - 1, index + offset))
    if target == index:
        return
    new_ids = list(old_ids)
    new_ids.insert(target, new_ids.pop(index))
    _structure_changed(order, old_ids, new_ids)
    order_event_record(
        order=order,
        kind="lines_reordered",
        actor=actor,
        data={"line_id": line.pk, "from": index + 1, "to": target + 1},
    )


# ---------------------------------------------------------------- decisions


def _approval_problems(order: Order) -> list[str]:
    problems = []
    if order.customer_id is None:
        problems.append(_("Choose the customer."))
    lines = list(order.lines.all())
    if not lines:
        problems.append(_("The order has no lines."))
    missing = [str(i) for i, line in enumerate(lines, start=1) if line.product_id is None]
    if missing:
        problems.append(
            _("Choose the product of line(s) %(lines)s.") % {"lines": ", ".join(missing)}
        )
    return problems


def _leave_queue(order: Order) -> None:
    DeskLock.objects.filter(order=order).delete()
    DeskClaim.objects.filter(order=order).delete()


@transaction.atomic
def order_approve(*, order: Order, actor) -> Order:
    """Validates the order: acknowledgment and ERP export follow (``orders.services``)."""
    order = _locked(order)
    _require_editable(order)
    problems = _approval_problems(order)
    if problems:
        raise DeskError(" ".join(problems))
    _learn_confirmed_products(order=order, actor=actor)
    # The domain's validation queues the acknowledgment and the ERP export after commit.
    order_services.order_validate(order=order, actor=actor, reason=_("Approved on the order desk"))
    order.refresh_from_db()
    _leave_queue(order)
    return order


def _learn_confirmed_products(*, order: Order, actor) -> None:
    """Approving an order confirms the products the engine only proposed (words matched, a
    price that fits): a line that prints the customer's part number teaches it as an alias,
    as if the desk had picked the product by hand."""
    from ingestion.decision.settings import extraction_settings_for

    threshold = extraction_settings_for(order.tenant).threshold("line.product")
    lines = list(order.lines.order_by("position", "pk"))
    doubtful = {
        i
        for i, line in enumerate(lines)
        if line.product_id
        and line.customer_sku
        and ((line.extraction or {}).get("product") or {}).get("confidence") is not None
        and float(line.extraction["product"]["confidence"]) < threshold
    }
    if not doubtful:
        return
    after = order_snapshot(order)
    before = {
        **after,
        "lines": [
            {**line, "sku": None} if i in doubtful else line
            for i, line in enumerate(after["lines"])
        ],
    }
    _learn(order=order, before=before, after=after, actor=actor)


@transaction.atomic
def order_reject(*, order: Order, actor, reason: str) -> Order:
    order = _locked(order)
    _require_editable(order)
    if not reason.strip():
        raise DeskError(_("Say why the order is rejected."))
    order_transition(order=order, to=S.REJECTED, actor=actor, reason=reason.strip())
    _leave_queue(order)
    return order


@transaction.atomic
def order_hold(*, order: Order, actor, note: str) -> Order:
    order = _locked(order)
    if order.status not in (S.RECEIVED, S.EXTRACTED, S.NEEDS_REVIEW):
        raise DeskError(_("Only an order waiting for review can be put on hold."))
    if not note.strip():
        raise DeskError(_("Write a note saying what the order is waiting for."))
    order_transition(order=order, to=S.ON_HOLD, actor=actor, reason=note.strip())
    DeskLock.objects.filter(order=order).delete()
    return order


@transaction.atomic
def order_resume(*, order: Order, actor) -> Order:
    order = _locked(order)
    if order.status != S.ON_HOLD:
        raise DeskError(_("This order is not on hold."))
    order_transition(order=order, to=S.NEEDS_REVIEW, actor=actor, reason=_("Taken off hold"))
    return order


@transaction.atomic
def order_merge(*, order: Order, into: Order, actor) -> Order:
    """``order`` was received twice: it is cancelled as a duplicate of ``into``.

    Lines of ``order`` that ``into`` does not have yet (another product, or the same product at
    another quantity) are moved over while ``into`` can still be changed.
    """
    order = _locked(order)
    into = _locked(into)
    if order.pk == into.pk or order.tenant_id != into.tenant_id:
        raise DeskError(_("An order cannot be merged into itself."))
    _require_editable(order)
    moved = []
    if into.status in EDITABLE_STATUSES:
        existing = {(line.product_id, line.quantity) for line in into.lines.all()}
        old_into_ids = _line_ids(into)
        top = len(old_into_ids)
        for line in order.lines.order_by("position", "pk"):
            if (line.product_id, line.quantity) in existing:
                continue
            top += 1
            line.order = into
            line.position = top
            line.save(update_fields=["order", "position"])
            moved.append(line.pk)
        if moved:
            order_recompute_totals(order=into)
            into.issues = reindex_issues(into.issues or [], old_into_ids, old_into_ids + moved)
            into.save(update_fields=["issues"])
    order.duplicate_of = into
    order.save(update_fields=["duplicate_of", "updated_at"])
    order_recompute_totals(order=order)
    order_transition(
        order=order,
        to=S.CANCELLED,
        actor=actor,
        reason=_("Duplicate of %(number)s") % {"number": into.number},
        data={"merged_into": into.pk, "moved_lines": moved},
    )
    order_event_record(
        order=into,
        kind="merged",
        actor=actor,
        data={"duplicate": order.pk, "number": order.number, "moved_lines": moved},
    )
    _leave_queue(order)
    return into


@transaction.atomic
def order_split_off(*, order: Order, line_ids: list[int], actor) -> Order:
    """One message carried two orders: the chosen lines become a new order to review."""
    order = _locked(order)
    _require_editable(order)
    old_ids = _line_ids(order)
    chosen = [i for i in old_ids if i in set(line_ids)]
    if not chosen or len(chosen) == len(old_ids):
        raise DeskError(_("Choose some of the lines, not none or all of them, for the new order."))
    new_order = Order.objects.create(
        tenant_id=order.tenant_id,
        number=order_next_number(tenant=order.tenant),
        customer=order.customer,
        channel=order.channel,
        order_type=order.order_type,
        status=S.NEEDS_REVIEW,
        po_number="",
        order_date=order.order_date,
        requested_delivery_date=order.requested_delivery_date,
        ship_to=order.ship_to,
        ship_to_address=order.ship_to_address,
        currency=order.currency,
        source_document=order.source_document,
        received_at=order.received_at,
        created_by=actor,
        extraction={},
        issues=[],
    )
    new_issues = reindex_issues(order.issues or [], old_ids, chosen)
    order.lines.filter(pk__in=chosen).update(order=new_order)
    _renumber(new_order, chosen)
    new_order.issues = new_issues
    new_order.save(update_fields=["issues"])
    order_recompute_totals(order=new_order)
    _structure_changed(order, old_ids, [i for i in old_ids if i not in chosen])
    order_event_record(
        order=new_order,
        kind="split_from",
        actor=actor,
        data={"order": order.pk, "number": order.number, "lines": chosen},
    )
    order_event_record(
        order=order,
        kind="split_into",
        actor=actor,
        data={"order": new_order.pk, "number": new_order.number, "lines": chosen},
    )
    return new_order


# ---------------------------------------------------------------- claims and locks


@transaction.atomic
def order_claim(*, order: Order, user, assigned_by=None) -> DeskClaim:
    """Takes the order (or gives it to ``user``); a claim lasts until the order leaves the queue."""
    claim, _created = DeskClaim.objects.update_or_create(
        order=order,
        defaults={
            "tenant_id": order.tenant_id,
            "user": user,
            "assigned_by": assigned_by or user,
            "claimed_at": timezone.now(),
        },
    )
    order_event_record(
        order=order, kind="claimed", actor=assigned_by or user, data={"user_id": user.pk}
    )
    return claim


@transaction.atomic
def order_unclaim(*, order: Order, actor) -> None:
    if DeskClaim.objects.filter(order=order).delete()[0]:
        order_event_record(order=order, kind="unclaimed", actor=actor)


def lock_acquire(*, order: Order, user, force: bool = False) -> DeskLock:
    """Opens the order for ``user`` unless someone else has it open; returns whoever holds it.

    A lock nobody renewed for ``LOCK_TTL`` is free again. ``force`` takes it over.
    """
    now = timezone.now()
    for _attempt in range(2):
        lock = DeskLock.objects.select_related("user").filter(order=order).first()
        if lock is None:
            try:
                with transaction.atomic():
                    return DeskLock.objects.create(
                        tenant_id=order.tenant_id,
                        order=order,
                        user=user,
                        acquired_at=now,
                        heartbeat_at=now,
                    )
            except IntegrityError:  # opened by someone else at the same instant
                continue
        if lock.user_id == user.pk:
            DeskLock.objects.filter(pk=lock.pk).update(heartbeat_at=now)
            lock.heartbeat_at = now
            return lock
        if lock.is_live(now) and not force:
            return lock
        # Compare-and-set on the previous holder, so two takers cannot both win.
        taken = DeskLock.objects.filter(
            pk=lock.pk, user_id=lock.user_id, heartbeat_at=lock.heartbeat_at
        ).update(
            user=user,
            acquired_at=now,
            heartbeat_at=now,
        )
        if taken:
            if force and lock.is_live(now):
                order_event_record(
                    order=order,
                    kind="lock_taken_over",
                    actor=user,
                    data={"from_user_id": lock.user_id},
                )
            lock.user, lock.acquired_at, lock.heartbeat_at = user, now, now
            return lock
    return DeskLock.objects.select_related("user").get(order=order)


def lock_release(*, order: Order, user, heartbeat_at=None) -> None:
    """Frees the order if ``user`` holds it; with ``heartbeat_at`` (the last heartbeat the
    leaving page saw), only if nobody renewed the lock since, e.g. the same order reopened."""
    held = DeskLock.objects.filter(order=order, user=user)
    if heartbeat_at is not None:
        held = held.filter(heartbeat_at__lte=heartbeat_at)
    held.delete()


__all__ = [
    "DeskError",
    "lock_acquire",
    "lock_release",
    "order_approve",
    "order_claim",
    "order_header_update",
    "order_hold",
    "order_issue_accept",
    "order_line_add",
    "order_line_delete",
    "order_line_move",
    "order_line_split",
    "order_line_update",
    "order_merge",
    "order_reject",
    "order_resume",
    "order_snapshot",
    "order_split_off",
    "order_unclaim",
]
