"""Confidence calibration after the candidates are chosen: what makes a value sure or doubtful.

Each rule here was set from evidence (``python -m ingestion.decision.calibration``): a value
is raised only where no wrong value was seen, and lowered where wrong values were.

A date next to a plain "Date"/"Datum" label scores low by default (the label could name any
date: an invoice's, a print date). It is raised when nothing else is in doubt: it is the only
date of its kind in the header zone of the first page, and its format leaves one reading (a
day above 12, a month in words, ISO, a dotted German date), or the other dates of the page
decide the day/month order. An ambiguous numeric date (03/04/2026) keeps its confidence and
says in its rule which reading was taken (``+dmy`` or ``+mdy``) and whether the other reading
is ruled out by other dates of the page (``:alt_implausible``) or not (``:alt_plausible``);
:func:`ingestion.matching.draft.build_draft` then lets the customer's country decide.

A delivery label followed by something date-like that the engine could not read ("Livraison
souhaitée" wrapped over two lines, a misread date) is not left silent:
:func:`unread_delivery_date` gives the requested delivery date a low confidence, so a person
looks at it; on a scan, a header date no label claims does the same
(:func:`unassigned_scan_date`).

A total worked out as the sum of the lines is sure only when the table was read whole
(:func:`sum_of_complete_table`); a reference number read by OCR weighs its words' OCR
confidence more (:func:`ocr_identifier`); the postal codes printed outside the vendor block
(:func:`printed_postal_codes`) tell ``build_draft`` whether a defaulted ship-to can be sure.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from ingestion.extraction import dates as dates_mod
from ingestion.extraction.geometry import fold
from ingestion.extraction.header import (
    AMBIGUOUS_DATE_QUALITY,
    Candidate,
    HeaderContext,
    _value_slices,
)
from ingestion.extraction.model import Field
from ingestion.layout import TextSource

PLAIN_DATE_LABELS = {"date", "datum", "dated", "du", "vom", "le", "den"}
_PLAIN_RULE = re.compile(r"^label_(inline|right|below|below2):(?P<label>[a-z ]+)$")
_POSITION = {"inline": 1.0, "right": 0.97, "below": 0.95, "below2": 0.85}
_COLUMN_RULE = re.compile(r"^table_column:[a-z ]+$")

UNAMBIGUOUS = 0.95  # a plain date label, the only date of the header, one possible reading
DECIDED_BY_PAGE = 0.88  # ambiguous, but the page's other dates fix the day/month order

# Day/month order by country (numeric dates); countries with mixed habits (CA) are in neither.
MONTH_FIRST = {"US", "PH", "FM", "MH", "PW"}
DAY_FIRST = {
    *"FR BE DE AT CH LU NL IT ES PT GB IE DK SE NO FI IS PL CZ SK SI HR RO BG GR EE LV".split(),
    *"AU NZ IN BR AR CL CO MX ZA TR IL MA TN DZ SN CI MC LI MT CY RS UA".split(),
}


def _ocr_factor(ctx: HeaderContext, source: dict) -> float:
    line = next((ln for ln in ctx.lines if ln.index == source.get("line")), None)
    if line is None or line.source != TextSource.OCR:
        return 1.0
    confs = [w.confidence for w in line.words] or [1.0]
    return 0.55 + 0.45 * min(confs)


def _header_zone(ctx: HeaderContext, source: dict) -> bool:
    line = next((ln for ln in ctx.lines if ln.index == source.get("line")), None)
    if line is None or line.source == TextSource.PLAIN or not ctx.lines_by_page:
        return False
    first = min(ctx.lines_by_page)
    if line.page != first:
        return False
    height = (ctx.page_sizes.get(first) or (0, max(ln.bottom for ln in ctx.lines_by_page[first])))[
        1
    ]
    return line.top <= 0.45 * height


def _other_dates(ctx: HeaderContext, source: dict, skip_lines: set[int]) -> list[dt.date]:
    out = []
    for ln in ctx.lines:
        if ln.index in skip_lines:
            continue
        for m in dates_mod.find_dates(ln.text, dayfirst=ctx.dayfirst):
            if ln.index == source.get("line") and m.kind in ("numeric", "iso", "named"):
                continue
            out.append(m.value)
    return out


def _page_votes(ctx: HeaderContext, separator: str, skip_lines: set[int]) -> bool | None:
    """Day-first (True) or month-first (False) from the unambiguous numeric dates of the page
    written with the same separator; None when they do not tell."""
    day = month = 0
    for ln in ctx.lines:
        declared = dates_mod.DECLARED_ORDER.search(ln.text)
        if declared:  # "All dates MM/DD/YYYY": the page says it
            return declared["day"] is not None
    for ln in ctx.lines:
        if ln.index in skip_lines:
            continue
        for m in dates_mod._NUMERIC.finditer(ln.text):
            if m["s"] != separator:
                continue
            a, b = int(m["a"]), int(m["b"])
            if a > 12 >= b:
                day += 1
            elif b > 12 >= a:
                month += 1
    if day and not month:
        return True
    if month and not day:
        return False
    return None


def _swap(value: dt.date) -> dt.date | None:
    try:
        return dt.date(value.year, value.day, value.month)
    except ValueError:
        return None


def _implausible(alt: dt.date, reading: dt.date, others: list[dt.date], delivery) -> bool | None:
    """Whether the other reading is ruled out by the page's other dates (None: no other dates)."""
    if delivery is not None and delivery.value is not None:
        wanted = delivery.value
        if alt > wanted or (wanted - alt).days > 365:
            return True
        # the delivery written the same way: read so, it comes days after the order; read the
        # other way, months after ("03/12/2026", "10/12/2026": not March and October)
        alt_wanted = _swap(wanted) if wanted.day <= 12 else None
        if (
            alt_wanted is not None
            and 0 <= (wanted - reading).days <= 60
            and not 0 <= (alt_wanted - alt).days <= 120
        ):
            return True
    if not others:
        return None if delivery is None else False

    def near(day: dt.date) -> bool:
        return any(abs((day - d).days) <= 180 for d in others)

    return near(reading) and not near(alt)


