"""Header fields: label → value by position (right of the label, after it, or below it).

Every label hit proposes candidates; a candidate's score is the label's strength times how
well the value fits the field times where it was found. The best candidate wins; agreeing
candidates raise the confidence, a close competitor with another value lowers it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from ingestion.extraction import dates as dates_mod
from ingestion.extraction.addresses import (
    block_lines,
    block_source,
    block_text_lines,
    parse_address,
)
from ingestion.extraction.geometry import TextLine, fold
from ingestion.extraction.labels import VALUE_FIELDS, LabelHit, find_labels
from ingestion.extraction.model import Field
from ingestion.extraction.numbers import ISO_CURRENCIES, find_currencies
from ingestion.extraction.prose_dates import ASAP, DELIVERY_CUE
from ingestion.layout import TextSource

_ID_TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-/._]*[A-Za-z0-9]$|^[0-9]$")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?:\+|00)?\d[\d\s().\-/]{6,}\d")
_VAT = re.compile(
    r"\b(?:(?:FR)\s?[0-9A-Z]{2}\s?\d{3}\s?\d{3}\s?\d{3}|DE\s?\d{9}|ATU\s?\d{8}|BE\s?0?\d{9,10}|NL\s?\d{9}B\d{2}|"
    r"LU\s?\d{8}|IT\s?\d{11}|ES\s?[0-9A-Z]\d{7}[0-9A-Z]|GB\s?\d{9}(?:\d{3})?|CHE[-\s]?\d{3}\.?\d{3}\.?\d{3}(?:\s?(?:MWST|TVA|IVA))?|"
    r"PL\s?\d{10}|DK\s?\d{8}|SE\s?\d{12}|PT\s?\d{9}|IE\s?\d{7}[A-Z]{1,2})\b"
)


@dataclass
class Candidate:
    field: str
    value: object
    score: float
    source: dict
    rule: str
    text: str = ""


# a numeric date that reads both ways (06/02/2026), the day first by the locale's habit
AMBIGUOUS_DATE_QUALITY = 0.85


def _position_factor(kind: str) -> float:
    return {"inline": 1.0, "right": 0.97, "below": 0.9, "below2": 0.8}.get(kind, 0.8)


def _fills_its_cell(hit: LabelHit) -> bool:
    """The label is the whole of a spreadsheet cell."""
    line = hit.line
    if line.source != TextSource.SHEET:
        return False
    s0, s1 = line.segment_of(hit.first_word)
    return s0 == hit.first_word and s1 - 1 == hit.last_word


_DELIVERY_ALONE = {"delivery", "livraison", "lieferung", "anlieferung"}


def _value_slices(
    hit: LabelHit, lines_by_page: dict[int, list[TextLine]], hits_by_line: dict[int, list[LabelHit]]
):
    """Where the value of a label can be: (kind, line, first word, end word, text)."""
    line = hit.line
    others = hits_by_line.get(line.index, [])
    seg = line.segment_of(hit.last_word)
    label_ends_in_word = hit.end < line.spans[hit.last_word][1]
    out = []
    # inline: after the label in its own segment, up to the next label
    stop_char = line.spans[seg[1] - 1][1]
    for other in others:
        if other.start >= hit.end and other.start < stop_char:
            stop_char = other.start
            break
    start = hit.end
    word_start = line.spans[hit.last_word][0]
    if (
        label_ends_in_word
        and re.fullmatch(r"[A-Z]{2,4}", line.text[word_start : hit.end])
        and re.match(r"-\d", line.text[hit.end : hit.end + 2])
    ):
        # "N° CDE-2611-087": the label's "CDE" begins the number printed glued to it
        start = word_start
    if line.text[start:stop_char].lstrip()[:1] in (";", ","):
        # "Rev 0 18/11/2024 issued; Rev 1 …": the word ends its clause, no label of a value
        return out
    inline = line.text[start:stop_char].strip(" :#=-–\t")
    first = hit.last_word if label_ends_in_word else hit.last_word + 1
    end_word = line.word_at(stop_char) if stop_char < len(line.text) else len(line.words)
    if inline:
        if hit.field in ("order_date", "requested_delivery_date"):
            inline = _wrapped_date(inline, hit, lines_by_page, hits_by_line)
        out.append(("inline", line, first, max(first + 1, end_word), inline))
        if hit.field in ("order_date", "requested_delivery_date"):
            out.extend(_date_below_sentence(hit, inline, lines_by_page, hits_by_line))
        return out
    # right: the next segment on the line, unless it is itself a label
    for s0, s1 in line.segments:
        if s0 > hit.last_word:
            if any(o.first_word == s0 for o in others):
                break
            stop = s1
            for other in others:
                if s0 < other.first_word < s1:
                    stop = other.first_word
                    break
            text = line.text_of(s0, stop)
            if hit.field in ("order_date", "requested_delivery_date"):
                # "Datum | Eupen, den 12. November" over "2026": the year wrapped below
                whole = _wrapped_date(line.text_of(s0, s1), hit, lines_by_page, hits_by_line)
                if whole != line.text_of(s0, s1):
                    text, stop = whole, s1
            out.append(("right", line, s0, stop, text))
            if ASAP.match(fold(line.text_of(s0, stop)).lstrip(" :-–")):
                return out  # "Délai | dès que possible": the label has its answer, no date
            break
    # below: the first line under the label with words in the label's column
    page_lines = lines_by_page.get(line.page, [])
    left_limit, right_limit = -1e9, 1e9
    for s0, s1 in line.segments:
        if s1 <= hit.first_word:
            left_limit = line.words[s1 - 1].x1
        elif s0 > hit.last_word and right_limit == 1e9:
            right_limit = line.words[s0].x0
    x0, x1 = hit.x0, hit.x1
    # the label's own words, not a taller title its line also holds ("Delivery Date" beside a
    # "PURCHASE ORDER" twice its height, whose bottom is below the date under the label)
    label_words = line.words[hit.first_word : hit.last_word + 1] or line.words
    label_bottom = max(w.bottom for w in label_words)
    height = max(min(line.height, label_bottom - min(w.top for w in label_words)), 4.0)
    found = 0
    skipped = 0
    anchor_bottom = label_bottom
    for n, ln in enumerate(page_lines):
        # the top of the line's words in the label's column (a taller title elsewhere on the
        # line reaches higher)
        column = [
            w
            for w in ln.words
            if w.x1 > max(x0 - 4 * line.char_width(), left_limit)
            and w.x0 < min(x1 + 30 * line.char_width(), right_limit)
        ]
        top = min((w.top for w in column), default=ln.top)
        if top <= label_bottom - 0.3 * height or ln.index == line.index:
            continue
        if top - anchor_bottom > 3.2 * height or found >= 1:
            break
        idx = [
            i
            for i, w in enumerate(ln.words)
            if w.x1 > max(x0 - 4 * ln.char_width(), left_limit)
            and w.x0 < min(x1 + 30 * ln.char_width(), right_limit)
            and (w.xc > left_limit and w.xc < right_limit)
        ]
        if not idx:
            continue
        # the segment under the label: one starting in its column, else the first that reaches it
        cw = ln.char_width()
        segs = []
        for k in idx:
            sg = ln.segment_of(k)
            if sg not in segs:
                segs.append(sg)
        aligned = [sg for sg in segs if ln.words[sg[0]].x0 >= x0 - 4 * cw]
        i0, i1 = aligned[0] if aligned else segs[0]
        i0 = max(i0, idx[0]) if not aligned else i0
        text = ln.text_of(i0, i1)
        if line.source == TextSource.PLAIN and top - anchor_bottom > 0.5 * height:
            break  # in plain text a value below its label sits on the very next line
        if (
            hit.field in _DIGIT_FIELDS
            and not any(ch.isdigit() for ch in text)
            and skipped < 2
            and line.source != TextSource.PLAIN
        ):
            # the rest of a label wrapped over two lines ("DATUM DER" / "BESTELLUNG")
            skipped += 1
            anchor_bottom = ln.bottom
            continue
        if any(o.first_word == i0 for o in hits_by_line.get(ln.index, [])) and not (
            skipped == 0 and hit.field in _DIGIT_FIELDS and any(ch.isdigit() for ch in text)
        ):
            break
        kind = "below" if top - anchor_bottom < 1.6 * height else "below2"
        if hit.field in ("po_number", "customer_number") and n + 1 < len(page_lines):
            text = _wrapped_identifier(text, ln, i0, i1, page_lines[n + 1])
        out.append((kind, ln, i0, i1, text))
        found += 1
    return out


def _date_below_sentence(
    hit: LabelHit,
    inline: str,
    lines_by_page: dict[int, list[TextLine]],
    hits_by_line: dict[int, list[LabelHit]],
) -> list:
    """ "… Liefertermin für alle Positionen:" over "03.12.2024": a sentence's label that ends
    its line, with words that are no date after it, has its date at the start of the next
    line, at the sentence's margin."""
    line = hit.line
    if not line.text.rstrip().endswith(":") or dates_mod.find_dates(inline):
        return []
    height = max(line.height, 4.0)
    nxt = next(
        (ln for ln in lines_by_page.get(line.page, []) if ln.top > line.bottom - 0.3 * height),
        None,
    )
    if nxt is None or not nxt.words or nxt.top - line.bottom > 0.8 * height:
        return []
    if abs(nxt.words[0].x0 - line.words[0].x0) > 2 * nxt.char_width():
        return []
    if any(o.first_word == 0 for o in hits_by_line.get(nxt.index, [])):
        return []
    s0, s1 = nxt.segments[0]
    text = nxt.text_of(s0, s1)
    found = dates_mod.find_dates(text)
    if not found or text[: found[0].start].strip(" ,."):
        return []
    return [("below", nxt, s0, s1, text)]


