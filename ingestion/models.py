"""What comes in: raw messages (kept before anything is parsed) and the documents in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenants.models import TenantOwned


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    FAX = "fax", _("Fax")
    UPLOAD = "upload", _("Upload")
    API = "api", _("API")
    EDI = "edi", _("EDI")
    PORTAL = "portal", _("Portal")


class MessageStatus(models.TextChoices):
    STORED = "stored", _("Stored")  # raw bytes committed, nothing parsed yet
    SPLIT = "split", _("Split")  # documents created from the message
    PROCESSED = "processed", _("Processed")  # every document went through the pipeline
    DUPLICATE = "duplicate", _("Duplicate")  # the same message was received before
    FAILED = "failed", _("Failed")  # could not be split; see error
    HANDLED = "handled", _("Handled")  # a person marked it done by hand


class InboundMessage(TenantOwned):
    channel = models.CharField(max_length=10, choices=Channel.choices)
    sender = models.CharField(max_length=320, blank=True)
    recipients = models.TextField(blank=True)
    subject = models.CharField(max_length=998, blank=True)
    message_id = models.CharField(max_length=998, blank=True)
    received_at = models.DateTimeField(db_index=True)
    raw = models.FileField(upload_to="inbound/%Y/%m/%d/", max_length=300)
    raw_filename = models.CharField(max_length=300, blank=True)
    raw_size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=MessageStatus.choices, default=MessageStatus.STORED)
    error = models.TextField(blank=True)
    duplicate_of = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="duplicates")
    # The customer the sender is known to be (portal upload, `ingest --customer`).
    known_customer = models.ForeignKey("customers.Customer", on_delete=models.SET_NULL, null=True, blank=True,
                                       related_name="+")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    metadata = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["tenant", "status"]), models.Index(fields=["tenant", "sha256"])]

    def __str__(self) -> str:
        return self.subject or self.raw_filename or f"message {self.pk}"


class DocumentKind(models.TextChoices):
    PDF = "pdf", _("PDF")
    IMAGE = "image", _("Image")  # TIFF, PNG, JPEG
    BODY = "body", _("Email body")
    SHEET = "sheet", _("Spreadsheet")  # CSV, XLSX
    EDI = "edi", _("EDI message")
    OTHER = "other", _("Other")


class DocumentStatus(models.TextChoices):
    PENDING = "pending", _("Pending")  # waiting for a worker
    READING = "reading", _("Reading")  # text being read (pdfplumber / OCR)
    READ = "read", _("Read")  # layout stored
    EXTRACTED = "extracted", _("Extracted")  # order(s) created from it
    NOT_AN_ORDER = "not_an_order", _("Not an order")  # read, but nothing to order in it
    SET_ASIDE = "set_aside", _("Set aside")  # logo, disclaimer, inline image: not read
    DUPLICATE = "duplicate", _("Duplicate")  # the same file was received before
    FAILED = "failed", _("Needs attention")  # an error a person must look at
    HANDLED = "handled", _("Handled")  # a person marked it done


class Document(TenantOwned):
    message = models.ForeignKey(InboundMessage, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=10, choices=DocumentKind.choices)
    filename = models.CharField(max_length=300, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    file = models.FileField(upload_to="documents/%Y/%m/%d/", max_length=300)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=15, choices=DocumentStatus.choices, default=DocumentStatus.PENDING)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    page_count = models.PositiveIntegerField(default=0)
    # The Layout (ingestion.layout) as JSON: words with boxes per page.
    layout = models.JSONField(null=True, blank=True)
    # The ExtractedOrder(s) as JSON, before matching decisions are stored on the order.
    extraction = models.JSONField(null=True, blank=True)
    duplicate_of = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="duplicates")
    metadata = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["tenant", "status"]), models.Index(fields=["tenant", "sha256"])]

    def __str__(self) -> str:
        return self.filename or f"document {self.pk}"


class PageImage(TenantOwned):
    """A page rendered once for the order desk viewer."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveIntegerField()
    image = models.FileField(upload_to="pages/%Y/%m/%d/", max_length=300)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["document", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="page_image_unique")]
