"""Per-tenant extraction settings: confidence thresholds, tolerances, which rules block.

Defaults are in code; a tenant overrides any of them in ``Tenant.settings["extraction"]``,
e.g. ``{"thresholds": {"po_number": 0.95}, "price_tolerance_pct": "2", "blocking":
{"missing_po_number": false}}``. Only the keys given are overridden.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

# A field whose confidence is below its threshold keeps the order for a person. An order
# approved with a wrong field is the worst outcome, a needless review only costs a minute, so
# each threshold sits above every confidence at which the engine was seen wrong.
#
# Evidence: ``python -m ingestion.decision.calibration CORPUS...`` runs the corpora end to end
# and lists, per key, the confidences of right and wrong values. Last run (Contoso, 12 real
# POs; two synthetic corpora of 60 documents each, seeds 101 and 202: PDF, fax, email, sheet):
#
#   key                      max wrong seen          right values passing
#   customer                 0.00 (no evidence)      94 %  (0.83: a name in a ship-to only)
#   po_number                0.59 (fax OCR, label    94 %  (an OCR-read reference weighs its
#                            below, one char off;    words' OCR confidence; 0.78 was seen
#                            0.78 before that)       wrong before that change)
#   order_date               0.58 (a sheet's date    96 %  (unlabelled "first_date" guesses
#                            before its delivery)    top out at 0.70 and were seen wrong at
#                                                    0.70: the threshold sits just above)
#   requested_delivery_date  0.36 (before the order  95 %  (an unread delivery label or an
#                            date)                   unclaimed date on a scan: 0.30-0.45)
#   currency                 0.50 (customer's        98 %
#                            default, customer
#                            unknown)
#   ship_to                  0.75 (letterhead        94 %  (a default is 0.90 only when the
#                            defaults)               customer's one address is the only one
#                                                    printed)
#   total                    none                    89 %  (a sum of lines with no printed
#                                                    total stays 0.80 unless the table was
#                                                    read whole: a missed line shows nowhere)
#   line.product             0.35 (OCR)              98 %
#   line.quantity            0.80 (fax OCR)          89 %
#   line.unit_price          0.75 (gross price of a  96 %  (priced rows with nothing to check
#                            discount table)         them stay 0.75 when the table has
#                                                    amount/discount columns)
DEFAULT_THRESHOLDS: dict[str, float] = {
    "customer": 0.90,
    "po_number": 0.75,
    "order_date": 0.72,
    "requested_delivery_date": 0.70,
    "currency": 0.90,
    "ship_to": 0.85,
    "total": 0.90,
    "line.product": 0.90,
    "line.quantity": 0.85,
    "line.unit_price": 0.85,
    "line.unit": 0.80,
}

# Whether each rule keeps the order for a person when it fires.
DEFAULT_BLOCKING: dict[str, bool] = {
    "not_an_order": True,
    "unknown_customer": True,
    "ambiguous_customer": True,
    "unknown_product": True,
    "ambiguous_product": True,
    "price_mismatch": True,
    "price_below_list": False,
    "free_of_charge": False,
    "amended_order": True,
    "price_unchecked": False,
    "missing_price": False,
    "total_mismatch": True,
    "line_total_mismatch": True,
    "quantity_outlier": True,
    "missing_po_number": True,
    "duplicate_po_number": True,
    "delivery_date_in_past": False,
    "delivery_before_order_date": True,
    "credit_limit_exceeded": True,
    "sample_with_prices": True,
    "low_confidence": True,
    "no_lines": True,
    "unread_line": True,
    "prices_in_prose": True,
    "currency_mismatch": True,
    "invalid_quantity": True,
}


@dataclass(frozen=True)
class ExtractionSettings:
    thresholds: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_THRESHOLDS))
    blocking: dict[str, bool] = field(default_factory=lambda: dict(DEFAULT_BLOCKING))
    # Relative difference allowed between a printed unit price and the price list.
    price_tolerance_pct: Decimal = Decimal("0.5")
    # A price at most this many percent below the list price, for a customer with no price
    # list of its own, is read as the customer's negotiated discount when the document's own
    # arithmetic confirms it (``price_below_list``, a warning); 0 makes it a price mismatch.
    customer_discount_max_pct: Decimal = Decimal("30")
    # Absolute difference allowed between the stated total and the sum of the lines.
    total_tolerance: Decimal = Decimal("0.02")
    # A line's quantity above median × factor (or below median / factor) of the
    # customer's history for that product is an outlier; needs this many past lines.
    quantity_outlier_factor: Decimal = Decimal("10")
    quantity_outlier_min_history: int = 3
    # Turn automatic approval off for the tenant altogether.
    auto_approve: bool = True

    def threshold(self, key: str) -> float:
        return self.thresholds.get(key, 0.9)

    def is_blocking(self, code: str) -> bool:
        return self.blocking.get(code, True)


def _decimal(value, default: Decimal) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return default


def extraction_settings_for(tenant) -> ExtractionSettings:
    """The tenant's settings: the defaults overridden by ``Tenant.settings["extraction"]``."""
    base = ExtractionSettings()
    raw = ((getattr(tenant, "settings", None) or {}).get("extraction")) or {}
    if not isinstance(raw, dict):
        return base
    thresholds = dict(base.thresholds)
    for key, value in (raw.get("thresholds") or {}).items():
        try:
            thresholds[key] = float(value)
        except (TypeError, ValueError):
            continue
    blocking = dict(base.blocking)
    for key, value in (raw.get("blocking") or {}).items():
        blocking[key] = bool(value)
    return ExtractionSettings(
        thresholds=thresholds,
        blocking=blocking,
        price_tolerance_pct=_decimal(
            raw.get("price_tolerance_pct", base.price_tolerance_pct), base.price_tolerance_pct
        ),
        customer_discount_max_pct=_decimal(
            raw.get("customer_discount_max_pct", base.customer_discount_max_pct),
            base.customer_discount_max_pct,
        ),
        total_tolerance=_decimal(
            raw.get("total_tolerance", base.total_tolerance), base.total_tolerance
        ),
        quantity_outlier_factor=_decimal(
            raw.get("quantity_outlier_factor", base.quantity_outlier_factor),
            base.quantity_outlier_factor,
        ),
        quantity_outlier_min_history=int(
            raw.get("quantity_outlier_min_history", base.quantity_outlier_min_history)
        ),
        auto_approve=bool(raw.get("auto_approve", base.auto_approve)),
    )