_DIGIT_FIELDS = {"po_number", "order_date", "requested_delivery_date", "customer_number"}
# (after the town a letter is written in: "Eupen, den 12. November" / "2026")
_DATE_HEAD = re.compile(
    r"(?:[^\W\d]{2,}(?:[\s-][^\W\d]{2,})?,?\s+(?:den|le|am|the)\s+)?\d{1,2}\.?(?:\s+[^\W\d]{3,}\.?)?",
    re.UNICODE,
)


def _wrapped_date(
    inline: str,
    hit: LabelHit,
    lines_by_page: dict[int, list[TextLine]],
    hits_by_line: dict[int, list[LabelHit]],
) -> str:
    """A date broken by the edge of its cell: "Datum der Bestellung: 23." over "März 2026".

    The rest is the first segment of the very next line, starting where the label's line
    starts (the cell's left edge), and only when the two together make a date."""
    if not _DATE_HEAD.fullmatch(inline) or dates_mod.find_dates(inline):
        return inline
    line = hit.line
    height = max(line.height, 4.0)
    page_lines = lines_by_page.get(line.page, [])
    nxt = next((ln for ln in page_lines if ln.top > line.bottom - 0.3 * height), None)
    if nxt is None or nxt.top - line.bottom > 0.8 * height:
        return inline
    cw = nxt.char_width()
    # where the cell starts: at the label ("Datum der Bestellung: 23." / "März 2026"), or at
    # its value in a column of values ("Datum   Eupen, den 12. November" / "        2026")
    value_x = next((w.x0 for w in line.words[hit.last_word + 1 :]), None)
    for s0, s1 in nxt.segments:
        x0 = nxt.words[s0].x0
        if not (
            abs(x0 - hit.x0) <= 2 * cw or (value_x is not None and abs(x0 - value_x) <= 2 * cw)
        ) or any(
            s0 < o.first_word < s1 or o.first_word == s0 for o in hits_by_line.get(nxt.index, [])
        ):
            continue
        joined = f"{inline} {nxt.text_of(s0, s1)}"
        found = dates_mod.find_dates(joined)
        if found and joined.strip().endswith(found[0].text.strip()) and found[0].text.strip():
            return joined
    return inline


def _wrapped_identifier(text: str, ln: TextLine, i0: int, i1: int, nxt: TextLine) -> str:
    """A reference number broken over two lines of a narrow cell: "PO-2026-7319" / "9"."""
    if nxt.top - ln.bottom > 0.8 * max(ln.height, 4.0):
        return text
    x0, x1 = ln.words[i0].x0, ln.words[i1 - 1].x1
    cw = ln.char_width()
    below = [w for w in nxt.words if w.x1 > x0 - cw and w.x0 < x1 + cw]
    if len(below) != 1 or abs(below[0].x0 - x0) > 2 * cw:
        return text
    tail = below[0].text
    if len(tail) <= 4 and tail.isalnum() and text[-1:].isalnum() and len(text.split()) == 1:
        return text + tail
    return text


def _ocr_factor(line: TextLine, i: int, j: int) -> float:
    if line.source != TextSource.OCR:
        return 1.0
    confs = [w.confidence for w in line.words[i:j]] or [1.0]
    return 0.55 + 0.45 * min(confs)


