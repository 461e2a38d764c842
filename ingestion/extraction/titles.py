"""The document's own number next to its title: "BON DE COMMANDE   N° 002372".

Many order forms print no "PO number" label: the title ("BON DE COMMANDE", "PURCHASE ORDER",
"BESTELLUNG", "COMMANDE") is followed by a bare number label ("N°", "No.", "Nr.", "#") and the
number, on the same line or right below the title. The pair says as much as a full label. On a
scan the title may come out garbled ("BON BE CCWMAMBDE"): it is recognised by similarity, with
a lower confidence.
"""

from __future__ import annotations

import re

from ingestion.extraction.dates import find_dates
from ingestion.extraction.geometry import TextLine, fold
from ingestion.extraction.header import Candidate, HeaderContext, parse_identifier
from ingestion.layout import TextSource

TITLES = (
    "bon de commande",
    "commande",
    "commande fournisseur",
    "commande d'achat",
    "purchase order",
    "official order",  # British public bodies and housing associations
    "local purchase order",
    "order",
    "bestellung",
    "einkaufsbestellung",
    "bestellschein",
    "order form",
    # a faxed order's heading: "FAX COMMANDE CF26-0431", "Fax-Bestellung"
    "fax commande",
    "commande fax",
    "fax order",
    "fax bestellung",
    # an order repeating an earlier one: "Repeat order KAB-26-0452", "Nachbestellung 118"
    "repeat order",
    "reorder",
    "re order",
    "nachbestellung",
    "replenishment order",
    "commande de reassort",
    # Flemish and Dutch: "Bestelbon", "Bestelling"
    "bestelbon",
    "bestelling",
)
# titles of documents that are not orders but end like one ("confirmation de commande")
_NOT_TITLES = ("confirmation", "bestatigung", "acknowledg", "livraison", "lieferschein", "devis")
# (a scan may read the "N°" as "-No")
_NUMBER_LABEL = re.compile(
    r"^[-–]?(?:n\s?[°º*]|no\.?|nr\.?|n\.|#|num(?:ero|ber|mer)?\.?)"
    # a bilingual label: "Nummer / Number"
    r"(?:\s*/\s*(?:n\s?[°º]|no\.?|nr\.?|num(?:ero|ber|mer)?\.?))?\s*[:.]?\s*"
)
_FUZZY_MIN = 70.0

SCORE_RIGHT = 0.95  # the number right of the title (same line)
SCORE_BELOW = 0.92  # the number label right below the title
SCORE_BARE = 0.85  # a reference right of the title with no number label
FUZZY_FACTOR = 0.88  # a title recognised by similarity only (OCR)


def _letters(text: str) -> str:
    return re.sub(r"[^a-z' ]+", " ", fold(text)).strip()


def _title_match(text: str, *, ocr: bool) -> float:
    """1.0 for a title as printed, a lower factor for one OCR misread, 0 for anything else."""
    if " / " in text:
        # a bilingual title: "Bestelbon / Purchase order"
        return max(_title_match(half, ocr=ocr) for half in text.split(" / "))
    letters = re.sub(r"\s+", " ", _letters(text))
    if not letters or any(word in letters for word in _NOT_TITLES):
        return 0.0
    if letters in TITLES:
        return 1.0
    if len(letters) < 8:
        return 0.0
    from rapidfuzz import fuzz

    squeezed = letters.replace(" ", "")
    best = (
        max(
            max(fuzz.ratio(letters, t), fuzz.ratio(squeezed, t.replace(" ", "")))
            for t in TITLES
            if len(t) >= 8 and t[0] == letters[0]
        )
        if letters[0] in "bcpe"
        else 0.0
    )
    return FUZZY_FACTOR if best >= _FUZZY_MIN else 0.0


def _number_after_label(line: TextLine, i: int, j: int) -> tuple[str | None, int, int]:
    """The number of a segment part ``words[i:j]`` starting with a bare number label."""
    text = line.text_of(i, j)
    m = _NUMBER_LABEL.match(fold(text))
    if not m:
        return None, i, j
    rest = text[m.end() :].strip()
    if not rest:
        return None, i, j
    value, quality = parse_identifier(rest)
    if value is None or quality < 0.75:
        return None, i, j
    k = next((n for n in range(i, j) if value in line.words[n].text), i)
    return value, k, k + 1