def calibrate_order_date(
    order_date: Field | None,
    candidates: list[Candidate],
    ctx: HeaderContext,
    *,
    delivery: Field | None,
    skip_lines: set[int],
) -> Field | None:
    if order_date is None:
        return None
    m = _PLAIN_RULE.match(order_date.rule)
    if (m and m["label"] not in PLAIN_DATE_LABELS) or _COLUMN_RULE.match(order_date.rule):
        # a label that names the order's date, or an export's column of it ("ORDER_DATE")
        return _named_label_decided_by_page(order_date, candidates, ctx, skip_lines)
    if not m:
        return order_date
    own = [c for c in candidates if c.field == "order_date"]
    if {c.value for c in own} != {order_date.value} or not _header_zone(ctx, order_date.source):
        return order_date  # another date competes, or it is not in the header
    best = next((c for c in own if c.rule == order_date.rule), None)
    if best is None:
        return order_date
    found = dates_mod.find_dates(
        best.text,
        dayfirst=ctx.dayfirst,
        default_year=ctx.default_year,
        allow_compact=True,
        allow_partial=True,
    )
    if not found or found[0].value != order_date.value:
        return order_date
    match = found[0]
    position = _POSITION[m.group(1)] * _ocr_factor(ctx, order_date.source)
    separator = next((ch for ch in match.text if ch in "./-"), "")
    if match.kind in ("iso", "named") or (
        match.kind == "numeric" and (not match.ambiguous or separator == ".")
    ):
        raised = round(UNAMBIGUOUS * position, 4)
        return order_date.with_confidence(max(order_date.confidence, raised), "+unambiguous")
    if match.kind != "numeric":
        return order_date
    reading = "dmy" if match.value.day == int(re.split(r"\D+", match.text.strip())[0]) else "mdy"
    votes = _page_votes(ctx, separator, skip_lines)
    if votes is not None and votes == (reading == "dmy"):
        raised = round(DECIDED_BY_PAGE * position, 4)
        return order_date.with_confidence(max(order_date.confidence, raised), f"+{reading}:page")
    alt = _swap(match.value)
    others = _other_dates(ctx, order_date.source, skip_lines)
    implausible = _implausible(alt, match.value, others, delivery) if alt else True
    status = "alt_implausible" if implausible else "alt_plausible" if implausible is False else ""
    return order_date.with_confidence(
        order_date.confidence, f"+{reading}" + (f":{status}" if status else "")
    )


