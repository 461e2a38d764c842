"""Role checks for the dispute sections that other apps' pages show."""

from django import template

from disputes.services import DISPUTE_EDITORS, DISPUTE_READERS

register = template.Library()


@register.filter
def can_read_disputes(request) -> bool:
    return getattr(request, "role", None) in DISPUTE_READERS


@register.filter
def can_open_disputes(request) -> bool:
    return getattr(request, "role", None) in DISPUTE_EDITORS