# a label that asks for a week, and the week's bare number after it ("S16", "16", "16/2027")
_A_WEEKS_LABEL = re.compile(r"(?i)semaine|\bsem\b|\bkw\b|woche|\bweek\b|\bwk\b")
_A_WEEK_NUMBER = re.compile(
    r"^\s*[:#]?\s*(?:s|w|wk|kw|sem\.?)?\s?(?P<week>(?:0?[1-9]|[1-4]\d|5[0-3])(?:\s?[/-]\s?(?:20)?\d{2})?)(?![\d.,])",
    re.IGNORECASE,
)
# "Livraison souhaitée le 20 mars", "gewünscht den 4.12.": the day wished for the goods
_WISHED = re.compile(r"\b(?:souhaite\w*|gewunscht|desired|wished)\s*$")
_FILE_NAME = re.compile(r"\.(?:xlsx?|xlsm|ods|csv|pdf|docx?|odt|rtf|txt)$", re.IGNORECASE)


def parse_identifier(text: str) -> tuple[str | None, float]:
    """The reference number at the start of a value: 4500012345, PO-2026-0042, A12/778."""
    first_date = dates_mod.find_dates(text)
    if first_date and not text[: first_date[0].start].strip(" :#"):
        return None, 0.0  # a date, not a reference
    if re.match(
        r"\s*[:#]?\s*(?:kw|cw|wk|week|woche|semaine|sem\.?)\s*-?\s*\d{1,2}\b(?![-/.]\d)", text, re.I
    ):
        return None, 0.0  # "Bestellung KW50": the week it is for, not a reference
    tokens = text.replace(",", " ").split()
    for k, raw in enumerate(tokens[:4]):
        if not re.search(r"[\[{(]", raw):
            # a scanned 1 read as a closing bracket, "OBM-447}": no bracket opens it
            raw = re.sub(r"(?<=\d)[}\]]$", "1", raw)
        token = raw.strip("()[]{}:;,.\"'#*<>=+|")
        if not token:
            continue
        if _FILE_NAME.search(token):
            return None, 0.0  # "Bestellung 47.xlsx — Seite 1": the printed file's name
        if (
            len(token) == 1
            and not token.isalpha()  # "A 123456" may be the number's own prefix
            and k + 1 < len(tokens)
            and sum(ch.isdigit() for ch in tokens[k + 1]) >= 4
        ):
            continue  # a scan's speck before the number: "0) 118834"
        if token.lower() in (
            "no",
            "nr",
            "n°",
            "nº",
            "number",
            "num",
            "numero",
            "nummer",
            "ref",
            "order",
            "po",
            "p.o",
            "de",
            "du",
            "the",
            "commande",  # "PO / N° commande  PO-26-11873": the rest of a bilingual label
            "cde",
            "bestellung",
            "auftrag",
        ):
            continue
        if not _ID_TOKEN.match(token) or not any(ch.isdigit() for ch in token):
            # (or "CV/OA 27/0098": two such prefixes, one number)
            if (
                k == 0
                and (
                    (token.isalpha() and len(token) <= 3)
                    or re.fullmatch(r"[A-Z]{1,4}[/-][A-Z]{1,4}", token)
                )
                and len(tokens) > 1
            ):
                following = tokens[1].strip("()[]:;,.\"'#*<>=+|")
                if (
                    token.isupper()
                    and token.lower() not in ("po", "no", "nr", "ref", "cde", "pos")
                    and re.fullmatch(r"\d[\w/-]*\d", following)
                    and not dates_mod.find_dates(following)
                ):
                    # "BC 26-1174": the buyer's own prefix, printed as part of the number
                    return f"{token} {following}", 1.0
                continue  # "PO 4711"
            return None, 0.0
        if dates_mod.find_dates(token) and not re.fullmatch(r"\d{8}", token):
            return None, 0.0
        if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})*[.,]\d{2}", token):
            return None, 0.0  # an amount
        digits = sum(ch.isdigit() for ch in token)
        quality = 1.0 if len(token) >= 4 and digits >= 2 else 0.75 if len(token) >= 3 else 0.5
        # two tokens of digits in a row ("4500 012345"): keep them apart, the first wins
        return token, quality
    return None, 0.0


def _joined(ln: TextLine, s0: int, s1: int, nxt: TextLine, b0: int, b1: int) -> TextLine:
    """Words ``s0:s1`` of ``ln`` followed by words ``b0:b1`` of the line below: a label broken
    over two lines, read as one."""
    return TextLine(
        page=ln.page,
        index=ln.index,
        words=list(ln.words[s0:s1]) + _shifted(nxt.words[b0:b1], ln, s1),
        source=ln.source,
    )


def _wrapped_hit(found: LabelHit, line: TextLine, first: int, last: int) -> LabelHit:
    """A label read across two lines (``found``, on the joined words), placed on ``line``'s
    words ``first``..``last``, a little weaker than one printed whole."""
    return LabelHit(
        field=found.field,
        strength=found.strength * 0.95,
        line=line,
        start=line.spans[first][0],
        end=line.spans[last][1],
        first_word=first,
        last_word=last,
        text=found.text,
    )


def _shifted(words, line: TextLine, after: int) -> list:
    """Words of the next line moved onto ``line`` right after its word ``after - 1``."""
    from ingestion.layout import Word

    x = line.words[after - 1].x1
    out = []
    for w in words:
        x += 3
        out.append(
            Word(
                w.text,
                x,
                line.words[after - 1].top,
                x + (w.x1 - w.x0),
                line.words[after - 1].bottom,
                w.confidence,
            )
        )
        x += w.x1 - w.x0
    return out


_KNOWN_LABELS = [
    ("ship to", "ship_to"),
    ("deliver to", "ship_to"),
    ("delivery address", "ship_to"),
    ("livrer a", "ship_to"),
    ("adresse de livraison", "ship_to"),
    ("lieu de livraison", "ship_to"),
    ("lieferanschrift", "ship_to"),
    ("lieferadresse", "ship_to"),
    ("warenempfanger", "ship_to"),
    ("bill to", "bill_to"),
    ("invoice address", "bill_to"),
    ("facturer a", "bill_to"),
    ("adresse de facturation", "bill_to"),
    ("rechnungsadresse", "bill_to"),
    ("rechnungsanschrift", "bill_to"),
    ("po number", "po_number"),
    ("order number", "po_number"),
    ("purchase order no", "po_number"),
    ("n de commande", "po_number"),
    ("numero de commande", "po_number"),
    ("commande n", "po_number"),
    ("bestellnummer", "po_number"),
    ("bestellung nr", "po_number"),
    ("order date", "order_date"),
    ("po date", "order_date"),
    ("date de commande", "order_date"),
    ("bestelldatum", "order_date"),
    ("delivery date", "requested_delivery_date"),
    ("req date", "requested_delivery_date"),
    ("requested date", "requested_delivery_date"),
    ("date de livraison", "requested_delivery_date"),
    ("date souhaitee", "requested_delivery_date"),
    ("liefertermin", "requested_delivery_date"),
    ("lieferdatum", "requested_delivery_date"),
    ("wunschtermin", "requested_delivery_date"),
]