def _bare_reference(line: TextLine, i: int, j: int) -> tuple[str, int, int] | None:
    """A segment that is one reference with letters, digits and a separator ("HVHA-PO-2026-
    1187"), or five figures or more with one ("2026-131"), not a date, a page count or a phone
    number; a remark in brackets may follow it."""
    text = line.text_of(i, j).strip()
    # (a remark in brackets after it: "ORDER 2026-131 (by fax)")
    remark = re.search(r"\s+\([^()]*\)$", text)
    if remark and i < j - 1:
        kept = len(text[: remark.start()].split())
        text, j = text[: remark.start()], i + kept
    value, quality = parse_identifier(text)
    if (
        value is None
        or quality < 0.9
        or value != text
        or not re.search(r"\d", value)
        or not re.search(r"[-/._]", value)
        # "ORDER 2026-131 (by fax)": figures alone, that read as no date
        or not (
            re.search(r"[A-Za-z]", value)
            or (
                len(re.sub(r"\D", "", value)) >= 5
                and re.fullmatch(r"\d+(?:[-/]\d+)+", value)
                and not find_dates(value, allow_partial=True)
            )
        )
    ):
        return None
    return value, i, j


def _ocr_factor(line: TextLine, i: int, j: int) -> float:
    if line.source != TextSource.OCR:
        return 1.0
    confs = [w.confidence for w in line.words[i:j]] or [1.0]
    return 0.55 + 0.45 * min(confs)


def _label_then_value(line: TextLine, segments: list[tuple[int, int]]):
    """A number label and its number in the first segment(s): "N° 002372" or "N°" | "002372"."""
    if not segments:
        return None
    s0, s1 = segments[0]
    value, k0, k1 = _number_after_label(line, s0, s1)
    if value is not None:
        return value, k0, k1
    label_only = _NUMBER_LABEL.match(fold(line.text_of(s0, s1)))
    if label_only and label_only.end() >= len(line.text_of(s0, s1).rstrip()) and len(segments) > 1:
        n0, n1 = segments[1]
        value, quality = parse_identifier(line.text_of(n0, n1))
        if value is not None and quality >= 0.75:
            k = next((n for n in range(n0, n1) if value in line.words[n].text), n0)
            return value, k, k + 1
    return None


_TITLE_CELL = re.compile(
    r"(?P<title>[^\d]+?)\s+(?:n[°o]\.?\s*|nr\.?\s*|no\.?\s*|#\s*)?"
    # ("Commande CMD 26-0502": a few capitals before the number are its own)
    r"(?P<ref>(?:[A-Z]{2,5}\s(?=\d))?[A-Za-z0-9][A-Za-z0-9./_-]*\d[A-Za-z0-9./_-]*)"
)


def _sheet_title_cells(ln) -> list[Candidate]:
    """A sheet's cell that is a title and its number: "Commande VP-2026-463"."""
    out = []
    for s0, s1 in ln.segments:
        m = _TITLE_CELL.fullmatch(ln.text_of(s0, s1).strip())
        if (
            m
            and _title_match(m["title"], ocr=False) == 1.0
            and re.search(r"\d{2}", m["ref"])
            and not find_dates(m["ref"], allow_partial=True)  # "Bestellung vom 11.12.2026"
        ):
            out.append(
                Candidate(
                    field="po_number",
                    value=m["ref"],
                    score=SCORE_BARE,
                    source=ln.source_ref(s0, s1),
                    rule="title_number_cell",
                    text=m.group(0),
                )
            )
    return out


def _sheet_title_then_number(ln, following) -> list[Candidate]:
    """A sheet's title alone in its row, its number label and number in a row below:
    "Bestelbon / Purchase order" over "Nummer / Number | KAB-26-0461"."""
    if len(ln.segments) != 1 or _title_match(ln.text, ocr=False) != 1.0:
        return []
    for other in following:
        found = _label_then_value(other, other.segments)
        if found is not None:
            value, i, j = found
            return [
                Candidate(
                    field="po_number",
                    value=value,
                    score=SCORE_BELOW,
                    source=other.source_ref(i, j),
                    rule="title_number_below",
                    text=other.text_of(i, j),
                )
            ]
    return []


