"""The extraction pipeline over a Layout: header, addresses, lines, totals, document type."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from ingestion.extraction import dates as dates_mod
from ingestion.extraction.addresses import prose_ship_to
from ingestion.extraction.amendments import amendments_in, applicable, apply_amendments
from ingestion.extraction.confidence import (
    calibrate_order_date,
    ocr_identifier,
    postal_codes_under_our_name,
    printed_postal_codes,
    sum_of_complete_table,
    unassigned_scan_date,
    unread_delivery_date,
)
from ingestion.extraction.doctype import classify, titled_as_order
from ingestion.extraction.exports import (
    cell_postal_codes,
    first_row_only,
    ship_to_columns,
    ship_to_rows,
)
from ingestion.extraction.geometry import TextLine, document_lines, fold
from ingestion.extraction.header import (
    Candidate,
    HeaderContext,
    block_address,
    choose,
    detect_language,
    document_currency,
    emails_and_phones,
    find_blocks,
    labelled_dates_fallback,
    letterhead,
    unlabelled_reference,
    vat_numbers,
)
from ingestion.extraction.hints import apply_hints
from ingestion.extraction.labels import REPLACES
from ingestion.extraction.messages import items_after_the_table, po_in_a_sentence, prices_in_prose
from ingestion.extraction.model import ExtractedLine, ExtractedOrder, Field
from ingestion.extraction.number_words import counts_restated
from ingestion.extraction.numbers import detect_decimal_separator, parse_number
from ingestion.extraction.ocrfix import fix_ocr_layout
from ingestion.extraction.prose_dates import DELIVERY_CUE, prose_delivery_date
from ingestion.extraction.tables import arithmetic_rows, extract_lines
from ingestion.extraction.titles import title_number_candidates, title_sentence_candidates
from ingestion.extraction.totals import TOTAL_GRAND, TOTAL_NET, find_amount_lines, net_total
from ingestion.layout import Layout, TextSource
from ingestion.splitting.quotes import is_forward_banner as forward_banner
from ingestion.splitting.quotes import is_header_field, is_quote_header

_FAX_HEADER = re.compile(
    r"\bP\.?\s?\d{1,3}\s*/\s*\d{1,3}\b|\bpage\s+\d{1,3}\s*/\s*\d{1,3}\b|\bfrom\s*:|\bfax\b|#\d{2,5}\b|\b\d{1,2}:\s?\d{2}\b",
    re.IGNORECASE,
)


# a price with its currency on a message's line: an item's, no address's
_PRICED_ROW = re.compile(r"\d[.,]\d{2}\s*(?:€|EUR\b|CHF\b|GBP\b|£)|(?:€|£)\s*\d")
PROSE_ADDRESS = 0.88  # a whole address (street, postcode, town) in a sentence about delivering
PAGE_PROSE_ADDRESS = 0.8  # the same in a letter's sentence on a page: held for a person


FAR_AFTER_ORDER = dt.timedelta(days=366)
FAX_DAY_SLACK = dt.timedelta(days=60)


# words of a delivery date the labels did not claim: a date on their line is doubtful
_DELIVERY_WORDS = re.compile(
    r"liefer|deliver|livr|need[\s-]*by|required|expected|arriv|\bdue\b|\beta\b|termin|wunsch|"
    r"ship(?:ping)?\s+date|souhait|gewunscht|wanted|benotigt|zustell|delai|receipt|reception|eingang"
)


def _delivery_hint(lines, order_date, skip_lines, ctx) -> Field | None:
    """A date on a line that speaks of delivering, which no label claimed: the delivery date,
    for a person to check (an unread one is worse than a doubtful one)."""
    for ln in lines:
        if ln.index in skip_lines or not _DELIVERY_WORDS.search(ln.norm):
            continue
        for m in dates_mod.find_dates(
            ln.text, dayfirst=ctx.dayfirst, default_year=ctx.default_year, allow_partial=True
        ):
            if m.kind == "partial" or (order_date is not None and m.value == order_date.value):
                continue  # "à 4.12 €": a price as much as a day
            return Field(
                value=m.value, confidence=0.45, source=ln.source_ref(), rule="delivery_hint"
            )
    return None


def _unread_item_date(lines, order_date, table_lines: set[int], ctx) -> Field | None:
    """A date in the item table that no column was read for ("Qty UOM Due" printed as one
    title, a week column under a title not known): the earliest, for a person to check,
    rather than an order wanted any day."""
    found = [
        (m.value, ln)
        for ln in lines
        if ln.index in table_lines
        for m in dates_mod.find_dates(ln.text, dayfirst=ctx.dayfirst, default_year=ctx.default_year)
        if order_date is None or m.value > order_date.value
    ]
    if not found:
        return None
    value, line = min(found, key=lambda pair: pair[0])
    return Field(value=value, confidence=0.45, source=line.source_ref(), rule="unread_item_date")


_COVER_WORDS = re.compile(
    r"pages?\s*\(?(?:incl|including|y\s+compris|inkl)|nombre\s+de\s+pages|seitenzahl|anzahl\s+seiten|"
    r"fax\s+cover|cover\s+sheet|page\s+de\s+garde|deckblatt|bordereau\s+(?:de\s+)?(?:transmission|fax)"
)


def _cover_pages(lines, order_lines) -> set[int]:
    """Pages that are a fax's cover sheet: its words, and none of the order's items."""
    item_pages = {ln.source.get("page") for ln in order_lines}
    return {ln.page for ln in lines if _COVER_WORDS.search(ln.norm) and ln.page not in item_pages}


def _fax_dates(lines, fax_lines, dayfirst) -> list[dt.date]:
    """The dates a fax machine printed across the top of the pages."""
    return [
        m.value
        for ln in lines
        if ln.index in fax_lines
        for m in dates_mod.find_dates(ln.text, dayfirst=dayfirst)
    ]


def _fax_day(lines, fax_lines, dayfirst, received: dt.date | None) -> dt.date | None:
    """The date a fax machine printed across the top of the page, when its clock looks set."""
    day = max(_fax_dates(lines, fax_lines, dayfirst), default=None)
    if day is None:
        return None
    if received is not None and not (received - dt.timedelta(days=400) <= day <= received):
        # a machine whose clock was never set (01/01/2000), or one ahead; unless the page's
        # own dates are of its year (a fax filed and uploaded long after it came)
        years = {
            d.value.year
            for ln in lines
            if ln.index not in fax_lines
            for d in dates_mod.find_dates(ln.text, dayfirst=dayfirst)
        }
        if day > received or (
            not years & {day.year - 1, day.year, day.year + 1}
            # (a page that prints no year of its own cannot say; an unset clock's year is
            # long gone)
            and (years or day.year < received.year - 10)
        ):
            return None
    return day


NOTE_DIFFERS = 0.6
# an order date read on a scan, the day the fax machine printed on the page
FAX_DAY_AGREES = 0.9
# a quoted message's header: "Gesendet: Mittwoch, 2. Dezember 2026 11:20", "Sent: 30 November …"
_QUOTED_SENT = re.compile(
    r"^\*?(?:sent|gesendet|envoy[ée]|date|datum)\s*:\*?\s+(?P<when>.+)$", re.I
)


_NEW_TOTAL = re.compile(
    r"\b(?:neue[sr]?\s+(?:gesamt)?(?:total|summe|betrag)|new\s+total|nouveau\s+(?:total|montant))"
    r"\s*:?\s*(?:eur|chf|gbp|usd|€|£|fr\.)?\s*(?P<amount>\d[\d.,'’ ]*\d)",
    re.IGNORECASE,
)


def _new_total(lines, order_lines, decimal_sep) -> Field | None:
    """The total an amending message states for the order as it changes it, when the changed
    lines add up to it."""
    amounts = [ln.line_total for ln in order_lines]
    if not amounts or any(a is None for a in amounts):
        return None
    for ln in lines:
        m = _NEW_TOTAL.search(ln.text)
        value = parse_number(m["amount"], decimal_sep=decimal_sep) if m else None
        if value is not None and abs(value - sum(amounts, Decimal(0))) <= Decimal("0.01"):
            return Field(value, 0.7, ln.source_ref(), "label:new_total=sum_of_lines")
    return None


# a thread about our quotation: "RE: Devis D26-00318", "AW: Angebot AN-26-04471"
_QUOTE_SUBJECT = re.compile(
    r"\b(?:devis|offre|angebot|quot(?:e|ation)|offer|offerte|kostenvoranschlag)\b"
)


def _of_this_order(lines, order_date: Field) -> bool:
    """The date's line speaks of the order ("notre commande du 30/11/2026"), not of the
    quotation ("Devis DEV-26-1187 du 24/11/2026") nor the thread ("Gesendet: …")."""
    line = next((ln for ln in lines if ln.index == order_date.source.get("line")), None)
    if line is None:
        return False
    return bool(
        re.search(r"\b(?:commande|order|bestell\w*|auftrag)\b", line.norm)
        and not _QUOTE_SUBJECT.search(line.norm)
        and not _QUOTED_SENT.match(line.text.strip())
    )


def _quoted_header_fields(lines: list[TextLine]) -> set[int]:
    """Indexes of the "From: / Date: / To: / Subject:" lines of each quoted message's header."""
    texts = [ln.text for ln in lines]
    out: set[int] = set()
    for k in range(len(lines)):
        if not is_quote_header(texts, k):
            continue
        for j in range(k, min(len(lines), k + 7)):
            if j == k or is_header_field(texts[j]):
                out.add(lines[j].index)
            elif texts[j].strip():
                break
    return out