class HeaderContext:
    def __init__(
        self,
        lines: list[TextLine],
        *,
        dayfirst: bool | None,
        default_year: int | None,
        language: str,
    ):
        self.lines = lines
        self.page_sizes: dict[int, tuple[float, float]] = {}
        self.dayfirst = dayfirst
        self.default_year = default_year
        self.language = language
        self.lines_by_page: dict[int, list[TextLine]] = defaultdict(list)
        for ln in lines:
            self.lines_by_page[ln.page].append(ln)
        self.hits_by_line: dict[int, list[LabelHit]] = {ln.index: find_labels(ln) for ln in lines}
        self._add_wrapped_labels()
        self._continue_date_labels()
        if any(ln.source == TextSource.OCR for ln in lines):
            self._add_misread_labels()

    def _add_misread_labels(self) -> None:
        """Labels OCR got slightly wrong ("[UVRER À", "Reg. Date"): close to a known label."""
        from rapidfuzz import fuzz

        for ln in self.lines:
            if ln.source != TextSource.OCR:
                continue
            hits = self.hits_by_line[ln.index]
            for s0, s1 in ln.segments:
                if s1 - s0 > 4 or any(s0 <= h.first_word < s1 for h in hits):
                    continue
                text = re.sub(r"[^a-z0-9 ]+", " ", fold(ln.text_of(s0, s1))).strip()
                if len(text) < 6 or any(ch.isdigit() for ch in text):
                    continue
                best = max(
                    ((fuzz.ratio(text, label), label, field) for label, field in _KNOWN_LABELS),
                    default=None,
                )
                if best is None or best[0] < 80:
                    continue
                _score, label, field = best
                self.hits_by_line[ln.index].append(
                    LabelHit(
                        field=field,
                        strength=0.8,
                        line=ln,
                        start=ln.spans[s0][0],
                        end=ln.spans[s1 - 1][1],
                        first_word=s0,
                        last_word=s1 - 1,
                        text=ln.text_of(s0, s1),
                    )
                )
            self.hits_by_line[ln.index].sort(key=lambda h: h.start)

    def _continue_date_labels(self) -> None:
        """A date label wrapped so that its last word is a label too: "Expected Receipt" over
        "Date  24/11/2026" is the expected receipt date, not a plain "Date" of the order."""
        from dataclasses import replace

        for page_lines in self.lines_by_page.values():
            for ln, nxt in zip(page_lines, page_lines[1:], strict=False):
                if nxt.top - ln.bottom > 1.0 * max(ln.height, 4.0):
                    continue
                for upper in self.hits_by_line[ln.index]:
                    if upper.field not in ("requested_delivery_date", "order_date"):
                        continue
                    if upper.last_word != ln.segment_of(upper.last_word)[1] - 1:
                        continue  # a value follows on its own line
                    if any(s0 > upper.last_word for s0, _s1 in ln.segments):
                        continue
                    hits = self.hits_by_line[nxt.index]
                    for k, lower in enumerate(hits):
                        if (
                            lower.field == "order_date"
                            and fold(lower.text).strip(" :.") in ("date", "datum")
                            and abs(lower.x0 - upper.x0) < 2 * ln.char_width()
                        ):
                            hits[k] = replace(
                                lower, field=upper.field, strength=upper.strength * 0.95
                            )

    def _add_wrapped_labels(self) -> None:
        """Labels broken over two lines of a narrow column: "Gewünschter" / "Liefertermin"."""
        for page_lines in self.lines_by_page.values():
            for k, ln in enumerate(page_lines[:-1]):
                close = [
                    other
                    for other in page_lines[k + 1 : k + 4]
                    if other.top - ln.bottom <= 1.0 * max(ln.height, 4.0)
                ]
                if not close:
                    continue
                hits = self.hits_by_line[ln.index]
                for s0, s1 in ln.segments:
                    text = ln.text_of(s0, s1)
                    if any(ch.isdigit() for ch in text) or len(text) > 30:
                        continue
                    if any(s0 <= h.first_word < s1 and h.strength >= 0.8 for h in hits) and any(
                        a >= s1 for a, _b in ln.segments
                    ):
                        # a weak one-word label ("Livraison") may go on below, and so may a
                        # label with nothing beside it ("Date de livraison" / "souhaitée |
                        # 27/11/2026")
                        continue
                    cw = ln.char_width()
                    nxt, below = close[0], []
                    for other in close:
                        below = [
                            sg
                            for sg in other.segments
                            if abs(other.words[sg[0]].x0 - ln.words[s0].x0) < 2 * cw
                        ]
                        if below:
                            nxt = other
                            break
                    if not below:
                        continue
                    b0, b1 = below[0]
                    tail = nxt.text_of(b0, b1)
                    if any(ch.isdigit() for ch in tail):
                        # "Livraison" over "souhaitée le 20 mars 2026": the label ends on the
                        # line below, its value after it there
                        self._label_ending_below(ln, s0, s1, nxt, b0, b1)
                        continue
                    if len(tail) > 30:
                        continue
                    joined = _joined(ln, s0, s1, nxt, b0, b1)
                    found = [
                        h
                        for h in find_labels(joined)
                        if h.first_word == 0 and h.last_word >= s1 - s0
                    ]
                    if not found:
                        continue
                    h = found[0]
                    if (
                        not any(a >= s1 for a, _b in ln.segments)
                        and any(a >= b1 for a, _b in nxt.segments)
                        and not any(hit.first_word == b0 for hit in self.hits_by_line[nxt.index])
                    ):
                        # "Livraison" over "souhaitée | le 20 mars 2026": nothing beside the
                        # label's first line, its value beside the second
                        self.hits_by_line[nxt.index].append(_wrapped_hit(h, nxt, b0, b1 - 1))
                        # (its value's "le 20 mars 2026" opens with no label of its own)
                        self.hits_by_line[nxt.index] = sorted(
                            (
                                hit
                                for hit in self.hits_by_line[nxt.index]
                                if not (hit.first_word == b1 and hit.label_key in ("le", "den"))
                            ),
                            key=lambda hit: hit.start,
                        )
                        continue
                    self.hits_by_line[ln.index].append(_wrapped_hit(h, ln, s0, s1 - 1))
                self.hits_by_line[ln.index].sort(key=lambda h: h.start)

    def _label_ending_below(self, ln, s0: int, s1: int, nxt, b0: int, b1: int) -> None:
        """A date's label begun on ``ln`` ("Livraison") and ended on ``nxt`` with its value
        after it in the same run ("souhaitée le 20 mars 2026"): the label on ``nxt``."""
        words = 0
        while (
            b0 + words < b1
            and words < 2
            and not any(ch.isdigit() for ch in nxt.words[b0 + words].text)
        ):
            words += 1
        if not words or b0 + words >= b1:
            return
        joined = _joined(ln, s0, s1, nxt, b0, b0 + words)
        found = [
            h
            for h in find_labels(joined)
            if h.first_word == 0 and h.last_word >= s1 - s0 and h.field.endswith("date")
        ]
        if not found or any(h.first_word == b0 for h in self.hits_by_line[nxt.index]):
            return  # (a title over its number, "BESTELLUNG" / "Nr. 88123", is read as such)
        h = found[0]
        last = b0 + h.last_word - (s1 - s0)
        self.hits_by_line[nxt.index].append(_wrapped_hit(h, nxt, b0, last))
        self.hits_by_line[nxt.index].sort(key=lambda hit: hit.start)

    @property
    def hits(self) -> list[LabelHit]:
        return [h for ln in self.lines for h in self.hits_by_line[ln.index]]

    def parse_value(self, field: str, text: str) -> tuple[object, float]:
        if field == "po_number" or field == "customer_number":
            return parse_identifier(text)
        if field in ("order_date", "requested_delivery_date"):
            matches = dates_mod.find_dates(
                text,
                dayfirst=self.dayfirst,
                default_year=self.default_year,
                allow_compact=True,
                allow_partial=True,
            )
            if not matches:
                return None, 0.0
            m = matches[0]
            if (
                m.kind == "week"
                and len(matches) > 1
                and matches[1].kind != "week"
                and _in_the_week(matches[1], m)
                # not "week 4 (we start the raku course on 29 January)": a day told of in words
                # (a weekday may name it: "KW 10 (Montag 07.03.)")
                and len(re.findall(r"[^\W\d]{3,}", text[m.end : matches[1].start])) < 2
                # not "KW 51, spätestens 18.12.2026": the week asked for, the day it must not
                # pass (the goods may come from the week's first day)
                and not _A_DEADLINE.search(fold(text[m.end : matches[1].start]))
            ):
                # "KW 10 / 07.03.2025": the day says more than its week (not "KW 2 2027
                # (Werft geschlossen bis 8 Januar)", a day of another week)
                m = matches[1]
            elif text.strip().find(m.text) > 12 and not _LEAD_TO_A_DAY.fullmatch(
                fold(text.strip()[: text.strip().find(m.text)])
            ):
                return None, 0.0
            quality = 1.0
            if m.ambiguous:
                quality = AMBIGUOUS_DATE_QUALITY if self.dayfirst is not None else 0.6
            if m.kind == "partial":
                quality = min(quality, 0.7)
            if m.kind == "week":
                quality = min(quality, 0.9)
            if (
                field == "requested_delivery_date"
                and dates_mod.WEEK_OF.search(text[: text.find(m.text)])
                and m.value.weekday() != 0
            ):
                # "semaine du 16 décembre": some day of that week, which a person settles (the
                # week's Monday, "w/c 14/12/2026", is its first day, as a week's number says)
                quality = min(quality, 0.6)
            return m.value, quality
        if field == "currency":
            codes = find_currencies(text.upper()) or find_currencies(text)
            return (codes[0], 1.0) if codes else (None, 0.0)
        if field in ("payment_terms", "contact"):
            value = text.strip(" :")
            return (value, 0.9) if value and len(value) <= 120 else (None, 0.0)
        if field == "vat":
            m = _VAT.search(text.upper())
            return (re.sub(r"[\s.-]", "", m.group(0)), 1.0) if m else (None, 0.0)
        return None, 0.0

    def _number_and_date(self, hit: LabelHit) -> list[Candidate]:
        """ "4500120007 / 27.11.2026" under a "Bestellnummer/Datum" label: the number before
        the slash, the date after it."""
        out: list[Candidate] = []
        for kind, line, i, j, text in _value_slices(hit, self.lines_by_page, self.hits_by_line):
            number, sep, rest = text.partition(" / ")
            if not sep:
                number, sep, rest = text.partition("/ ")
            if not sep and len(text.split()) == 2:  # the slash lost on a scan
                number, rest = text.split()
                sep = " "
            if not sep:
                continue
            factor = hit.strength * _position_factor(kind) * _ocr_factor(line, i, j)
            for field_name, part in (("po_number", number), ("order_date", rest)):
                value, quality = self.parse_value(field_name, part)
                if value is None:
                    continue
                score = factor * quality * (0.93 if line.page > 1 else 1.0)
                out.append(
                    Candidate(
                        field=field_name,
                        value=value,
                        score=score,
                        source=line.source_ref(i, j),
                        rule=f"label_{kind}:{hit.label_key}",
                        text=part,
                    )
                )
            if out:
                break
        return out

    def candidates(self) -> list[Candidate]:
        out: list[Candidate] = []
        for hit in self.hits:
            if hit.field == "po_number_and_date":
                out.extend(self._number_and_date(hit))
                continue
            if hit.field == "ship_to" and fold(hit.text).strip(" :") in _DELIVERY_ALONE:
                # "Delivery | Tuesday 01/12/2026": the word alone before a date is its day
                for kind, line, i, j, text in _value_slices(
                    hit, self.lines_by_page, self.hits_by_line
                ):
                    value, quality = self.parse_value("requested_delivery_date", text)
                    if value is not None and kind in ("inline", "right"):
                        out.append(
                            Candidate(
                                field="requested_delivery_date",
                                value=value,
                                score=0.85 * quality * _position_factor(kind),
                                source=line.source_ref(i, j),
                                rule=f"label_{kind}:{hit.label_key}",
                                text=text,
                            )
                        )
                continue
            if hit.field not in VALUE_FIELDS:
                continue
            if (
                hit.field == "order_date"
                and hit.label_key in ("le", "den")
                and (
                    DELIVERY_CUE.search(hit.line.norm[: hit.start])
                    or _WISHED.search(hit.line.norm[: hit.start])
                )
            ):
                continue  # "bitte liefern Sie bis Freitag, den 20.11.": the delivery's day
            for kind, line, i, j, text in _value_slices(hit, self.lines_by_page, self.hits_by_line):
                if hit.field == "requested_delivery_date" and _A_WEEKS_LABEL.search(fold(hit.text)):
                    # "Semaine de livraison | S16", "Liefer-KW | 16/2027": the number is the week's
                    text = _A_WEEK_NUMBER.sub(r"KW \g<week>", text, count=1)
                value, quality = self.parse_value(hit.field, text)
                if value is None:
                    continue
                strength = hit.strength
                if kind == "right" and _fills_its_cell(hit):
                    # a spreadsheet's key/value row ("Bestellung" | "4500098840"): the cell
                    # beside a label cell is its value, whatever the label's wording
                    strength += (1 - strength) * 0.5
                score = strength * quality * _position_factor(kind) * _ocr_factor(line, i, j)
                if line.page > 1:
                    score *= 0.93
                out.append(
                    Candidate(
                        field=hit.field,
                        value=value,
                        score=score,
                        source=line.source_ref(i, j),
                        rule=f"label_{kind}:{hit.label_key}",
                        text=text,
                    )
                )
        return out


