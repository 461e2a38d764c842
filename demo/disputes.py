"""Disputes in the demo history: a few per hundred shipped orders, of every type.

Deterministic like the rest of the generator (its seeded ``rng("disputes")`` and its "today");
written with bulk inserts, at most ``MAX_DISPUTES`` per tenant so the large scale stays fast.
Old disputes are settled (resolved, rejected, closed); recent ones are still open, some late.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from disputes.models import (
    Dispute,
    DisputeComment,
    DisputeEvent,
    DisputeNumberSequence,
    DisputeStatus,
    DisputeType,
    Resolution,
)
from disputes.services import dispute_due_at
from orders.models import DeliveryNote, Invoice, Order, OrderLine, OrderStatus
from tenants.models import Role

if TYPE_CHECKING:
    from demo.generator import Generator

T, S = DisputeType, DisputeStatus
MAX_DISPUTES = 400
ORDERS_PER_DISPUTE = 40
# How often each type comes up once every type has appeared once.
TYPE_WEIGHTS = (
    (T.DAMAGED, 0.22),
    (T.MISSING, 0.22),
    (T.WRONG_ITEM, 0.12),
    (T.LATE, 0.14),
    (T.PRICING, 0.12),
    (T.QUALITY, 0.08),
    (T.RETURN, 0.06),
    (T.OTHER, 0.04),
)
WITH_LINES = (T.DAMAGED, T.MISSING, T.WRONG_ITEM, T.QUALITY, T.RETURN)
DESCRIPTIONS = {
    T.DAMAGED: "Two cartons arrived crushed, the goods inside are unusable.",
    T.MISSING: "The pallet was short: fewer cartons than on the delivery note.",
    T.WRONG_ITEM: "We received another article than the one ordered.",
    T.LATE: "Delivered several days after the promised date; our line stopped.",
    T.PRICING: "The invoiced unit price is not our contract price.",
    T.QUALITY: "Part of the batch does not meet the specification.",
    T.RETURN: "We ordered too many and would like to send the surplus back.",
    T.OTHER: "The delivery documents were missing from the parcel.",
}
SHIPPED = (OrderStatus.SHIPPED, OrderStatus.INVOICED, OrderStatus.CLOSED)


def _owner_for(staff: dict, type: str):
    role = Role.ACCOUNTING if type == T.PRICING else Role.LOGISTICS
    return staff.get(role) or staff.get(Role.MANAGER) or staff.get(Role.ADMIN)


def make_disputes(generator: Generator) -> int:
    """Writes the tenant's disputes; returns how many."""
    tenant, rng, today = generator.tenant, generator.rng("disputes"), generator.today
    from demo.generator import at

    since = today - dt.timedelta(days=365)
    candidates = list(
        Order.objects.for_tenant(tenant)
        .filter(status__in=SHIPPED, order_date__gte=since, customer__isnull=False)
        .order_by("number")
        .values_list("pk", flat=True)
    )
    if not candidates:
        return 0
    count = min(
        MAX_DISPUTES, len(candidates), max(len(T.values), len(candidates) // ORDERS_PER_DISPUTE)
    )
    chosen = rng.sample(candidates, count)
    orders = {
        o.pk: o
        for o in Order.objects.for_tenant(tenant).filter(pk__in=chosen).select_related("customer")
    }
    notes = {}
    for note in DeliveryNote.objects.for_tenant(tenant).filter(order_id__in=chosen).order_by("pk"):
        notes.setdefault(note.order_id, note)
    invoices = {}
    for invoice in Invoice.objects.for_tenant(tenant).filter(order_id__in=chosen).order_by("pk"):
        invoices.setdefault(invoice.order_id, invoice)
    lines = defaultdict(list)
    for line in OrderLine.objects.for_tenant(tenant).filter(order_id__in=chosen).order_by("pk"):
        lines[line.order_id].append(line)
    now = at(today, 17 * 60)
    staff = generator.staff

    rows = []
    for k, order_id in enumerate(chosen):
        order = orders[order_id]
        type = (
            T.values[k] if k < len(T.values) else rng.choices(*zip(*TYPE_WEIGHTS, strict=True))[0]
        )
        note, invoice = notes.get(order_id), invoices.get(order_id)
        shipped = note.shipped_at if note and note.shipped_at else order.order_date
        day = min(shipped + dt.timedelta(days=rng.randint(2, 12)), today)
        opened_at = min(at(day, rng.randint(8 * 60, 17 * 60)), now)
        amount = None
        picked = []
        if type in WITH_LINES and lines[order_id]:
            picked = rng.sample(lines[order_id], min(len(lines[order_id]), rng.choice((1, 1, 2))))
            amount = sum((line.line_total for line in picked), Decimal("0")).quantize(
                Decimal("0.01")
            )
        elif type == T.PRICING and invoice:
            amount = (invoice.total_net * Decimal(rng.choice(("0.03", "0.05", "0.1")))).quantize(
                Decimal("0.01")
            )
        rows.append((order, type, note, invoice, opened_at, amount, picked))
    rows.sort(key=lambda row: (row[4], row[0].number))

    numbers: dict[int, int] = defaultdict(int)
    disputes, histories = [], []
    for order, type, note, invoice, opened_at, amount, picked in rows:
        year = opened_at.year
        numbers[year] += 1
        owner = _owner_for(staff, type)
        age = (now - opened_at).days
        events = [("opened", "", S.OPEN, None, opened_at)]
        status, resolution, resolution_amount, resolved_at = S.OPEN, "", None, None
        moment = opened_at
        if age > 1 or rng.random() < 0.5:  # someone took it
            moment += dt.timedelta(hours=rng.randint(1, 20))
            events += [("assigned", "", "", owner, moment)]
            events += [("status_changed", S.OPEN, S.IN_PROGRESS, owner, moment)]
            status = S.IN_PROGRESS
        if status == S.IN_PROGRESS and rng.random() < (0.6 if age > 20 else 0.25):
            moment += dt.timedelta(days=rng.randint(1, 3))
            events += [("status_changed", S.IN_PROGRESS, S.WAITING_CUSTOMER, owner, moment)]
            status = S.WAITING_CUSTOMER
            if age > 20:
                moment += dt.timedelta(days=rng.randint(1, 4))
                events += [("status_changed", S.WAITING_CUSTOMER, S.IN_PROGRESS, owner, moment)]
                status = S.IN_PROGRESS
        if age > 20 or (age > 6 and rng.random() < 0.5):
            moment += dt.timedelta(days=rng.randint(0, 5), hours=rng.randint(1, 6))
            moment = min(moment, now)
            if rng.random() < 0.15:
                status = S.REJECTED
                events += [("status_changed", events[-1][2], S.REJECTED, owner, moment)]
            else:
                status = S.RESOLVED
                resolution = {
                    T.DAMAGED: Resolution.REPLACEMENT,
                    T.MISSING: Resolution.REPLACEMENT,
                    T.WRONG_ITEM: Resolution.REPLACEMENT,
                    T.LATE: Resolution.NONE,
                    T.RETURN: Resolution.REFUND,
                    T.OTHER: Resolution.NONE,
                }.get(type, Resolution.CREDIT_NOTE)
                if resolution in (Resolution.CREDIT_NOTE, Resolution.REFUND):
                    resolution_amount = amount or Decimal("50.00")
                events += [("status_changed", events[-1][2], S.RESOLVED, owner, moment)]
            resolved_at = moment
            if age > 45:
                later = min(moment + dt.timedelta(days=rng.randint(3, 15)), now)
                events += [("status_changed", status, S.CLOSED, owner, later)]
                status = S.CLOSED
        disputes.append(
            Dispute(
                tenant=tenant,
                number=f"LIT-{year}-{numbers[year]:05d}",
                customer_id=order.customer_id,
                order=order,
                invoice=invoice if type == T.PRICING else None,
                delivery_note=note if type != T.PRICING else None,
                type=type,
                status=status,
                description=DESCRIPTIONS[type],
                owner=owner if len(events) > 1 else None,
                opened_by=staff.get(Role.MANAGER) or staff.get(Role.ADMIN),
                opened_at=opened_at,
                due_at=dispute_due_at(tenant=tenant, type=type, opened_at=opened_at),
                resolved_at=resolved_at,
                currency=order.currency,
                amount_claimed=amount,
                resolution=resolution,
                resolution_amount=resolution_amount,
            )
        )
        histories.append((events, picked, owner))
    Dispute.objects.bulk_create(disputes)
    if any(d.pk is None for d in disputes):  # a backend that does not return ids
        by_number = dict(Dispute.objects.for_tenant(tenant).values_list("number", "pk"))
        for dispute in disputes:
            dispute.pk = dispute.id = by_number[dispute.number]

    through = Dispute.lines.through
    events, links, comments = [], [], []
    for dispute, (history, picked, owner) in zip(disputes, histories, strict=True):
        links += [through(dispute_id=dispute.pk, orderline_id=line.pk) for line in picked]
        for kind, from_status, to_status, actor, moment in history:
            data = (
                {"owner": owner.pk, "owner_name": str(owner)}
                if kind == "assigned" and owner
                else {}
            )
            if to_status == S.RESOLVED:
                data = {
                    "resolution": dispute.resolution,
                    "amount": str(dispute.resolution_amount) if dispute.resolution_amount else None,
                }
            events.append(
                DisputeEvent(
                    tenant=tenant,
                    dispute_id=dispute.pk,
                    kind=kind,
                    from_status=from_status,
                    to_status=to_status,
                    actor=actor or dispute.opened_by,
                    created_at=moment,
                    data=data,
                    reason="Not covered: the damage was not noted on delivery."
                    if to_status == S.REJECTED
                    else "",
                )
            )
        if len(history) > 2:
            comments.append(
                DisputeComment(
                    tenant=tenant,
                    dispute_id=dispute.pk,
                    author=owner,
                    body="Asked the carrier for the proof of delivery.",
                    internal=True,
                    created_at=history[1][4],
                )
            )
    through.objects.bulk_create(links)
    DisputeEvent.objects.bulk_create(events)
    DisputeComment.objects.bulk_create(comments)
    for year, last in numbers.items():
        DisputeNumberSequence.objects.update_or_create(
            tenant=tenant, year=year, defaults={"last_value": last}
        )
    return len(disputes)