def _quoted_sent_day(lines, *, dayfirst) -> Field | None:
    """The day the last quoted message of the body was sent (the amended order's)."""
    found = None
    for ln in lines:
        m = _QUOTED_SENT.match(ln.text.strip())
        if m is None:
            continue
        dates = dates_mod.find_dates(m["when"], dayfirst=dayfirst)
        if dates and dates[0].kind != "partial":
            found = Field(dates[0].value, 0.55, ln.source_ref(), "quoted_sent_day")
    return found


# the day of the order a document replaces follows these words
_REPLACES = re.compile(rf"\b(?:{REPLACES})\w*\b", re.IGNORECASE)
_PRICE_ROLES = frozenset({"unit_price", "gross_price", "line_total", "net"})
REPLACED_ORDER_DAY = 0.6  # the replacement's own day or the replaced order's: a person says
EARLIER_ITEM_DATE = 0.6  # an item wanted before the order's date
UNREAD_LINE_DATE = 0.3  # a date column's cells read as no date


def _beside_a_replaced_order_day(order_date: Field, lines, *, dayfirst) -> Field:
    """An order date other than the day of the order the document says it replaces, for a
    person to confirm: which of the two the order is entered at, the document does not say."""
    for ln in lines:
        cue = _REPLACES.search(ln.text)
        if cue is None:
            continue
        replaced = dates_mod.find_dates(ln.text[cue.end() :], dayfirst=dayfirst)
        if replaced and replaced[0].value != order_date.value:
            return order_date.with_confidence(
                min(order_date.confidence, REPLACED_ORDER_DAY), "+beside_a_replaced_order"
            )
    return order_date


SCANNED_PROSE_DATE = 0.6


def _unless_a_note_asks_otherwise(
    delivery: Field, lines, candidates, *, reference, skip_lines, dayfirst, default_year
) -> Field:
    """A labelled delivery date, and a sentence elsewhere on the page asking for another day
    ("Liefertermin: 10.12.2026" printed, "Bitte schon bis Fr. 04.12. liefern" written under
    the table): the earliest day asked for, for a person to confirm."""
    own = delivery.source.get("line")
    if own is not None:
        # "Not before 9 November and no later than 13 November" read at its second label:
        # the window's first day
        window = prose_delivery_date(
            [ln for ln in lines if ln.index == own],
            reference=reference,
            dayfirst=dayfirst,
            default_year=default_year,
        )
        if window is not None and "+window" in window.rule and window.value < delivery.value:
            return window
    labelled = {c.source.get("line") for c in candidates if c.field.endswith("date")}
    note = prose_delivery_date(
        lines,
        reference=reference,
        dayfirst=dayfirst,
        default_year=default_year,
        skip_lines=set(skip_lines) | labelled,
    )
    if note is None or note.value is None or note.value == delivery.value:
        return delivery
    said = next((ln.norm for ln in lines if ln.index == note.source.get("line")), "")
    if not DELIVERY_CUE.search(said):
        return delivery  # "Week commencing | 30/11/2026": a label of its own, not a request
    if note.value < delivery.value:
        return Field(
            note.value,
            min(note.confidence, NOTE_DIFFERS),
            note.source,
            note.rule + "+earlier_than_label",
        )
    return delivery.with_confidence(min(delivery.confidence, NOTE_DIFFERS), "+note_asks_later")


def _month_first(order_date, delivery):
    """Both dates read day first put the delivery before the order ("11/12/2026" ordered,
    "12/03/2026" wanted: an Odoo printed in en_US for a Dutch buyer); read month first, the
    delivery follows the order within weeks: the document writes months first."""
    if order_date is None or delivery is None or delivery.value is None:
        return order_date, delivery
    ordered = dates_mod.swapped_day_month(order_date.value)
    wanted = dates_mod.swapped_day_month(delivery.value)
    if (
        ordered is None
        or wanted is None
        or not dt.timedelta(0) <= wanted - ordered <= dt.timedelta(days=120)
    ):
        return order_date, delivery
    # …or read day first, the delivery comes half a year after the order ("12/02/2026" ordered,
    # "12/09/2026" needed by: February to September), read month first a week after
    far = delivery.value - order_date.value > dt.timedelta(days=150)
    if delivery.value >= order_date.value and not (
        far and wanted - ordered <= dt.timedelta(days=60)
    ):
        return order_date, delivery
    return (
        Field(
            ordered, min(order_date.confidence, 0.7), order_date.source, order_date.rule + "+mdy"
        ),
        Field(
            wanted,
            min(delivery.confidence, 0.7),
            delivery.source,
            delivery.rule.replace("+before_order_date", "") + "+mdy",
        ),
    )


def _plausible_dates(order_date, delivery, lines, fax_lines, dayfirst):
    """Dates that do not fit together are doubtful: a delivery more than a year after the
    order (a scan's 2026 read as 2028), an order date months away from the day the fax machine
    printed on the page (11 read as 01)."""
    if dayfirst:  # an undecided page is left to the customer's country (build_draft)
        order_date, delivery = _month_first(order_date, delivery)
    sent = _fax_dates(lines, fax_lines, dayfirst)
    ordered = order_date.value if order_date is not None else max(sent, default=None)
    if (
        delivery is not None
        and delivery.value is not None
        and ordered is not None
        and delivery.value - ordered > FAR_AFTER_ORDER
    ):
        delivery = delivery.with_confidence(round(delivery.confidence * 0.5, 4), "+far_after_order")
    elif (
        delivery is not None
        and delivery.value is not None
        and ordered is not None
        and delivery.value < ordered
        and "before_order_date" not in delivery.rule
    ):
        rolled = _in_the_next_year(delivery, ordered, lines)
        delivery = rolled or delivery.with_confidence(
            round(delivery.confidence * 0.6, 4), "+before_order_date"
        )
    if order_date is not None and sent and order_date.rule != "sent_date":
        day = max(sent)
        if not (day - FAX_DAY_SLACK <= order_date.value <= day):
            order_date = order_date.with_confidence(
                round(order_date.confidence * 0.7, 4), "+far_from_fax_day"
            )
        elif order_date.value == day and order_date.rule != "fax_day":
            # "Datum | 17.11 2026" under a fax line printed on 17.11.2026: two readings, one by
            # the fax machine's clock, agree
            order_date = order_date.with_confidence(
                max(order_date.confidence, FAX_DAY_AGREES), "+fax_day"
            )
    return order_date, delivery


