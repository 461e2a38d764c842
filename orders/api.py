"""The orders API (DRF, session or token authentication, scoped to one tenant).

- ``GET /api/orders/`` (filters ``status``, ``customer_code``, ``number``, ``updated_since``)
  and ``GET /api/orders/<id>/``: every staff role.
- ``POST /api/delivery-notes/``: admins, managers, logistics. The ERP reports a shipment::

      {"number": "DN-1", "order_number": "SO-2026-000001", "carrier": "DHL",
       "tracking_number": "…", "shipped_at": "2026-05-03", "delivered_at": null,
       "lines": [{"line": 1, "quantity": "12"}, {"sku": "GT-6MM-BK", "quantity": "2"}]}

- ``POST /api/invoices/``: admins, managers, accounting::

      {"number": "INV-1", "order_number": "SO-2026-000001", "issued_on": "2026-05-04",
       "due_on": "2026-06-03", "tax_amount": "8.28", "paid_amount": "0", "currency": "EUR",
       "lines": [{"line": 1, "quantity": "12", "unit_price": "3.45"}]}

Both answer 201 with the document when created, 200 when a document with that number was
imported before (nothing changes: safe to retry), 400 with a reason otherwise. The order moves
to in_fulfilment / shipped / invoiced as its lines are shipped and invoiced.

The tenant is the session's; with a token, the user's only membership, or the one named by
the ``X-Carnet-Tenant`` header (its slug).
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.urls import path
from django.utils.dateparse import parse_datetime
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from orders.export import order_export_payload, order_lines_for_payload
from orders.fulfilment import delivery_note_record, invoice_record, order_progress, orders_progress
from orders.models import DeliveryNote, Invoice, Order, OrderLine
from orders.services import OrderError
from tenants.models import Membership, Role

READ_ROLES = tuple(Role.values)
DELIVERY_ROLES = (Role.ADMIN, Role.MANAGER, Role.LOGISTICS)
INVOICE_ROLES = (Role.ADMIN, Role.MANAGER, Role.ACCOUNTING)


def api_membership(request, roles: tuple[str, ...]) -> Membership:
    if getattr(request.user, "is_portal_user", False):
        raise PermissionDenied("Staff only.")
    memberships = Membership.objects.filter(user=request.user).select_related("tenant")
    wanted = request.headers.get("X-Carnet-Tenant", "")
    session_tenant = getattr(request._request, "tenant", None)
    if wanted:
        membership = memberships.filter(tenant__slug=wanted).first()
    elif session_tenant is not None:
        membership = memberships.filter(tenant=session_tenant).first()
    else:
        found = list(memberships[:2])
        membership = found[0] if len(found) == 1 else None
    if membership is None:
        raise PermissionDenied(
            "No tenant for this user (name one with the X-Carnet-Tenant header)."
        )
    if membership.role not in roles:
        raise PermissionDenied("Your role does not give access to this endpoint.")
    return membership


def _order_json(order: Order, progress: dict | None = None) -> dict:
    data = order_export_payload(order=order)
    data.pop("event", None)
    data.update(status=order.status, export_status=order.export_status or None)
    if progress is None:
        progress = order_progress(order=order)
    by_position = {line.position: progress.get(line.pk) for line in order_lines_for_payload(order)}
    for line in data["lines"]:
        done = by_position.get(line["position"])
        line["shipped_quantity"] = format(done.shipped, "f") if done else "0"
        line["invoiced_quantity"] = format(done.invoiced, "f") if done else "0"
    return data


@api_view(["GET"])
def order_list(request):
    tenant = api_membership(request, READ_ROLES).tenant
    orders = (
        Order.objects.for_tenant(tenant)
        .select_related("tenant", "customer")
        .prefetch_related(Prefetch("lines", queryset=OrderLine.objects.select_related("product")))
        .order_by("-pk")
    )
    for field, lookup in (
        ("status", "status"),
        ("customer_code", "customer__code"),
        ("number", "number"),
    ):
        if request.query_params.get(field):
            orders = orders.filter(**{lookup: request.query_params[field]})
    if request.query_params.get("updated_since"):
        since = parse_datetime(request.query_params["updated_since"])
        if since is None:
            return Response({"detail": "updated_since must be an ISO 8601 date-time."}, status=400)
        orders = orders.filter(updated_at__gte=since)
    paginator = PageNumberPagination()
    page = paginator.paginate_queryset(orders, request)
    progress = orders_progress(order_ids=[order.pk for order in page])
    return paginator.get_paginated_response([_order_json(order, progress) for order in page])


@api_view(["GET"])
def order_detail(request, pk: int):
    tenant = api_membership(request, READ_ROLES).tenant
    order = (
        Order.objects.for_tenant(tenant).select_related("tenant", "customer").filter(pk=pk).first()
    )
    if order is None:
        raise NotFound()
    return Response(_order_json(order))


class LineSerializer(serializers.Serializer):
    line = serializers.IntegerField(required=False, min_value=1)
    sku = serializers.CharField(required=False, allow_blank=True, max_length=60)
    quantity = serializers.DecimalField(max_digits=14, decimal_places=3, min_value=0)
    unit_price = serializers.DecimalField(
        max_digits=18, decimal_places=6, min_value=0, required=False
    )

    def validate(self, attrs):
        if not attrs.get("line") and not attrs.get("sku"):
            raise serializers.ValidationError("Give the order line number (line) or the sku.")
        return attrs


class DeliveryNoteSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=40)
    order_number = serializers.CharField(max_length=30)
    carrier = serializers.CharField(required=False, allow_blank=True, max_length=80, default="")
    tracking_number = serializers.CharField(
        required=False, allow_blank=True, max_length=80, default=""
    )
    shipped_at = serializers.DateField(required=False, allow_null=True, default=None)
    delivered_at = serializers.DateField(required=False, allow_null=True, default=None)
    lines = LineSerializer(many=True, allow_empty=False)


class InvoiceSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=40)
    order_number = serializers.CharField(max_length=30)
    issued_on = serializers.DateField()
    due_on = serializers.DateField(required=False, allow_null=True, default=None)
    currency = serializers.CharField(required=False, allow_blank=True, max_length=3, default="")
    tax_amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0, default=0)
    paid_amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0, default=0)
    lines = LineSerializer(many=True, allow_empty=False)

    def validate_lines(self, lines):
        if any("unit_price" not in line for line in lines):
            raise serializers.ValidationError("Every invoice line needs a unit_price.")
        return lines


def _note_json(note: DeliveryNote) -> dict:
    return {
        "id": note.pk,
        "number": note.number,
        "order_number": note.order.number,
        "carrier": note.carrier,
        "tracking_number": note.tracking_number,
        "order_status": note.order.status,
        "lines": [
            {"line": item.order_line.position, "quantity": format(item.quantity, "f")}
            for item in note.lines.select_related("order_line")
        ],
    }


def _invoice_json(invoice: Invoice) -> dict:
    return {
        "id": invoice.pk,
        "number": invoice.number,
        "order_number": invoice.order.number,
        "total_net": format(invoice.total_net, "f"),
        "total_tax": format(invoice.total_tax, "f"),
        "total_gross": format(invoice.total_gross, "f"),
        "status": invoice.status,
        "order_status": invoice.order.status,
    }


def _order_for(tenant, number: str) -> Order:
    order = Order.objects.for_tenant(tenant).filter(number=number).first()
    if order is None:
        raise serializers.ValidationError({"order_number": [f"No order has the number {number}."]})
    return order


@api_view(["POST"])
def delivery_note_create(request):
    membership = api_membership(request, DELIVERY_ROLES)
    serializer = DeliveryNoteSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = dict(serializer.validated_data)
    order = _order_for(membership.tenant, data.pop("order_number"))
    try:
        note, created = delivery_note_record(
            tenant=membership.tenant,
            order=order,
            actor=request.user,
            **{**data, "lines": [dict(line) for line in data["lines"]]},
        )
    except OrderError as error:
        return Response({"detail": str(error)}, status=status.HTTP_400_BAD_REQUEST)
    note.order.refresh_from_db()
    return Response(
        _note_json(note), status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
    )


@api_view(["POST"])
def invoice_create(request):
    membership = api_membership(request, INVOICE_ROLES)
    serializer = InvoiceSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = dict(serializer.validated_data)
    order = _order_for(membership.tenant, data.pop("order_number"))
    try:
        invoice, created = invoice_record(
            tenant=membership.tenant,
            order=order,
            actor=request.user,
            **{**data, "lines": [dict(line) for line in data["lines"]]},
        )
    except OrderError as error:
        return Response({"detail": str(error)}, status=status.HTTP_400_BAD_REQUEST)
    invoice.order.refresh_from_db()
    return Response(
        _invoice_json(invoice), status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
    )


urlpatterns = [
    path("orders/", order_list, name="api-orders"),
    path("orders/<int:pk>/", order_detail, name="api-order"),
    path("delivery-notes/", delivery_note_create, name="api-delivery-notes"),
    path("invoices/", invoice_create, name="api-invoices"),
]
