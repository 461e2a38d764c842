"""Customer accounts: who orders, where it ships, who owns the account, how we recognise them."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenants.models import TenantOwned


class Customer(TenantOwned):
    code = models.CharField(_("customer number"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    vat_number = models.CharField(_("VAT / tax id"), max_length=40, blank=True)
    segment = models.CharField(_("segment"), max_length=60, blank=True)
    vip = models.BooleanField(_("VIP"), default=False)
    payment_terms = models.CharField(_("payment terms"), max_length=60, blank=True)
    credit_limit = models.DecimalField(
        _("credit limit"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    language = models.CharField(_("language"), max_length=10, default="en")
    sales_rep = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="portfolio",
        verbose_name=_("sales rep"),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    fax = models.CharField(_("fax"), max_length=40, blank=True)
    active = models.BooleanField(_("active"), default=True)
    # Where each header field was found on this customer's documents, learned from corrections.
    layout_hints = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "code"], name="customer_unique_code")
        ]
        indexes = [
            models.Index(fields=["tenant", "name"]),
            models.Index(fields=["tenant", "sales_rep"]),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def credit_limit_or_zero(self) -> Decimal:
        return self.credit_limit or Decimal("0")


class AddressKind(models.TextChoices):
    BILL_TO = "bill_to", _("Bill-to")  # the main, invoicing address
    SHIP_TO = "ship_to", _("Ship-to")  # a delivery address; a customer may have several
    CONSIGNMENT = "consignment", _("Consignment stock")  # where consignment orders ship


class Address(TenantOwned):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="addresses")
    kind = models.CharField(max_length=20, choices=AddressKind.choices, default=AddressKind.SHIP_TO)
    name = models.CharField(_("name"), max_length=200, blank=True)
    street = models.CharField(_("street"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    is_default = models.BooleanField(default=False)

    class Meta:
        ordering = ["customer", "kind", "-is_default", "pk"]
        verbose_name_plural = "addresses"

    def __str__(self) -> str:
        return ", ".join(
            p
            for p in [
                self.name,
                self.street,
                f"{self.postal_code} {self.city}".strip(),
                self.country,
            ]
            if p
        )

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "street": self.street,
            "postal_code": self.postal_code,
            "city": self.city,
            "country": self.country,
        }


class Contact(TenantOwned):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    role = models.CharField(_("role"), max_length=80, blank=True)
    receives_acknowledgments = models.BooleanField(default=True)

    class Meta:
        ordering = ["customer", "name"]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.email else self.name


class SenderKind(models.TextChoices):
    DOMAIN = "domain", _("Email domain")  # any address at this domain
    ADDRESS = "address", _("Email address")  # one sender address


class CustomerSender(TenantOwned):
    """An email domain or address that identifies the customer on inbound mail."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="senders")
    kind = models.CharField(max_length=10, choices=SenderKind.choices, default=SenderKind.DOMAIN)
    value = models.CharField(max_length=254)

    class Meta:
        ordering = ["value"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "kind", "value"], name="customer_sender_unique"
            )
        ]

    def __str__(self) -> str:
        return self.value


class PortalAccount(TenantOwned):
    """A customer's user of the portal: one customer of one tenant, never staff pages."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portal_account"
    )
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="portal_accounts")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.user} → {self.customer}"


class ImportKind(models.TextChoices):
    CUSTOMERS = "customers", _("Customers")  # customers.csv of CONTRACTS.md
    PRODUCTS = "products", _("Products")  # products.csv
    ALIASES = "aliases", _("Customer part numbers")  # aliases.csv


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("Previewed")  # checked, waiting for a person to apply it
    REFUSED = "refused", _("Refused")  # the file has errors; nothing can be applied
    APPLIED = "applied", _("Applied")  # imported


class ImportBatch(TenantOwned):
    """A master-data file uploaded from the imports page: previewed first, applied on request."""

    kind = models.CharField(_("kind"), max_length=10, choices=ImportKind.choices)
    file = models.FileField(upload_to="imports/%Y/%m/%d/", max_length=300)
    filename = models.CharField(_("file"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED
    )
    # The ImportReport as JSON: counts, created/updated keys, rejected lines with reasons.
    report = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filename}"