def _named_label_decided_by_page(
    order_date: Field, candidates: list[Candidate], ctx: HeaderContext, skip_lines: set[int]
) -> Field:
    """Under a label that names the order's date ("Émise le", "Order date"), an ambiguous
    06/02/2026 loses its doubt when the page's other dates written the same way say the day
    comes first (23/02/2026 below it)."""
    best = next(
        (c for c in candidates if c.field == "order_date" and c.rule == order_date.rule), None
    )
    if best is None:
        return order_date
    found = dates_mod.find_dates(best.text, dayfirst=ctx.dayfirst, default_year=ctx.default_year)
    if not found or found[0].value != order_date.value:
        return order_date
    match = found[0]
    separator = next((ch for ch in match.text if ch in "./-"), "")
    if match.kind != "numeric" or not match.ambiguous or not separator:
        return order_date
    reading = "dmy" if match.value.day == int(re.split(r"\D+", match.text.strip())[0]) else "mdy"
    votes = _page_votes(ctx, separator, skip_lines)
    if votes is None:
        # nothing on the page says which comes first: the reading taken, for the customer's
        # country to settle ("Date issued: 12/02/2026" from Iowa, see customer_locale_decides)
        return order_date.with_confidence(order_date.confidence, f"+{reading}")
    if votes != (reading == "dmy"):
        return order_date
    raised = round(min(UNAMBIGUOUS, order_date.confidence / AMBIGUOUS_DATE_QUALITY), 4)
    return order_date.with_confidence(raised, f"+{reading}:page")


# languages no one writes a date month first in
DAY_FIRST_LANGUAGES = frozenset({"fr", "de", "nl", "it", "es"})


def customer_locale_decides(field: Field, country: str | None, language: str = "") -> Field:
    """An ambiguous numeric date read in the order of the customer's country, with no other
    date of the page for the other reading: the customer's locale decides. A day-first
    customer's page in a day-first language decides it even when the other reading fits the
    page's other dates ("Date : 07/12/2026" in French from Nantes is no July date)."""
    if not country:
        return field
    if field.rule.endswith(":alt_plausible") and not (
        language in DAY_FIRST_LANGUAGES
        and country.upper() in DAY_FIRST
        and field.rule.endswith("+dmy:alt_plausible")
    ):
        return field
    suffix = re.search(r"\+(dmy|mdy)(?::alt_(?:im)?plausible)?$", field.rule)
    if not suffix:
        return field
    country = country.upper()
    reading = suffix.group(1)
    if (reading == "mdy" and country in MONTH_FIRST) or (reading == "dmy" and country in DAY_FIRST):
        label = _PLAIN_RULE.match(field.rule.split("+")[0])
        position = _POSITION[label.group(1)] if label else 0.9
        raised = round(DECIDED_BY_PAGE * 0.95 * position, 4)
        return field.with_confidence(max(field.confidence, raised), "+customer_locale")
    if (reading == "mdy" and country in DAY_FIRST) or (reading == "dmy" and country in MONTH_FIRST):
        value = field.value
        # day first is what an undecided page falls back to (month first is only ever read
        # from the page: dollars, a US locale); the customer's country overrides that guess
        if (
            reading == "dmy"
            and isinstance(value, dt.date)
            and value.day <= 12
            and value.day != value.month
        ):
            # nothing on the page settled the order: the customer's country reads it the
            # other way round ("12/04/2026" from Ohio is December 4th)
            label = _PLAIN_RULE.match(field.rule.split("+")[0])
            position = _POSITION[label.group(1)] if label else 0.9
            swapped = dt.date(value.year, value.day, value.month)
            return Field(
                value=swapped,
                confidence=round(DECIDED_BY_PAGE * 0.95 * position, 4),
                source=field.source,
                rule=field.rule + "+customer_locale_swapped",
            )
        return field.with_confidence(min(field.confidence, 0.5), "+customer_locale_conflict")
    return field


