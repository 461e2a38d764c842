"""Order pages.

Who may do what: every staff role reads orders (list, detail, PDF copy); sales reps start from
their own portfolio. The order desk, managers and admins create and edit orders by hand and move
them (validate, hold, cancel), resend acknowledgments and retry exports. The failed exports list
is for admins and managers; the ERP connector settings for admins. Delivery notes and invoices
are imported by admins, managers, logistics and accounting.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from customers.models import Customer
from customers.selectors import customer_sales_reps
from orders.acknowledgments import acknowledgment_pdf, order_acknowledgment_send
from orders.export import erp_connector_save, order_export_retry
from orders.forms import (
    ErpConnectorForm,
    FulfilmentImportForm,
    LineFormSet,
    OrderFilterForm,
    OrderHeaderForm,
    ReasonForm,
)
from orders.fulfilment import delivery_notes_import, invoices_import, order_progress
from orders.models import ErpConnector, ExportStatus, Order, OrderStatus
from orders.selectors import OrderFilters, order_get_detail, order_list
from orders.services import (
    ALLOWED_TRANSITIONS,
    EDITABLE_STATUSES,
    OrderError,
    order_cancel,
    order_create,
    order_hold,
    order_update,
    order_validate,
)
from tenants.models import Role
from tenants.roles import MANAGERS, staff_view

PAGE_SIZE = 50
DESK = (Role.ADMIN, Role.MANAGER, Role.ORDER_DESK)
FULFILMENT = (Role.ADMIN, Role.MANAGER, Role.LOGISTICS, Role.ACCOUNTING)
OPEN = ("validated", "exported", "in_fulfilment")


@staff_view()
def order_list_view(request: HttpRequest) -> HttpResponse:
    params = request.GET.copy()
    if "rep" not in params and request.role == Role.SALES_REP:
        params["rep"] = "mine"  # a sales rep starts from their own portfolio
    form = OrderFilterForm(params, reps=customer_sales_reps(tenant=request.tenant))
    data = form.cleaned_data if form.is_valid() else {}
    rep = data.get("rep") or ""
    filters = OrderFilters(
        query=data.get("q", ""),
        status="" if data.get("status") == "open" else data.get("status", ""),
        channel=data.get("channel", ""),
        order_type=data.get("order_type", ""),
        customer_id=data.get("customer"),
        sales_rep_id=request.user.pk if rep == "mine" else (int(rep) if rep.isdigit() else None),
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
    )
    orders = order_list(tenant=request.tenant, filters=filters)
    if data.get("status") == "open":
        orders = orders.filter(status__in=OPEN)
    page = Paginator(orders, PAGE_SIZE).get_page(request.GET.get("page"))
    customer = (
        Customer.objects.for_tenant(request.tenant).filter(pk=filters.customer_id).first()
        if filters.customer_id
        else None
    )
    template = (
        "orders/list.html#results"
        if request.htmx and not request.htmx.boosted
        else "orders/list.html"
    )
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "customer": customer,
            "can_create": request.role in DESK,
            "can_manage": request.role in MANAGERS,
            "is_admin": request.role == Role.ADMIN,
            "can_import": request.role in FULFILMENT,
        },
    )


def _source_link(order: Order) -> str:
    document = order.source_document
    if document is None:
        return ""
    for name in ("ingestion:document", "desk:document"):
        try:
            return reverse(name, kwargs={"pk": document.pk})
        except NoReverseMatch:
            continue
    return document.file.url if document.file else ""


EVENT_LABELS = {
    "created": gettext_lazy("Order created"),
    "edited": gettext_lazy("Edited"),
    "acknowledgment_sent": gettext_lazy("Acknowledgment sent"),
    "acknowledgment_skipped": gettext_lazy("Acknowledgment not sent"),
    "export_failed": gettext_lazy("ERP export failed"),
    "export_retried": gettext_lazy("ERP export asked again"),
    "delivery_note": gettext_lazy("Delivery note"),
    "invoice": gettext_lazy("Invoice"),
    "auto_approved": gettext_lazy("Approved automatically"),
    # moves of the ingestion pipeline and of the order desk
    "drafted": gettext_lazy("Drafted from the document"),
    "claimed": gettext_lazy("Taken for review"),
    "unclaimed": gettext_lazy("Released"),
    "lock_taken_over": gettext_lazy("Review taken over"),
    "field_corrected": gettext_lazy("Field corrected"),
    "issue_accepted": gettext_lazy("Issue accepted"),
    "line_added": gettext_lazy("Line added"),
    "line_deleted": gettext_lazy("Line deleted"),
    "line_split": gettext_lazy("Line split"),
    "lines_reordered": gettext_lazy("Lines reordered"),
    "merged": gettext_lazy("Merged"),
    "split_from": gettext_lazy("Split from"),
    "split_into": gettext_lazy("Split into"),
    "learned": gettext_lazy("Learned for next time"),
}


def _events_for_display(order: Order) -> list:
    events = list(order.events.select_related("actor"))
    for event in events:
        if event.kind == "status_changed":
            labels = [
                OrderStatus(s).label if s in OrderStatus.values else s
                for s in (event.from_status, event.to_status)
            ]
            event.label = f"{labels[0]} → {labels[1]}"
        else:
            event.label = EVENT_LABELS.get(event.kind, event.kind.replace("_", " "))
        number = (event.data or {}).get("number") if isinstance(event.data, dict) else None
        if number:
            event.label = f"{event.label} {number}"
    return events


@staff_view()
def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    order = order_get_detail(tenant=request.tenant, pk=pk)
    progress = order_progress(order=order)
    lines = list(order.lines.select_related("product"))
    for line in lines:
        line.progress = progress.get(line.pk)
    can_move = request.role in DESK
    allowed = ALLOWED_TRANSITIONS.get(order.status, frozenset())
    return render(
        request,
        "orders/detail.html",
        {
            "order": order,
            "lines": lines,
            "events": _events_for_display(order),
            "delivery_notes": order.delivery_notes.prefetch_related("lines__order_line"),
            "invoices": order.invoices.prefetch_related("lines__order_line"),
            "attempts": order.export_attempts.all()[:20],
            "source_link": _source_link(order),
            "can_edit": can_move and order.status in EDITABLE_STATUSES,
            "can_validate": can_move and OrderStatus.VALIDATED in allowed,
            "can_hold": can_move and OrderStatus.ON_HOLD in allowed,
            "can_cancel": can_move and OrderStatus.CANCELLED in allowed,
            "can_resend": can_move
            and order.status
            not in (*EDITABLE_STATUSES, OrderStatus.REJECTED, OrderStatus.CANCELLED),
            "can_retry_export": can_move
            and order.status == OrderStatus.VALIDATED
            and order.export_status != ExportStatus.SUCCEEDED,
            "has_connector": ErpConnector.objects.for_tenant(request.tenant)
            .filter(active=True)
            .exists(),
            "reason_form": ReasonForm(),
        },
    )


def _order_form_page(request: HttpRequest, order: Order | None) -> HttpResponse:
    tenant = request.tenant
    if request.method == "POST":
        customer = (
            Customer.objects.for_tenant(tenant)
            .filter(code=(request.POST.get("customer") or "").strip())
            .first()
        )
        data = request.POST.copy()
        if "add_line" in data:
            # Another empty line, nothing checked or saved yet (works without JavaScript too).
            total = (
                int(data.get("lines-TOTAL_FORMS") or 0)
                if (data.get("lines-TOTAL_FORMS") or "").isdigit()
                else 0
            )
            data["lines-TOTAL_FORMS"] = str(min(total + 1, 500))
        header = OrderHeaderForm(data, tenant=tenant)
        lines = LineFormSet(
            data, prefix="lines", form_kwargs={"tenant": tenant, "customer": customer}
        )
        if "add_line" in data:
            return _order_form_render(request, order, header, lines, show_errors=False)
        if header.is_valid() and lines.is_valid():
            values = dict(header.cleaned_data)
            customer = values.pop("customer")
            if values["ship_to"] is not None and values["ship_to"].customer_id != customer.pk:
                header.add_error("ship_to", _("This address belongs to another customer."))
            else:
                line_data = [form.as_line() for form in lines.forms if not form.is_blank()]
                try:
                    with transaction.atomic():
                        if order is None:
                            if values["ship_to"] is None:
                                values.pop("ship_to")
                            saved = order_create(
                                tenant=tenant,
                                customer=customer,
                                channel="phone",
                                lines=line_data,
                                actor=request.user,
                                status=OrderStatus.NEEDS_REVIEW,
                                **values,
                            )
                        else:
                            saved = order_update(
                                order=order,
                                actor=request.user,
                                customer=customer,
                                lines=line_data,
                                **values,
                            )
                        if "validate" in request.POST:
                            order_validate(order=saved, actor=request.user)
                except OrderError as error:
                    header.add_error(None, str(error))
                else:
                    done = (
                        _("Order %(number)s saved and validated.")
                        if "validate" in request.POST
                        else _("Order %(number)s saved.")
                    )
                    messages.success(request, done % {"number": saved.number})
                    return redirect("orders:detail", pk=saved.pk)
        return _order_form_render(request, order, header, lines, status=400)
    if order is None:
        # An order taken on the phone is dated the day it is taken.
        header = OrderHeaderForm(
            tenant=tenant,
            initial={
                "customer": request.GET.get("customer", ""),
                "order_date": timezone.localdate(),
            },
        )
        lines = LineFormSet(prefix="lines", form_kwargs={"tenant": tenant}, initial=[{}, {}, {}])
    else:
        header = OrderHeaderForm(
            tenant=tenant,
            initial={
                "customer": order.customer.code if order.customer else "",
                "order_type": order.order_type,
                "po_number": order.po_number,
                "order_date": order.order_date,
                "requested_delivery_date": order.requested_delivery_date,
                "ship_to": order.ship_to_id,
                "notes": order.notes,
            },
        )
        lines = LineFormSet(
            prefix="lines",
            form_kwargs={"tenant": tenant, "customer": order.customer},
            initial=[
                {
                    "id": line.pk,
                    "product_code": line.product.sku if line.product else line.customer_sku,
                    "description": line.description,
                    "quantity": line.quantity,
                    "unit_price": line.unit_price,
                    "requested_date": line.requested_date,
                }
                for line in order.lines.select_related("product")
            ]
            + [{}],
        )
    return _order_form_render(request, order, header, lines)


def _order_form_render(request, order, header, lines, status: int = 200, show_errors: bool = True):
    return render(
        request,
        "orders/form.html",
        {
            "order": order,
            "header": header,
            "lines": lines,
            "show_errors": show_errors and header.is_bound,
        },
        status=status,
    )


@staff_view(*DESK)
def order_create_view(request: HttpRequest) -> HttpResponse:
    return _order_form_page(request, None)


@staff_view(*DESK)
def order_edit(request: HttpRequest, pk: int) -> HttpResponse:
    order = order_get_detail(tenant=request.tenant, pk=pk)
    if order.status not in EDITABLE_STATUSES:
        messages.error(
            request,
            _("An order in status %(status)s cannot be edited.")
            % {"status": order.get_status_display()},
        )
        return redirect("orders:detail", pk=order.pk)
    return _order_form_page(request, order)


def _back(request: HttpRequest, order: Order) -> HttpResponse:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("orders:detail", pk=order.pk)


@staff_view(*DESK)
@require_POST
def order_validate_view(request: HttpRequest, pk: int) -> HttpResponse:
    order = order_get_detail(tenant=request.tenant, pk=pk)
    try:
        order_validate(order=order, actor=request.user)
    except OrderError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Order %(number)s validated.") % {"number": order.number})
    return _back(request, order)


def _move_with_reason(request: HttpRequest, pk: int, service, done: str) -> HttpResponse:
    order = order_get_detail(tenant=request.tenant, pk=pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason."))
        return _back(request, order)
    try:
        service(order=order, actor=request.user, reason=form.cleaned_data["reason"])
    except OrderError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done % {"number": order.number})
    return _back(request, order)


@staff_view(*DESK)
@require_POST
def order_hold_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _move_with_reason(request, pk, order_hold, _("Order %(number)s put on hold."))


@staff_view(*DESK)
@require_POST
def order_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _move_with_reason(request, pk, order_cancel, _("Order %(number)s cancelled."))


@staff_view(*DESK)
@require_POST
def order_resend_acknowledgment(request: HttpRequest, pk: int) -> HttpResponse:
    order = order_get_detail(tenant=request.tenant, pk=pk)
    if order_acknowledgment_send(order=order, actor=request.user):
        messages.success(request, _("Acknowledgment sent again."))
    else:
        messages.error(
            request, _("The customer has no contact with an email address for acknowledgments.")
        )
    return _back(request, order)


@staff_view(*DESK)
@require_POST
def order_retry_export(request: HttpRequest, pk: int) -> HttpResponse:
    order = order_get_detail(tenant=request.tenant, pk=pk)
    try:
        order_export_retry(order=order, actor=request.user)
    except OrderError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Export of %(number)s queued.") % {"number": order.number})
    return _back(request, order)


@staff_view()
def order_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    order = order_get_detail(tenant=request.tenant, pk=pk)
    response = HttpResponse(acknowledgment_pdf(order=order), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{order.number}.pdf"'
    return response


@staff_view(*MANAGERS)
def export_failures(request: HttpRequest) -> HttpResponse:
    orders = (
        Order.objects.for_tenant(request.tenant)
        .filter(export_status=ExportStatus.FAILED)
        .select_related("customer")
        .prefetch_related("export_attempts")
        .order_by("-updated_at")
    )
    page = Paginator(orders, PAGE_SIZE).get_page(request.GET.get("page"))
    for order in page:
        order.last_attempt = next(iter(order.export_attempts.all()), None)
    return render(request, "orders/export_failures.html", {"page": page})


@staff_view(Role.ADMIN)
def erp_settings(request: HttpRequest) -> HttpResponse:
    connector = ErpConnector.objects.for_tenant(request.tenant).first() or ErpConnector(
        tenant=request.tenant
    )
    form = ErpConnectorForm(request.POST or None, instance=connector)
    if request.method == "POST" and form.is_valid():
        erp_connector_save(
            tenant=request.tenant, form=form, new_secret=form.cleaned_data["new_secret"]
        )
        messages.success(request, _("ERP connector saved."))
        return redirect("orders:erp_settings")
    return render(
        request,
        "orders/erp_settings.html",
        {"form": form, "connector": connector},
        status=400 if request.method == "POST" else 200,
    )


@staff_view(*FULFILMENT)
def fulfilment_import(request: HttpRequest) -> HttpResponse:
    form = FulfilmentImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        service = (
            delivery_notes_import
            if form.cleaned_data["kind"] == "delivery_notes"
            else invoices_import
        )
        report = service(
            tenant=request.tenant,
            data=form.cleaned_data["file"].read(),
            actor=request.user,
            dry_run=form.cleaned_data["check_only"],
        )
        if report.applied:
            messages.success(
                request, _("Imported: %(summary)s.") % {"summary": report.summary_display()}
            )
        elif not report.ok:
            messages.error(request, _("Refused: %(reason)s") % {"reason": report.refusal_reason()})
    return render(request, "orders/fulfilment_import.html", {"form": form, "report": report})
