"""``{{ value|price }}``: a unit price with two decimals, or more when they matter (3.4500 → 3.45,
0.1234 → 0.1234), localized like floatformat."""

from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def price(value) -> str:
    if value is None or value == "":
        return ""
    number = Decimal(str(value)).normalize()
    places = max(2, -number.as_tuple().exponent) if number.as_tuple().exponent < 0 else 2
    return floatformat(value, f"{places}g")