def _in_the_next_year(delivery: Field, ordered: dt.date, lines: list[TextLine]) -> Field | None:
    """A delivery day printed without its year that falls before the order is next year's:
    "Livraison pour le mardi 5 janvier" written on 28 December."""
    line = next((ln for ln in lines if ln.index == delivery.source.get("line")), None)
    if line is None:
        return None
    years = dict.fromkeys((delivery.value.year, delivery.value.isocalendar().year))
    found = [m for year in years for m in dates_mod.find_dates(line.text, default_year=year)]
    for m in found:  # (the Tuesday of week 1 of 2026 is in 2025)
        if (
            m.kind == "week"
            and m.value != delivery.value
            and m.value.isocalendar().week == delivery.value.isocalendar().week
            and re.search(r"(?:19|20)\d{2}", m.text)
            and dt.timedelta(0) <= m.value - ordered <= dt.timedelta(days=120)
        ):
            # "Delivery: week 4 2027", its year read apart from its number (a scan's gap)
            return Field(m.value, delivery.confidence, delivery.source, delivery.rule + "+its_year")
        if m.value == delivery.value and not re.search(r"\d{4}|\d[./-]\d{1,2}[./-]\d", m.text):
            later = dates_mod.a_year_later(delivery.value, m.kind)
            if later is None:
                return None
            if dt.timedelta(0) <= later - ordered <= dt.timedelta(days=120):
                return Field(
                    later, delivery.confidence, delivery.source, delivery.rule + "+next_year"
                )
    return None


def _fax_header_lines(lines: list[TextLine], layout: Layout) -> set[int]:
    """Lines a fax machine printed across the top of each page (sender, time, page x/y)."""
    heights = {p.number: p.height for p in layout.pages}
    out = set()
    for ln in lines:
        if ln.source != TextSource.OCR or ln.top > 0.07 * heights.get(ln.page, 1000):
            continue
        marks = len(_FAX_HEADER.findall(ln.text))
        if marks >= 2 or (marks and dates_mod.find_dates(ln.text)):
            out.add(ln.index)
    return out


READ_LATER = 14  # days between a document's own date and its upload that make it an old one


def _reference_day(
    sent_date: dt.date | None, order_date: Field | None, lines: list[TextLine]
) -> dt.date | None:
    """The day a date without its year is counted from: the day it was sent, unless the
    document prints its own day months before that (a file uploaded long after it was
    written)."""
    printed = order_date.value if order_date is not None else None
    if printed is None and sent_date is not None and lines and lines[0].source != TextSource.PLAIN:
        # a letter's "München, 14. Oktober 2024" its labels did not give: its first full date
        printed = next(
            (
                d.value
                for ln in lines
                for s0, s1 in ln.segments
                for d in dates_mod.find_dates(ln.text_of(s0, s1))
                if d.kind in ("iso", "numeric", "named")
                and re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", d.text)
                and d.value <= sent_date
            ),
            None,
        )
    if sent_date is None:
        return printed
    if printed is not None and (sent_date - printed).days > READ_LATER:
        return printed
    return sent_date


def _default_year(lines: list[TextLine], today: dt.date | None) -> int:
    """The year of dates printed without one: the year of the document's full dates."""
    # cell by cell: "Mon 14 Dec" beside "28 Canal Wharf" is no "14 Dec 28"
    years = [
        d.value.year
        for ln in lines
        for s0, s1 in ln.segments
        for d in dates_mod.find_dates(ln.text_of(s0, s1))
        if d.kind in ("iso", "numeric", "named")
        # a message's own day says which years are near: not a fertiliser's "12-12-17"; a
        # year printed in full is the document's own, also on a file uploaded long after
        and (
            today is None
            or abs(d.value.year - today.year) <= 1
            or re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", d.text)
        )
    ]
    if years:
        return max(sorted(set(years), reverse=True), key=years.count)
    return (today or dt.datetime.now(tz=dt.UTC).date()).year