_DATE_LIKE = re.compile(
    r"\d{1,4}\s?[./-]\s?\d{1,2}|\b(?:kw|cw|wk|week|semaine|sem|woche)\s*\d|"
    # a day, a word, a year: a month's name a scan misread ("8. anuar 2027")
    r"^\s*\d{1,2}\.?\s*[^\W\d_]{3,10}\.?\s+(?:19|20)\d{2}\b|"
    # a scanned date whose separators were read as digits ("13/07/2026" -> "1310772026")
    r"^\s*\d{8,10}\s*$|"
    rf"\d{{1,2}}\.?\s*{dates_mod._MONTH_RE}(?![a-z])",
    re.IGNORECASE,
)
_WEAK_DELIVERY = {"livraison", "delivery", "lieferung"}
_SECOND_LABEL = re.compile(r"\s*[/|]?\s*[^\W\d][^\d:]{2,30}:\s*")


_DAY_WORD_YEAR = re.compile(r"^\s*(\d{1,2})\.?\s*([^\W\d_]{3,10})\.?\s+((?:19|20)\d{2})\b")


def _month_misread(text: str) -> dt.date | None:
    """A day, a word one letter off a month's full name, a year: that date ("8. anuar 2027",
    "3 decernbre 2026"). Only one month may be that close."""
    from rapidfuzz.distance import Levenshtein

    m = _DAY_WORD_YEAR.match(text)
    if m is None:
        return None
    word = dates_mod._fold(m.group(2))
    distances = {
        (Levenshtein.distance(word, dates_mod._fold(name)), number)
        for name, number in dates_mod.MONTHS.items()
        if len(name) >= 4
    }
    nearest = min((d for d, _n in distances), default=9)
    months = {n for d, n in distances if d == nearest and d <= 1}
    if len(months) != 1:
        return None
    try:
        return dt.date(int(m.group(3)), months.pop(), int(m.group(1)))
    except ValueError:
        return None


def unread_delivery_date(ctx: HeaderContext, *, skip_lines: set[int]) -> Field | None:
    """A delivery label with a date-like value the engine did not read: a low-confidence
    delivery date (the date itself when it parses, else none), so that a person looks."""
    for hit in ctx.hits:
        if hit.line.index in skip_lines:
            continue
        weak = hit.field == "ship_to" and hit.text.lower().strip(" :") in _WEAK_DELIVERY
        if hit.field != "requested_delivery_date" and not weak:
            continue
        for _kind, line, i, j, text in _value_slices(hit, ctx.lines_by_page, ctx.hits_by_line):
            if not _DATE_LIKE.search(text):
                continue
            found = dates_mod.find_dates(
                text,
                dayfirst=ctx.dayfirst,
                default_year=ctx.default_year,
                allow_compact=True,
                allow_partial=True,
            )
            value = found[0].value if found and text.find(found[0].text) <= 12 else None
            if value is None and line.source == TextSource.OCR:
                value = _month_misread(text)  # "8. anuar 2027": a letter of "Januar" lost
            # the label said again in another language, the date right after it: "Lieferung
            # bis | livraison jusqu'au: 20.01.2027" (a scan that lost the slash between them)
            again = _SECOND_LABEL.match(text)
            said_twice = (
                value is None
                and again is not None
                and found
                and text.find(found[0].text) == again.end()
            )
            if said_twice:
                value = found[0].value
            return Field(
                value=value,
                confidence=0.8 if said_twice else 0.45 if value is not None else 0.3,
                source=line.source_ref(i, j),
                rule=f"{'label_said_twice' if said_twice else 'unread_delivery_label'}:{hit.label_key}",
            )
    return None


def printed_postal_codes(
    ctx: HeaderContext, *, exclude: set[tuple[int, int]], skip_lines: set[int], language: str
) -> tuple[str, ...]:
    """Postal codes printed on the first page outside the vendor block and the item table
    (``exclude`` holds (line, segment start) pairs, ``skip_lines`` whole lines): when one is not
    the customer's, the document may name another address than the one a default would give."""
    if not ctx.lines_by_page:
        return ()
    out: list[str] = []
    first = ctx.lines_by_page[min(ctx.lines_by_page)]
    if first and first[0].source == TextSource.SHEET:
        # a workbook's other sheets ("Info: Plant AT12 = …, 6300 Wörgl") are its header too
        first = [ln for page in sorted(ctx.lines_by_page) for ln in ctx.lines_by_page[page]]
    for ln in first:
        if ln.index in skip_lines:
            continue
        for s0, s1 in ln.segments:
            if (ln.index, s0) in exclude:
                continue
            out += postal_codes_in(ln.text_of(s0, s1), language=language)
    return tuple(dict.fromkeys(out))


