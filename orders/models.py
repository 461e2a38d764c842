"""Orders and what follows them: lines, events, delivery notes, invoices."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenants.models import TenantOwned


class OrderStatus(models.TextChoices):
    RECEIVED = "received", _("Received")  # created from an inbound document, not read yet
    EXTRACTED = "extracted", _("Extracted")  # fields read, decision pending
    NEEDS_REVIEW = "needs_review", _("Needs review")  # waiting for the order desk
    VALIDATED = "validated", _("Validated")  # approved by a person or automatically
    EXPORTED = "exported", _("Exported")  # acknowledged by the ERP
    IN_FULFILMENT = "in_fulfilment", _("In fulfilment")  # being picked / partially shipped
    SHIPPED = "shipped", _("Shipped")  # every line shipped
    INVOICED = "invoiced", _("Invoiced")  # every line invoiced
    CLOSED = "closed", _("Closed")  # paid and done
    REJECTED = "rejected", _("Rejected")  # not an order, spam, or refused
    CANCELLED = "cancelled", _("Cancelled")  # withdrawn by the customer or by us
    ON_HOLD = "on_hold", _("On hold")  # parked with a note (credit, question to the customer)


OPEN_STATUSES = (
    OrderStatus.VALIDATED,
    OrderStatus.EXPORTED,
    OrderStatus.IN_FULFILMENT,
)
REVIEW_STATUSES = (OrderStatus.RECEIVED, OrderStatus.EXTRACTED, OrderStatus.NEEDS_REVIEW)


class OrderChannel(models.TextChoices):
    EMAIL = "email", _("Email")
    FAX = "fax", _("Fax")
    PORTAL = "portal", _("Portal")
    API = "api", _("API")
    EDI = "edi", _("EDI")
    UPLOAD = "upload", _("Upload")
    PHONE = "phone", _("Phone")


class OrderType(models.TextChoices):
    STANDARD = "standard", _("Standard")
    CONSIGNMENT = "consignment", _("Consignment")  # ships to the customer's consignment stock
    REPLENISHMENT = "replenishment", _("Replenishment")  # refills consignment stock
    SAMPLE = "sample", _("Sample")  # priced at zero


class ExportStatus(models.TextChoices):
    NOT_EXPORTED = "", _("Not exported")  # never queued (no connector, or not validated yet)
    PENDING = "pending", _("Pending")  # queued or being retried
    SUCCEEDED = "succeeded", _("Succeeded")  # the ERP acknowledged the order
    FAILED = "failed", _("Failed")  # every attempt failed; listed for a person to retry


class Order(TenantOwned):
    number = models.CharField(_("number"), max_length=30)
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.PROTECT, null=True, blank=True, related_name="orders"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=OrderChannel.choices)
    order_type = models.CharField(
        _("type"), max_length=15, choices=OrderType.choices, default=OrderType.STANDARD
    )
    status = models.CharField(
        _("status"), max_length=15, choices=OrderStatus.choices, default=OrderStatus.RECEIVED
    )
    po_number = models.CharField(_("customer PO number"), max_length=80, blank=True)
    order_date = models.DateField(_("order date"), null=True, blank=True)
    requested_delivery_date = models.DateField(_("requested delivery date"), null=True, blank=True)
    ship_to = models.ForeignKey(
        "customers.Address", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The ship-to as written on the document / typed by hand: name, street, postal_code, city, country.
    ship_to_address = models.JSONField(_("ship-to address"), default=dict, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    total_amount = models.DecimalField(
        _("total"), max_digits=14, decimal_places=2, default=Decimal("0")
    )
    # What the document itself states (the extraction compares them with the lines and price list).
    stated_total = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    stated_grand_total = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    source_document = models.ForeignKey(
        "ingestion.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="orders",
    )
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="duplicates"
    )
    # Per-field confidence, sources and the rules that fired, as produced by the extraction.
    extraction = models.JSONField(default=dict, blank=True)
    issues = models.JSONField(default=list, blank=True)
    auto_approved = models.BooleanField(default=False)
    export_status = models.CharField(
        _("ERP export"), max_length=10, blank=True, default="", choices=ExportStatus.choices
    )
    acknowledged_at = models.DateTimeField(_("acknowledgment sent"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    validated_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(_("received"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "number"], name="order_unique_number")
        ]
        indexes = [
            models.Index(fields=["tenant", "status"]),
            models.Index(fields=["tenant", "customer", "po_number"]),
            models.Index(fields=["tenant", "order_date"]),
        ]

    def __str__(self) -> str:
        return self.number


class OrderLine(TenantOwned):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveIntegerField(default=0)
    product = models.ForeignKey(
        "catalog.Product",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="order_lines",
    )
    customer_sku = models.CharField(_("customer part number"), max_length=80, blank=True)
    description = models.CharField(_("description"), max_length=500, blank=True)
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=3)
    unit = models.CharField(_("unit"), max_length=40, default="EA")
    # six places: a price printed per 1000 ("27,75 / 1000") is 0.02775 a piece
    unit_price = models.DecimalField(
        _("unit price"), max_digits=18, decimal_places=6, null=True, blank=True
    )
    line_total = models.DecimalField(
        _("line total"), max_digits=14, decimal_places=2, default=Decimal("0")
    )
    requested_date = models.DateField(_("requested date"), null=True, blank=True)
    # Ranked product candidates from matching and per-field confidence, for the order desk.
    extraction = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["order", "position", "pk"]
        indexes = [models.Index(fields=["tenant", "product"])]

    def __str__(self) -> str:
        return f"{self.order.number}/{self.position}"


class OrderEvent(TenantOwned):
    """Append-only history of an order: every status move and every notable action."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=40)
    from_status = models.CharField(max_length=15, blank=True)
    to_status = models.CharField(max_length=15, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.order.number}: {self.kind}"


