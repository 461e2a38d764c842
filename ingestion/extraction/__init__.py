"""Extraction: a document's Layout → an :class:`ExtractedOrder` (a draft order with confidences).

Stable entry points (the Django pipeline calls these; keep the signatures)::

    from ingestion.reading import read_pdf, read_image, read_csv, read_xlsx
    from ingestion.extraction import extract_from_layout, extract_from_text, extract_from_sheet
    from ingestion.matching import MasterData, match_customer, match_product, build_draft

    layout = read_pdf(data, max_pages=50)          # or read_image(data) for TIFF/PNG/JPEG
    extracted = extract_from_layout(layout, hints=hints_of_customer_or_None)
    cm = match_customer(extracted, md, sender_email=..., fax_number=..., known_customer_code=...)
    pm = [match_product(line, cm.code, md) for line in extracted.lines]
    # or, all of the above plus defaults (currency, ship-to) and issues in one call:
    draft = build_draft(extracted, md, sender_email=..., known_customer_code=...)

- ``extract_from_layout(layout, *, hints=None, locale="en", sent_date=None, sender_email=None)``
- ``extract_from_text(body_text, *, hints=None, locale="en", sent_date=None, sender_email=None, subject=None)``
  for email bodies (HTML already converted to text; tables as tab/pipe separated rows or
  aligned columns); ``sent_date`` (the email's Date header) is the order date when the body
  gives none.
- ``extract_from_sheet(rows, *, hints=None, locale="en")`` for CSV/XLSX rows (lists of strings,
  see ``ingestion.reading.read_csv`` / ``read_xlsx``); a flat export that repeats the order's
  fields on every row gives its delivery address by ``ingestion.extraction.exports``.
- ``with_subject(layout, subject)``: an email body's layout with its subject as first line
  (above the body, whose positions do not move); subjects often carry the PO number.
- ``learn_from_correction(extracted, corrected_values, layout, hints=None) -> hints`` returns the
  customer's updated layout hints after a human corrected header fields; store them per
  customer and pass them back as ``hints=`` next time.

Conventions: a line keeps its quantity and unit as printed (``ProductMatch.quantity_in_product_unit``
is the quantity in the product's own unit, see ``ingestion.matching.quantities``); ``unit_price`` is the net
price after a line discount (the gross one stays in the discount arithmetic); ``total`` is the net
goods total (printed subtotal, or the sum of the lines when it matches, else what is printed with
a lower confidence); a date without a label is a low-confidence guess (``rule="first_date"``), as
is a PO number without a label (``rule="unlabelled_reference"``). Confidences are calibrated
against corpora (``ingestion.extraction.confidence``, ``ingestion.decision.calibration``): a
requested delivery date may be a Field whose value is None (a delivery label the engine could
not read), so that a person looks instead of the date passing silently.

Every header value is a :class:`Field` (value, confidence 0–1, source, rule); lines are
:class:`ExtractedLine`. ``ExtractedOrder.to_json()`` / ``from_json()`` round-trip exactly.
``is_order`` is False (with ``not_order_reason``) for invoices, quotes, confirmations, delivery
notes and documents without any order content.
"""

from __future__ import annotations

import datetime as dt
import re

from ingestion.extraction.extract import extract_from_layout
from ingestion.extraction.hints import learn_from_correction
from ingestion.extraction.model import Address, ExtractedLine, ExtractedOrder, Field
from ingestion.extraction.sheets import extract_from_sheet
from ingestion.reading.text import text_to_layout
from ingestion.splitting.quotes import is_forward


def clean_subject(subject: str | None) -> str:
    """An email subject without its ``Re:``/``Fwd:``/``AW:``/``TR:`` prefixes."""
    if not subject:
        return ""
    return re.sub(r"(?i)^(?:\s*(?:re|fwd?|tr|aw|wg|sv|antw|r[ée]f)\s*:\s*)+", "", subject).strip()


