"""Delivery notes and invoices coming back from the ERP (API or CSV), and the order status they
imply: partially shipped → ``in_fulfilment``, every line shipped → ``shipped``, every line
invoiced → ``invoiced``.

CSV formats (UTF-8, header row; one row per line, rows of one document share its number):

delivery_notes.csv: ``delivery_note, order_number, line, sku, quantity`` + optional
``carrier, tracking_number, shipped_on, delivered_on`` — ``line`` is the order line position;
when empty, ``sku`` picks the order line.

invoices.csv: ``invoice, order_number, issued_on, line, sku, quantity, unit_price`` + optional
``due_on, tax_amount, paid_amount, currency`` (per invoice, read from its first row).

A document whose number already exists is left as it is (importing twice changes nothing).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from customers.imports import ImportRefused, ImportReport, RowIssue, csv_rows
from orders.models import (
    DeliveryNote,
    DeliveryNoteLine,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    Order,
    OrderLine,
    OrderStatus,
)
from orders.services import CENT, OrderError, order_event_record, order_transition
from tenants.models import Tenant

S = OrderStatus
FULFILLABLE_STATUSES = (S.VALIDATED, S.EXPORTED, S.IN_FULFILMENT, S.SHIPPED)
INVOICEABLE_STATUSES = (S.VALIDATED, S.EXPORTED, S.IN_FULFILMENT, S.SHIPPED, S.INVOICED)
DELIVERY_COLUMNS = ("delivery_note", "order_number", "line", "sku", "quantity")
INVOICE_COLUMNS = ("invoice", "order_number", "issued_on", "line", "sku", "quantity", "unit_price")


@dataclass(frozen=True)
class LineProgress:
    ordered: Decimal
    shipped: Decimal
    invoiced: Decimal

    @property
    def backlog(self) -> Decimal:
        """Ordered but not shipped yet."""
        return max(self.ordered - self.shipped, Decimal("0"))


def order_progress(*, order: Order) -> dict[int, LineProgress]:
    """Ordered, shipped and invoiced quantity of each line of the order, by line id."""
    return orders_progress(order_ids=[order.pk])


def orders_progress(*, order_ids: list[int]) -> dict[int, LineProgress]:
    """``order_progress`` of several orders at once (three queries), by line id."""
    shipped = dict(
        DeliveryNoteLine.objects.filter(order_line__order_id__in=order_ids)
        .values("order_line")
        .annotate(q=Sum("quantity"))
        .values_list("order_line", "q")
    )
    invoiced = dict(
        InvoiceLine.objects.filter(order_line__order_id__in=order_ids)
        .exclude(invoice__status=InvoiceStatus.CANCELLED)
        .values("order_line")
        .annotate(q=Sum("quantity"))
        .values_list("order_line", "q")
    )
    zero = Decimal("0")
    return {
        pk: LineProgress(quantity, shipped.get(pk) or zero, invoiced.get(pk) or zero)
        for pk, quantity in OrderLine.objects.filter(order_id__in=order_ids).values_list(
            "pk", "quantity"
        )
    }


def _resolve_line(order: Order, *, position, sku: str = "") -> OrderLine:
    lines = order.lines.select_related("product")
    if position not in (None, ""):
        try:
            return lines.get(position=int(position))
        except (OrderLine.DoesNotExist, OrderLine.MultipleObjectsReturned, ValueError, TypeError):
            raise OrderError(
                _("order %(number)s has no line %(line)s")
                % {"number": order.number, "line": position}
            )
    if sku:
        matches = [line for line in lines if line.product and line.product.sku == sku]
        if len(matches) == 1:
            return matches[0]
        message = (
            _("order %(number)s has no line(s) for sku %(sku)s")
            if not matches
            else _("order %(number)s has several line(s) for sku %(sku)s")
        )
        raise OrderError(message % {"number": order.number, "sku": sku})
    raise OrderError(_("each line needs a line position or a sku"))


def _quantity(value, what: str = "quantity") -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise OrderError(_("%(what)s %(value)r is not a number") % {"what": what, "value": value})
    if not number.is_finite() or number <= 0:
        raise OrderError(_("%(what)s must be greater than zero") % {"what": what})
    return number


@transaction.atomic
def order_fulfilment_sync(*, order: Order, actor=None) -> Order:
    """Moves the order to what its delivery notes and invoices say, through allowed steps."""
    order = Order.objects.select_for_update().get(pk=order.pk)
    progress = order_progress(order=order).values()
    if not progress:
        return order
    fully_invoiced = all(p.invoiced >= p.ordered for p in progress)
    fully_shipped = all(p.shipped >= p.ordered for p in progress)
    partly_shipped = any(p.shipped > 0 for p in progress)
    if fully_invoiced:
        path = [S.SHIPPED, S.INVOICED] if order.status == S.VALIDATED else [S.INVOICED]
    elif fully_shipped:
        path = [S.SHIPPED]
    elif partly_shipped:
        path = [S.IN_FULFILMENT]
    else:
        return order
    order_rank = [S.VALIDATED, S.EXPORTED, S.IN_FULFILMENT, S.SHIPPED, S.INVOICED, S.CLOSED]
    for target in path:
        if order.status not in order_rank or order_rank.index(order.status) >= order_rank.index(
            target
        ):
            continue
        order_transition(
            order=order,
            to=target,
            actor=actor,
            reason="From the ERP's delivery notes and invoices.",
        )
    return order


@transaction.atomic
def delivery_note_record(
    *,
    tenant: Tenant,
    order: Order,
    number: str,
    lines: list[dict],
    carrier: str = "",
    tracking_number: str = "",
    shipped_at: dt.date | None = None,
    delivered_at: dt.date | None = None,
    actor=None,
) -> tuple[DeliveryNote, bool]:
    """Stores a delivery note (lines: ``{"line": position | "sku": sku, "quantity": q}``) and
    moves the order on. Returns (note, created); an existing number is returned unchanged."""
    if order.tenant_id != tenant.pk:
        raise OrderError(_("The order belongs to another company."))
    number = number.strip()
    if not number:
        raise OrderError(_("a delivery note needs a number"))
    existing = DeliveryNote.objects.for_tenant(tenant).filter(number=number).first()
    if existing is not None:
        if existing.order_id != order.pk:
            raise OrderError(
                _("delivery note %(number)s already exists for order %(order)s")
                % {"number": number, "order": existing.order.number}
            )
        return existing, False
    if order.status not in FULFILLABLE_STATUSES:
        raise OrderError(
            _("order %(number)s is %(status)s: it cannot be shipped")
            % {"number": order.number, "status": OrderStatus(order.status).label}
        )
    if not lines:
        raise OrderError(_("delivery note %(number)s has no lines") % {"number": number})
    note = DeliveryNote.objects.create(
        tenant=tenant,
        order=order,
        number=number[:40],
        carrier=carrier[:80],
        tracking_number=tracking_number[:80],
        shipped_at=shipped_at,
        delivered_at=delivered_at,
    )
    DeliveryNoteLine.objects.bulk_create(
        [
            DeliveryNoteLine(
                tenant=tenant,
                delivery_note=note,
                order_line=_resolve_line(order, position=item.get("line"), sku=item.get("sku", "")),
                quantity=_quantity(item.get("quantity")),
            )
            for item in lines
        ]
    )
    order_event_record(
        order=order,
        kind="delivery_note",
        actor=actor,
        data={
            "number": note.number,
            "carrier": note.carrier,
            "tracking_number": note.tracking_number,
        },
    )
    order_fulfilment_sync(order=order, actor=actor)
    return note, True


@transaction.atomic
def invoice_record(
    *,
    tenant: Tenant,
    order: Order,
    number: str,
    issued_on: dt.date,
    lines: list[dict],
    due_on: dt.date | None = None,
    tax_amount: Decimal = Decimal("0"),
    paid_amount: Decimal = Decimal("0"),
    currency: str = "",
    actor=None,
) -> tuple[Invoice, bool]:
    """Stores an invoice (lines: ``{"line"|"sku", "quantity", "unit_price"}``), totals computed
    from its lines, and moves the order on. Returns (invoice, created)."""
    if order.tenant_id != tenant.pk:
        raise OrderError(_("The order belongs to another company."))
    number = number.strip()
    if not number:
        raise OrderError(_("an invoice needs a number"))
    existing = Invoice.objects.for_tenant(tenant).filter(number=number).first()
    if existing is not None:
        if existing.order_id != order.pk:
            raise OrderError(
                _("invoice %(number)s already exists for order %(order)s")
                % {"number": number, "order": existing.order.number}
            )
        return existing, False
    if order.status not in INVOICEABLE_STATUSES:
        raise OrderError(
            _("order %(number)s is %(status)s: it cannot be invoiced")
            % {"number": order.number, "status": OrderStatus(order.status).label}
        )
    if order.customer_id is None:
        raise OrderError(_("order %(number)s has no customer") % {"number": order.number})
    if not lines:
        raise OrderError(_("invoice %(number)s has no lines") % {"number": number})
    built = []
    for item in lines:
        quantity = _quantity(item.get("quantity"))
        try:
            unit_price = Decimal(str(item.get("unit_price")))
        except (InvalidOperation, ValueError):
            raise OrderError(
                _("unit price %(value)r is not a number") % {"value": item.get("unit_price")}
            )
        if not unit_price.is_finite() or unit_price < 0:
            raise OrderError(
                _("unit price %(value)r is not a valid price") % {"value": item.get("unit_price")}
            )
        built.append(
            InvoiceLine(
                tenant=tenant,
                order_line=_resolve_line(order, position=item.get("line"), sku=item.get("sku", "")),
                quantity=quantity,
                unit_price=unit_price,
                line_total=(quantity * unit_price).quantize(CENT, rounding=ROUND_HALF_UP),
            )
        )
    net = sum((line.line_total for line in built), Decimal("0.00"))
    tax, paid = Decimal(tax_amount or 0).quantize(CENT), Decimal(paid_amount or 0).quantize(CENT)
    gross = net + tax
    status = (
        InvoiceStatus.PAID
        if paid >= gross and gross > 0
        else (InvoiceStatus.PARTIALLY_PAID if paid > 0 else InvoiceStatus.OPEN)
    )
    invoice = Invoice.objects.create(
        tenant=tenant,
        order=order,
        customer_id=order.customer_id,
        number=number[:40],
        issued_on=issued_on,
        due_on=due_on,
        currency=currency or order.currency,
        total_net=net,
        total_tax=tax,
        total_gross=gross,
        paid_amount=paid,
        status=status,
    )
    for line in built:
        line.invoice = invoice
    InvoiceLine.objects.bulk_create(built)
    order_event_record(
        order=order,
        kind="invoice",
        actor=actor,
        data={"number": invoice.number, "total_gross": format(gross, "f")},
    )
    order_fulfilment_sync(order=order, actor=actor)
    return invoice, True


# ---------------------------------------------------------------- CSV import


def _date(value: str, what: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise OrderError(
            _("%(what)s %(value)r is not an ISO date (YYYY-MM-DD)") % {"what": what, "value": value}
        )


def _group(rows, key: str, report: ImportReport) -> dict[str, list]:
    groups: dict[str, list] = {}
    for row in rows:
        if "__error__" in row.values:
            report.rejected.append(RowIssue(row.line, row.values["__error__"]))
        elif not row[key]:
            report.rejected.append(RowIssue(row.line, _("%(key)s is empty") % {"key": key}))
        else:
            groups.setdefault(row[key], []).append(row)
    return groups


def _import(
    *,
    tenant: Tenant,
    data: bytes,
    kind: str,
    columns: tuple[str, ...],
    key: str,
    record,
    actor,
    dry_run: bool,
) -> ImportReport:
    report = ImportReport(kind=kind)
    try:
        rows = csv_rows(data, required=columns)
    except ImportRefused as refusal:
        report.error = str(refusal)
        return report
    report.rows = len(rows)
    groups = _group(rows, key, report)
    orders = {
        o.number: o
        for o in Order.objects.for_tenant(tenant).filter(
            number__in={r["order_number"] for group in groups.values() for r in group}
        )
    }
    try:
        with transaction.atomic():
            for number, group in groups.items():
                first = group[0]
                order = orders.get(first["order_number"])
                if order is None or any(r["order_number"] != first["order_number"] for r in group):
                    report.rejected.append(
                        RowIssue(
                            first.line,
                            _("unknown or mixed order number for %(key)s %(number)s")
                            % {"key": key, "number": number},
                        )
                    )
                    continue
                try:
                    with transaction.atomic():
                        _document, created = record(
                            tenant=tenant, order=order, number=number, rows=group, actor=actor
                        )
                except OrderError as error:
                    report.rejected.append(RowIssue(first.line, f"{key} {number}: {error}"))
                    continue
                (report.created if created else report.unchanged).append(number)
            if report.rejected or dry_run:
                raise _Rollback
    except _Rollback:
        pass
    report.rejected.sort(key=lambda issue: issue.line)
    report.applied = report.ok and not dry_run
    return report


class _Rollback(Exception):
    pass


def _record_delivery(*, tenant, order, number, rows, actor):
    first = rows[0]
    return delivery_note_record(
        tenant=tenant,
        order=order,
        number=number,
        carrier=first["carrier"],
        tracking_number=first["tracking_number"],
        shipped_at=_date(first["shipped_on"], "shipped_on"),
        delivered_at=_date(first["delivered_on"], "delivered_on"),
        lines=[{"line": r["line"], "sku": r["sku"], "quantity": r["quantity"]} for r in rows],
        actor=actor,
    )


def _record_invoice(*, tenant, order, number, rows, actor):
    first = rows[0]
    issued_on = _date(first["issued_on"], "issued_on")
    if issued_on is None:
        raise OrderError(_("issued_on is empty"))
    amounts = {}
    for column in ("tax_amount", "paid_amount"):
        try:
            amounts[column] = Decimal(first[column] or "0")
        except InvalidOperation:
            raise OrderError(
                _("%(column)s %(value)r is not a number")
                % {"column": column, "value": first[column]}
            )
    return invoice_record(
        tenant=tenant,
        order=order,
        number=number,
        issued_on=issued_on,
        due_on=_date(first["due_on"], "due_on"),
        currency=first["currency"].upper(),
        actor=actor,
        **amounts,
        lines=[
            {
                "line": r["line"],
                "sku": r["sku"],
                "quantity": r["quantity"],
                "unit_price": r["unit_price"],
            }
            for r in rows
        ],
    )


def delivery_notes_import(
    *, tenant: Tenant, data: bytes, actor=None, dry_run: bool = False
) -> ImportReport:
    """Imports a delivery_notes.csv, all or nothing."""
    return _import(
        tenant=tenant,
        data=data,
        kind="delivery notes",
        columns=DELIVERY_COLUMNS,
        key="delivery_note",
        record=_record_delivery,
        actor=actor,
        dry_run=dry_run,
    )


def invoices_import(
    *, tenant: Tenant, data: bytes, actor=None, dry_run: bool = False
) -> ImportReport:
    """Imports an invoices.csv, all or nothing."""
    return _import(
        tenant=tenant,
        data=data,
        kind="invoices",
        columns=INVOICE_COLUMNS,
        key="invoice",
        record=_record_invoice,
        actor=actor,
        dry_run=dry_run,
    )
