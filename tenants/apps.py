from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

# Django's own French for a failed sign-in reads "Saisissez un adresse e-mail…" once the
# username is our email address; our catalogue (LOCALE_PATHS, consulted first) corrects it.
# Listed here so that makemessages keeps the entry.
DJANGO_MESSAGES_WE_TRANSLATE = [
    gettext_noop(
        "Please enter a correct %(username)s and password. Note that both "
        "fields may be case-sensitive."
    ),
]


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = _("Tenants and users")
