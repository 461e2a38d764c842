"""Field-by-field validation of what the order desk types.

Each editable field of the review page is one Django form field, so that a POST carrying any
subset of them (one field saved as you go, or a whole line without JavaScript) is cleaned
field by field, every error is reported next to its field, and nothing is saved when one of
them is wrong. Choice fields are scoped to the tenant: a product or customer id of another
tenant typed by hand is "not a valid choice", exactly like one that does not exist.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from catalog.models import Product
from customers.models import Customer
from orders.models import OrderType
from tenants.models import Tenant

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%y"]
SHIP_TO_KEYS = ("name", "street", "postal_code", "city", "country")


class LooseDecimalField(forms.DecimalField):
    """A decimal as people type it: ``3,60``, ``1 234,56``, ``1,234.56`` or ``3.60``."""

    def to_python(self, value):
        if isinstance(value, str):
            value = normalise_number(value)
        return super().to_python(value)


def normalise_number(text: str) -> str:
    text = re.sub(r"[\s\u00a0\u202f']", "", text.strip())
    if "," in text and "." in text:
        # The separator that comes last is the decimal one; the other groups thousands.
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif text.count(",") == 1:
        text = text.replace(",", ".")
    return text


class UpperCharField(forms.CharField):
    def to_python(self, value):
        return super().to_python(value).upper()


class ProductChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Product) -> str:
        return f"{obj.sku} {obj.description}"


def header_fields(tenant: Tenant) -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {
        "customer": forms.ModelChoiceField(
            queryset=Customer.objects.for_tenant(tenant).filter(active=True),
            label=_("customer"),
        ),
        "po_number": forms.CharField(max_length=80, required=False, label=_("customer PO number")),
        "order_date": forms.DateField(
            required=False, input_formats=DATE_FORMATS, label=_("order date")
        ),
        "requested_delivery_date": forms.DateField(
            required=False, input_formats=DATE_FORMATS, label=_("requested delivery date")
        ),
        "currency": UpperCharField(
            min_length=3,
            max_length=3,
            label=_("currency"),
            validators=[RegexValidator(r"^[A-Z]{3}$", _("Three letters, such as EUR."))],
        ),
        "order_type": forms.ChoiceField(choices=OrderType.choices, label=_("type")),
        "notes": forms.CharField(required=False, max_length=5000, label=_("notes")),
    }
    for key in SHIP_TO_KEYS:
        if key == "country":
            fields["ship_to.country"] = UpperCharField(
                required=False, max_length=2, label=_("country")
            )
        else:
            fields[f"ship_to.{key}"] = forms.CharField(
                required=False, max_length=200, label=_(key.replace("_", " "))
            )
    return fields


def line_fields(tenant: Tenant) -> dict[str, forms.Field]:
    return {
        "product": ProductChoiceField(
            queryset=Product.objects.for_tenant(tenant).filter(active=True), label=_("product")
        ),
        "customer_sku": forms.CharField(
            required=False, max_length=80, label=_("customer part number")
        ),
        "description": forms.CharField(required=False, max_length=500, label=_("description")),
        "quantity": LooseDecimalField(
            min_value=Decimal("0.001"),
            max_digits=14,
            decimal_places=3,
            label=_("quantity"),
            error_messages={"min_value": _("The quantity must be more than zero.")},
        ),
        "unit": UpperCharField(max_length=40, label=_("unit")),
        "unit_price": LooseDecimalField(
            required=False,
            min_value=Decimal("0"),
            max_digits=18,
            decimal_places=6,
            label=_("unit price"),
            error_messages={"min_value": _("A price cannot be negative.")},
        ),
        "requested_date": forms.DateField(
            required=False, input_formats=DATE_FORMATS, label=_("requested date")
        ),
    }


def clean_subset(
    fields: Mapping[str, forms.Field], data: Mapping[str, str]
) -> tuple[dict, dict[str, list[str]]]:
    """Cleans the fields present in ``data``: ``(values, errors)``; unknown keys are ignored."""
    values: dict = {}
    errors: dict[str, list[str]] = {}
    for name, field in fields.items():
        if name not in data:
            continue
        raw = data[name]
        try:
            values[name] = field.clean(raw.strip() if isinstance(raw, str) else raw)
        except ValidationError as error:
            errors[name] = list(error.messages)
    return values, errors