# "Order 4500063601", "Commande 4500063601", "Bestellung 4711-26": in a subject, the word
# names the number that follows it as much as "Order No." does.
_SUBJECT_ORDER = re.compile(
    r"(?i)^((?:purchase\s+order|order|commande|bon\s+de\s+commande|bestellung|auftrag|"
    r"nouvelle\s+commande|new\s+order|neue\s+bestellung))\s*[:\-]?\s+"
    r"(?=[A-Z0-9][A-Z0-9./_-]*\d)"
)


# a reply to a quote ("AW: Angebot 2026-118") answers it: the subject names the quote, it is
# not the title of this message
_QUOTE_TITLE = re.compile(r"(?i)^(?:angebot|quot(?:e|ation)|offer|devis|offre)\b")


def subject_line(subject: str | None) -> str:
    """The subject as the first line of a body: prefixes dropped, "Order 4711" spelled
    "Order No. 4711" so the number reads as the PO number it is, and a reply's quote subject
    spelled as the reference it is ("Ref. Angebot 2026-118")."""
    cleaned = clean_subject(subject)
    if is_reply_subject(subject) and _QUOTE_TITLE.match(cleaned):
        return "Ref. " + cleaned
    # a reply's or a forward's subject names the thread, perhaps an older order than this
    # one: the extraction weighs its number less (``SUBJECT_OF_A_REPLY``)
    return _SUBJECT_ORDER.sub(lambda m: f"{m.group(1)} No. ", cleaned, count=1)


def is_reply_subject(subject: str | None) -> bool:
    """``Re:``, ``AW:``, ``TR:``, ``Fwd:``…: the subject of an earlier message of the thread."""
    return bool(subject) and clean_subject(subject) != subject.strip()


SUBJECT_OF_A_REPLY = "subject_of_a_reply"  # layout meta: the first line is a reply's subject
SUBJECT_OF_A_FORWARD = "subject_of_a_forward"  # …and that message is forwarded ("Fwd:")


def with_subject(layout, subject: str | None):
    """A plain-text layout (an email body) with the subject as its first line: subjects often
    carry the PO number ("Purchase Order 4500080724")."""
    from dataclasses import replace

    from ingestion.layout import TextSource
    from ingestion.reading.text import LINE_HEIGHT

    cleaned = subject_line(subject)
    if not cleaned or not layout.pages or layout.pages[0].source != TextSource.PLAIN:
        return layout
    first = layout.pages[0]
    shift = 2 * LINE_HEIGHT  # above the body: the body's own positions stay as stored
    head = tuple(
        replace(w, top=w.top - shift, bottom=w.bottom - shift)
        for w in text_to_layout(cleaned).pages[0].words
    )
    page = replace(first, words=head + first.words)
    meta = {**layout.meta, SUBJECT_OF_A_REPLY: "1"} if is_reply_subject(subject) else layout.meta
    if is_forward(subject or ""):
        meta = {**meta, SUBJECT_OF_A_FORWARD: "1"}
    return replace(layout, pages=(page, *layout.pages[1:]), meta=meta)


def extract_from_text(
    body_text: str,
    *,
    hints: dict | None = None,
    locale: str = "en",
    sent_date: dt.date | None = None,
    sender_email: str | None = None,
    subject: str | None = None,
) -> ExtractedOrder:
    """Extract an order from an email body (or any plain text).

    ``subject`` (the email's subject) is read as a first line of the body, without its
    ``Re:``/``Fwd:``/``AW:``/``TR:`` prefixes: subjects often carry the PO number."""
    cleaned = subject_line(subject)
    if cleaned:
        body_text = cleaned + "\n\n" + body_text
    meta = {SUBJECT_OF_A_REPLY: "1"} if cleaned and is_reply_subject(subject) else {}
    if cleaned and is_forward(subject or ""):
        meta[SUBJECT_OF_A_FORWARD] = "1"
    layout = text_to_layout(body_text, meta=meta or None)
    return extract_from_layout(
        layout, hints=hints, locale=locale, sent_date=sent_date, sender_email=sender_email
    )


__all__ = [
    "Address",
    "ExtractedLine",
    "ExtractedOrder",
    "Field",
    "extract_from_layout",
    "extract_from_sheet",
    "clean_subject",
    "subject_line",
    "extract_from_text",
    "learn_from_correction",
    "with_subject",
]
