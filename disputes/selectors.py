"""Reads of disputes shared by pages, the customer page and dashboards."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from customers.models import Customer
from disputes.models import ACTIVE_STATUSES, Dispute
from tenants.access import get_for_tenant_or_404
from tenants.models import Tenant


@dataclass
class DisputeFilters:
    query: str = ""
    status: str = ""  # a status, or "active" for every status still running
    type: str = ""
    customer_id: int | None = None
    owner_id: int | None = None
    unassigned: bool = False
    sales_rep_id: int | None = None
    overdue: bool = False
    order_id: int | None = None


def disputes_overdue(*, tenant: Tenant, now: dt.datetime | None = None) -> QuerySet[Dispute]:
    """Disputes past their due date and not settled yet."""
    return Dispute.objects.for_tenant(tenant).filter(
        status__in=ACTIVE_STATUSES, due_at__lt=now or timezone.now()
    )


def disputes_open_for_customer(*, tenant: Tenant, customer: Customer) -> QuerySet[Dispute]:
    return (
        Dispute.objects.for_tenant(tenant)
        .filter(customer=customer, status__in=ACTIVE_STATUSES)
        .select_related("order", "owner")
        .order_by("due_at", "pk")
    )


def dispute_list(*, tenant: Tenant, filters: DisputeFilters | None = None) -> QuerySet[Dispute]:
    filters = filters or DisputeFilters()
    disputes = Dispute.objects.for_tenant(tenant).select_related("customer", "owner", "order")
    if filters.status == "active":
        disputes = disputes.filter(status__in=ACTIVE_STATUSES)
    elif filters.status:
        disputes = disputes.filter(status=filters.status)
    if filters.type:
        disputes = disputes.filter(type=filters.type)
    if filters.customer_id:
        disputes = disputes.filter(customer_id=filters.customer_id)
    if filters.order_id:
        disputes = disputes.filter(order_id=filters.order_id)
    if filters.unassigned:
        disputes = disputes.filter(owner__isnull=True)
    elif filters.owner_id:
        disputes = disputes.filter(owner_id=filters.owner_id)
    if filters.sales_rep_id:
        disputes = disputes.filter(customer__sales_rep_id=filters.sales_rep_id)
    if filters.overdue:
        disputes = disputes.filter(status__in=ACTIVE_STATUSES, due_at__lt=timezone.now())
    query = filters.query.strip()
    if query:
        condition = Q()
        for word in query.split():
            condition &= (
                Q(number__icontains=word)
                | Q(customer__name__icontains=word)
                | Q(customer__code__iexact=word)
            )
        disputes = disputes.filter(condition)
    return disputes.order_by("-opened_at", "-pk")


def dispute_get_detail(*, tenant: Tenant, pk) -> Dispute:
    return get_for_tenant_or_404(
        Dispute.objects.select_related(
            "customer", "order", "invoice", "delivery_note", "owner", "opened_by"
        ),
        tenant=tenant,
        pk=pk,
    )