def extract_from_layout(
    layout: Layout,
    *,
    hints: dict | None = None,
    locale: str = "en",
    sent_date: dt.date | None = None,
    sender_email: str | None = None,
    own_names: tuple[str, ...] = (),
) -> ExtractedOrder:
    """Extract a draft order from a Layout (see the package docstring). ``own_names`` are the
    supplier's names (``ingestion.own_addresses.own_names``): a block under one of them is the
    supplier's address."""
    from ingestion.extraction.flatfile import (  # reads ingestion.edi
        described_records_as_sheet,
        extract_from_flat_file,
    )

    flat = extract_from_flat_file(layout)
    if flat is not None:
        return flat
    described = described_records_as_sheet(layout)
    if described is not None:
        return extract_from_layout(
            described,
            hints=hints,
            locale=locale,
            sent_date=sent_date,
            sender_email=sender_email,
            own_names=own_names,
        )
    layout = fix_ocr_layout(layout)  # digits read as letters in OCR words, flagged
    layout = counts_restated(layout)  # "ten (10)": the figure
    lines = document_lines(layout)
    if not lines:
        return ExtractedOrder(
            is_order=False,
            not_order_reason="no text found (blank or unreadable pages)",
            document_type="empty",
            language=locale[:2],
        )
    full_text = "\n".join(ln.text for ln in lines)
    language = detect_language(full_text)
    decimal_sep = detect_decimal_separator(ln.text for ln in lines)
    if decimal_sep is None and language in ("de", "fr") and lines[0].source != TextSource.PLAIN:
        # nothing printed settles it ("Menge 15,000" in an SAP export, "12,000 ST" on its
        # printed call-off with no prices): the language's
        decimal_sep = ","
    decimal_sep_sure = detect_decimal_separator((ln.text for ln in lines), strict=True)
    default_year = _default_year(lines, sent_date)
    # currency first (without date order), it helps reading 03/04 dates
    probe = HeaderContext(lines, dayfirst=None, default_year=default_year, language=language)
    currency = document_currency(probe, probe.candidates() if False else [])
    dayfirst = dates_mod.detect_dayfirst(
        (ln.text for ln in lines), language=language, currency=currency.value if currency else None
    )
    if dayfirst is None:
        dayfirst = (
            not locale.lower().startswith("en-us")
            and locale.lower() not in ("en_us",)
            and language != "en"
        )
        dayfirst = dayfirst if language != "en" else None
    ctx = HeaderContext(lines, dayfirst=dayfirst, default_year=default_year, language=language)
    ctx.page_sizes = {p.number: (p.width, p.height) for p in layout.pages}
    candidates = ctx.candidates()
    candidates.extend(title_number_candidates(ctx, skip_lines=set()))
    candidates.extend(title_sentence_candidates(ctx, skip_lines=set()))
    if hints:
        candidates.extend(apply_hints(hints, ctx))
    # lines
    table = extract_lines(
        lines,
        decimal_sep=decimal_sep,
        dayfirst=dayfirst,
        default_year=default_year,
        decimal_sep_sure=decimal_sep_sure,
    )
    order_lines: list[ExtractedLine] = table.lines
    rule_lines = "table"
    unread_lines: list[str] = []
    if not order_lines and lines[0].source in (TextSource.OCR, TextSource.PDF_TEXT):
        # a page whose table titles were not read: its items are still q × p = amount lines
        order_lines = arithmetic_rows(lines, decimal_sep)
        rule_lines = "arithmetic_rows"
    if not order_lines and lines[0].source in (
        TextSource.PLAIN,
        TextSource.SHEET,
        TextSource.PDF_TEXT,
        TextSource.OCR,
    ):
        from ingestion.extraction.freetext import extract_free_lines

        order_lines = extract_free_lines(
            lines,
            decimal_sep=decimal_sep,
            dayfirst=dayfirst,
            default_year=default_year,
            unread=unread_lines,
        )
        rule_lines = "free_text"
    if rule_lines == "table" and order_lines and lines[0].source == TextSource.PLAIN:
        order_lines += items_after_the_table(
            lines, table, order_lines, decimal_sep, dayfirst, default_year
        )
    cancelled = False
    if lines[0].source == TextSource.PLAIN:
        from ingestion.extraction.freetext import without_cancelled

        # "sauf les sacs poubelle", "EMB-0090 annulé": what the message takes back
        order_lines, cancelled = without_cancelled(order_lines, lines)
    amended = False
    changes = []
    if lines[0].source == TextSource.PLAIN and order_lines:
        # "Pos. 20 bitte auf 40 Stück erhöhen", "line 4 – please cancel": a reply's changes
        # to the order it quotes
        asked = amendments_in(lines, decimal_sep=decimal_sep)
        changes = applicable(order_lines, asked)
        item_lines = {ln.source.get("line") for ln in order_lines}
        # "die Stiefel bitte in Gr. 43 statt 44" over the quoted offer: a change asked that
        # names none of its lines alone is still a change, for a person to make
        # (a line taken back by words that name none of them changes nothing: "drop the
        # invoice in the post" is no instruction about an item)
        unplaced = [
            a
            for a in asked
            if a not in changes
            and a.line not in item_lines
            and not (a.ref == 0 and a.quantity is None)
        ]
        if changes or unplaced:
            as_quoted = order_lines
            order_lines = apply_amendments(order_lines, changes)
            amended = True
            changes = changes + unplaced
    # the fax machine's header line: its date is the day it was sent, not the order date
    fax_lines = _fax_header_lines(lines, layout)
    # "From: +33 3 89 20 45 09 23/10/2026 P.003/003" over a page that goes on with the items
    order_lines = [ln for ln in order_lines if ln.source.get("line") not in fax_lines]
    candidates = [c for c in candidates if c.source.get("line") not in fax_lines]
    # values read inside the item table are weaker header evidence
    candidates = [
        c
        for c in candidates
        if not (
            c.source.get("line") in table.consumed and c.field in ("po_number", "customer_number")
        )
    ]
    # the same delivery date labelled under every item ("Liefertermin: 14.12.2026") is the
    # order's, as plainly as a header one; otherwise values inside the table weigh less
    in_table = [c for c in candidates if c.source.get("line") in table.consumed]
    item_dates = {c.value for c in in_table if c.field == "requested_delivery_date"}
    repeated = len(item_dates) == 1 and (
        sum(c.field == "requested_delivery_date" for c in in_table) >= max(2, len(order_lines))
        or _one_date_under_every_item(ctx, table, order_lines, item_dates)
    )
    for c in in_table:
        if not (repeated and c.field == "requested_delivery_date"):
            c.score *= 0.6
    candidates.extend(_repeated_column_values(ctx, table))
    # header fields
    if layout.meta.get("subject_of_a_reply"):
        # "RE: … your PO 45-01873": the thread's number; one the new message gives comes first
        repeated = {
            str(c.value).upper()
            for c in candidates
            if c.field == "po_number" and c.source.get("line") != lines[0].index
        }
        for c in candidates:
            if (
                c.field == "po_number"
                and c.source.get("line") == lines[0].index
                and str(c.value).upper() not in repeated
            ):
                # the message gives a number of its own: the subject's is the thread's
                c.score *= 0.5 if repeated else 0.85
    if lines[0].source == TextSource.PLAIN:
        # "Date: Fri, 6 Dec 2024 at 17:45" in a forwarded or quoted message's header: when
        # that message was written, not the order's day
        in_headers = _quoted_header_fields(lines)
        candidates = [
            c
            for c in candidates
            if not (c.field == "order_date" and c.source.get("line") in in_headers)
        ]
    po = choose(candidates, "po_number")
    if po is None and lines[0].source == TextSource.PLAIN:
        po = po_in_a_sentence(lines)
    if (
        po is not None
        and layout.meta.get("subject_of_a_reply")
        and po.source.get("line") == lines[0].index
        and not any(
            c.field == "po_number"
            and c.source.get("line") != lines[0].index
            and str(c.value).upper() == str(po.value).upper()
            for c in candidates
        )
    ):
        # "RE: Commande DM-2611-02" and nothing in the message repeats it: the thread's
        # number, maybe an older order than this one
        po = po.with_confidence(min(po.confidence, 0.7), "+reply_subject")
    elif (
        po is not None
        and layout.meta.get("subject_of_a_reply")
        and any(
            c.field == "po_number"
            and c.source.get("line") == lines[0].index
            and str(c.value).upper() != str(po.value).upper()
            for c in candidates
        )
    ):
        # the message's own number, and another in the thread's subject: a person checks
        po = po.with_confidence(min(po.confidence, 0.72), "+other_in_subject")
    if po is None and lines[0].source not in (TextSource.SHEET, TextSource.PLAIN):
        po = unlabelled_reference(ctx, skip_lines=fax_lines | table.consumed)
    po = ocr_identifier(po, ctx)
    if (
        po is not None
        and po.confidence < 0.8
        and po.rule.split(":")[-1] in _BARE_NUMBER_LABELS
        and titled_as_order(lines)
    ):
        # "Numéro", "No.", "Nr." alone, on a page titled as an order: the order's number
        # (the customer's, the VAT, the supplier's number have labels of their own)
        po = po.with_confidence(round(min(0.86, po.confidence / 0.6 * 0.86), 4), "+order_title")
    order_date = choose(candidates, "order_date")
    delivery = choose(candidates, "requested_delivery_date")
    if delivery is None and lines[0].source in (
        TextSource.PLAIN,
        TextSource.SHEET,
        TextSource.PDF_TEXT,
    ):
        # "pour vendredi 4 décembre", "can you deliver tomorrow": counted from the sent day
        delivery = prose_delivery_date(
            lines,
            reference=_reference_day(sent_date, order_date, lines),
            dayfirst=dayfirst,
            default_year=default_year,
        )
    elif delivery is not None and delivery.value is not None:
        delivery = _unless_a_note_asks_otherwise(
            delivery,
            lines,
            candidates,
            reference=_reference_day(sent_date, order_date, lines),
            skip_lines=fax_lines | table.consumed,
            dayfirst=dayfirst,
            default_year=default_year,
        )
    if order_date is None:
        taken = {delivery.value} if delivery else set()
        order_date = labelled_dates_fallback(ctx, taken, skip_lines=fax_lines)
    if order_date is None:
        # no date read: the day the fax machine printed on the page, else the day it came
        faxed = _fax_day(lines, fax_lines, dayfirst, sent_date)
        if faxed is not None:
            order_date = Field(value=faxed, confidence=0.55, source={"meta": "fax"}, rule="fax_day")
    if (
        order_date is not None
        and order_date.rule.startswith("first_date")
        and sent_date is not None
        and lines[0].source == TextSource.PLAIN  # an email's own day, not an upload's
        and abs((order_date.value - sent_date).days) > 180
    ):
        # an unlabelled "date" years from the day the message was sent: a fertiliser's
        # "12-12-17", not the order's day
        order_date = None
    if (
        order_date is not None
        and sent_date is not None
        and lines[0].source == TextSource.PLAIN
        and order_date.value > sent_date + dt.timedelta(days=1)
    ):
        # "… nos bateaux sortent de l'eau le 18 janvier": a message is not ordered on a day
        # after it was sent
        order_date = None
    if order_date is not None:
        order_date = _beside_a_replaced_order_day(order_date, lines, dayfirst=dayfirst)
    if (
        order_date is not None
        and sent_date is not None
        and layout.meta.get("subject_of_a_reply")
        and _QUOTE_SUBJECT.search(lines[0].norm)
        and not _of_this_order(lines, order_date)
    ):
        # "AW: Angebot AN-26-04471": a day of the quotation the reply quotes, not the order's;
        # the reply orders on the day it is sent
        order_date = None
    if (
        order_date is None
        and amended
        and not (layout.meta.get("subject_of_a_reply") and _QUOTE_SUBJECT.search(lines[0].norm))
        # a colleague's list forwarded with changes: ordered by the forward, when it is sent
        and not layout.meta.get("subject_of_a_forward")
        and not any(forward_banner(ln.text) for ln in lines)
    ):
        # the order a reply amends was sent on the day its quoted header says
        order_date = _quoted_sent_day(lines, dayfirst=dayfirst)
    if order_date is None and sent_date is not None:
        order_date = Field(
            value=sent_date, confidence=0.55, source={"meta": "sent_date"}, rule="sent_date"
        )
    if delivery is None and order_lines:
        dates = {ln.requested_date for ln in order_lines if ln.requested_date}
        if len(dates) == 1 and all(ln.requested_date for ln in order_lines):
            delivery = Field(
                value=dates.pop(), confidence=0.85, source=order_lines[0].source, rule="line_dates"
            )
        elif dates:
            delivery = Field(
                value=min(dates),
                confidence=0.8 if _each_item_dated(order_lines, lines) else 0.5,
                source=order_lines[0].source,
                rule="earliest_line_date",
            )
    if delivery is None and any(
        ln.field_confidence.get("requested_date") == 0.0 for ln in order_lines
    ):
        # a date column whose cells read as no date: a day was asked for, a person reads it
        delivery = Field(
            value=None,
            confidence=UNREAD_LINE_DATE,
            source=order_lines[0].source,
            rule="line_dates_unread",
        )
    line_dates = {ln.requested_date for ln in order_lines}
    wanted = {d for d in line_dates if d}
    if (
        delivery is not None
        and len(wanted) >= 2
        and delivery.value in wanted
        and delivery.value != min(wanted)
    ):
        # one item's date read as the order's ("Liefertermin: Tag 10.12.2026" under the first
        # item) while another item is wanted sooner: the order is wanted from the earliest
        delivery = Field(
            value=min(wanted),
            confidence=0.8
            if _each_item_dated(order_lines, lines)
            else min(delivery.confidence, 0.5),
            source=delivery.source,
            rule="earliest_line_date",
        )
    elif (
        delivery is not None
        and wanted
        and delivery.value not in wanted
        and min(wanted) < delivery.value
    ):
        # "Liefertermin: 07.12.2026 (sofern bei der Position nicht anders angegeben)" over an
        # item's own "Liefertermin: 30.11.2026 (abweichend!)": the order is wanted from the
        # earliest, and whether it ships in one go a person says
        delivery = Field(
            value=min(wanted),
            confidence=min(delivery.confidence, EARLIER_ITEM_DATE),
            source=delivery.source,
            rule="earliest_line_date+before_the_order_s",
        )
    elif (
        delivery is not None
        and len(wanted) >= 2
        and delivery.value == min(wanted)
        and delivery.confidence < 0.8
        and _each_item_dated(order_lines, lines)
    ):
        # "Deliv. date: 01.12.2026" under the first item, later dates under the others: the
        # date read is the earliest an item is wanted, every item says its own
        delivery = delivery.with_confidence(0.8, "+earliest_line_date")
    if (
        delivery is not None
        and delivery.value is not None
        and delivery.confidence < 0.85
        and len(order_lines) >= 2
        and line_dates == {delivery.value}
        and not delivery.rule.endswith("before_the_order_s")
    ):
        # every item is wanted on the date read: the date column says it line by line (not
        # on a day before what the order said)
        delivery = delivery.with_confidence(0.85, "+line_dates")
    if (
        delivery is not None
        and order_date is not None
        and delivery.value == order_date.value
        and delivery.rule.startswith(("line_dates", "earliest_line_date"))
    ):
        # the items' dates are the order's own day: a column repeating when it was ordered
        # more likely than all of it wanted the same day
        delivery = delivery.with_confidence(min(delivery.confidence, 0.6), "+the_order_s_day")
    if (
        po is not None
        and delivery is not None
        and delivery.value is not None
        and order_date is not None
        and delivery.value < order_date.value
    ):
        delivery = _in_the_next_year(delivery, order_date.value, lines) or delivery.with_confidence(
            delivery.confidence * 0.6, "+before_order_date"
        )
    order_date = calibrate_order_date(
        order_date, candidates, ctx, delivery=delivery, skip_lines=fax_lines
    )
    if (
        order_date is not None
        and sent_date is not None
        and order_date.value == sent_date
        and (
            order_date.rule.startswith("label")
            # "notre commande CMD 26-0412 du 30 novembre 2026" sent on the 30th: the day it
            # says is the day it was sent, whatever else the date might have been
            or (order_date.rule.startswith("first_date") and lines[0].source == TextSource.PLAIN)
        )
        and lines[0].source in (TextSource.PLAIN, TextSource.SHEET)
    ):
        # "Date : 07/12/2026" in a message sent on the 7th of December: that reading, that day
        order_date = order_date.with_confidence(max(order_date.confidence, 0.9), "+sent_day")
    if delivery is None:
        delivery = unread_delivery_date(ctx, skip_lines=fax_lines)
    if delivery is None:
        delivery = unassigned_scan_date(
            ctx, order_date=order_date, skip_lines=fax_lines | table.consumed
        )
    if delivery is None:
        delivery = _delivery_hint(lines, order_date, fax_lines | table.consumed, ctx)
    if delivery is None and order_lines:
        delivery = _unread_item_date(lines, order_date, table.consumed - fax_lines, ctx)
    if delivery is None and lines[0].source == TextSource.OCR:
        # "Livraison | le 02/12 au matin" under a scan's table, its label apart from its day:
        # the day, for a person to confirm (a scan joins and misreads a sentence's words)
        found = prose_delivery_date(
            lines,
            reference=_reference_day(sent_date, order_date, lines),
            dayfirst=dayfirst,
            default_year=default_year,
            skip_lines=fax_lines | table.consumed,
        )
        if found is not None and found.value is not None:
            delivery = found.with_confidence(min(found.confidence, SCANNED_PROSE_DATE), "+ocr")
    order_date, delivery = _plausible_dates(order_date, delivery, lines, fax_lines, dayfirst)
    if (
        order_date is not None
        and len(layout.pages) > 1
        and order_date.source.get("page") in _cover_pages(lines, order_lines)
    ):
        # "Date: 11-Jun-2026" on a fax cover sheet: the day it was sent, not the order's
        order_date = order_date.with_confidence(
            round(min(order_date.confidence, 0.6), 4), "+cover_sheet"
        )
    currency = document_currency(ctx, candidates)
    customer_number = choose(candidates, "customer_number")
    payment_terms = choose(candidates, "payment_terms")
    contact = choose(candidates, "contact")
    # address blocks
    blocks = {
        # a fax machine's "TO: 01213594411" heads no address block
        field: [(hit, block) for hit, block in found if hit.line.index not in fax_lines]
        for field, found in find_blocks(ctx).items()
    }
    ship_to = (
        ship_to_columns(table)
        or ship_to_rows(lines)
        or _best_block(
            [
                (hit, block)
                for hit, block in blocks.get("ship_to", [])
                if hit.line.index not in table.header_lines
            ],
            language,
            ctx.hits_by_line,
        )
    )
    collected = _collected(ctx)
    if collected and (ship_to is None or not ship_to.value.postal_code):
        # "Lieferung | ab Werk - Abholung durch uns": the goods are fetched, a site named
        # elsewhere on the page ("Objekt | MFH …") is not where they go
        ship_to = None
    elif ship_to is None or not ship_to.value.postal_code:
        # "merci de livrer sur le chantier : Résidence …, 22 bd des Poilus, 44300 Nantes"
        found = prose_ship_to(
            lines, language=language, table_lines=table.consumed | set(table.header_lines)
        )
        if found is not None:
            address, line = found
            # a letter's sentence read off a page (or a scan) runs over lines and columns the
            # reader may have joined wrongly: a person looks
            confidence = PROSE_ADDRESS if line.source == TextSource.PLAIN else PAGE_PROSE_ADDRESS
            if (
                line.text.rstrip().endswith(":")
                and address.city
                and len(address.city) >= 3
                and fold(address.city) in fold(line.text)
            ):
                # "… in KW 51 an unsere Filiale Villach:" over "…, Hauptplatz 12, 9500 Villach":
                # the sentence names the town its address ends with
                confidence = max(confidence, PROSE_ADDRESS)
            elif line.source == TextSource.PDF_TEXT and (
                line.text.rstrip().endswith(":")
                # "Adresse de livraison : Pêche Passion – Entrepôt, 3 Chemin du Génie, 69200
                # Vénissieux (quai …)": the whole address after a strong label, on its line
                or (
                    any(
                        h.field == "ship_to" and h.strength >= 1.0
                        for h in ctx.hits_by_line.get(line.index, [])
                    )
                    and address.postal_code in line.text
                )
            ):
                # "Livraison souhaitée … à notre atelier de montage :" over the address's own
                # lines, on a page that is no scan: nothing was joined across columns
                confidence = max(confidence, PROSE_ADDRESS)
            ship_to = Field(address, confidence, line.source_ref(), "prose_address")
    elif (
        ship_to.rule.startswith("block:")
        and ship_to.confidence < PROSE_ADDRESS
        and lines[0].source == TextSource.PDF_TEXT
    ):
        # "Delivery: week commencing 22nd March, to our Spey Valley shop:" over the address's
        # line: a weak label's block that the sentence ending in its colon says the same of
        found = prose_ship_to(
            lines, language=language, table_lines=table.consumed | set(table.header_lines)
        )
        if (
            found is not None
            and found[1].text.rstrip().endswith(":")
            and found[0].postal_code == ship_to.value.postal_code
        ):
            ship_to = ship_to.with_confidence(PROSE_ADDRESS, "+prose")
    bill_to = _best_block(blocks.get("bill_to", []), language, ctx.hits_by_line)
    vendor = _best_block(blocks.get("vendor", []), language)
    buyer = _best_block(blocks.get("buyer", []), language)
    if buyer is not None and not buyer.value.postal_code:
        buyer = None
    vendor_lines: set[int] = set()
    vendor_segments: set[tuple[int, int]] = set()
    for _hit, block in blocks.get("vendor", []):
        for ln, i, j in block:
            vendor_lines.add(ln.index)
            for k in range(i, j):
                vendor_segments.add((ln.index, ln.segment_of(k)[0]))
        vendor_segments.add((_hit.line.index, _hit.line.segment_of(_hit.first_word)[0]))
    if buyer is None:
        block_segments = set(vendor_segments)
        for field_name in ("ship_to", "bill_to"):
            for _hit, block in blocks.get(field_name, []):
                for ln, i, _j in block:
                    block_segments.add((ln.index, ln.segment_of(i)[0]))
        item_lines = table.consumed | {
            ln.source.get("line") for ln in order_lines if ln.source.get("line") is not None
        }
        buyer = letterhead(ctx, block_segments, language, skip_lines=item_lines)
    emails, phones = emails_and_phones(lines, vendor_lines)
    # (an email's priced item lines, and those of the offer it quotes, are no addresses:
    # "Stationärrolle Frontbremse 3000   20 Stk à 36,50 €")
    item_rows = (
        {ln.index for ln in lines if _PRICED_ROW.search(ln.text)}
        if lines[0].source == TextSource.PLAIN
        else set()
    )
    postal_codes = printed_postal_codes(
        ctx,
        exclude=vendor_segments,
        skip_lines=fax_lines | table.consumed | item_rows,
        language=language,
    )
    if lines[0].source == TextSource.SHEET:
        postal_codes = tuple(
            dict.fromkeys([*postal_codes, *cell_postal_codes(table, language=language)])
        )
    own_postal_codes = postal_codes_under_our_name(
        ctx, own_names, skip_lines=fax_lines | table.consumed, language=language
    )
    if buyer is not None and lines[0].source in (TextSource.OCR, TextSource.PDF_TEXT):
        # a page's letterhead, scanned or typed (an email's is where its signature is)
        suffix = ":ocr" if lines[0].source == TextSource.OCR else ":pdf"
        buyer = Field(buyer.value, buyer.confidence, buyer.source, buyer.rule + suffix)
    vats = vat_numbers(lines, vendor_lines)
    # totals
    amount_lines = find_amount_lines(lines, decimal_sep)
    total, grand_total, tax_total, warnings = net_total(
        amount_lines,
        as_quoted if amended else order_lines,  # the printed total is the quoted order's
        table_charges=table.charges if rule_lines == "table" else 0,
    )
    if rule_lines == "table" and lines[0].source != TextSource.OCR:
        # a scan may have lost the printed total: the sum is no check there
        # a workbook's other sheets (key/value rows, no items) are pages of no table
        pages = 1 if lines[0].source == TextSource.SHEET else len(layout.pages)
        total = sum_of_complete_table(total, table, pages=pages, lines=lines)
    if total is not None and total.rule.startswith("sum_of_lines") and rule_lines == "table":
        item_lines = {ln.source.get("line") for ln in order_lines}
        total = _printed_unlabelled(total, lines, table.consumed | item_lines)
        if lines[0].source == TextSource.SHEET and total.rule.startswith("sum_of_lines"):
            total = _total_column(total, table, decimal_sep)
    if amended and total is not None:
        # the printed total was the original order's: the amended order states none, unless
        # the message states the new one ("Neues Total EUR 815.50") and the lines make it
        total = _new_total(lines, order_lines, decimal_sep)
    elif cancelled and total is not None:
        # the printed total still counts what the message took back: the sum of what is left
        amounts = [ln.line_total for ln in order_lines]
        total = (
            Field(sum(amounts, Decimal(0)), 0.7, total.source, "sum_after_cancellation")
            if all(a is not None for a in amounts)
            else None
        )
    # "RE: Devis D26-00318": a reply's subject names the thread, not what this message is
    titled = lines[1:] if layout.meta.get("subject_of_a_reply") and len(lines) > 1 else lines
    is_order, doc_type, reason = classify(titled, has_lines=bool(order_lines))
    if not order_lines and is_order:
        warnings.append(f"no order lines found ({rule_lines})")
    return ExtractedOrder(
        po_number=po,
        order_date=order_date,
        requested_delivery_date=delivery,
        currency=currency,
        buyer=buyer,
        customer_number=customer_number,
        vat_numbers=Field(value=tuple(vats), confidence=0.9, rule="vat_pattern") if vats else None,
        sender=Field(value=sender_email, confidence=1.0, rule="envelope") if sender_email else None,
        ship_to=ship_to,
        bill_to=bill_to,
        vendor=vendor,
        contact=contact,
        payment_terms=payment_terms,
        total=total,
        grand_total=grand_total,
        tax_total=tax_total,
        lines=tuple(order_lines),
        is_order=is_order,
        not_order_reason=reason,
        document_type=doc_type,
        language=language,
        emails=tuple(emails),
        phones=tuple(phones),
        warnings=tuple(warnings),
        unread_lines=tuple(unread_lines[:20]),
        prices_in_prose=prices_in_prose(lines, order_lines, total),
        price_titled=None
        if not table.columns
        else any(c.role in _PRICE_ROLES for c in table.columns),
        postal_codes=postal_codes,
        own_postal_codes=own_postal_codes,
        delivers_to_billing=collected
        or any(_as_billed(hit) for hit in ctx.hits if hit.field == "ship_to")
        or any(_as_billed(hit, block) for hit, block in blocks.get("ship_to", [])),
        amendments=tuple(
            ln.text[:200] for ln in lines if amended and ln.index in {c.line for c in changes}
        ),
        header_lines=tuple(
            ln.text[:200]
            for ln in lines
            if ln.page == lines[0].page
            and ln.index not in table.consumed
            and ln.index not in vendor_lines
            and ln.index not in fax_lines
        )[:60],
    )