def choose(candidates: list[Candidate], field: str) -> Field | None:
    """The best value of a field; agreement raises, a close different value lowers, confidence."""
    own = [c for c in candidates if c.field == field]
    if not own:
        return None
    by_value: dict[object, list[Candidate]] = defaultdict(list)
    for c in own:
        key = c.value.upper() if isinstance(c.value, str) else c.value
        by_value[key].append(c)
    ranked = sorted(by_value.values(), key=lambda cs: max(c.score for c in cs), reverse=True)
    best = max(ranked[0], key=lambda c: c.score)
    confidence = best.score
    agreeing = len({c.rule for c in ranked[0]}) - 1
    confidence = min(0.99, confidence + 0.04 * agreeing)
    if len(ranked) > 1:
        runner = max(c.score for c in ranked[1])
        if runner >= 0.85 * best.score:
            confidence *= 0.7
        elif runner >= 0.6 * best.score:
            confidence *= 0.9
    return Field(
        value=best.value,
        confidence=round(min(confidence, 0.99), 4),
        source=best.source,
        rule=best.rule,
    )


def find_blocks(ctx: HeaderContext) -> dict[str, list[tuple[LabelHit, list]]]:
    blocks: dict[str, list] = defaultdict(list)
    for hit in ctx.hits:
        if hit.field in ("ship_to", "bill_to", "vendor", "buyer"):
            block = block_lines(hit, ctx.lines)
            if block:
                blocks[hit.field].append((hit, block))
    return blocks


