"""Every write on disputes goes through here.

The status machine is guarded: ``dispute_transition`` refuses a move that is not in
``ALLOWED_TRANSITIONS`` and records every move as a ``DisputeEvent``. A dispute becomes
resolved only through ``dispute_resolve``, which needs a resolution.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from customers.models import Customer
from disputes.models import (
    ACTIVE_STATUSES,
    Dispute,
    DisputeComment,
    DisputeEvent,
    DisputeNumberSequence,
    DisputeStatus,
    DisputeType,
    Resolution,
)
from orders.models import DeliveryNote, Invoice, Order, OrderLine
from tenants.models import Membership, Role, Tenant

S = DisputeStatus

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    S.OPEN: frozenset({S.IN_PROGRESS, S.WAITING_CUSTOMER, S.RESOLVED, S.REJECTED}),
    S.IN_PROGRESS: frozenset({S.WAITING_CUSTOMER, S.RESOLVED, S.REJECTED}),
    S.WAITING_CUSTOMER: frozenset({S.IN_PROGRESS, S.RESOLVED, S.REJECTED}),
    S.RESOLVED: frozenset({S.IN_PROGRESS, S.CLOSED}),  # reopened when the customer objects
    S.REJECTED: frozenset({S.IN_PROGRESS, S.CLOSED}),
    S.CLOSED: frozenset(),
}
SETTLED_STATUSES = (S.RESOLVED, S.REJECTED)

# Business days to settle a dispute, by type; the rest get DEFAULT_SLA_DAYS. A tenant overrides
# them in Tenant.settings["disputes"]["sla_days"] = {"damaged": 1, "default": 4, ...}.
SLA_DAYS: dict[str, int] = {DisputeType.DAMAGED: 2, DisputeType.MISSING: 2}
DEFAULT_SLA_DAYS = 5
# Who may handle disputes: sales reps read them, the order desk does not see them.
DISPUTE_EDITORS = (Role.ADMIN, Role.MANAGER, Role.LOGISTICS, Role.ACCOUNTING)
DISPUTE_READERS = (*DISPUTE_EDITORS, Role.SALES_REP)
CENT = Decimal("0.01")


class DisputeError(Exception):
    """A dispute operation that is not allowed, with a reason a person can read."""


class IllegalTransition(DisputeError):
    pass


# ---------------------------------------------------------------- numbers and due dates


def dispute_next_number(*, tenant: Tenant, year: int | None = None) -> str:
    """``LIT-2026-00012``: the next number of the tenant's year, without gaps."""
    year = year or timezone.now().year
    with transaction.atomic():
        DisputeNumberSequence.objects.get_or_create(tenant=tenant, year=year)
        DisputeNumberSequence.objects.filter(tenant=tenant, year=year).update(
            last_value=F("last_value") + 1
        )
        value = (
            DisputeNumberSequence.objects.select_for_update()
            .get(tenant=tenant, year=year)
            .last_value
        )
    return f"LIT-{year}-{value:05d}"


def dispute_sla_days(*, tenant: Tenant, type: str) -> int:
    overrides = ((tenant.settings or {}).get("disputes") or {}).get("sla_days") or {}
    for key in (type, "default"):
        value = overrides.get(key) if isinstance(overrides, dict) else None
        if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= 365:
            return value
    return SLA_DAYS.get(type, DEFAULT_SLA_DAYS)


def add_business_days(moment: dt.datetime, days: int, tz: dt.tzinfo) -> dt.datetime:
    """``days`` working days (Monday to Friday) after ``moment``, same local time of day."""
    local = moment.astimezone(tz)
    day, left = local.date(), days
    while left > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    naive = dt.datetime.combine(day, local.time().replace(tzinfo=None))
    return naive.replace(tzinfo=tz)


