from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.selectors import product_find
from customers.models import Address, Customer
from orders.models import ConnectorKind, ErpConnector, OrderChannel, OrderStatus, OrderType
from orders.webhooks import WebhookUrlRefused, webhook_url_check
from tenants.models import Tenant

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OrderFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("number, PO, customer")}),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All")),
            ("open", _("Open (validated to in fulfilment)")),
            *OrderStatus.choices,
        ],
    )
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("All")), *OrderChannel.choices]
    )
    order_type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All")), *OrderType.choices]
    )
    rep = forms.ChoiceField(label=_("Sales rep"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("To"), required=False, widget=DATE)
    customer = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, reps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rep"].choices = [("", _("Everyone")), ("mine", _("My portfolio"))] + [
            (str(u.pk), str(u)) for u in reps
        ]


class OrderHeaderForm(forms.Form):
    customer = forms.CharField(
        label=_("Customer number"),
        max_length=40,
        widget=forms.TextInput(attrs={"list": "customer-suggestions", "autocomplete": "off"}),
    )
    order_type = forms.ChoiceField(
        label=_("Type"), choices=OrderType.choices, initial=OrderType.STANDARD
    )
    po_number = forms.CharField(label=_("Customer PO number"), max_length=80, required=False)
    order_date = forms.DateField(label=_("Order date"), required=False, widget=DATE)
    requested_delivery_date = forms.DateField(
        label=_("Requested delivery date"), required=False, widget=DATE
    )
    ship_to = forms.ModelChoiceField(
        label=_("Ship to"),
        queryset=Address.objects.none(),
        required=False,
        empty_label=_("The customer's default"),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, tenant: Tenant, **kwargs):
        super().__init__(*args, **kwargs)
        self.tenant = tenant
        code = (
            self.data.get(self.add_prefix("customer"))
            if self.is_bound
            else self.initial.get("customer")
        ) or ""
        customer = Customer.objects.for_tenant(tenant).filter(code=code.strip()).first()
        self.fields["ship_to"].queryset = (
            Address.objects.for_tenant(tenant).filter(customer=customer)
            if customer
            else Address.objects.none()
        )

    def clean_customer(self) -> Customer:
        code = self.cleaned_data["customer"].strip()
        customer = Customer.objects.for_tenant(self.tenant).filter(code=code).first()
        if customer is None:
            raise forms.ValidationError(_("No customer has the number %(code)s.") % {"code": code})
        if not customer.active:
            raise forms.ValidationError(_("This customer account is inactive."))
        return customer


class OrderLineForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    product_code = forms.CharField(
        label=_("Article (SKU, GTIN or their part number)"),
        max_length=80,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    description = forms.CharField(label=_("Description"), max_length=500, required=False)
    quantity = forms.DecimalField(
        label=_("Quantity"), max_digits=14, decimal_places=3, min_value=0.001, required=False
    )
    unit_price = forms.DecimalField(
        label=_("Unit price"),
        max_digits=18,
        decimal_places=6,
        min_value=0,
        required=False,
        help_text=_("Empty: the customer's price."),
    )
    requested_date = forms.DateField(label=_("Requested date"), required=False, widget=DATE)

    def __init__(self, *args, tenant: Tenant, customer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.tenant, self.customer = tenant, customer

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return (
            not data.get("product_code")
            and data.get("quantity") is None
            and not data.get("description")
        )

    def clean(self):
        cleaned = super().clean()
        if self.is_blank():
            return cleaned
        code = cleaned.get("product_code") or ""
        product = (
            product_find(tenant=self.tenant, code=code, customer=self.customer) if code else None
        )
        if product is None:
            self.add_error("product_code", _("Unknown article.") if code else _("Give an article."))
        cleaned["product"] = product
        if cleaned.get("quantity") is None and "quantity" not in self.errors:
            self.add_error("quantity", _("Give a quantity."))
        return cleaned

    def as_line(self) -> dict:
        data = self.cleaned_data
        line = {
            "product": data["product"],
            "quantity": data["quantity"],
            "requested_date": data.get("requested_date"),
            "customer_sku": data["product_code"]
            if data["product"]
            and data["product_code"].lower()
            not in (data["product"].sku.lower(), data["product"].gtin)
            else "",
        }
        if data.get("description"):
            line["description"] = data["description"]
        if data.get("unit_price") is not None:
            line["unit_price"] = data["unit_price"]
        if data.get("id"):
            line["id"] = data["id"]
        return line


class OrderLineFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        if all(form.is_blank() for form in self.forms):
            raise forms.ValidationError(_("An order needs at least one line."))


LineFormSet = forms.formset_factory(OrderLineForm, formset=OrderLineFormSet, extra=0)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.TextInput)


class ErpConnectorForm(forms.ModelForm):
    webhook_url = forms.URLField(
        label=_("Webhook URL"), max_length=500, required=False, assume_scheme="https"
    )
    new_secret = forms.CharField(
        label=_("Signing secret"),
        required=False,
        max_length=200,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Leave empty to keep the current secret."),
    )

    class Meta:
        model = ErpConnector
        fields = ["kind", "active", "webhook_url", "folder", "timeout_seconds", "max_attempts"]

    def clean_webhook_url(self) -> str:
        url = self.cleaned_data.get("webhook_url") or ""
        if url:
            try:
                webhook_url_check(url)
            except WebhookUrlRefused as refused:
                raise forms.ValidationError(str(refused), code="webhook_url_refused")
        return url

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == ConnectorKind.WEBHOOK:
            if not cleaned.get("webhook_url"):
                self.add_error("webhook_url", _("A webhook needs a URL."))
            if not cleaned.get("new_secret") and not self.instance.secret:
                self.add_error("new_secret", _("A webhook needs a signing secret."))
        folder = cleaned.get("folder") or ""
        if cleaned.get("kind") == ConnectorKind.FILE_DROP and (
            ".." in folder.split("/") or folder.startswith("/")
        ):
            self.add_error("folder", _("Give a folder name inside your drop folder, without '..'."))
        if cleaned.get("max_attempts") is not None and not 1 <= cleaned["max_attempts"] <= 20:
            self.add_error("max_attempts", _("Between 1 and 20."))
        if (
            cleaned.get("timeout_seconds") is not None
            and not 1 <= cleaned["timeout_seconds"] <= 120
        ):
            self.add_error("timeout_seconds", _("Between 1 and 120 seconds."))
        return cleaned


class FulfilmentImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What"),
        choices=[("delivery_notes", _("Delivery notes")), ("invoices", _("Invoices"))],
    )
    file = forms.FileField(label=_("CSV file"))
    check_only = forms.BooleanField(label=_("Check only, change nothing"), required=False)
