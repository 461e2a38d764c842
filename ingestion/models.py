"""What comes in: raw messages (kept before anything is parsed) and the documents in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tenants.models import TenantOwned


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    FAX = "fax", _("Fax")
    UPLOAD = "upload", _("Upload")
    API = "api", _("API")
    EDI = "edi", _("EDI")
    PORTAL = "portal", _("Portal")


class MessageStatus(models.TextChoices):
    # Labels carry a context: "Split" or "Processed" alone mean something else on other pages,
    # and Django keeps one French catalogue for every app.
    # raw bytes committed, nothing parsed yet
    STORED = "stored", pgettext_lazy("message status", "Stored")
    # documents created from the message
    SPLIT = "split", pgettext_lazy("message status", "Split")
    # every document went through the pipeline
    PROCESSED = "processed", pgettext_lazy("message status", "Processed")
    # the same message was received before
    DUPLICATE = "duplicate", pgettext_lazy("message status", "Duplicate")
    # could not be split; see error
    FAILED = "failed", pgettext_lazy("message status", "Failed")
    # a person marked it done by hand
    HANDLED = "handled", pgettext_lazy("message status", "Handled")


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
    status = models.CharField(
        max_length=10, choices=MessageStatus.choices, default=MessageStatus.STORED
    )
    error = models.TextField(blank=True)
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="duplicates"
    )
    # The customer the sender is known to be (portal upload, `ingest --customer`).
    known_customer = models.ForeignKey(
        "customers.Customer", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    metadata = models.JSONField(default=dict, blank=True)
    # The first copy holds the (tenant, Message-ID) and (tenant, sha256) slots; later copies are
    # kept too (nothing is thrown away) with is_original=False and duplicate_of set.
    is_original = models.BooleanField(default=True)
    mailbox = models.ForeignKey(
        "Mailbox", on_delete=models.SET_NULL, null=True, blank=True, related_name="messages"
    )
    processed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["tenant", "status"]),
            models.Index(fields=["tenant", "sha256"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "message_id"],
                name="inbound_message_unique_message_id",
                condition=models.Q(is_original=True) & ~models.Q(message_id=""),
            ),
            models.UniqueConstraint(
                fields=["tenant", "sha256"],
                name="inbound_message_unique_sha256",
                condition=models.Q(is_original=True),
            ),
        ]

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
    # waiting for a worker
    PENDING = "pending", pgettext_lazy("document status", "Pending")
    # text being read (pdfplumber / OCR)
    READING = "reading", pgettext_lazy("document status", "Reading")
    # layout stored
    READ = "read", pgettext_lazy("document status", "Read")
    # order(s) created from it
    EXTRACTED = "extracted", pgettext_lazy("document status", "Extracted")
    # read, but nothing to order in it
    NOT_AN_ORDER = "not_an_order", pgettext_lazy("document status", "Not an order")
    # logo, disclaimer, inline image: not read
    SET_ASIDE = "set_aside", pgettext_lazy("document status", "Set aside")
    # the same file was received before
    DUPLICATE = "duplicate", pgettext_lazy("document status", "Duplicate")
    # an error a person must look at
    FAILED = "failed", pgettext_lazy("document status", "Needs attention")
    # a person marked it done
    HANDLED = "handled", pgettext_lazy("document status", "Handled")


class Document(TenantOwned):
    message = models.ForeignKey(InboundMessage, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=10, choices=DocumentKind.choices)
    filename = models.CharField(max_length=300, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    file = models.FileField(upload_to="documents/%Y/%m/%d/", max_length=300)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    status = models.CharField(
        max_length=15, choices=DocumentStatus.choices, default=DocumentStatus.PENDING
    )
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    page_count = models.PositiveIntegerField(default=0)
    # The Layout (ingestion.layout) as JSON: words with boxes per page.
    layout = models.JSONField(null=True, blank=True)
    # The ExtractedOrder(s) as JSON, before matching decisions are stored on the order.
    extraction = models.JSONField(null=True, blank=True)
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="duplicates"
    )
    metadata = models.JSONField(default=dict, blank=True)
    # The attachment (or uploaded file) that holds the (tenant, sha256) slot: a later copy of the
    # same bytes is a duplicate pointing at it. Bodies and set-aside parts never hold the slot.
    is_original = models.BooleanField(default=False)
    # Where the document sits in its message: 0, 1, 2... in MIME order (stable across re-splits).
    position = models.PositiveIntegerField(default=0)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["tenant", "status"]),
            models.Index(fields=["tenant", "sha256"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "sha256"],
                name="document_unique_sha256",
                condition=models.Q(is_original=True),
            ),
            models.UniqueConstraint(
                fields=["message", "position"], name="document_unique_position"
            ),
        ]

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
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="page_image_unique")
        ]


class MailboxSecurity(models.TextChoices):
    TLS = "tls", _("TLS (IMAPS)")  # implicit TLS, usually port 993
    STARTTLS = "starttls", _("STARTTLS")  # plain connection upgraded, usually port 143
    NONE = "none", _("None (local servers only)")  # no encryption at all


class AfterProcessing(models.TextChoices):
    MARK_SEEN = "seen", _("Mark as read")
    MOVE = "move", _("Move to a folder")
    LEAVE = "leave", _("Leave as it is")


class Mailbox(TenantOwned):
    """An IMAP mailbox polled for orders (or faxes sent by a fax-to-email service)."""

    name = models.CharField(_("name"), max_length=100)
    channel = models.CharField(
        _("channel"),
        max_length=10,
        choices=[(Channel.EMAIL, _("Email")), (Channel.FAX, _("Fax"))],
        default=Channel.EMAIL,
    )
    host = models.CharField(_("host"), max_length=255)
    port = models.PositiveIntegerField(_("port"), default=993)
    security = models.CharField(
        _("security"), max_length=10, choices=MailboxSecurity.choices, default=MailboxSecurity.TLS
    )
    username = models.CharField(_("user name"), max_length=255)
    # Fernet token (ingestion.crypto); never the clear password.
    password_encrypted = models.TextField(blank=True)
    folder = models.CharField(_("folder"), max_length=255, default="INBOX")
    after_processing = models.CharField(
        _("after processing"),
        max_length=10,
        choices=AfterProcessing.choices,
        default=AfterProcessing.MARK_SEEN,
    )
    move_to = models.CharField(_("move to folder"), max_length=255, blank=True)
    enabled = models.BooleanField(_("enabled"), default=True)
    poll_interval_s = models.PositiveIntegerField(_("poll every (seconds)"), default=60)
    # IMAP state: UIDs are only meaningful together with the folder's UIDVALIDITY.
    uidvalidity = models.BigIntegerField(null=True, blank=True)
    last_uid = models.BigIntegerField(default=0)
    # Health.
    last_poll_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    # One poll at a time: a poll takes the lease with a conditional UPDATE (any database, any
    # number of workers) and gives it back when done; a crashed poll's lease simply expires.
    poll_lease_until = models.DateTimeField(null=True, blank=True)
    next_poll_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name_plural = "mailboxes"

    def __str__(self) -> str:
        return self.name

    @property
    def degraded(self) -> bool:
        return self.consecutive_failures >= settings.CARNET_LIMITS.get("mailbox_degraded_after", 3)


class MailboxUid(TenantOwned):
    """One message seen in a mailbox folder; the unique constraint is what makes polling exactly-once."""

    mailbox = models.ForeignKey(Mailbox, on_delete=models.CASCADE, related_name="uids")
    uidvalidity = models.BigIntegerField()
    uid = models.BigIntegerField()
    message = models.ForeignKey(
        InboundMessage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mailbox_uids",
    )
    # When the after-processing action (seen / move) was done on the server; null = still to do.
    actioned_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["mailbox", "uidvalidity", "uid"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "mailbox", "uidvalidity", "uid"], name="mailbox_uid_unique"
            ),
        ]


class InboundHook(TenantOwned):
    """The shared secret an email or fax provider signs its webhook posts with (HMAC-SHA256)."""

    channel = models.CharField(
        max_length=10, choices=[(Channel.EMAIL, _("Email")), (Channel.FAX, _("Fax"))]
    )
    secret_encrypted = models.TextField()
    enabled = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["channel"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "channel"], name="inbound_hook_unique_channel"
            )
        ]


class IdempotencyKey(TenantOwned):
    """An API request's Idempotency-Key: a replay gets the first response back."""

    key = models.CharField(max_length=255)
    # SHA-256 of the request (files and fields): the same key with another request is refused.
    request_sha256 = models.CharField(max_length=64)
    message = models.ForeignKey(
        InboundMessage, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    response_status = models.PositiveSmallIntegerField(default=201)
    response_body = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tenant", "key"], name="idempotency_key_unique")
        ]