def dispute_due_at(*, tenant: Tenant, type: str, opened_at: dt.datetime) -> dt.datetime:
    try:
        tz = zoneinfo.ZoneInfo(tenant.timezone or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        tz = dt.UTC
    return add_business_days(opened_at, dispute_sla_days(tenant=tenant, type=type), tz)


# ---------------------------------------------------------------- events


def dispute_event_record(
    *,
    dispute: Dispute,
    kind: str,
    actor=None,
    reason: str = "",
    from_status: str = "",
    to_status: str = "",
    data: dict | None = None,
) -> DisputeEvent:
    return DisputeEvent.objects.create(
        tenant_id=dispute.tenant_id,
        dispute=dispute,
        kind=kind,
        actor=actor,
        reason=reason,
        from_status=from_status,
        to_status=to_status,
        data=data or {},
    )


# ---------------------------------------------------------------- opening


def _amount(value, what: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise DisputeError(_("%(what)s is not a number.") % {"what": what})
    if not number.is_finite() or number < 0:
        raise DisputeError(_("%(what)s must be zero or more.") % {"what": what})
    return number.quantize(CENT)


def _check_links(
    *,
    tenant: Tenant,
    customer: Customer,
    order: Order | None,
    invoice: Invoice | None,
    delivery_note: DeliveryNote | None,
    lines: list[OrderLine],
) -> None:
    """Every linked record must be the same tenant's and the same customer's."""
    if customer.tenant_id != tenant.pk:
        raise DisputeError(_("This customer does not exist."))
    if order is not None and (order.tenant_id != tenant.pk or order.customer_id != customer.pk):
        raise DisputeError(_("This order is not one of this customer's."))
    if invoice is not None:
        if invoice.tenant_id != tenant.pk or invoice.customer_id != customer.pk:
            raise DisputeError(_("This invoice is not one of this customer's."))
        if order is not None and invoice.order_id != order.pk:
            raise DisputeError(_("This invoice belongs to another order."))
    if delivery_note is not None and (
        delivery_note.tenant_id != tenant.pk
        or (order is not None and delivery_note.order_id != order.pk)
    ):
        raise DisputeError(_("This delivery note belongs to another order."))
    if lines:
        if order is None:
            raise DisputeError(_("Choose the order of these lines."))
        if any(line.tenant_id != tenant.pk or line.order_id != order.pk for line in lines):
            raise DisputeError(_("These lines are not all lines of the order."))


@transaction.atomic
def dispute_open(
    *,
    tenant: Tenant,
    customer: Customer,
    type: str,
    actor,
    order: Order | None = None,
    invoice: Invoice | None = None,
    delivery_note: DeliveryNote | None = None,
    lines: Iterable[OrderLine] = (),
    description: str,
    amount=None,
) -> Dispute:
    if type not in DisputeType.values:
        raise DisputeError(_("Unknown dispute type %(type)s.") % {"type": type})
    description = (description or "").strip()
    if not description:
        raise DisputeError(_("Describe the problem."))
    lines = list(lines)
    if order is None and invoice is not None:
        order = invoice.order if invoice.tenant_id == tenant.pk else None
    _check_links(
        tenant=tenant,
        customer=customer,
        order=order,
        invoice=invoice,
        delivery_note=delivery_note,
        lines=lines,
    )
    opened_at = timezone.now()
    dispute = Dispute.objects.create(
        tenant=tenant,
        number=dispute_next_number(tenant=tenant, year=timezone.localdate(opened_at).year),
        customer=customer,
        order=order,
        invoice=invoice,
        delivery_note=delivery_note,
        type=type,
        status=S.OPEN,
        description=description,
        opened_by=actor,
        opened_at=opened_at,
        due_at=dispute_due_at(tenant=tenant, type=type, opened_at=opened_at),
        currency=(invoice.currency if invoice else order.currency if order else customer.currency),
        amount_claimed=_amount(amount, _("The amount claimed")),
    )
    if lines:
        dispute.lines.set(lines)
    dispute_event_record(dispute=dispute, kind="opened", actor=actor, to_status=S.OPEN)
    return dispute


# ---------------------------------------------------------------- moving


def _locked(dispute: Dispute) -> Dispute:
    return Dispute.objects.select_for_update().get(pk=dispute.pk, tenant_id=dispute.tenant_id)


def _move(current: Dispute, *, to: str, actor, reason: str, data: dict | None = None) -> None:
    if to not in ALLOWED_TRANSITIONS.get(current.status, frozenset()):
        raise IllegalTransition(
            _("A dispute cannot go from %(from)s to %(to)s.")
            % {"from": S(current.status).label, "to": S(to).label}
        )
    from_status = current.status
    current.status = to
    if to in SETTLED_STATUSES:
        current.resolved_at = timezone.now()
    elif to in ACTIVE_STATUSES:
        current.resolved_at = None
    current.save()
    dispute_event_record(
        dispute=current,
        kind="status_changed",
        actor=actor,
        reason=reason,
        from_status=from_status,
        to_status=to,
        data=data,
    )


def _copy_back(dispute: Dispute, current: Dispute) -> Dispute:
    for name in ("status", "resolved_at", "resolution", "resolution_amount", "owner_id"):
        setattr(dispute, name, getattr(current, name))
    return dispute


@transaction.atomic
def dispute_transition(*, dispute: Dispute, to: str, actor, reason: str = "") -> Dispute:
    if to not in S.values:
        raise DisputeError(_("Unknown status %(status)s.") % {"status": to})
    if to == S.RESOLVED:
        raise DisputeError(_("A dispute is resolved with a resolution: use Resolve."))
    current = _locked(dispute)
    if to == S.REJECTED and not reason.strip():
        raise DisputeError(_("Give the reason of the rejection."))
    _move(current, to=to, actor=actor, reason=reason.strip())
    return _copy_back(dispute, current)


@transaction.atomic
def dispute_resolve(
    *, dispute: Dispute, actor, resolution: str, amount=None, reason: str = ""
) -> Dispute:
    if resolution not in Resolution.values:
        raise DisputeError(_("Choose a resolution."))
    value = _amount(amount, _("The resolution amount"))
    if resolution in (Resolution.CREDIT_NOTE, Resolution.REFUND) and not value:
        raise DisputeError(_("A credit note or a refund needs an amount."))
    if resolution == Resolution.NONE:
        value = None
    current = _locked(dispute)
    if S.RESOLVED not in ALLOWED_TRANSITIONS.get(current.status, frozenset()):
        raise IllegalTransition(
            _("A dispute cannot go from %(from)s to %(to)s.")
            % {"from": S(current.status).label, "to": S.RESOLVED.label}
        )
    current.resolution = resolution
    current.resolution_amount = value
    _move(
        current,
        to=S.RESOLVED,
        actor=actor,
        reason=reason.strip(),
        data={"resolution": resolution, "amount": str(value) if value is not None else None},
    )
    return _copy_back(dispute, current)


def dispute_assignable_users(*, tenant: Tenant):
    from tenants.models import User

    return User.objects.filter(
        memberships__tenant=tenant, memberships__role__in=DISPUTE_EDITORS
    ).order_by("first_name", "last_name", "email")


@transaction.atomic
def dispute_assign(*, dispute: Dispute, owner, actor) -> Dispute:
    """Gives the dispute to ``owner`` (None: nobody); a new dispute is then in progress."""
    if (
        owner is not None
        and not Membership.objects.filter(
            tenant_id=dispute.tenant_id, user=owner, role__in=DISPUTE_EDITORS
        ).exists()
    ):
        raise DisputeError(_("This person cannot handle disputes."))
    current = _locked(dispute)
    if current.status == S.CLOSED:
        raise DisputeError(_("A closed dispute cannot be assigned."))
    previous = current.owner_id
    if previous == (owner.pk if owner else None):
        return _copy_back(dispute, current)
    current.owner = owner
    current.save(update_fields=["owner", "updated_at"])
    dispute_event_record(
        dispute=current,
        kind="assigned",
        actor=actor,
        data={"owner": owner.pk if owner else None, "owner_name": str(owner) if owner else ""},
    )
    if owner is not None and current.status == S.OPEN:
        _move(current, to=S.IN_PROGRESS, actor=actor, reason="")
    dispute.owner = owner
    return _copy_back(dispute, current)


@transaction.atomic
def dispute_comment_add(
    *, dispute: Dispute, author, body: str, internal: bool = False
) -> DisputeComment:
    body = (body or "").strip()
    if not body:
        raise DisputeError(_("Write a comment."))
    if len(body) > 10_000:
        raise DisputeError(_("A comment is at most 10,000 characters long."))
    return DisputeComment.objects.create(
        tenant_id=dispute.tenant_id, dispute=dispute, author=author, body=body, internal=internal
    )
