"""Reads of customers shared by pages and other apps."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from customers.models import Address, AddressKind, Customer
from tenants.models import Tenant


def customer_list(
    *,
    tenant: Tenant,
    query: str = "",
    sales_rep_id: int | None = None,
    vip: bool | None = None,
    segment: str = "",
    active: bool | None = True,
) -> QuerySet[Customer]:
    bill_to = Address.objects.filter(customer=OuterRef("pk"), kind=AddressKind.BILL_TO).order_by(
        "-is_default", "pk"
    )
    customers = (
        Customer.objects.for_tenant(tenant)
        .select_related("sales_rep")
        .annotate(bill_to_city=Subquery(bill_to.values("city")[:1]))
    )
    if sales_rep_id:
        customers = customers.filter(sales_rep_id=sales_rep_id)
    if vip is not None:
        customers = customers.filter(vip=vip)
    if segment:
        customers = customers.filter(segment=segment)
    if active is not None:
        customers = customers.filter(active=active)
    for word in query.split():
        customers = customers.filter(
            Q(code__icontains=word)
            | Q(name__icontains=word)
            | Q(vat_number__icontains=word)
            | Q(senders__value__icontains=word)
            | Q(addresses__city__icontains=word)
        )
    if query:
        customers = customers.distinct()
    return customers.order_by("name", "pk")


def customer_segments(*, tenant: Tenant) -> list[str]:
    return list(
        Customer.objects.for_tenant(tenant)
        .exclude(segment="")
        .order_by("segment")
        .values_list("segment", flat=True)
        .distinct()
    )


def customer_sales_reps(*, tenant: Tenant):
    from tenants.models import User

    return (
        User.objects.filter(portfolio__tenant=tenant)
        .annotate(n=Count("portfolio"))
        .order_by("email")
        .distinct()
    )


def customer_for_sender(*, tenant: Tenant, email: str) -> Customer | None:
    """The customer an inbound email address belongs to: its exact address first, then its domain."""
    from customers.models import CustomerSender, SenderKind

    email = email.strip().lower()
    senders = CustomerSender.objects.for_tenant(tenant).select_related("customer")
    exact = senders.filter(kind=SenderKind.ADDRESS, value=email).first()
    if exact:
        return exact.customer
    domain = email.rsplit("@", 1)[-1]
    by_domain = senders.filter(kind=SenderKind.DOMAIN, value=domain).first()
    return by_domain.customer if by_domain else None