# letters a block's first line may hold before the supplier's name ("An:", "Fournisseur :")
NAME_REACH = 12


def postal_codes_under_our_name(
    ctx: HeaderContext, names: tuple[str, ...], *, skip_lines: set[int], language: str
) -> tuple[str, ...]:
    """Postal codes of the first page's blocks headed by the supplier's own name
    ("Alpenhof Hotelbedarf AG" / "Tribschenstrasse 61" / "6005 Luzern" in the envelope's
    window, or on one line): the supplier's own address, however unlabelled."""
    from ingestion.extraction.addresses import names_us

    if not names or not ctx.lines_by_page:
        return ()
    page = ctx.lines_by_page[min(ctx.lines_by_page)]
    out: list[str] = []
    for n, ln in enumerate(page):
        if ln.index in skip_lines:
            continue
        for s0, s1 in ln.segments:
            text = ln.text_of(s0, s1)
            if "@" in text or not names_us(text, names, reach=NAME_REACH):
                continue
            found = postal_codes_in(text, language=language)
            x0, bottom, tol = ln.words[s0].x0, ln.bottom, 3 * ln.char_width()
            # a record's kind before the name ("NAD SU 3760… MOULINS ET LEVAINS"): the next
            # line of that kind ("NAD DP …") is another party's
            kind = ln.words[0].text if s0 > 0 else None
            # a worksheet's cell holds its whole text: the rows below are other fields
            below_lines = page[n + 1 : n + 6] if ln.source != TextSource.SHEET else []
            for below in below_lines:
                if found or below.top - bottom > 2.2 * max(below.height, 4.0):
                    break
                if kind is not None and below.words and below.words[0].text == kind:
                    break
                if any(_labels_our_column(h, x0, tol) for h in ctx.hits_by_line[below.index]):
                    break  # "Deliver To |" whose value is the next cell: another address
                column = [
                    (b0, b1) for b0, b1 in below.segments if abs(below.words[b0].x0 - x0) <= tol
                ]
                if not column:
                    continue
                if any(
                    h.first_word == column[0][0] and h.field not in ("contact", "vendor")
                    for h in ctx.hits_by_line[below.index]
                ):
                    # "Fournisseur : Northgate …" over "Livraison souhaitée : semaine 51",
                    # "Lieu de livraison : …, 44800 Saint-Herblain": a form's other fields
                    break
                bottom = below.bottom
                found = postal_codes_in(below.text_of(*column[0]), language=language)
            out += found
    return tuple(dict.fromkeys(out))


def _labels_our_column(hit, x0: float, tol: float) -> bool:
    """An address label alone in its segment whose value is the next segment, the one under
    our name ("Deliver To" | "Bean & Crumb Shoreditch, 118 Curtain Road, …"): another
    address than ours ("Buyer | Dan Pickering | Cambridge CB4 1XA" is a person's name, then
    ours)."""
    if hit.field not in ("ship_to", "bill_to", "buyer"):
        return False
    line = hit.line
    _s0, s1 = line.segment_of(hit.last_word)
    if hit.last_word + 1 < s1:
        return False  # "Lieferung: per sofort": the label's value is beside it
    following = [a for a, _b in line.segments if a >= s1]
    return bool(following) and abs(line.words[following[0]].x0 - x0) <= tol


def postal_codes_in(text: str, *, language: str) -> list[str]:
    """The postal codes of the addresses in ``text``, bare and upper-case."""
    from ingestion.extraction.addresses import parse_postal_line, split_address_lines

    # "Avenue de Morges 58 – CH-1004 Lausanne – T +41 …": a letterhead's line in pieces
    pieces = [p.strip(" .;") for p in re.split(r",|\s[–—|·•-]\s", text)]
    # "…, Groveport, OH 43125.": a US town and its state line are two pieces
    pairs = [f"{a}, {b}" for a, b in zip(pieces, pieces[1:], strict=False)]
    parts = [*split_address_lines([text]), *pieces, *pairs]
    out = []
    for part in dict.fromkeys(parts):
        found = parse_postal_line(part, language=language)
        if found and not _a_dates_year(found[0], text):
            out.append(re.sub(r"\s", "", found[0]).upper())
    return out


