"""Reads about the demo data: a fingerprint to prove that a seed gives the same business."""

from __future__ import annotations

import hashlib

from catalog.models import Product
from customers.models import Customer
from orders.models import Invoice, Order, OrderLine
from tenants.models import Tenant


def demo_fingerprint(*, tenant: Tenant) -> str:
    """sha256 of the key business data, independent of database ids and creation times."""
    digest = hashlib.sha256()

    def feed(rows) -> None:
        for row in rows:
            digest.update("\x1f".join("" if v is None else str(v) for v in row).encode())
            digest.update(b"\x1e")

    feed(
        Customer.objects.for_tenant(tenant)
        .order_by("code")
        .values_list(
            "code",
            "name",
            "vat_number",
            "segment",
            "vip",
            "payment_terms",
            "currency",
            "sales_rep__email",
        )
    )
    feed(
        Product.objects.for_tenant(tenant)
        .order_by("sku")
        .values_list("sku", "gtin", "description", "unit", "pack_size", "list_price")
    )
    feed(
        Order.objects.for_tenant(tenant)
        .filter(source_document__isnull=True)
        .order_by("number")
        .values_list(
            "number",
            "customer__code",
            "channel",
            "order_type",
            "status",
            "po_number",
            "order_date",
            "requested_delivery_date",
            "total_amount",
            "received_at",
        )
    )
    feed(
        OrderLine.objects.for_tenant(tenant)
        .filter(order__source_document__isnull=True)
        .order_by("order__number", "position")
        .values_list(
            "order__number",
            "position",
            "product__sku",
            "customer_sku",
            "quantity",
            "unit_price",
            "line_total",
        )
    )
    feed(
        Invoice.objects.for_tenant(tenant)
        .order_by("number")
        .values_list(
            "number", "order__number", "issued_on", "due_on", "total_gross", "paid_amount", "status"
        )
    )
    return digest.hexdigest()