def _inline_pieces(text_lines: list[str]) -> list[str]:
    """An address written on the label's line with commas, its town wrapped to the next line
    ("Adresse de livraison : Ateliers Vauclair, 12 rue de l'Industrie, 25300" / "Pontarlier"):
    one piece a line, the postcode back beside its town."""
    if not text_lines or text_lines[0].count(",") < 2 or " | " in text_lines[0]:
        return text_lines
    pieces = [p.strip(" .;") for p in text_lines[0].split(",") if p.strip(" .;")]
    rest = list(text_lines[1:])
    if rest and re.fullmatch(r"(?:[A-Z]{1,2}-)?\d{4,5}", pieces[-1]):
        pieces[-1] = f"{pieces[-1]} {rest.pop(0).strip()}"
    return [*pieces, *rest]


# a delivery's one word, which may head other things (a date, terms): "Livraison", "Lieferung"
_DELIVERY_WORDS = frozenset({"livraison", "lieferung", "delivery"})


def block_address(hit: LabelHit, block: list, language: str) -> Field:
    text_lines = block_text_lines(block)
    if text_lines and hit.text and text_lines[0].startswith(hit.text):
        # the label in the address's own cell: "Livraison : serres communales, Route de …"
        text_lines = [text_lines[0][len(hit.text) :].strip(), *text_lines[1:]]
    address = parse_address(text_lines, language=language)
    if not address.postal_code and len(split := _inline_pieces(text_lines)) > len(text_lines):
        address = parse_address(split, language=language)
    if (
        len(text_lines) >= 2
        and text_lines[0].count(",") >= 1
        and not text_lines[0].rstrip().endswith(",")
        and (address.city is None or "," in address.city or "," in (address.street or ""))
    ):
        # "Northern Rose (Glasgow), 210 Sauchiehall" over "Street, Glasgow G2 3EH": one line
        # of the address, wrapped in the middle of its street
        joined = parse_address(
            _inline_pieces([f"{text_lines[0]} {text_lines[1]}", *text_lines[2:]]),
            language=language,
        )
        if joined.postal_code and joined.city and "," not in joined.city:
            address = joined
    quality = 1.0 if address.postal_code else 0.6
    strength = hit.strength
    if (
        hit.field == "ship_to"
        and hit.line.source == TextSource.SHEET
        and hit.label_key in _DELIVERY_WORDS
        and address.street
        and address.postal_code
        and address.city
    ):
        # a sheet's "Livraison | Entrepôt Zwijndrecht, Vitshoekstraat 18, 2070 Zwijndrecht": a
        # word that may name other things labels a whole address, street, postcode and town
        strength = max(strength, 0.93)
    return Field(
        value=address,
        confidence=round(strength * quality * 0.97, 4),
        source=block_source(block),
        rule=f"block:{hit.label_key}",
    )


_REFERENCE = re.compile(r"^(?=.*\d)(?:[A-Z]{1,5}[-/]?)?\d[\dA-Z]*(?:[-/.][\dA-Z]+){0,3}$")


def unlabelled_reference(ctx: HeaderContext, *, skip_lines: set[int]) -> Field | None:
    """A reference number standing in the header area with no readable label (a label lost to
    OCR, a layout with none), preferred on the line of the order date: a low-confidence guess."""
    first_page = min(ctx.lines_by_page) if ctx.lines_by_page else None
    if first_page is None:
        return None
    page_lines = ctx.lines_by_page[first_page]
    bottom = max(ln.bottom for ln in page_lines)
    best: tuple[float, Field] | None = None
    for ln in page_lines:
        if ln.top > 0.4 * bottom:
            break
        if ln.index in skip_lines or re.search(
            r"(?i)\b(?:tel|phone|fax|t[ée]l|vat|tva|ust|uid|iban|siret|www|@)", ln.text
        ):
            continue
        has_date = bool(dates_mod.find_dates(ln.text))
        if any(
            h.field not in ("order_date", "requested_delivery_date", "po_number")
            for h in ctx.hits_by_line[ln.index]
        ):
            continue  # a line of other labelled values (customer no., vendor no., VAT…)
        for i, w in enumerate(ln.words):
            token = w.text.strip("()[]:;,.\"'#*<>=+|°‘’“”")
            if len(token) < 5 or not _REFERENCE.match(token) or dates_mod.find_dates(token):
                continue
            if _VAT.fullmatch(token.upper()):
                continue  # a VAT number ("ATU63472815") names the company, not the order
            if (
                re.fullmatch(r"(?:[A-Z]{1,2}-)?\d{4,5}", token)
                and i + 1 < len(ln.words)
                and ln.words[i + 1].text[:1].isupper()
            ):
                continue  # a postcode before its town ("CH-1260 Nyon")
            if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})*[.,]\d{2}", token):
                continue
            score = (
                0.3
                + (0.08 if has_date else 0.0)
                + (0.05 if any(c.isalpha() for c in token) or "/" in token or "-" in token else 0.0)
            )
            if best is None or score > best[0]:
                best = (
                    score,
                    Field(
                        value=token,
                        confidence=round(score, 4),
                        source=ln.source_ref(i, i + 1),
                        rule="unlabelled_reference",
                    ),
                )
    return best[1] if best else None


