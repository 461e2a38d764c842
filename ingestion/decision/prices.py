"""The price we expect for a product: the customer's price list, the general one, the list price."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import Q

from catalog.models import PriceListItem

# (min_quantity, pk, unit_price, from the customer's own list)
Entry = tuple[Decimal, int, Decimal, bool]


def price_entries(
    *, products, customer=None, on_date: dt.date | None = None
) -> dict[int, list[Entry]]:
    """Every price-list entry of these products valid on the date that applies to the customer
    (its own lists and the general ones), by product id, in one query: the rules check every
    line of an order against them."""
    products = [p for p in products if p is not None]
    if not products:
        return {}
    items = PriceListItem.objects.filter(
        tenant_id=products[0].tenant_id, product__in={p.pk for p in products}
    )
    if on_date is not None:
        items = items.filter(
            Q(price_list__valid_from__isnull=True) | Q(price_list__valid_from__lte=on_date)
        )
        items = items.filter(
            Q(price_list__valid_to__isnull=True) | Q(price_list__valid_to__gte=on_date)
        )
    if customer is not None:
        items = items.filter(
            Q(price_list__customer=customer) | Q(price_list__customer__isnull=True)
        )
    else:
        items = items.filter(price_list__customer__isnull=True)
    entries: dict[int, list[Entry]] = defaultdict(list)
    for product_id, min_quantity, pk, unit_price, own in items.values_list(
        "product_id", "min_quantity", "pk", "unit_price", "price_list__customer"
    ):
        entries[product_id].append((min_quantity, pk, unit_price, own is not None))
    return entries


def expected_unit_price(
    *,
    product,
    customer=None,
    quantity: Decimal | None = None,
    on_date: dt.date | None = None,
    entries: dict[int, list[Entry]] | None = None,
) -> tuple[Decimal | None, str]:
    """``(price, source)`` where source is ``customer_price_list``, ``price_list`` or ``list_price``.

    Within a price list the tier with the highest ``min_quantity`` not above the quantity wins;
    a customer's own list wins over a general one, which wins over the product's list price.
    ``entries`` are those :func:`price_entries` loaded for the same customer and date.
    """
    if entries is None:
        entries = price_entries(products=[product], customer=customer, on_date=on_date)
    tiers = [e for e in entries.get(product.pk, ()) if quantity is None or e[0] <= quantity]
    own = [e for e in tiers if e[3]]
    best = max(own or tiers, key=lambda e: (e[0], e[1]), default=None)
    if best is not None:
        return best[2], "customer_price_list" if best[3] else "price_list"
    if product.list_price is not None:
        return product.list_price, "list_price"
    return None, ""
