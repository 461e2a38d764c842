"""EDI purchase orders, parsed (not guessed): UN/EDIFACT ORDERS, ANSI X12 850, TRADACOMS ORDERS.

::

    from ingestion.edi import parse_edi, NotAnOrder, looks_like_edi

    orders = parse_edi(data)   # list[ExtractedOrder], one per message / transaction set / order
    # raises NotAnOrder(reason) (with .document_type) for an INVOIC, ORDRSP, 810, 855, ...

Every header value and line carries confidence 1.0 and rule ``edi``; ``source`` names the
segment (``{"edi": "BGM", "segment": 3}``). Matching (customer by the buyer's party id / VAT /
name, products by GTIN, buyer's and supplier's item numbers) is the normal
``ingestion.matching.build_draft``; ``ingestion.edi.drafting`` feeds it.
"""

from __future__ import annotations

from ingestion.edi.common import NotAnOrder
from ingestion.extraction.model import ExtractedOrder

EDIFACT, X12, TRADACOMS = "edifact", "x12", "tradacoms"


def _text(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text.lstrip("\ufeff \t\r\n\x00")


def edi_syntax(data: bytes) -> str | None:
    """Which EDI syntax ``data`` is written in, by its first characters, else None."""
    head = _text(data[:64])
    if head.startswith("UNA") and len(head) >= 9 and not any(c.isalnum() for c in head[3:9]):
        return EDIFACT
    if head.startswith(("UNB+", "UNH+")) or (
        # another separator without UNA to declare it; a ";" or "|" is a flat file's
        # (``ingestion.extraction.flatfile``), not EDIFACT
        head[:3] in ("UNB", "UNH")
        and len(head) > 3
        and not head[3].isalnum()
        and head[3] not in ";|,\t "
    ):
        return EDIFACT
    if head.startswith("ISA") and len(head) > 3 and not head[3].isalnum() and head[3] != " ":
        return X12
    if head.startswith("STX="):
        return TRADACOMS
    return None


def looks_like_edi(data: bytes) -> bool:
    return edi_syntax(data) is not None


def parse_edi(data: bytes) -> list[ExtractedOrder]:
    """The purchase orders of an EDI interchange; NotAnOrder when it holds none."""
    syntax = edi_syntax(data)
    text = _text(data)
    if syntax == EDIFACT:
        from ingestion.edi import edifact

        return edifact.parse(text)
    if syntax == X12:
        from ingestion.edi import x12

        return x12.parse(text)
    if syntax == TRADACOMS:
        from ingestion.edi import tradacoms

        return tradacoms.parse(text)
    raise NotAnOrder("not an EDI interchange (no UNA/UNB/UNH, ISA or STX at the start)")


__all__ = ["NotAnOrder", "edi_syntax", "looks_like_edi", "parse_edi"]