def letterhead(
    ctx: HeaderContext,
    exclude: set[tuple[int, int]],
    language: str,
    *,
    skip_lines: frozenset[int] | set[int] = frozenset(),
) -> Field | None:
    """The issuer's address at the top of the first page (a PO's letterhead is the buyer's).

    The first address block (name … postcode/city [country]) of a column near the top wins;
    a second address further down the same column (the supplier's, in a window envelope
    layout) is not mixed in.
    """
    from ingestion.extraction.addresses import parse_postal_line, split_address_lines

    first_page = min(ctx.lines_by_page) if ctx.lines_by_page else None
    if first_page is None:
        return None
    page_lines = ctx.lines_by_page[first_page]
    if not page_lines:
        return None
    plain = page_lines[0].source == TextSource.PLAIN
    candidates_lines = page_lines if not plain else page_lines[-25:]
    top_limit = page_lines[0].top + 0.33 * max(ln.bottom for ln in page_lines)
    columns: dict[int, list[tuple[TextLine, int, int]]] = defaultdict(list)
    for ln in candidates_lines:
        if not plain and ln.top > top_limit:
            break
        if ln.index in skip_lines:  # an order line ("labels, roll of 1000") is no address
            continue
        hits = ctx.hits_by_line[ln.index]
        for s0, s1 in ln.segments:
            if any(
                s0 <= h.first_word < s1
                for h in hits
                if h.field not in ("phone", "email", "web", "vat")
            ):
                continue
            if (ln.index, s0) in exclude:
                continue
            column = 0 if plain else int(ln.words[s0].x0 // 60)
            columns[column].append((ln, s0, s1))
    best = None
    for column_lines in columns.values():
        block: list[tuple[TextLine, int, int]] = []
        previous_bottom = None
        for item in column_lines:
            ln = item[0]
            gap_limit = 1.3 if plain else 2.2
            if previous_bottom is not None and ln.top - previous_bottom > gap_limit * max(
                ln.height, 4.0
            ):
                block = []
            block.append(item)
            previous_bottom = ln.bottom
            parts = split_address_lines([ln.text_of(item[1], item[2])])
            if len(block) > 1:  # a British postcode on its own line, under the town
                parts.append(block[-2][0].text_of(block[-2][1], block[-2][2]) + " " + parts[0])
            if any(parse_postal_line(p, language=language) for p in parts):
                texts = [t.text_of(i, j) for t, i, j in block][-7:]
                address = parse_address(texts, language=language)
                if address.postal_code and (best is None or block[0][0].top < best[1][0][0].top):
                    best = (address, list(block))
                break
    if best is None:
        return None
    address, column_lines = best
    return Field(
        value=address, confidence=0.6, source=block_source(column_lines), rule="letterhead"
    )


def emails_and_phones(
    lines: list[TextLine], exclude_lines: set[int]
) -> tuple[list[str], list[str]]:
    emails, phones = [], []
    for ln in lines:
        if ln.index in exclude_lines:
            continue
        # OCR and some PDFs put a space before '@' ("ChristieC @Contoso.com")
        text = re.sub(r"\s+@\s*|@\s+", "@", ln.text)
        for m in _EMAIL.finditer(text):
            emails.append(m.group(0).lower().strip("."))
        if (
            re.search(r"(?i)\b(?:tel|phone|fax|telefon|telefax|t\.|f\.)", ln.norm)
            or ln.source == TextSource.PLAIN
        ):
            for m in _PHONE.finditer(ln.text):
                digits = re.sub(r"\D", "", m.group(0))
                if 8 <= len(digits) <= 15:
                    phones.append(digits)
    return list(dict.fromkeys(emails)), list(dict.fromkeys(phones))


def vat_numbers(lines: list[TextLine], exclude_lines: set[int]) -> list[str]:
    out = []
    for ln in lines:
        if ln.index in exclude_lines:
            continue
        for m in _VAT.finditer(ln.text.upper()):
            out.append(re.sub(r"[\s.-]", "", m.group(0)))
    return list(dict.fromkeys(out))


_SHARE_CAPITAL = re.compile(
    r"(?i)(?:\b(?:au\s+)?capital(?:\s+social)?(?:\s+de)?|\bstammkapital|\bgrundkapital"
    r"|\bshare\s+capital|\bkapital(?:\s+von)?)"
    r"\s*:?\s*(?:[€$£]|eur|chf|gbp|usd)?\s*\d[\d\s.,'’]*\s*(?:[€$£]|eur(?:os?)?|chf|gbp|usd)?"
)


def document_currency(ctx: HeaderContext, candidates: list[Candidate]) -> Field | None:
    labelled = choose(candidates, "currency")
    if labelled and labelled.confidence >= 0.8:
        return labelled
    counts: Counter[str] = Counter()
    first_source: dict[str, dict] = {}
    for ln in ctx.lines:
        text = ln.text
        if ln.source == TextSource.OCR:
            # a scanned "S" read as "$" at the head of a code ("$L43418", "$1.31890") is no
            # dollar; a code written out ("Total CHF") outweighs stray marks
            text = re.sub(r"\$(?=[A-Za-z]|\d+[.,]\d{3,})", "S", text)
        # a company's registered capital in its footer ("SARL au capital de 8 000 €",
        # "Stammkapital 25.000 EUR", "share capital £100"): no price of the order
        text = _SHARE_CAPITAL.sub(" ", text)
        for code in find_currencies(text):
            written = bool(re.search(rf"(?<![A-Za-z]){code}(?![A-Za-z])", text))
            counts[code] += 2 if written and ln.source == TextSource.OCR else 1
            first_source.setdefault(code, ln.source_ref())
    if not counts:
        return labelled
    (code, n), *rest = counts.most_common()
    confidence = 0.95 if code in ISO_CURRENCIES else 0.7
    has_iso_text = any(re.search(rf"(?<![A-Za-z]){code}(?![A-Za-z])", ln.text) for ln in ctx.lines)
    dollar_sign = code == "USD" and not has_iso_text
    if dollar_sign:
        confidence = 0.85  # a bare "$" could be CAD, AUD...
    mixed = bool(rest and rest[0][1] * 2 >= n)
    if mixed:
        confidence *= 0.6
    ocr = any(ln.source == TextSource.OCR for ln in ctx.lines)
    if ocr:
        confidence *= 0.85  # a scanned £ reads as $ or € now and then
    return Field(
        value=code,
        confidence=round(confidence, 4),
        source=first_source[code],
        # "Prix CHF/EUR": several currencies as often as each other, nothing settles it
        # a bare "$" says dollars, not which: ":$" lets the customer's country settle it
        rule=("currency_marks:ocr" if ocr else "currency_marks")
        + (":$" if dollar_sign else "")
        + (":mixed" if mixed else "")
        # a scan's code written in letters ("Total EUR"): no symbol a scan misreads
        + (":code" if ocr and has_iso_text and code in ISO_CURRENCIES else ""),
    )


def detect_language(text: str) -> str:
    words = re.findall(r"[a-zà-ÿß]+", text.lower())
    counts = Counter(words)
    score = {
        "en": sum(
            counts[w]
            for w in (
                "the",
                "and",
                "of",
                "to",
                "please",
                "order",
                "delivery",
                "qty",
                "quantity",
                "price",
                "ship",
                "total",
                "date",
                "description",
                "item",
                "purchase",
                "we",
                "you",
                "for",
                "with",
            )
        ),
        "fr": sum(
            counts[w]
            for w in (
                "le",
                "la",
                "les",
                "de",
                "des",
                "du",
                "et",
                "commande",
                "livraison",
                "quantité",
                "qté",
                "prix",
                "merci",
                "nous",
                "vous",
                "bon",
                "date",
                "désignation",
                "réf",
                "montant",
                "unitaire",
                "pour",
                "à",
            )
        ),
        "de": sum(
            counts[w]
            for w in (
                "der",
                "die",
                "das",
                "und",
                "bestellung",
                "lieferung",
                "menge",
                "preis",
                "bitte",
                "wir",
                "sie",
                "ihre",
                "artikel",
                "bezeichnung",
                "datum",
                "liefertermin",
                "gesamt",
                "mit",
                "für",
                "zu",
                "stück",
            )
        ),
    }
    best = max(score, key=lambda k: score[k])
    return best if score[best] > 0 else "en"


QUOTED_HEADER = re.compile(
    r"^\s*\*?(?:sent|date|envoye|gesendet|datum|de|from|von|le|on|am)\b[^\n]{0,120}?"
    r"(?::|\ba\s+ecrit|\bwrote|\bschrieb)"
)


def labelled_dates_fallback(
    ctx: HeaderContext, taken: set[dt.date], *, skip_lines: set[int] = frozenset()
) -> Field | None:
    """An unlabelled date near the top of the first page, as a low-confidence order date."""
    first_page = min(ctx.lines_by_page) if ctx.lines_by_page else None
    if first_page is None:
        return None
    page_lines = ctx.lines_by_page[first_page]
    bottom = max(ln.bottom for ln in page_lines)
    found: list[Field] = []
    for ln in page_lines:
        if ln.top > 0.6 * bottom and ln.source != TextSource.PLAIN:
            break
        if ln.index in skip_lines:
            continue
        if ln.source == TextSource.PLAIN and QUOTED_HEADER.match(ln.norm):
            continue  # "Envoyé : vendredi 27 novembre 2026": when the quoted message was sent
        for m in dates_mod.find_dates(ln.text, dayfirst=ctx.dayfirst):
            if m.value in taken:
                continue
            context = fold(ln.text[max(0, m.start - 25) : m.start])
            if re.search(
                r"livr|deliver|liefer|ship|due|echeance|valid|gultig|bis|until|avant", context
            ):
                continue
            # a letter's date stands alone in its part of the line, maybe after the town:
            # "Ulm, den 09.01.26", "Nantes, le 20 novembre 2026"
            seg_start, seg_end = 0, len(ln.text)
            for s0, s1 in ln.segments:
                a, b = ln.spans[s0][0], ln.spans[s1 - 1][1]
                if a <= m.start < b:
                    seg_start, seg_end = a, b
                    break
            before = ln.text[seg_start : m.start].strip()
            rest = (before + ln.text[m.end : seg_end]).strip(" ,.")
            dated_in_town = not ln.text[m.end : seg_end].strip(" .") and bool(
                re.fullmatch(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ' .-]{1,40},\s*(?:le|den|the|am)?", before)
            )
            alone = not rest or dated_in_town
            confidence = (0.8 if dated_in_town else 0.7 if alone else 0.5) * (
                0.7 if m.ambiguous else 1.0
            )
            found.append(
                Field(
                    value=m.value,
                    confidence=round(confidence, 4),
                    source=ln.source_ref(),
                    rule="first_date",
                )
            )
    if not found:
        return None
    best = max(found, key=lambda f: f.confidence)
    if (
        best.confidence == 0.7
        and len({f.value for f in found}) == 1
        and page_lines[0].source not in (TextSource.PLAIN, TextSource.SHEET)
    ):
        # the one date at the top of a letter, standing alone: the letter's date
        best = best.with_confidence(0.78, "+only_date")
    return best


# words that lead to the day a label's value names: "pour le mercredi 25/11/2026", "am
# Donnerstag, 3.12.", "by Friday 4 December"
_LEAD_TO_A_DAY = re.compile(
    r"(?:(?:pour|le|la|au|plus|tard|avant|des|am|bis|zum|spatestens|on|by|before|until|the|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|montag|dienstag|mittwoch|donnerstag|freitag|samstag)[\s,.]*)+"
)
_A_DEADLINE = re.compile(
    r"\b(?:spatestens|latest|au\s+plus\s+tard|bis|by|before|avant|until|jusqu)\b"
)


def _in_the_week(day, week) -> bool:
    """Whether the date matched as ``day`` falls in the ISO week matched as ``week``. A year
    printed with the week puts a day printed without one in that year; with no year for the
    week, its number alone is printed and compared."""
    value = day.value
    week_year = re.search(r"(?:19|20)\d{2}", week.text)
    if week_year and not re.search(r"(?:19|20)\d{2}|'\d{2}|[./-]\d{2}$", day.text):
        try:
            value = value.replace(year=week.value.isocalendar()[0])
        except ValueError:
            return False
    if week_year:
        return value.isocalendar()[:2] == week.value.isocalendar()[:2]
    return value.isocalendar()[1] == week.value.isocalendar()[1]