class OrderNumberSequence(TenantOwned):
    """The last number used per tenant and year; locked row by row so numbers have no gaps."""

    year = models.PositiveIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tenant", "year"], name="order_sequence_unique")
        ]


class DeliveryNote(TenantOwned):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="delivery_notes")
    number = models.CharField(_("number"), max_length=40)
    carrier = models.CharField(_("carrier"), max_length=80, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=80, blank=True)
    shipped_at = models.DateField(_("shipped"), null=True, blank=True)
    delivered_at = models.DateField(_("delivered"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-shipped_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "number"], name="delivery_note_unique_number")
        ]

    def __str__(self) -> str:
        return self.number


class DeliveryNoteLine(TenantOwned):
    delivery_note = models.ForeignKey(DeliveryNote, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(
        OrderLine, on_delete=models.CASCADE, related_name="delivery_lines"
    )
    quantity = models.DecimalField(_("shipped quantity"), max_digits=14, decimal_places=3)


class InvoiceStatus(models.TextChoices):
    OPEN = "open", _("Open")  # issued, not paid
    PARTIALLY_PAID = "partially_paid", _("Partially paid")
    PAID = "paid", _("Paid")
    CANCELLED = "cancelled", _("Cancelled")


class Invoice(TenantOwned):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="invoices")
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.PROTECT, related_name="invoices"
    )
    number = models.CharField(_("number"), max_length=40)
    issued_on = models.DateField(_("issued"))
    due_on = models.DateField(_("due"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    total_net = models.DecimalField(
        _("net total"), max_digits=14, decimal_places=2, default=Decimal("0")
    )
    total_tax = models.DecimalField(_("tax"), max_digits=14, decimal_places=2, default=Decimal("0"))
    total_gross = models.DecimalField(
        _("gross total"), max_digits=14, decimal_places=2, default=Decimal("0")
    )
    paid_amount = models.DecimalField(
        _("paid"), max_digits=14, decimal_places=2, default=Decimal("0")
    )
    status = models.CharField(
        _("status"), max_length=15, choices=InvoiceStatus.choices, default=InvoiceStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "number"], name="invoice_unique_number")
        ]

    def __str__(self) -> str:
        return self.number


class InvoiceLine(TenantOwned):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(
        OrderLine, on_delete=models.CASCADE, related_name="invoice_lines"
    )
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=3)
    unit_price = models.DecimalField(_("unit price"), max_digits=18, decimal_places=6)
    line_total = models.DecimalField(_("line total"), max_digits=14, decimal_places=2)


class ConnectorKind(models.TextChoices):
    WEBHOOK = "webhook", _("Webhook (signed JSON POST)")  # acknowledged by a 2xx answer
    FILE_DROP = (
        "file_drop",
        _("File drop folder (CSV and JSON)"),
    )  # acknowledged once the file is written


class ErpConnector(TenantOwned):
    """How a tenant's validated orders reach its ERP: one connector per tenant."""

    kind = models.CharField(
        _("kind"), max_length=10, choices=ConnectorKind.choices, default=ConnectorKind.WEBHOOK
    )
    active = models.BooleanField(_("active"), default=True)
    webhook_url = models.URLField(_("webhook URL"), max_length=500, blank=True)
    # Shared secret of the HMAC-SHA256 signature sent in X-Carnet-Signature, encrypted at rest
    # (ingestion.crypto); read it with signing_secret().
    secret = models.CharField(_("signing secret"), max_length=500, blank=True)
    # Relative to settings.CARNET_ERP_DROP_ROOT/<tenant slug>/: a tenant never writes outside it.
    folder = models.CharField(_("folder"), max_length=200, blank=True)
    timeout_seconds = models.PositiveIntegerField(_("timeout (seconds)"), default=10)
    max_attempts = models.PositiveIntegerField(_("attempts before giving up"), default=6)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tenant"], name="erp_connector_one_per_tenant")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.tenant_id})"

    def set_secret(self, value: str) -> None:
        from ingestion.crypto import secret_encrypt

        self.secret = secret_encrypt(value) if value else ""

    def signing_secret(self) -> str:
        from ingestion.crypto import secret_decrypt

        return secret_decrypt(self.secret)


class ExportAttempt(TenantOwned):
    """One try to hand an order to the ERP, successful or not, kept for the order page."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="export_attempts")
    kind = models.CharField(max_length=10, choices=ConnectorKind.choices)
    number = models.PositiveIntegerField(_("attempt"), default=1)
    succeeded = models.BooleanField(default=False)
    target = models.CharField(max_length=500, blank=True)
    status_code = models.PositiveIntegerField(null=True, blank=True)
    response_excerpt = models.TextField(blank=True)
    error = models.TextField(blank=True)
    duration_ms = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.order_id} #{self.number}"
