from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from customers.models import Customer
from disputes.models import DisputeStatus, DisputeType, Resolution
from orders.models import Invoice, Order, OrderLine
from tenants.models import Tenant


class DisputeFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("number, customer")}),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), ("active", _("Not settled yet")), *DisputeStatus.choices],
    )
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All")), *DisputeType.choices]
    )
    owner = forms.ChoiceField(label=_("Owner"), required=False)
    rep = forms.ChoiceField(label=_("Sales rep"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    customer = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, owners, reps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [
            ("", _("Anyone")),
            ("mine", _("Me")),
            ("none", _("Nobody yet")),
        ] + [(str(u.pk), str(u)) for u in owners]
        self.fields["rep"].choices = [("", _("Everyone")), ("mine", _("My portfolio"))] + [
            (str(u.pk), str(u)) for u in reps
        ]


class CustomerPickForm(forms.Form):
    code = forms.CharField(label=_("Customer number"), max_length=40)

    def __init__(self, *args, tenant: Tenant, **kwargs):
        super().__init__(*args, **kwargs)
        self.tenant = tenant

    def clean_code(self) -> Customer:
        code = self.cleaned_data["code"].strip()
        customer = Customer.objects.for_tenant(self.tenant).filter(code=code).first()
        if customer is None:
            raise forms.ValidationError(_("No customer has the number %(code)s.") % {"code": code})
        return customer


class LineChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, line: OrderLine) -> str:
        article = line.product.sku if line.product_id else line.customer_sku
        return f"{line.position}. {article} {line.description} × {line.quantity.normalize():f}"


class DisputeOpenForm(forms.Form):
    """Every choice is limited to the customer's own records: a foreign id is not a choice."""

    type = forms.ChoiceField(label=_("Type"), choices=DisputeType.choices)
    order = forms.ModelChoiceField(
        label=_("Order"), queryset=Order.objects.none(), required=False, empty_label=_("None")
    )
    invoice = forms.ModelChoiceField(
        label=_("Invoice"), queryset=Invoice.objects.none(), required=False, empty_label=_("None")
    )
    lines = LineChoiceField(
        label=_("Lines concerned"),
        queryset=OrderLine.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(
        label=_("What is the problem?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    amount = forms.DecimalField(
        label=_("Amount claimed"), max_digits=14, decimal_places=2, min_value=0, required=False
    )

    def __init__(self, *args, tenant: Tenant, customer: Customer, order: Order | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.customer = customer
        self.fields["order"].queryset = (
            Order.objects.for_tenant(tenant).filter(customer=customer).order_by("-created_at")
        )
        self.fields["invoice"].queryset = (
            Invoice.objects.for_tenant(tenant).filter(customer=customer).order_by("-issued_on")
        )
        if order is not None:
            self.fields["invoice"].queryset = self.fields["invoice"].queryset.filter(order=order)
            self.fields["lines"].queryset = (
                OrderLine.objects.for_tenant(tenant).filter(order=order).select_related("product")
            )
        else:
            del self.fields["lines"]

    def clean(self):
        data = super().clean()
        order, invoice = data.get("order"), data.get("invoice")
        if order is not None and invoice is not None and invoice.order_id != order.pk:
            self.add_error("invoice", _("This invoice belongs to another order."))
        lines = data.get("lines") or []
        if lines and order is None:
            self.add_error("order", _("Choose the order of these lines."))
        elif any(line.order_id != order.pk for line in lines):
            self.add_error("lines", _("These lines are not all lines of the order."))
        return data


class StatusForm(forms.Form):
    to = forms.ChoiceField(label=_("New status"))
    reason = forms.CharField(label=_("Reason"), max_length=1000, required=False)

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [
            (s, DisputeStatus(s).label)
            for s in DisputeStatus.values
            if s in allowed and s != DisputeStatus.RESOLVED
        ]


class ResolveForm(forms.Form):
    resolution = forms.ChoiceField(label=_("Resolution"), choices=Resolution.choices)
    amount = forms.DecimalField(
        label=_("Amount"), max_digits=14, decimal_places=2, min_value=0, required=False
    )
    reason = forms.CharField(label=_("Note"), max_length=1000, required=False)

    def clean(self):
        data = super().clean()
        if data.get("resolution") in (Resolution.CREDIT_NOTE, Resolution.REFUND) and not data.get(
            "amount"
        ):
            self.add_error("amount", _("A credit note or a refund needs an amount."))
        return data


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 3})
    )
    internal = forms.BooleanField(
        label=_("Internal note (never shown to the customer)"), required=False
    )