_BLOCK_FIELDS = ("ship_to", "bill_to", "vendor", "buyer")

# "bitte folgende Positionen für Bestellung 26-BE-01044 liefern", "pour la commande BL-2026-0802"
_AMOUNT_TOKEN = re.compile(r"(?<![\d.,'’])\d{1,3}(?:[.,'’ \u202f]\d{3})*[.,]\d{2}(?![\d])")
_CELL_AMOUNT = re.compile(r"(?<![\w.,'’-])\d+(?:[.,]\d{1,2})?(?![\w.,'’])")


def _each_item_dated(order_lines, lines: list[TextLine]) -> bool:
    """Every item printed its own date (each kept on its line), on a page read as text: the
    order is wanted from the earliest. With an item undated, or on a scan, a person looks."""
    return all(ln.requested_date for ln in order_lines) and lines[0].source in (
        TextSource.PDF_TEXT,
        TextSource.SHEET,
    )


def _printed_unlabelled(total: Field, lines: list[TextLine], table_lines: set[int]) -> Field:
    """The lines' sum printed below or beside the table under a label we do not know ("Summe
    der Positionen 1.639,60"): the document states its total; saying it states none would be
    wrong, and nothing vouches for it but the sum itself."""
    for ln in lines:
        if ln.index in table_lines:
            continue
        # a sheet's cell holds the number as typed: 421.3, 307
        pattern = _CELL_AMOUNT if ln.source == TextSource.SHEET else _AMOUNT_TOKEN
        for m in pattern.finditer(ln.text):
            value = parse_number(m.group(0))
            if pattern is _CELL_AMOUNT and not re.search(r"[.,]|\d{3}", m.group(0)):
                continue  # a cell's "24" may count anything
            if value is not None and value == total.value:
                return Field(
                    total.value, min(total.confidence, 0.9), ln.source_ref(), "label:printed_sum"
                )
    return total


