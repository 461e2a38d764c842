"""Catalog pages. Every staff role reads the catalog; master data is changed through the
imports page (admins and managers)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from catalog.models import CustomerProductAlias, PriceListItem, Product
from catalog.selectors import product_search
from orders.models import OrderLine
from tenants.access import get_for_tenant_or_404
from tenants.roles import staff_view

PAGE_SIZE = 50
SUGGESTIONS = 15


@staff_view()
def product_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    show = request.GET.get("active", "1")
    products = product_search(tenant=request.tenant, query=query)
    if show in ("1", "0"):
        products = products.filter(active=show == "1")
    page = Paginator(products.order_by("sku"), PAGE_SIZE).get_page(request.GET.get("page"))
    template = (
        "catalog/list.html#results"
        if request.htmx and not request.htmx.boosted
        else "catalog/list.html"
    )
    return render(request, template, {"page": page, "query": query, "active": show})


@staff_view()
def product_detail(request: HttpRequest, pk: int) -> HttpResponse:
    product = get_for_tenant_or_404(Product, tenant=request.tenant, pk=pk)
    return render(
        request,
        "catalog/detail.html",
        {
            "product": product,
            "prices": PriceListItem.objects.for_tenant(request.tenant)
            .filter(product=product)
            .select_related("price_list", "price_list__customer")
            # the lists in force now and the newest first, expired ones last
            .order_by(
                F("price_list__valid_to").desc(nulls_first=True),
                F("price_list__valid_from").desc(nulls_last=True),
                "price_list__name",
                "min_quantity",
            ),
            "aliases": CustomerProductAlias.objects.for_tenant(request.tenant)
            .filter(product=product)
            .select_related("customer")
            .order_by("customer__name", "customer_sku")[:100],
            "recent_lines": OrderLine.objects.for_tenant(request.tenant)
            .filter(product=product)
            .select_related("order", "order__customer")
            .order_by("-order__created_at")[:10],
        },
    )


@staff_view()
def product_suggestions(request: HttpRequest) -> HttpResponse:
    """HTMX autocomplete: ``<option>``s for a datalist, matching SKU, GTIN or description words."""
    query = request.GET.get("q") or next(
        (v for k, v in request.GET.items() if k.endswith("-product_code")), ""
    )
    products = (
        product_search(tenant=request.tenant, query=query[:100], active_only=True)[:SUGGESTIONS]
        if len(query.strip()) >= 2
        else []
    )
    return render(request, "catalog/_suggestions.html", {"products": products})
