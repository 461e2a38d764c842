from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ingestion.models import AfterProcessing, Channel, Mailbox


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if not data:
            single(None, initial)  # "This field is required."
            return []
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Files"),
        help_text=_(
            "PDF, scans (TIFF, PNG, JPEG), spreadsheets (CSV, XLSX), emails (.eml) or ZIP archives."
        ),
    )
    channel = forms.ChoiceField(
        label=_("Received by"),
        choices=[
            (Channel.UPLOAD, _("Upload")),
            (Channel.FAX, _("Fax")),
            (Channel.EMAIL, _("Email")),
        ],
        initial=Channel.UPLOAD,
    )
    customer = forms.ModelChoiceField(
        label=_("Customer (when known)"), queryset=None, required=False
    )

    def __init__(self, *args, tenant, **kwargs):
        super().__init__(*args, **kwargs)
        from customers.models import Customer

        self.fields["customer"].queryset = Customer.objects.for_tenant(tenant).order_by("name")


class MailboxForm(forms.ModelForm):
    password = forms.CharField(
        label=_("Password"),
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Stored encrypted. Leave empty to keep the current password."),
    )

    class Meta:
        model = Mailbox
        fields = [
            "name",
            "channel",
            "host",
            "port",
            "security",
            "username",
            "folder",
            "after_processing",
            "move_to",
            "poll_interval_s",
            "enabled",
        ]

    def clean(self):
        data = super().clean()
        if (
            data.get("after_processing") == AfterProcessing.MOVE
            and not (data.get("move_to") or "").strip()
        ):
            self.add_error("move_to", _("Name the folder to move processed messages to."))
        if self.instance.pk is None and not data.get("password"):
            self.add_error("password", _("A password is required."))
        if data.get("poll_interval_s") is not None and data["poll_interval_s"] < 30:
            self.add_error("poll_interval_s", _("Poll at most every 30 seconds."))
        return data


class HookRotateForm(forms.Form):
    channel = forms.ChoiceField(choices=[(Channel.EMAIL, _("Email")), (Channel.FAX, _("Fax"))])