def title_number_candidates(ctx: HeaderContext, *, skip_lines: set[int]) -> list[Candidate]:
    """PO number candidates from a title and a bare number label in the header zone."""
    if not ctx.lines_by_page:
        return []
    first_page = min(ctx.lines_by_page)
    page_lines = ctx.lines_by_page[first_page]
    height = (ctx.page_sizes.get(first_page) or (0, max(ln.bottom for ln in page_lines)))[1]
    out: list[Candidate] = []
    for n, ln in enumerate(page_lines):
        if ln.top > 0.45 * height:
            break
        if ln.index in skip_lines:
            continue
        # a sheet's cells are no letter's title, but a cell of its first rows may be one with
        # its number ("Commande VP-2026-463")
        if ln.source == TextSource.SHEET:
            if n < 8:
                out += _sheet_title_cells(ln)
                out += _sheet_title_then_number(ln, page_lines[n + 1 : n + 3])
            continue
        ocr = ln.source == TextSource.OCR
        for g, (s0, s1) in enumerate(ln.segments):
            for k in range(s1, s0, -1):  # the longest title at the segment's start
                words = ln.text_of(s0, k)
                if any(ch.isdigit() for ch in words) or _NUMBER_LABEL.match(
                    fold(ln.words[k - 1].text)
                ):
                    continue
                factor = _title_match(words, ocr=ocr)
                if factor:
                    break
            else:
                continue
            if k < s1 and any(
                h.field == "po_number" and h.first_word == s0 and h.last_word >= k
                for h in ctx.hits_by_line.get(ln.index, [])
            ):
                continue  # "Order Number": a label the label rules read, no title and a label
            found = None
            if k < s1:
                found = _label_then_value(ln, [(k, s1), *ln.segments[g + 1 :]])
                where, line_of = "right", ln
            else:
                found = _label_then_value(ln, ln.segments[g + 1 :])
                where, line_of = "right", ln
            if found is None and k == s1:
                found, line_of = _below(ln, s0, s1, page_lines[n + 1 : n + 4])
                where = "below"
            if found is None and k == s1 and g + 1 < len(ln.segments) and factor == 1.0:
                # "OFFICIAL ORDER   HVHA-PO-2026-1187", its "No:" wrapped onto the line below:
                # a reference that reads as one (letters, digits and dashes) right of the title
                found = _bare_reference(ln, *ln.segments[g + 1])
                where, line_of = "bare", ln
            if found is None and k < s1 and factor == 1.0:
                # "FAX COMMANDE CF26-0431": the reference closes the title's own segment
                found = _bare_reference(ln, k, s1)
                where, line_of = "bare", ln
            if found is None:
                continue
            value, i, j = found
            base = {"right": SCORE_RIGHT, "below": SCORE_BELOW, "bare": SCORE_BARE}[where]
            score = base * factor * _ocr_factor(line_of, i, j)
            out.append(
                Candidate(
                    field="po_number",
                    value=value,
                    score=score,
                    source=line_of.source_ref(i, j),
                    rule=f"title_number_{where}" + ("" if factor == 1.0 else ":fuzzy"),
                    text=line_of.text_of(i, j),
                )
            )
    return out


# "Commande Menuiserie Gauthier n° MG-2026-031 du 27/11/2026": a title sentence that names
# the buyer between the title and the number
_TITLE_SENTENCE = re.compile(
    r"^\s*(?:bon\s+de\s+commande|commande|purchase\s+order|order|bestellung)\b"
    r"[^\d\n]{0,60}?(?:n\s?[°º]|no\.|nr\.|#)\s*(?P<value>[a-z0-9][a-z0-9./_-]*\d[a-z0-9./_-]*)"
)
SCORE_SENTENCE = 0.85


def title_sentence_candidates(ctx: HeaderContext, *, skip_lines: set[int]) -> list[Candidate]:
    """A PO number in a title sentence on one of the first lines of the first page."""
    if not ctx.lines_by_page:
        return []
    out: list[Candidate] = []
    for ln in ctx.lines_by_page[min(ctx.lines_by_page)][:3]:
        if ln.index in skip_lines or ln.source == TextSource.OCR:
            continue
        m = _TITLE_SENTENCE.match(ln.norm)
        if not m or any(word in ln.norm[: m.start("value")] for word in _NOT_TITLES):
            continue
        value, quality = parse_identifier(ln.text[m.start("value") : m.end("value")])
        if value is None or quality < 0.75:
            continue
        k = ln.word_at(m.start("value"))
        out.append(
            Candidate(
                field="po_number",
                value=value,
                score=SCORE_SENTENCE * quality,
                source=ln.source_ref(k, k + 1),
                rule="title_sentence_number",
                text=value,
            )
        )
        # "… n° MG-2026-031 du 27/11/2026": the date of the order named
        after = re.match(r"\s+(?:du|vom|of|dated|from)\s+", ln.norm[m.end("value") :])
        if after:
            start = m.end("value") + after.end()
            value, quality = ctx.parse_value("order_date", ln.text[start:])
            if value is not None:
                d = ln.word_at(start)
                out.append(
                    Candidate(
                        field="order_date",
                        value=value,
                        score=SCORE_SENTENCE * quality,
                        source=ln.source_ref(d, d + 1),
                        rule="title_sentence_date",
                        text=ln.text[start:],
                    )
                )
    return out


def _below(ln: TextLine, s0: int, s1: int, following: list[TextLine]):
    """A number label starting under the title's words, within two line heights."""
    x0, x1 = ln.words[s0].x0, ln.words[s1 - 1].x1
    h = max(ln.height, 4.0)
    for other in following:
        if other.top - ln.bottom > 2.5 * h:
            break
        cw = other.char_width()
        under = [
            g
            for g, (o0, _o1) in enumerate(other.segments)
            if x0 - 3 * cw <= other.words[o0].x0 <= x1
        ]
        if not under:
            continue  # a line of another column
        found = _label_then_value(other, other.segments[under[0] :])
        return found, other  # the first line under the title decides
    return None, ln
