"""Dispute pages.

Who may do what: admins, managers, logistics and accounting open, assign, move, resolve and
comment disputes; sales reps read them (starting from their own portfolio); the order desk has
no access to disputes.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from customers.models import Customer
from customers.selectors import customer_sales_reps
from disputes.forms import (
    CommentForm,
    CustomerPickForm,
    DisputeFilterForm,
    DisputeOpenForm,
    ResolveForm,
    StatusForm,
)
from disputes.models import Dispute, DisputeStatus
from disputes.selectors import DisputeFilters, dispute_get_detail, dispute_list
from disputes.services import (
    ALLOWED_TRANSITIONS,
    DISPUTE_EDITORS,
    DISPUTE_READERS,
    DisputeError,
    dispute_assign,
    dispute_assignable_users,
    dispute_comment_add,
    dispute_open,
    dispute_resolve,
    dispute_transition,
)
from orders.models import Order
from tenants.access import get_for_tenant_or_404
from tenants.models import Role
from tenants.roles import staff_view

PAGE_SIZE = 50


def _int(value) -> int | None:
    value = (value or "").strip() if isinstance(value, str) else ""
    return int(value) if value.isdigit() and len(value) < 12 else None


@staff_view(*DISPUTE_READERS)
def dispute_list_view(request: HttpRequest) -> HttpResponse:
    params = request.GET.copy()
    if "rep" not in params and request.role == Role.SALES_REP:
        params["rep"] = "mine"  # a sales rep starts from their own portfolio
    if "status" not in params:
        params["status"] = "active"
    form = DisputeFilterForm(
        params,
        owners=dispute_assignable_users(tenant=request.tenant),
        reps=customer_sales_reps(tenant=request.tenant),
    )
    data = form.cleaned_data if form.is_valid() else {"status": "active"}
    owner, rep = data.get("owner") or "", data.get("rep") or ""
    filters = DisputeFilters(
        query=data.get("q", ""),
        status=data.get("status", ""),
        type=data.get("type", ""),
        customer_id=data.get("customer"),
        owner_id=request.user.pk if owner == "mine" else _int(owner),
        unassigned=owner == "none",
        sales_rep_id=request.user.pk if rep == "mine" else _int(rep),
        overdue=bool(data.get("overdue")),
    )
    page = Paginator(dispute_list(tenant=request.tenant, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    customer = (
        Customer.objects.for_tenant(request.tenant).filter(pk=filters.customer_id).first()
        if filters.customer_id
        else None
    )
    template = (
        "disputes/list.html#results"
        if request.htmx and not request.htmx.boosted
        else "disputes/list.html"
    )
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "customer": customer,
            "can_open": request.role in DISPUTE_EDITORS,
        },
    )


EVENT_LABELS = {
    "opened": gettext_lazy("Dispute opened"),
    "assigned": gettext_lazy("Assigned"),
}


def _events_for_display(dispute: Dispute) -> list:
    events = list(dispute.events.select_related("actor"))
    for event in events:
        if event.kind == "status_changed":
            labels = [
                DisputeStatus(s).label if s in DisputeStatus.values else s
                for s in (event.from_status, event.to_status)
            ]
            event.label = f"{labels[0]} → {labels[1]}"
        elif event.kind == "assigned":
            name = (event.data or {}).get("owner_name") or _("nobody")
            event.label = f"{EVENT_LABELS['assigned']}: {name}"
        else:
            event.label = EVENT_LABELS.get(event.kind, event.kind.replace("_", " "))
    return events


def _detail_context(request: HttpRequest, dispute: Dispute, **forms) -> dict:
    can_edit = request.role in DISPUTE_EDITORS
    allowed = ALLOWED_TRANSITIONS.get(dispute.status, frozenset())
    return {
        "dispute": dispute,
        "lines": dispute.lines.select_related("product", "order"),
        "events": _events_for_display(dispute),
        "comments": dispute.comments.select_related("author"),
        "can_edit": can_edit,
        "can_assign": can_edit and dispute.status != DisputeStatus.CLOSED,
        "can_resolve": can_edit and DisputeStatus.RESOLVED in allowed,
        "status_form": forms.get("status_form") or StatusForm(allowed=allowed),
        "resolve_form": forms.get("resolve_form") or ResolveForm(),
        "comment_form": forms.get("comment_form") or CommentForm(),
        "owners": dispute_assignable_users(tenant=request.tenant) if can_edit else (),
    }


@staff_view(*DISPUTE_READERS)
def dispute_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = dispute_get_detail(tenant=request.tenant, pk=pk)
    return render(request, "disputes/detail.html", _detail_context(request, dispute))


def _customer_and_order(request: HttpRequest) -> tuple[Customer | None, Order | None]:
    """The customer (and order) a dispute is opened for, from the query or the form."""
    source = request.POST if request.method == "POST" else request.GET
    tenant = request.tenant
    order_id, customer_id = _int(source.get("order")), _int(source.get("customer"))
    if customer_id is None and order_id is not None:
        order = get_for_tenant_or_404(Order, tenant=tenant, pk=order_id)
        customer = order.customer
        return customer, order
    if customer_id is None:
        return None, None
    customer = get_for_tenant_or_404(Customer, tenant=tenant, pk=customer_id)
    order = (
        Order.objects.for_tenant(tenant).filter(customer=customer, pk=order_id).first()
        if order_id is not None
        else None
    )
    return customer, order


@staff_view(*DISPUTE_EDITORS)
def dispute_create(request: HttpRequest) -> HttpResponse:
    customer, order = _customer_and_order(request)
    if customer is None:
        pick = CustomerPickForm(
            request.GET if "code" in request.GET else None, tenant=request.tenant
        )
        if pick.is_bound and pick.is_valid():
            return redirect(f"{request.path}?customer={pick.cleaned_data['code'].pk}")
        return render(
            request,
            "disputes/create.html",
            {"pick": pick},
            status=400 if pick.is_bound else 200,
        )
    refresh = request.method == "POST" and "refresh" in request.POST
    data = request.POST if request.method == "POST" and not refresh else None
    form = DisputeOpenForm(
        data,
        tenant=request.tenant,
        customer=customer,
        order=order,
        initial={
            "order": order,
            **(
                {k: request.POST.get(k) for k in ("type", "description", "amount")}
                if refresh
                else {}
            ),
        },
    )
    if data is not None and form.is_valid():
        values = form.cleaned_data
        try:
            dispute = dispute_open(
                tenant=request.tenant,
                customer=customer,
                type=values["type"],
                actor=request.user,
                order=values["order"],
                invoice=values["invoice"],
                lines=values.get("lines") or (),
                description=values["description"],
                amount=values["amount"],
            )
        except DisputeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Dispute %(number)s opened.") % {"number": dispute.number})
            return redirect("disputes:detail", pk=dispute.pk)
    return render(
        request,
        "disputes/create.html",
        {"form": form, "customer": customer, "order": order},
        status=400 if data is not None else 200,
    )


def _done(request: HttpRequest, dispute: Dispute, error: DisputeError | None, ok: str):
    if error is not None:
        messages.error(request, str(error))
    else:
        messages.success(request, ok % {"number": dispute.number})
    return redirect("disputes:detail", pk=dispute.pk)


@staff_view(*DISPUTE_EDITORS)
@require_POST
def dispute_assign_view(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = dispute_get_detail(tenant=request.tenant, pk=pk)
    choice = request.POST.get("owner", "me")
    if choice == "me":
        owner = request.user
    elif choice == "":
        owner = None
    else:
        owner = dispute_assignable_users(tenant=request.tenant).filter(pk=_int(choice)).first()
        if owner is None:
            return _done(request, dispute, DisputeError(_("Choose a person.")), "")
    try:
        dispute_assign(dispute=dispute, owner=owner, actor=request.user)
    except DisputeError as error:
        return _done(request, dispute, error, "")
    return _done(request, dispute, None, _("Dispute %(number)s assigned."))


@staff_view(*DISPUTE_EDITORS)
@require_POST
def dispute_status_view(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = dispute_get_detail(tenant=request.tenant, pk=pk)
    form = StatusForm(request.POST, allowed=ALLOWED_TRANSITIONS.get(dispute.status, frozenset()))
    if not form.is_valid():
        context = _detail_context(request, dispute, status_form=form)
        return render(request, "disputes/detail.html", context, status=400)
    try:
        dispute_transition(
            dispute=dispute,
            to=form.cleaned_data["to"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
        )
    except DisputeError as error:
        return _done(request, dispute, error, "")
    return _done(request, dispute, None, _("Dispute %(number)s updated."))


@staff_view(*DISPUTE_EDITORS)
@require_POST
def dispute_resolve_view(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = dispute_get_detail(tenant=request.tenant, pk=pk)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, dispute, resolve_form=form)
        return render(request, "disputes/detail.html", context, status=400)
    try:
        dispute_resolve(
            dispute=dispute,
            actor=request.user,
            resolution=form.cleaned_data["resolution"],
            amount=form.cleaned_data["amount"],
            reason=form.cleaned_data["reason"],
        )
    except DisputeError as error:
        return _done(request, dispute, error, "")
    return _done(request, dispute, None, _("Dispute %(number)s resolved."))


@staff_view(*DISPUTE_EDITORS)
@require_POST
def dispute_comment_view(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = dispute_get_detail(tenant=request.tenant, pk=pk)
    form = CommentForm(request.POST)
    status = 200
    if form.is_valid():
        dispute_comment_add(
            dispute=dispute,
            author=request.user,
            body=form.cleaned_data["body"],
            internal=form.cleaned_data["internal"],
        )
        form = CommentForm()
    else:
        status = 400
    if request.htmx:
        context = _detail_context(request, dispute, comment_form=form)
        return render(request, "disputes/detail.html#comments", context, status=status)
    if status == 400:
        context = _detail_context(request, dispute, comment_form=form)
        return render(request, "disputes/detail.html", context, status=400)
    messages.success(request, _("Comment added."))
    return redirect("disputes:detail", pk=dispute.pk)