def _total_column(total: Field, table, decimal_sep: str | None) -> Field:
    """A flat export's order total repeated on every item row ("order_subtotal 517.95"): the
    document states it. Sure when it is the items' sum; a net total that is not is stated
    all the same, for a person to compare (a grand total may hold tax or freight)."""
    items = [r for r in table.rows if r.is_item]
    if len(items) < 2 or not table.columns:
        return total
    for k, column in enumerate(table.columns):
        title = fold(column.text).replace("_", " ").strip(" :")
        net = bool(TOTAL_NET.search(title)) and len(title.split()) <= 4
        if not net and not TOTAL_GRAND.fullmatch(title):
            continue
        texts = {" ".join(t.text for t in r.cells.get(k, [])).strip() for r in items}
        if len(texts) != 1:
            continue
        value = parse_number(texts.pop(), decimal_sep=decimal_sep)
        if value is None:
            continue
        if value == total.value:
            return Field(value, 0.95, items[0].line.source_ref(), "label:total_column=sum_of_lines")
        if net:
            return Field(
                value, 0.55, items[0].line.source_ref(), "label:total_column!=sum_of_lines"
            )
    return total


def _one_date_under_every_item(ctx, table, order_lines, item_dates: set) -> bool:
    """A delivery label under every item ("Liefertermin: T" / "02.12.2026", the date wrapped
    to the next row where it was not read as the label's value) and no other date in the
    table than the one read: every item is wanted that day."""
    labels = sum(
        1
        for hit in ctx.hits
        if hit.field == "requested_delivery_date" and hit.line.index in table.consumed
    )
    if labels < max(2, len(order_lines)):
        return False
    printed = {
        m.value
        for ln in ctx.lines
        if ln.index in table.consumed
        for m in dates_mod.find_dates(ln.text, dayfirst=ctx.dayfirst)
    }
    return printed == item_dates