def _a_dates_year(code: str, text: str) -> bool:
    """ "le 26 novembre 2026", "per 03.12.2026", "Association loi 1901": a year, not a postal
    code."""
    from ingestion.extraction.dates import _MONTH_RE

    if not re.fullmatch(r"(?:19|20)\d{2}", code):
        return False
    return bool(
        re.search(rf"(?i)(?:{_MONTH_RE})\.?\s*{code}\b|\d{{1,2}}[./-]\d{{1,2}}[./-]{code}\b", text)
        # "Association loi 1901", "gegründet 1898", "since 1987", "depuis 1952": a year
        or re.search(
            rf"(?i)\b(?:loi|law|gesetz|seit|since|depuis|est\.?|established|gegr(?:u|ü)ndet|founded|fondee?)\s+(?:du\s+|de\s+|in\s+)?{code}\b",
            text,
        )
    )


TABLE_SUM = 0.9


def sum_of_complete_table(
    total: Field | None, table, *, pages: int, lines: list | None = None
) -> Field | None:
    """A total worked out as the sum of the lines (none printed) is as sure as the lines when
    the table was read whole: one page, every row with a number under quantity or price an
    item. On several pages, or with a row that looks like an item but was not taken, a line
    may be missing and nothing printed would tell."""
    if total is None or total.rule != "sum_of_lines" or pages != 1 or not table.lines:
        return total
    for row in table.rows:
        if row.is_item:
            continue
        cells = " ".join(
            row.text(role) for role in ("quantity", "unit_price", "line_total") if row.has(role)
        )
        if any(ch.isdigit() for ch in cells):
            return total
    if lines and table.columns and table.rows:
        from ingestion.extraction.tables import _row, is_total_row

        last = max(r.line.index for r in table.rows)
        for ln in lines:
            if ln.index <= last or ln.index in table.consumed:
                continue
            if is_total_row(ln):
                break
            if _row(ln, table.columns).is_item:
                return total  # an item-like row the table did not take
    return total.with_confidence(max(total.confidence, TABLE_SUM), "+complete_table")


_DATE_FIELDS = {"order_date", "invoice_date", "requested_delivery_date"}


def _after_a_lost_word(hit, line) -> bool:
    """A bare "Date" right after a word OCR garbled ("Reg. 4 Date" for "Req. Date"): the
    label may be a delivery date's as much as the order's."""
    if hit.label_key not in ("date", "datum"):
        return False
    return bool(re.search(r"\b[a-z]{2,4}\.\s*\S{0,2}\s*$", line.norm[: hit.start]))


def unassigned_scan_date(
    ctx: HeaderContext, *, order_date: Field | None, skip_lines: set[int]
) -> Field | None:
    """On a scan, a date in the header zone that no label claimed: OCR may have garbled the
    label of a delivery date ("WUNSCHTERMN"). The only one, after the order date, is proposed
    with a low confidence; several, or one that cannot be a delivery date, leave the field
    empty with a low confidence. Either way a person looks."""
    if not ctx.lines_by_page:
        return None
    first = min(ctx.lines_by_page)
    page_lines = ctx.lines_by_page[first]
    if not any(ln.source == TextSource.OCR for ln in page_lines):
        return None
    height = (ctx.page_sizes.get(first) or (0, max(ln.bottom for ln in page_lines)))[1]
    ordered = order_date.value if order_date is not None else None
    found: list[tuple[dt.date, dict]] = []
    for ln in page_lines:
        if ln.top > 0.45 * height:
            break
        if ln.index in skip_lines or ln.top < 0.04 * height:
            continue  # the band a fax machine prints its header in
        for m in dates_mod.find_dates(ln.text, dayfirst=ctx.dayfirst):
            if m.kind in ("iso", "numeric", "named") and m.value != ordered:
                i = ln.word_at(m.start)
                if any(
                    h.start < m.start and h.field in _DATE_FIELDS and not _after_a_lost_word(h, ln)
                    for h in ctx.hits_by_line[ln.index]
                ):
                    continue  # a labelled date (a cover sheet's "Date:"), not a lost label
                found.append((m.value, ln.source_ref(i, i + 1)))
    found += _dates_wrapped_after_their_month(page_lines, height, ordered, skip_lines, ctx)
    if not found:
        return None
    later = {v for v, _ in found if ordered is None or v > ordered}
    if len(later) == 1 and len({v for v, _ in found}) == 1:
        value, source = found[0]
        return Field(value=value, confidence=0.45, source=source, rule="unlabelled_scan_date")
    return Field(value=None, confidence=0.3, source=found[0][1], rule="unlabelled_scan_date")


