"""Customer pages.

Who may do what: every staff role reads customers (the order desk, logistics and accounting all
need the account to do their job; sales reps see their own portfolio by default and can widen
the filter). Master data is written by admins and managers only: creating and editing
customers, and the imports page.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.models import CustomerProductAlias
from customers.forms import (
    AddressFormSet,
    ContactFormSet,
    CustomerFilterForm,
    CustomerForm,
    ImportUploadForm,
    SenderFormSet,
)
from customers.models import Customer, ImportBatch, ImportStatus
from customers.selectors import customer_list, customer_sales_reps, customer_segments
from customers.services import customer_save, import_batch_apply, import_batch_preview
from disputes.selectors import disputes_open_for_customer
from disputes.services import DISPUTE_EDITORS, DISPUTE_READERS
from orders.models import Order
from tenants.access import get_for_tenant_or_404
from tenants.models import Role
from tenants.roles import MANAGERS, staff_view

PAGE_SIZE = 50


@staff_view()
def customer_list_view(request: HttpRequest) -> HttpResponse:
    params = request.GET.copy()
    if "rep" not in params and request.role == Role.SALES_REP:
        params["rep"] = "mine"  # a sales rep starts from their own portfolio
    if "active" not in params:
        params["active"] = "1"
    form = CustomerFilterForm(
        params,
        tenant=request.tenant,
        reps=customer_sales_reps(tenant=request.tenant),
        segments=customer_segments(tenant=request.tenant),
    )
    filters = form.cleaned_data if form.is_valid() else {"active": "1"}
    rep = filters.get("rep") or ""
    customers = customer_list(
        tenant=request.tenant,
        query=filters.get("q", ""),
        sales_rep_id=request.user.pk if rep == "mine" else (int(rep) if rep.isdigit() else None),
        vip={"1": True, "0": False}.get(filters.get("vip", "")),
        segment=filters.get("segment", ""),
        active={"1": True, "0": False}.get(filters.get("active", "")),
    )
    page = Paginator(customers, PAGE_SIZE).get_page(request.GET.get("page"))
    template = (
        "customers/list.html#results"
        if request.htmx and not request.htmx.boosted
        else "customers/list.html"
    )
    return render(
        request, template, {"form": form, "page": page, "can_edit": request.role in MANAGERS}
    )


@staff_view()
def customer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    customer = get_for_tenant_or_404(
        Customer.objects.select_related("sales_rep"), tenant=request.tenant, pk=pk
    )
    aliases = (
        CustomerProductAlias.objects.for_tenant(request.tenant)
        .filter(customer=customer)
        .select_related("product")
        .order_by("customer_sku")
    )
    return render(
        request,
        "customers/detail.html",
        {
            "customer": customer,
            "addresses": customer.addresses.all(),
            "contacts": customer.contacts.all(),
            "senders": customer.senders.all(),
            "recent_orders": Order.objects.for_tenant(request.tenant)
            .filter(customer=customer)
            .order_by("-created_at")[:10],
            "aliases": aliases[:100],
            "alias_count": aliases.count(),
            "can_edit": request.role in MANAGERS,
            "language_name": _language_name(customer.language),
            # The order desk does not work on disputes: the section is not shown to it.
            "open_disputes": (
                disputes_open_for_customer(tenant=request.tenant, customer=customer)
                if request.role in DISPUTE_READERS
                else None
            ),
            "can_open_dispute": request.role in DISPUTE_EDITORS,
        },
    )


def _language_name(code: str) -> str:
    """ "French" (or "français" in French) for "fr"; an unknown code as it is."""
    try:
        return translation.get_language_info(code)["name_translated"]
    except KeyError:
        return code


def _customer_form_page(request: HttpRequest, customer: Customer | None) -> HttpResponse:
    instance = customer or Customer(
        tenant=request.tenant,
        currency=request.tenant.currency,
        language=request.tenant.locale[:2] or "en",
    )
    data = request.POST if request.method == "POST" else None
    form = CustomerForm(data, instance=instance, tenant=request.tenant)
    formsets = [
        AddressFormSet(data, instance=instance, prefix="addresses"),
        ContactFormSet(data, instance=instance, prefix="contacts"),
        SenderFormSet(
            data, instance=instance, prefix="senders", form_kwargs={"tenant": request.tenant}
        ),
    ]
    if data is not None and form.is_valid() and all(fs.is_valid() for fs in formsets):
        saved = customer_save(tenant=request.tenant, form=form, formsets=formsets)
        messages.success(request, _("Customer %(customer)s saved.") % {"customer": saved})
        return redirect("customers:detail", pk=saved.pk)
    return render(
        request,
        "customers/form.html",
        {
            "form": form,
            "addresses": formsets[0],
            "contacts": formsets[1],
            "senders": formsets[2],
            "customer": customer,
        },
        status=400 if data is not None else 200,
    )


@staff_view(*MANAGERS)
def customer_create(request: HttpRequest) -> HttpResponse:
    return _customer_form_page(request, None)


@staff_view(*MANAGERS)
def customer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _customer_form_page(
        request, get_for_tenant_or_404(Customer, tenant=request.tenant, pk=pk)
    )


@staff_view(*MANAGERS)
def import_upload(request: HttpRequest) -> HttpResponse:
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        batch = import_batch_preview(
            tenant=request.tenant,
            kind=form.cleaned_data["kind"],
            filename=upload.name,
            data=upload.read(),
            actor=request.user,
        )
        return redirect("customers:import_batch", pk=batch.pk)
    batches = ImportBatch.objects.for_tenant(request.tenant).select_related("created_by")[:20]
    return render(
        request,
        "customers/import.html",
        {"form": form, "batches": batches},
        status=400 if request.method == "POST" else 200,
    )


@staff_view(*MANAGERS)
def import_batch(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_for_tenant_or_404(ImportBatch, tenant=request.tenant, pk=pk)
    return render(
        request,
        "customers/import_batch.html",
        {"batch": batch, "report": batch.report, "sample": 50},
    )


@staff_view(*MANAGERS)
@require_POST
def import_batch_apply_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_for_tenant_or_404(ImportBatch, tenant=request.tenant, pk=pk)
    if batch.status != ImportStatus.PREVIEWED:
        messages.error(
            request, _("This import cannot be applied (it was refused or already applied).")
        )
    else:
        report = import_batch_apply(batch=batch, actor=request.user)
        if report.applied:
            messages.success(
                request, _("Imported: %(summary)s.") % {"summary": report.summary_display()}
            )
        else:
            messages.error(request, _("Refused: %(reason)s") % {"reason": report.refusal_reason()})
    return redirect(reverse("customers:import_batch", kwargs={"pk": batch.pk}))


@staff_view()
def customer_suggestions(request: HttpRequest) -> HttpResponse:
    """HTMX autocomplete: ``<option>``s for a datalist of customers by number or name."""
    query = (request.GET.get("q") or request.GET.get("customer") or "").strip()[:100]
    customers = customer_list(tenant=request.tenant, query=query)[:15] if len(query) >= 2 else []
    return render(request, "customers/_suggestions.html", {"customers": customers})