_BARE_NUMBER_LABELS = {"numero", "n", "no", "nr", "nummer", "number"}

_COLUMN_FIELDS = ("po_number", "order_date", "requested_delivery_date")


# a spreadsheet export's column titled with the order's number alone: "PO", "P.O. #"
_PO_COLUMN_TITLE = re.compile(r"p\.?\s?o\.?(?:\s*(?:#|no\.?|nr\.?))?")


# "Customer Ref", "Your reference", "Réf. client", "Kundenreferenz": the buyer's number
_CUSTOMER_REF_TITLE = re.compile(
    r"(?:customer|client|buyer|your|votre|ihre?)\s*(?:po\s*)?ref(?:erence)?\.?(?:\s*(?:no|#))?"
    r"|ref(?:erence)?\.?\s*(?:client|acheteur|commande\s+client)|kunden\s*-?\s*referenz"
    r"|ihre?\s+(?:bestell)?(?:nummer|zeichen)|customer\s+order\s+(?:no|number|ref)"
)
# "Basket ID", "N° panier", "Warenkorb-Nr.", "Cart #"
_BASKET_TITLE = re.compile(
    r"(?:(?:n[°o]?|nr|numero|id)\.?\s*(?:de\s+)?|#\s*)?(?:panier|basket|cart|warenkorb)"
    r"(?:\s*-?\s*(?:id|no|nr|number|nummer|#)\.?)?"
)


_ORDER_DATE_TITLE = re.compile(
    r"date\s+(?:de\s+)?(?:creation|commande|cde)|created(?:\s+(?:on|at|date))?|creation\s+date"
    r"|order(?:ed)?\s+(?:date|on)|date\s+ordered|bestell(?:datum|t\s+am)|erstellt(?:\s+am)?"
    r"|erstelldatum|auftragsdatum"
)