_DAY_AND_YEAR = re.compile(r"^(\d{1,2})[,.]?\s+((?:19|20)\d{2})\b")


def _dates_wrapped_after_their_month(
    page_lines, height: float, ordered, skip_lines: set[int], ctx: HeaderContext
) -> list[tuple[dt.date, dict]]:
    """A month's name alone in a cell, its day and year in the cell below ("September" over
    "2, 2026", a narrow column of a scanned header): one date, whatever label it lost."""
    found = []
    header = [ln for ln in page_lines if ln.top <= 0.45 * height and ln.index not in skip_lines]
    for ln, below in zip(header, header[1:], strict=False):
        for s0, s1 in ln.segments:
            month = dates_mod.MONTHS.get(fold(ln.text_of(s0, s1)).strip(" .,"))
            if month is None or s1 - s0 != 1:
                continue
            word, reach = ln.words[s0], 3 * (ln.bottom - ln.top + 1)
            for t0, t1 in below.segments:
                m = _DAY_AND_YEAR.match(below.text_of(t0, t1))
                if (
                    m is None
                    or below.words[t0].x0 > word.x1 + reach
                    or below.words[t1 - 1].x1 < word.x0 - reach
                ):
                    continue  # (the cell below, however its lines are aligned)
                try:
                    value = dt.date(int(m[2]), month, int(m[1]))
                except ValueError:
                    continue
                if value != ordered:
                    found.append((value, below.source_ref(t0, t1)))
    return found


def ocr_identifier(po: Field | None, ctx: HeaderContext) -> Field | None:
    """A reference number read by OCR is wrong as soon as one character is ("BC26.3653" for
    BC26-3653), and nothing on the page checks it: its words' OCR confidence weighs more than
    for other fields (0.4 + 0.6·c instead of 0.55 + 0.45·c)."""
    if po is None or "line" not in po.source:
        return po
    line = next((ln for ln in ctx.lines if ln.index == po.source.get("line")), None)
    if line is None or line.source != TextSource.OCR:
        return po
    x0, _top, x1, _bottom = po.source.get("bbox") or (line.x0, 0, line.x1, 0)
    confs = [w.confidence for w in line.words if w.x1 > x0 and w.x0 < x1] or [1.0]
    c = min(confs)
    factor = (0.4 + 0.6 * c) / (0.55 + 0.45 * c)
    po = po.with_confidence(round(po.confidence * factor, 4), "+ocr")
    if isinstance(po.value, str):
        resolved = ocr_lookalikes_resolved(po.value)
        if resolved != po.value:
            po = replace(po, value=resolved).with_confidence(
                min(po.confidence, OCR_LOOKALIKE), "+lookalike"
            )
    return po


# A reference whose scan mixed up a letter and a digit that look alike, put right: likely
# right, but a guess a person confirms.
OCR_LOOKALIKE = 0.7
_AS_DIGIT = {"O": "0", "o": "0", "D": "0", "I": "1", "l": "1"}


def ocr_lookalikes_resolved(value: str) -> str:
    """A scan's O for 0 and 0 for O inside a reference: a run of letters with one zero in it is
    letters ("2026/SP0/01265" is SPO), a run of digits with one O, I or l inside it is digits
    ("2O26", "0l265"). A run of letters and digits both ("AB0012", "KF40231") is left as it is."""

    def resolve(m: re.Match) -> str:
        run = m.group(0)
        letters = sum(ch.isalpha() for ch in run)
        digits = sum(ch.isdigit() for ch in run)
        if digits == 1 and letters >= 2 and "0" in run and run.replace("0", "").isupper():
            return run.replace("0", "O")
        if letters == 1 and digits >= 3:
            odd = next(ch for ch in run if ch.isalpha())
            if odd in _AS_DIGIT and odd in run[1:-1]:
                return run.replace(odd, _AS_DIGIT[odd])
        return run

    return re.sub(r"[A-Za-z0-9]+", resolve, value)
