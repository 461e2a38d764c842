"""The price we expect for a product: the customer's price list, the general one, the list price."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Q

from catalog.models import PriceListItem


def expected_unit_price(
    *, product, customer=None, quantity: Decimal | None = None, on_date: dt.date | None = None
) -> tuple[Decimal | None, str]:
    """``(price, source)`` where source is ``customer_price_list``, ``price_list`` or ``list_price``.

    Within a price list the tier with the highest ``min_quantity`` not above the quantity wins;
    a customer's own list wins over a general one, which wins over the product's list price.
    """
    items = PriceListItem.objects.filter(tenant_id=product.tenant_id, product=product)
    if on_date is not None:
        items = items.filter(
            Q(price_list__valid_from__isnull=True) | Q(price_list__valid_from__lte=on_date)
        )
        items = items.filter(
            Q(price_list__valid_to__isnull=True) | Q(price_list__valid_to__gte=on_date)
        )
    if quantity is not None:
        items = items.filter(min_quantity__lte=quantity)
    if customer is not None:
        items = items.filter(
            Q(price_list__customer=customer) | Q(price_list__customer__isnull=True)
        )
    else:
        items = items.filter(price_list__customer__isnull=True)
    best = None
    for item in items.select_related("price_list").order_by("-min_quantity", "-pk"):
        own = item.price_list.customer_id is not None
        if best is None or (own and best[1] != "customer_price_list"):
            best = (item.unit_price, "customer_price_list" if own else "price_list")
            if own:
                break
    if best is not None:
        return best
    if product.list_price is not None:
        return product.list_price, "list_price"
    return None, ""