def _repeated_column_values(ctx: HeaderContext, table) -> list[Candidate]:
    """Order number and dates as columns of a flat export ("Bestellnummer", "Liefertermin"),
    one value on every row."""
    if not table.columns or not table.lines:
        return []
    items = [r for r in table.rows if r.is_item]
    if len(items) < 2:
        return []
    out = []

    def one_value(field: str, k: int, label: str) -> None:
        cells = [" ".join(t.text for t in r.cells.get(k, [])).strip() for r in items]
        texts = set(cells)
        if len(texts) == 2 and "" in texts and first_row_only(items, k):
            texts.discard("")  # Odoo fills the order's fields on its first row only
        elif (
            len(texts) == 2
            and "" in texts
            and cells[0]
            and len(cells) - cells.count("") >= 2
            and cells.count("") <= max(1, len(cells) // 3)
        ):
            texts.discard("")  # a charge's row ("Delivery (Standard 2-3 days)") leaves it empty
        if len(texts) != 1 or "" in texts:
            return
        text = texts.pop()
        value, quality = ctx.parse_value(field, text)
        if value is not None:
            out.append(
                Candidate(
                    field=field,
                    value=value,
                    score=0.9 * quality,
                    source=items[0].line.source_ref(),
                    rule=f"table_column:{label}",
                    text=text,
                )
            )

    for line_index in table.header_lines:
        for hit in ctx.hits_by_line.get(line_index, []):
            # a document's number titling a column of one value ("Document No.", "Belegnr.")
            floor = 0.8 if hit.field == "po_number" else 0.9
            if hit.field not in _COLUMN_FIELDS or hit.strength < floor:
                continue
            # the column under the title ("Bestellnummer", "Bestelldatum", "Liefertermin")
            k = next(
                (
                    k
                    for k, column in enumerate(table.columns)
                    if column.x0 <= (hit.x0 + hit.x1) / 2 <= column.x1
                ),
                None,
            )
            if k is not None:
                one_value(hit.field, k, hit.label_key)
    if items[0].line.source == TextSource.SHEET and not any(c.field == "po_number" for c in out):
        # "PO" alone in its own cell: no label in running text, a title in a sheet; else a
        # web shop's basket export: the customer's own reference typed at the checkout, else
        # the basket's number
        for title, label in (
            (_PO_COLUMN_TITLE, "po"),
            (_CUSTOMER_REF_TITLE, "customer_ref"),
            (_BASKET_TITLE, "basket"),
        ):
            for k, column in enumerate(table.columns):
                if title.fullmatch(fold(column.text).strip(" :")):
                    one_value("po_number", k, label)
                    break
            if any(c.field == "po_number" for c in out):
                break
    if items[0].line.source == TextSource.SHEET and not any(c.field == "order_date" for c in out):
        # "Date création", "Created", "Erstellt am": the day the basket was ordered
        for k, column in enumerate(table.columns):
            if _ORDER_DATE_TITLE.fullmatch(fold(column.text).strip(" :")):
                one_value("order_date", k, "created")
                break
    return out


# a delivery label that points back at the buyer's own address ("wie Rechnungsadresse", "same
# as billing address", "identique à l'adresse de facturation", "idem ci-dessus")
_SAME_AS_BILLING = re.compile(
    r"\W*(?:(?:wie|gleich(?:\s+wie)?|identisch(?:\s+mit)?|same\s+as|as|idem|identique(?:\s+a)?"
    r"|meme\s+(?:que|adresse\s+que))\b[\s:]*(?:(?:die|der|the|l'|la|le|notre|our|unsere?)\s*)?"
    r"(?:rechnungs(?:adresse|anschrift)|billing(?:\s+address)?|invoic(?:e|ing)(?:\s+address)?"
    r"|bill[\s-]?to|adresse\s+de\s+facturation|facturation|above|oben|ci-dessus|dessus)\b"
    # …or that address named alone: "Lieferung an Rechnungsanschrift."
    r"|(?:(?:die|the|l')\s*)?(?:rechnungs(?:adresse|anschrift)|billing\s+address|invoice\s+address"
    r"|adresse\s+de\s+facturation)\s*(?:[.;,)]|$))"
)


# the buyer fetches the goods: "ab Werk", "Abholung durch uns", "départ usine", "ex works"
_PICKUP = re.compile(
    r"\bab\s+werk\b|\babholung\b|\bselbstabholung|\bwird\s+abgeholt|\bholen\s+(?:wir|es)\b"
    r"|\benlevement\b|\bdepart\s+usine\b|\bretrait\s+(?:par\s+nos\s+soins|sur\s+place)"
    r"|\bex[\s-]works\b|\bcollection\s+by\s+us\b|\bwe\s+will\s+collect\b|\bcollected\s+by\s+us\b"
)


def _collected(ctx) -> bool:
    """A delivery label whose line says the buyer fetches the goods."""
    return any(
        hit.field in ("ship_to", "requested_delivery_date") and _PICKUP.search(hit.line.norm)
        for hit in ctx.hits
    )


def _as_billed(hit, block=()) -> bool:
    """A delivery label whose own cell, or the first line of its block ("Deliver to" over
    "As invoice address"), sends the goods to the billing address."""
    segment = hit.line.segment_of(hit.last_word)
    after = hit.line.text[hit.end : hit.line.spans[segment[1] - 1][1]]
    if _SAME_AS_BILLING.match(fold(after)):
        return True
    if not block or after.strip(" :"):
        return False
    ln, i, _j = block[0]
    # (to the end of its cell: "As invoice address" when "invoice address" reads as a label)
    cell = ln.text[ln.spans[i][0] : ln.spans[ln.segment_of(i)[1] - 1][1]]
    return bool(_SAME_AS_BILLING.match(fold(cell)))


# a word of delivery, not an addressee ("Destinataire :" heads our own address)
_DELIVERY_HEADING = re.compile(
    r"(?:livraison|delivery|lieferung|ship(?:ping)?|chantier|baustelle|job\s*site|site)\b"
)


def _short_delivery_heading(hit) -> bool:
    """A weak delivery label with its colon ("Livraison :", "Baustelle:"): whole address after
    it, it heads the goods' address as plainly as "Ship to" does."""
    return (
        hit.strength < 0.9
        and hit.field == "ship_to"
        and hit.text.endswith(":")
        and bool(_DELIVERY_HEADING.match(fold(hit.text)))
    )


def _best_block(found: list, language: str, hits_by_line: dict | None = None) -> Field | None:
    from ingestion.extraction.header import block_address

    best = None
    for hit, block in found:
        if _as_billed(hit, block):
            continue  # "Lieferadresse: wie Rechnungsadresse": no other address, none to read
        field = block_address(hit, block, language)
        address = field.value
        if (
            hit.strength < 0.9
            and hits_by_line is not None
            and address.postal_code
            and address.city
            and address.street
            and any(
                other.field in _BLOCK_FIELDS and other.field != hit.field
                for other in hits_by_line.get(hit.line.index, ())
            )
        ):
            # a short heading ("Livraison") in a row of address-block headings ("Fournisseur",
            # "Adresse de facturation") over a whole address: as plain as "Ship to"
            field = field.with_confidence(round(0.92 * 0.97, 4), "+block_row")
        elif (
            _short_delivery_heading(hit)
            and address.street
            and address.city
            # on the label's own line, not gathered from the lines below it
            and bool(address.postal_code)
            and address.postal_code in hit.line.text[hit.end :]
        ):
            # "Livraison : serres communales, Route de Neufchâteau 141, 6700 Arlon": a short
            # delivery label and a whole address after its colon
            field = field.with_confidence(round(0.92 * 0.97, 4), "+whole_address")
        elif (
            _short_delivery_heading(hit)
            and not hit.line.text[hit.end :].strip()
            and address.name
            and address.street
            and address.city
            and address.postal_code
            and block
            and block[0][0].index == hit.line.index + 1
            and len({ln.index for ln, _i, _j in block}) <= 4
        ):
            # "Livraison :" alone on its line over a name, a street and a town: the delivery
            # address, as plainly headed as under "Adresse de livraison"
            field = field.with_confidence(round(0.92 * 0.97, 4), "+whole_address_below")
        ocr = [
            w.confidence for ln, i, j in block if ln.source == TextSource.OCR for w in ln.words[i:j]
        ]
        if ocr:
            # one misread digit of a scanned postcode is another address
            factor = 0.55 + 0.45 * min(ocr)
            field = field.with_confidence(round(field.confidence * factor, 4), "+ocr")
        if best is None or field.confidence > best.confidence:
            best = field
    return best


__all__ = ["block_address", "extract_from_layout"]
