"""The supplier's catalog: products, prices, and the customers' own part numbers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenants.models import TenantOwned


def gtin_is_valid(value: str) -> bool:
    """GTIN-8/12/13/14 check digit (mod 10, weights 3 and 1 from the right)."""
    if not value.isdigit() or len(value) not in (8, 12, 13, 14):
        return False
    digits = [int(c) for c in value]
    body, check = digits[:-1], digits[-1]
    total = sum(d * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def validate_gtin(value: str) -> None:
    if value and not gtin_is_valid(value):
        raise ValidationError(
            _("%(value)s is not a valid GTIN/EAN (check digit)."), params={"value": value}
        )


class Product(TenantOwned):
    sku = models.CharField(_("SKU"), max_length=60)
    gtin = models.CharField(_("GTIN / EAN"), max_length=14, blank=True, validators=[validate_gtin])
    description = models.CharField(_("description"), max_length=300)
    unit = models.CharField(_("unit"), max_length=40, default="EA")
    pack_size = models.PositiveIntegerField(_("pack size"), default=1)
    list_price = models.DecimalField(
        _("list price"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sku"]
        constraints = [models.UniqueConstraint(fields=["tenant", "sku"], name="product_unique_sku")]
        indexes = [models.Index(fields=["tenant", "gtin"])]

    def __str__(self) -> str:
        return f"{self.sku} {self.description}"


class PriceList(TenantOwned):
    """A set of prices, for every customer (no customer) or for one customer, within dates."""

    name = models.CharField(_("name"), max_length=120)
    customer = models.ForeignKey(
        "customers.Customer",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="price_lists",
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PriceListItem(TenantOwned):
    price_list = models.ForeignKey(PriceList, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="price_items")
    unit_price = models.DecimalField(_("unit price"), max_digits=14, decimal_places=4)
    min_quantity = models.DecimalField(
        _("from quantity"), max_digits=14, decimal_places=3, default=0
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["price_list", "product", "min_quantity"], name="price_item_unique"
            )
        ]


class CustomerProductAlias(TenantOwned):
    """The customer's own part number for one of our products."""

    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.CASCADE, related_name="aliases"
    )
    customer_sku = models.CharField(_("customer part number"), max_length=80)
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="aliases")
    learned = models.BooleanField(
        default=False, help_text=_("Created from an order desk correction.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["customer", "customer_sku"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "customer", "customer_sku"], name="alias_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.customer_sku} → {self.product.sku}"
