from __future__ import annotations

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from customers.models import Address, Contact, Customer, CustomerSender, ImportKind, SenderKind
from tenants.models import Role, Tenant, User

LANGUAGE_CHOICES = [("en", "English"), ("fr", "Français"), ("de", "Deutsch")]


def tenant_staff(tenant: Tenant):
    return User.objects.filter(memberships__tenant=tenant).exclude(kind="portal").order_by("email")


class CustomerForm(forms.ModelForm):
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)

    class Meta:
        model = Customer
        fields = [
            "code",
            "name",
            "vat_number",
            "segment",
            "vip",
            "sales_rep",
            "payment_terms",
            "credit_limit",
            "currency",
            "language",
            "phone",
            "fax",
            "active",
        ]

    def __init__(self, *args, tenant: Tenant, **kwargs):
        super().__init__(*args, **kwargs)
        self.tenant = tenant
        self.fields["sales_rep"].queryset = (
            tenant_staff(tenant)
            .filter(memberships__role__in=[Role.SALES_REP, Role.MANAGER, Role.ADMIN])
            .distinct()
        )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        clash = (
            Customer.objects.for_tenant(self.tenant).filter(code=code).exclude(pk=self.instance.pk)
        )
        if clash.exists():
            raise forms.ValidationError(_("Another customer already has this number."))
        return code

    def clean_currency(self) -> str:
        currency = self.cleaned_data["currency"].strip().upper()
        if len(currency) != 3 or not currency.isalpha():
            raise forms.ValidationError(_("Use a three-letter ISO 4217 code, such as EUR."))
        return currency


class AddressForm(forms.ModelForm):
    class Meta:
        model = Address
        fields = ["kind", "name", "street", "postal_code", "city", "country", "is_default"]
        labels = {"kind": _("Kind"), "is_default": _("Default")}

    def clean_country(self) -> str:
        country = self.cleaned_data["country"].strip().upper()
        if country and (len(country) != 2 or not country.isalpha()):
            raise forms.ValidationError(_("Use a two-letter ISO country code, such as FR."))
        return country


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "email", "phone", "role", "receives_acknowledgments"]
        labels = {"receives_acknowledgments": _("Receives acknowledgments")}


class SenderForm(forms.ModelForm):
    class Meta:
        model = CustomerSender
        fields = ["kind", "value"]
        labels = {"kind": _("Kind"), "value": _("Domain or address")}

    def __init__(self, *args, tenant: Tenant, **kwargs):
        super().__init__(*args, **kwargs)
        self.tenant = tenant

    def clean(self):
        cleaned = super().clean()
        value = (cleaned.get("value") or "").strip().lower()
        if value and not cleaned.get("DELETE"):
            if cleaned.get("kind") == SenderKind.DOMAIN:
                value = value.lstrip("@")
            cleaned["value"] = value
            clash = CustomerSender.objects.for_tenant(self.tenant).filter(
                kind=cleaned.get("kind"), value=value
            )
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            owner = clash.select_related("customer").first()
            if owner is not None:
                self.add_error(
                    "value", _("Already identifies %(customer)s.") % {"customer": owner.customer}
                )
        return cleaned


AddressFormSet = inlineformset_factory(
    Customer, Address, form=AddressForm, extra=1, can_delete=True
)
ContactFormSet = inlineformset_factory(
    Customer, Contact, form=ContactForm, extra=1, can_delete=True
)
SenderFormSet = inlineformset_factory(
    Customer, CustomerSender, form=SenderForm, extra=1, can_delete=True
)


class CustomerFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    rep = forms.ChoiceField(label=_("Sales rep"), required=False)
    vip = forms.ChoiceField(
        label=_("VIP"),
        required=False,
        choices=[("", _("All")), ("1", _("VIP only")), ("0", _("Not VIP"))],
    )
    segment = forms.ChoiceField(label=_("Segment"), required=False)
    active = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("1", _("Active")), ("0", _("Inactive")), ("", _("All"))],
    )

    def __init__(self, *args, tenant: Tenant, reps, segments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rep"].choices = [("", _("Everyone")), ("mine", _("My portfolio"))] + [
            (str(u.pk), str(u)) for u in reps
        ]
        self.fields["segment"].choices = [("", _("All"))] + [(s, s) for s in segments]


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What"), choices=ImportKind.choices)
    file = forms.FileField(
        label=_("CSV file"), help_text=_("UTF-8, comma-separated, with a header row.")
    )

    MAX_BYTES = 50 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        return upload
