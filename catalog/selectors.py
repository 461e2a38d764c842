"""Reads of the catalog shared by pages, the order services and the matcher."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Q, QuerySet

from catalog.models import CustomerProductAlias, PriceListItem, Product
from tenants.models import Tenant


def product_search(*, tenant: Tenant, query: str, active_only: bool = False) -> QuerySet[Product]:
    """Products whose SKU or GTIN starts with the query, or whose description holds every word of it."""
    products = Product.objects.for_tenant(tenant)
    if active_only:
        products = products.filter(active=True)
    query = query.strip()
    if not query:
        return products
    words = query.split()
    by_words = Q()
    for word in words:
        by_words &= Q(description__icontains=word)
    compact = query.replace(" ", "")
    return products.filter(
        Q(sku__iexact=query)
        | Q(sku__istartswith=query)
        | Q(gtin=compact)
        | by_words
        | Q(aliases__customer_sku__iexact=query)
    ).distinct()


def product_find(*, tenant: Tenant, code: str, customer=None) -> Product | None:
    """One product by exact SKU, GTIN, or the customer's own part number."""
    code = code.strip()
    if not code:
        return None
    products = Product.objects.for_tenant(tenant)
    found = products.filter(sku__iexact=code).first() or (
        products.filter(gtin=code.replace(" ", "")).first()
        if code.replace(" ", "").isdigit()
        else None
    )
    if found is None and customer is not None:
        alias = (
            CustomerProductAlias.objects.for_tenant(tenant)
            .filter(customer=customer, customer_sku__iexact=code)
            .select_related("product")
            .first()
        )
        found = alias.product if alias else None
    return found


def product_price(
    *,
    product: Product,
    customer=None,
    on_date: dt.date | None = None,
    quantity: Decimal = Decimal("1"),
) -> Decimal | None:
    """The unit price that applies: the customer's own price list first, then general price lists
    valid on the date (the largest quantity break not above ``quantity``), then the list price."""
    items = (
        PriceListItem.objects.for_tenant(product.tenant_id)
        .filter(product=product, min_quantity__lte=quantity)
        .select_related("price_list")
    )
    if on_date is not None:
        items = items.filter(
            Q(price_list__valid_from__isnull=True) | Q(price_list__valid_from__lte=on_date),
            Q(price_list__valid_to__isnull=True) | Q(price_list__valid_to__gte=on_date),
        )
    if customer is not None:
        own = items.filter(price_list__customer=customer).order_by("-min_quantity").first()
        if own is not None:
            return own.unit_price
    general = (
        items.filter(price_list__customer__isnull=True)
        .order_by("-min_quantity", "unit_price")
        .first()
    )
    if general is not None:
        return general.unit_price
    return product.list_price
