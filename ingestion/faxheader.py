"""The line a fax machine prints across the top of each page (TTI / transmit terminal id):

    27/11/2026 14:32   +33 1 23 45 67 89   ACME ACHATS        P. 001/003

It carries the sender's number, the date and time of sending and the page x/y. We read it from
the OCR words of the top strip of the page and keep it in the document's metadata.
"""

from __future__ import annotations

import re
from datetime import datetime

from ingestion.layout import Layout, Page
from ingestion.reading.text import group_lines

TOP_STRIP = 0.08  # share of the page height where the header line sits

_PAGE = re.compile(
    r"(?:\b(?:p(?:age|g|ag)?|s(?:eite)?|bl(?:att)?|f(?:euille)?)\s*[.:#]?\s*)"
    r"(\d{1,3})\s*(?:/|\bof\b|\bde\b|\bvon\b|\bsur\b|-)\s*(\d{1,3})\b",
    re.IGNORECASE,
)
_BARE_PAGE = re.compile(r"\b(\d{1,3})\s*/\s*(\d{1,3})\s*$")
_DATE = re.compile(
    r"\b(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|"
    r"\d{1,2}[ -](?:jan|feb|fe[bv]|m[aä]r|apr|av[r]|ma[iy]|jun|jui|jul|aug|ao[uû]|sep|o[ck]t|nov|d[eé][cz])[a-zé]*\.?[ -]\d{2,4}|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ -]\d{1,2},?[ -]\d{4})",
    re.IGNORECASE,
)
_TIME = re.compile(r"\b([01]?\d|2[0-3])[:h]([0-5]\d)(?::([0-5]\d))?\b")
_NUMBER = re.compile(r"(?<![\w/.])(\+?\(?\d[\d ().-]{5,22}\d)(?![\w/])")
_LABELLED_NUMBER = re.compile(
    r"(?:fax|from|de|von|tel|t[ée]l[ée]copie|tx)\s*[.:#]?\s*(\+?\(?\d[\d ().-]{5,22}\d)",
    re.IGNORECASE,
)


def header_line(layout: Layout) -> str:
    """The text of the top strip of the first page (the fax header line)."""
    if not layout.pages:
        return ""
    return page_header_line(layout.pages[0])


def page_header_line(page: Page) -> str:
    limit = page.height * TOP_STRIP
    words = [w for w in page.words if w.bottom <= limit + 2]
    if not words:
        return ""
    lines = group_lines(words)
    return "  ".join(" ".join(w.text for w in line) for line in lines[:2]).strip()


def parse_fax_header(line: str) -> dict[str, str]:
    """Fields of a fax header line: ``sender_number``, ``date`` (ISO), ``time``, ``page``,
    ``pages``; only those found. ``line`` is kept as read."""
    line = " ".join((line or "").split())
    out: dict[str, str] = {}
    if not line:
        return out
    out["line"] = line[:300]
    rest = line
    page = _PAGE.search(rest) or _BARE_PAGE.search(rest)
    if page:
        number, total = int(page.group(1)), int(page.group(2))
        if 0 < number <= total:
            out["page"], out["pages"] = str(number), str(total)
            rest = rest[: page.start()] + " " + rest[page.end() :]
    date = _DATE.search(rest)
    if date:
        parsed = _parse_date(date.group(1))
        if parsed:
            out["date"] = parsed
        rest = rest[: date.start()] + " " + rest[date.end() :]
    time = _TIME.search(rest)
    if time:
        out["time"] = f"{int(time.group(1)):02d}:{time.group(2)}"
        rest = rest[: time.start()] + " " + rest[time.end() :]
    number = _LABELLED_NUMBER.search(rest)
    candidates = [number.group(1)] if number else []
    candidates += [m.group(1) for m in _NUMBER.finditer(rest)]
    for candidate in candidates:
        digits = re.sub(r"\D", "", candidate)
        if 6 <= len(digits) <= 16:
            out["sender_number"] = ("+" if candidate.strip().startswith("+") else "") + digits
            break
    return out


def _parse_date(text: str) -> str | None:
    from dateutil import parser

    text = text.strip()
    try:
        if re.match(r"\d{4}-", text):
            value = parser.isoparse(text)
        else:
            value = parser.parse(text, dayfirst=True, default=datetime(2000, 1, 1))  # noqa: DTZ001
    except (ValueError, OverflowError):
        return None
    if not 1990 <= value.year <= 2100:
        return None
    return value.date().isoformat()
