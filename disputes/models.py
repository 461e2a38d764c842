"""Disputes (claims, "litiges"): what a customer complains about, who handles it, by when."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tenants.models import TenantOwned


class DisputeType(models.TextChoices):
    # arrived broken, wet or crushed
    DAMAGED = "damaged", pgettext_lazy("dispute type", "Damaged goods")
    # less delivered than the delivery note says
    MISSING = "missing", pgettext_lazy("dispute type", "Missing items / short delivery")
    # another article than the one ordered
    WRONG_ITEM = "wrong_item", pgettext_lazy("dispute type", "Wrong item")
    # delivered after the promised date
    LATE = "late", pgettext_lazy("dispute type", "Late delivery")
    # invoiced price or quantity is wrong
    PRICING = "pricing", pgettext_lazy("dispute type", "Pricing / invoice error")
    # delivered as ordered but defective
    QUALITY = "quality", pgettext_lazy("dispute type", "Quality")
    # the customer wants to send goods back
    RETURN = "return", pgettext_lazy("dispute type", "Return request")
    # anything else
    OTHER = "other", pgettext_lazy("dispute type", "Other")


class DisputeStatus(models.TextChoices):
    # received, nobody has worked on it yet
    OPEN = "open", pgettext_lazy("dispute status", "Open")
    # someone is on it
    IN_PROGRESS = "in_progress", pgettext_lazy("dispute status", "In progress")
    # a question is asked to the customer, the answer is awaited
    WAITING_CUSTOMER = (
        "waiting_customer",
        pgettext_lazy("dispute status", "Waiting for the customer"),
    )
    # settled with a resolution (credit note, replacement, refund or none)
    RESOLVED = "resolved", pgettext_lazy("dispute status", "Resolved")
    # not founded, refused with a reason
    REJECTED = "rejected", pgettext_lazy("dispute status", "Rejected")
    # archived, nothing more to do
    CLOSED = "closed", pgettext_lazy("dispute status", "Closed")


# Statuses in which the dispute still waits for us or for the customer (the SLA runs).
ACTIVE_STATUSES = (
    DisputeStatus.OPEN,
    DisputeStatus.IN_PROGRESS,
    DisputeStatus.WAITING_CUSTOMER,
)


class Resolution(models.TextChoices):
    # the amount is credited on a next invoice
    CREDIT_NOTE = "credit_note", pgettext_lazy("dispute resolution", "Credit note")
    # goods sent again at no charge
    REPLACEMENT = "replacement", pgettext_lazy("dispute resolution", "Replacement")
    # money paid back
    REFUND = "refund", pgettext_lazy("dispute resolution", "Refund")
    # settled without compensation
    NONE = "none", pgettext_lazy("dispute resolution", "None")


class Dispute(TenantOwned):
    number = models.CharField(_("number"), max_length=30)
    customer = models.ForeignKey(
        "customers.Customer",
        on_delete=models.PROTECT,
        related_name="disputes",
        verbose_name=_("customer"),
    )
    order = models.ForeignKey(
        "orders.Order",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="disputes",
        verbose_name=_("order"),
    )
    invoice = models.ForeignKey(
        "orders.Invoice",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="disputes",
        verbose_name=_("invoice"),
    )
    delivery_note = models.ForeignKey(
        "orders.DeliveryNote",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="disputes",
        verbose_name=_("delivery note"),
    )
    lines = models.ManyToManyField(
        "orders.OrderLine", blank=True, related_name="disputes", verbose_name=_("order lines")
    )
    type = models.CharField(_("type"), max_length=20, choices=DisputeType.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=DisputeStatus.choices, default=DisputeStatus.OPEN
    )
    description = models.TextField(_("description"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now, db_index=True)
    due_at = models.DateTimeField(_("due"))
    resolved_at = models.DateTimeField(_("settled"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    amount_claimed = models.DecimalField(
        _("amount claimed"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    resolution = models.CharField(
        _("resolution"), max_length=20, choices=Resolution.choices, blank=True, default=""
    )
    resolution_amount = models.DecimalField(
        _("resolution amount"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")
        constraints = [
            models.UniqueConstraint(fields=["tenant", "number"], name="dispute_unique_number")
        ]
        indexes = [
            models.Index(fields=["tenant", "status"]),
            models.Index(fields=["tenant", "customer"]),
            models.Index(fields=["tenant", "due_at"]),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_active and self.due_at < timezone.now()


class DisputeEvent(TenantOwned):
    """Append-only history of a dispute: opening, every status move, assignments."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    # Not auto_now_add: the demo writes a history in the past.
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.dispute.number}: {self.kind}"


class DisputeComment(TenantOwned):
    """A message of the thread; internal notes are for staff only, never for the customer."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("comment"))
    internal = models.BooleanField(_("internal note"), default=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.dispute.number}: {self.body[:40]}"


class DisputeNumberSequence(TenantOwned):
    """The last number used per tenant and year; locked so numbers have no gaps."""

    year = models.PositiveIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tenant", "year"], name="dispute_sequence_unique")
        ]
