"""Reads of orders shared by pages, dashboards and the API."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from orders.models import (
    DeliveryNoteLine,
    InvoiceLine,
    InvoiceStatus,
    Order,
    OrderLine,
    OrderStatus,
)
from tenants.models import Tenant

QTY = DecimalField(max_digits=14, decimal_places=3)
ZERO = Value(Decimal("0"), output_field=QTY)
# Orders whose goods are owed to the customer: validated and not completely shipped yet.
BACKLOG_STATUSES = (OrderStatus.VALIDATED, OrderStatus.EXPORTED, OrderStatus.IN_FULFILMENT)


def _shipped_subquery():
    return Subquery(
        DeliveryNoteLine.objects.filter(order_line=OuterRef("pk"))
        .values("order_line")
        .annotate(total=Sum("quantity"))
        .values("total")[:1],
        output_field=QTY,
    )


def _invoiced_subquery():
    return Subquery(
        InvoiceLine.objects.filter(order_line=OuterRef("pk"))
        .exclude(invoice__status=InvoiceStatus.CANCELLED)
        .values("order_line")
        .annotate(total=Sum("quantity"))
        .values("total")[:1],
        output_field=QTY,
    )


def order_lines_with_progress(*, tenant: Tenant) -> QuerySet[OrderLine]:
    """Order lines annotated with ``shipped_quantity``, ``invoiced_quantity`` and ``backlog_quantity``."""
    return (
        OrderLine.objects.for_tenant(tenant)
        .annotate(
            shipped_quantity=Coalesce(_shipped_subquery(), ZERO),
            invoiced_quantity=Coalesce(_invoiced_subquery(), ZERO),
        )
        .annotate(backlog_quantity=F("quantity") - F("shipped_quantity"))
    )


def order_lines_backlog(*, tenant: Tenant) -> QuerySet[OrderLine]:
    """Lines ordered but not (completely) shipped, of orders in a backlog status."""
    return (
        order_lines_with_progress(tenant=tenant)
        .filter(order__status__in=BACKLOG_STATUSES, backlog_quantity__gt=0)
        .select_related("order", "order__customer", "product")
    )


def orders_backlog(*, tenant: Tenant) -> QuerySet[Order]:
    """Orders with at least one line not completely shipped."""
    lines = order_lines_backlog(tenant=tenant).filter(order=OuterRef("pk"))
    return (
        Order.objects.for_tenant(tenant).filter(status__in=BACKLOG_STATUSES).filter(Exists(lines))
    )


def orders_partially_shipped(*, tenant: Tenant) -> QuerySet[Order]:
    """Orders with something shipped and something still to ship."""
    lines = order_lines_with_progress(tenant=tenant).filter(order=OuterRef("pk"))
    return (
        Order.objects.for_tenant(tenant)
        .filter(status__in=BACKLOG_STATUSES)
        .filter(Exists(lines.filter(shipped_quantity__gt=0)))
        .filter(Exists(lines.filter(backlog_quantity__gt=0)))
    )


def orders_fully_invoiced(*, tenant: Tenant) -> QuerySet[Order]:
    """Orders with lines, every one of them invoiced in full."""
    lines = order_lines_with_progress(tenant=tenant).filter(order=OuterRef("pk"))
    return (
        Order.objects.for_tenant(tenant)
        .filter(Exists(lines))
        .exclude(Exists(lines.filter(invoiced_quantity__lt=F("quantity"))))
    )


@dataclass
class OrderFilters:
    query: str = ""
    status: str = ""
    channel: str = ""
    order_type: str = ""
    customer_id: int | None = None
    sales_rep_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def order_list(*, tenant: Tenant, filters: OrderFilters | None = None) -> QuerySet[Order]:
    """The order list: filters, then search over number, PO number and customer code and name."""
    filters = filters or OrderFilters()
    orders = Order.objects.for_tenant(tenant).select_related("customer", "customer__sales_rep")
    if filters.status:
        orders = orders.filter(status=filters.status)
    if filters.channel:
        orders = orders.filter(channel=filters.channel)
    if filters.order_type:
        orders = orders.filter(order_type=filters.order_type)
    if filters.customer_id:
        orders = orders.filter(customer_id=filters.customer_id)
    if filters.sales_rep_id:
        orders = orders.filter(customer__sales_rep_id=filters.sales_rep_id)
    # The order date when the document gives one, else the day it was received.
    if filters.date_from:
        orders = orders.filter(
            Q(order_date__gte=filters.date_from)
            | Q(order_date__isnull=True, created_at__date__gte=filters.date_from)
        )
    if filters.date_to:
        orders = orders.filter(
            Q(order_date__lte=filters.date_to)
            | Q(order_date__isnull=True, created_at__date__lte=filters.date_to)
        )
    query = filters.query.strip()
    if query:
        condition = Q()
        for word in query.split():
            condition &= (
                Q(number__icontains=word)
                | Q(po_number__icontains=word)
                | Q(customer__name__icontains=word)
                | Q(customer__code__iexact=word)
            )
        orders = orders.filter(condition)
    return orders.order_by("-created_at", "-pk")


def order_get_detail(*, tenant: Tenant, pk) -> Order:
    from tenants.access import get_for_tenant_or_404

    return get_for_tenant_or_404(
        Order.objects.select_related(
            "customer",
            "customer__sales_rep",
            "ship_to",
            "source_document",
            "created_by",
            "validated_by",
        ),
        tenant=tenant,
        pk=pk,
    )
