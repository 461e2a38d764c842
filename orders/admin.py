from django.contrib import admin

from orders.models import (
    DeliveryNote,
    DeliveryNoteLine,
    ErpConnector,
    ExportAttempt,
    Invoice,
    InvoiceLine,
    Order,
    OrderEvent,
    OrderLine,
    OrderNumberSequence,
)


class OrderLineInline(admin.TabularInline):
    model = OrderLine
    extra = 0
    fields = [
        "position",
        "product",
        "customer_sku",
        "description",
        "quantity",
        "unit",
        "unit_price",
        "line_total",
    ]
    readonly_fields = fields
    can_delete = False


class OrderEventInline(admin.TabularInline):
    model = OrderEvent
    extra = 0
    fields = ["created_at", "kind", "from_status", "to_status", "actor", "reason"]
    readonly_fields = fields
    can_delete = False


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    """Read-mostly: statuses and totals only change through orders.services."""

    list_display = [
        "number",
        "tenant",
        "customer",
        "status",
        "channel",
        "order_type",
        "total_amount",
        "export_status",
        "created_at",
    ]
    list_filter = ["tenant", "status", "channel", "order_type", "export_status"]
    search_fields = ["number", "po_number", "customer__code", "customer__name"]
    raw_id_fields = [
        "customer",
        "ship_to",
        "source_document",
        "duplicate_of",
        "created_by",
        "validated_by",
    ]
    readonly_fields = [
        "number",
        "status",
        "total_amount",
        "export_status",
        "validated_at",
        "validated_by",
        "acknowledged_at",
        "created_at",
        "updated_at",
    ]
    list_select_related = ["tenant", "customer"]
    inlines = [OrderLineInline, OrderEventInline]
    date_hierarchy = "created_at"


@admin.register(OrderEvent)
class OrderEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "order", "kind", "from_status", "to_status", "actor"]
    list_filter = ["tenant", "kind"]
    search_fields = ["order__number"]
    raw_id_fields = ["order", "actor"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # append-only history


@admin.register(OrderNumberSequence)
class OrderNumberSequenceAdmin(admin.ModelAdmin):
    list_display = ["tenant", "year", "last_value"]
    readonly_fields = ["last_value"]


class DeliveryNoteLineInline(admin.TabularInline):
    model = DeliveryNoteLine
    extra = 0
    exclude = ["tenant"]
    raw_id_fields = ["order_line"]


@admin.register(DeliveryNote)
class DeliveryNoteAdmin(admin.ModelAdmin):
    list_display = [
        "number",
        "order",
        "carrier",
        "tracking_number",
        "shipped_at",
        "delivered_at",
        "tenant",
    ]
    list_filter = ["tenant", "carrier"]
    search_fields = ["number", "order__number", "tracking_number"]
    raw_id_fields = ["order"]
    inlines = [DeliveryNoteLineInline]


class InvoiceLineInline(admin.TabularInline):
    model = InvoiceLine
    extra = 0
    exclude = ["tenant"]
    raw_id_fields = ["order_line"]


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = [
        "number",
        "order",
        "customer",
        "issued_on",
        "due_on",
        "total_gross",
        "paid_amount",
        "status",
        "tenant",
    ]
    list_filter = ["tenant", "status"]
    search_fields = ["number", "order__number", "customer__code", "customer__name"]
    raw_id_fields = ["order", "customer"]
    inlines = [InvoiceLineInline]


@admin.register(ErpConnector)
class ErpConnectorAdmin(admin.ModelAdmin):
    list_display = ["tenant", "kind", "active", "webhook_url", "folder", "max_attempts"]
    list_filter = ["kind", "active"]
    exclude = ["secret"]  # set on the ERP settings page, stored encrypted


@admin.register(ExportAttempt)
class ExportAttemptAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "order",
        "number",
        "kind",
        "succeeded",
        "status_code",
        "duration_ms",
        "tenant",
    ]
    list_filter = ["tenant", "succeeded", "kind"]
    search_fields = ["order__number", "error"]
    raw_id_fields = ["order"]
    readonly_fields = ["created_at"]


@admin.register(DeliveryNoteLine, InvoiceLine)
class DocumentLineAdmin(admin.ModelAdmin):
    list_display = ["__str__", "order_line", "quantity", "tenant"]
    list_filter = ["tenant"]
    raw_id_fields = ["order_line"]


@admin.register(OrderLine)
class OrderLineAdmin(admin.ModelAdmin):
    list_display = [
        "order",
        "position",
        "product",
        "quantity",
        "unit_price",
        "line_total",
        "tenant",
    ]
    list_filter = ["tenant"]
    search_fields = ["order__number", "product__sku", "customer_sku"]
    raw_id_fields = ["order", "product"]
