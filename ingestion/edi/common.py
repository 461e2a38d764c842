"""What the EDI readers share: the NotAnOrder error, dates, numbers, units, and fields that carry
confidence 1.0 and rule ``edi`` (an EDI message states its values; nothing is guessed)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from ingestion.extraction.model import ExtractedLine, Field
from ingestion.extraction.units import normalise_unit

RULE = "edi"


class NotAnOrder(Exception):  # noqa: N818
    """An EDI interchange with no purchase order in it (an invoice, an order response, ...)."""

    def __init__(self, reason: str, document_type: str = "other"):
        super().__init__(reason)
        self.reason = reason
        self.document_type = document_type


def field(value, tag: str, segment: int) -> Field | None:
    """A header value as the message states it; ``segment`` is the segment's position."""
    if value is None or value == "" or value == ():
        return None
    return Field(value=value, confidence=1.0, source={"edi": tag, "segment": segment}, rule=RULE)


# The values of a line that the confidence covers (the rest, codes and text, are kept as read).
STATED_LINE_VALUES = (
    "sku",
    "customer_sku",
    "gtin",
    "description",
    "quantity",
    "unit",
    "unit_price",
    "line_total",
    "requested_date",
)


def stated_line(
    *, line_no: str, source: dict, raw_text: str, descriptions=(), **values
) -> ExtractedLine:
    """An order line as the message states it: every stated value at confidence 1.0.

    ``line_no`` as printed (kept when it is a number), ``descriptions`` the description's
    parts in order, ``values`` the other ``ExtractedLine`` fields (``None`` = not stated)."""
    description = " ".join(d for d in descriptions if d)
    values["description"] = description
    stated = {k: 1.0 for k in STATED_LINE_VALUES if values.get(k) not in (None, "")}
    return ExtractedLine(
        line_no=int(line_no) if line_no.isdigit() else None,
        description_lines=tuple(d for d in descriptions if d),
        confidence=1.0,
        field_confidence=stated,
        source=source,
        rule=RULE,
        raw_text=raw_text,
        **values,
    )


def number(text: str | None) -> Decimal | None:
    """An EDI numeric value: ``.`` or ``,`` as the decimal mark, no thousands separators."""
    if not text:
        return None
    text = text.strip().replace(",", ".")
    if text.startswith("."):
        text = "0" + text
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def date(text: str | None, fmt: str = "") -> dt.date | None:
    """CCYYMMDD (format 102), CCYYMMDDHHMM (203), CCYYMMDDHHMMSS (204), YYMMDD (101), a period
    CCYYMMDD-CCYYMMDD (718, its first day); without a format, by the number of digits."""
    if not text:
        return None
    text = text.strip()
    if fmt in ("718", "719", "720") and "-" in text:
        text = text.split("-", 1)[0]
    digits = text if text.isdigit() else ""
    if not digits:
        return None
    if fmt in ("101", "201") or (not fmt and len(digits) in (6, 10)):
        digits = ("20" if int(digits[:2]) < 70 else "19") + digits
    elif fmt not in ("", "102", "203", "204", "718"):
        return None
    if len(digits) < 8:
        return None
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


# UN/ECE Recommendation 20 (EDIFACT) and X12 355 unit codes → our units
_UNIT_CODES = {
    "PCE": "EA",
    "C62": "EA",
    "H87": "EA",
    "EA": "EA",
    "NAR": "EA",
    "PCS": "EA",
    "PC": "EA",
    "UN": "EA",
    "NMB": "EA",
    "KGM": "KG",
    "KG": "KG",
    "LB": "LB",
    "LBR": "LB",
    "GRM": "G",
    "TNE": "T",
    "MTR": "M",
    "MTK": "M2",
    "MTQ": "M3",
    "LTR": "L",
    "CT": "BOX",
    "CS": "BOX",
    "CA": "BOX",
    "BX": "BOX",
    "CTN": "BOX",
    "PK": "PK",
    "PA": "PK",
    "PL": "PAL",
    "PX": "PAL",
    "PF": "PAL",
    "RO": "ROL",
    "RL": "ROL",
    "SET": "SET",
    "SE": "SET",
    "PR": "PR",
    "PRS": "PR",
    "DZ": "DZ",
    "DZN": "DZ",
    "HUR": "H",
}


def unit(code: str | None) -> str | None:
    """Our unit for an EDI unit code; an unknown code stays as sent (``SF``, ``YD``, ``KI``)."""
    if not code:
        return None
    code = code.strip().upper()
    return _UNIT_CODES.get(code) or normalise_unit(code) or code[:10]


def known_unit(code: str | None) -> bool:
    """Whether ``code`` is a unit code we know (``PCE``, ``KGM``, ``CTN``…) or a unit word."""
    return bool(code) and (code.strip().upper() in _UNIT_CODES or normalise_unit(code) is not None)
