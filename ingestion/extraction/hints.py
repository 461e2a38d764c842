"""Layout hints learned from corrections, per customer.

When a human corrects a header field (say the PO number, printed under an unusual label such as
"Vorgang" or "Dossier"), :func:`learn_from_correction` finds the corrected value on the page,
and remembers what names it: the text of the label on its left or above it, and where it sits
on the page. Next time, for the same customer, :func:`apply_hints` proposes the value found at
the same place relative to the same label (or, without the label, at the same spot on the
page) as a strong candidate.

Format (JSON, stored per customer by the Django side)::

    {"version": 1,
     "fields": {
        "po_number": [
          {"label": "vorgang", "relation": "right", "page": 1,
           "x": 0.61, "y": 0.12, "w": 0.1, "h": 0.012, "count": 2}
        ]}}

``relation`` is ``inline`` (after the label in the same cell), ``right`` (next cell on the line)
or ``below`` (under the label); ``x``/``y``/``w``/``h`` is the value's box as a fraction of the
page. At most five hints are kept per field, the most confirmed first.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from decimal import Decimal
from typing import TYPE_CHECKING

from ingestion.extraction.geometry import TextLine, document_lines, fold

if TYPE_CHECKING:
    from ingestion.extraction.header import Candidate, HeaderContext
    from ingestion.extraction.model import ExtractedOrder
    from ingestion.layout import Layout

LEARNABLE = ("po_number", "order_date", "requested_delivery_date", "customer_number")
MAX_HINTS = 5


def _label_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold(text)).strip()


def _value_variants(field: str, value: object) -> list[str]:
    """Printed forms to look for on the page."""
    if value is None:
        return []
    if isinstance(value, dt.date):
        return []  # dates are found by parsing, not by their text
    if isinstance(value, Decimal):
        return [format(value, "f")]
    return [str(value).strip()]


def _find_value(lines: list[TextLine], field: str, value: object, *, dayfirst: bool | None = None):
    """(line, first word, end word) of the corrected value on the page."""
    from ingestion.extraction import dates as dates_mod

    if isinstance(value, dt.date):
        for ln in lines:
            for m in dates_mod.find_dates(
                ln.text, dayfirst=dayfirst, default_year=value.year, allow_partial=True
            ):
                if m.value == value or (
                    m.ambiguous and dates_mod.swapped_day_month(m.value) == value
                ):
                    i = ln.word_at(m.start)
                    j = max(i + 1, ln.word_at(max(m.start, m.end - 1)) + 1)
                    return ln, i, j
        return None
    targets = [re.sub(r"\s+", "", fold(v)) for v in _value_variants(field, value)]
    for ln in lines:
        for i in range(len(ln.words)):
            joined = ""
            for j in range(i, min(len(ln.words), i + 4)):
                joined += re.sub(r"\s+", "", fold(ln.words[j].text))
                cleaned = joined.strip(":#.,;()")
                if cleaned in targets:
                    return ln, i, j + 1
                if j == i and any(re.search(rf"[:#]{re.escape(t)}$", cleaned) for t in targets):
                    return ln, i, j + 1  # glued to its label: "Vorgang:4711"
    return None


def _describe(
    lines: list[TextLine], ln: TextLine, i: int, j: int, page_size: tuple[float, float]
) -> dict:
    """What names the value at (ln, i..j): the label before it, or above it."""
    width, height = page_size
    x0, x1 = ln.words[i].x0, ln.words[j - 1].x1
    hint = {
        "page": ln.page,
        "x": round(x0 / width, 4),
        "y": round(ln.top / height, 4),
        "w": round((x1 - x0) / width, 4),
        "h": round((ln.bottom - ln.top) / height, 4),
        "label": "",
        "relation": "position",
        "count": 1,
    }
    seg = ln.segment_of(i)
    if seg[0] < i:
        hint["label"], hint["relation"] = _label_key(ln.text_of(seg[0], i)), "inline"
        return hint
    before = [sg for sg in ln.segments if sg[1] <= i]
    if before:
        s0, s1 = before[-1]
        text = ln.text_of(s0, s1)
        if not any(ch.isdigit() for ch in text) or len(text) < 30:
            hint["label"], hint["relation"] = _label_key(text), "right"
            return hint
    above = [
        other
        for other in lines
        if other.page == ln.page
        and other.bottom <= ln.top + 1
        and ln.top - other.bottom < 3 * max(ln.height, 4.0)
    ]
    for other in sorted(above, key=lambda o: -o.top):
        idx = [k for k, w in enumerate(other.words) if w.x1 > x0 - 5 and w.x0 < x1 + 5]
        if idx:
            s0, s1 = other.segment_of(idx[0])
            hint["label"], hint["relation"] = _label_key(other.text_of(s0, s1)), "below"
            return hint
    return hint


def learn_from_correction(
    extracted: ExtractedOrder,
    corrected_values: dict,
    layout: Layout,
    hints: dict | None = None,
) -> dict:
    """The customer's hints after a human corrected some header fields.

    ``corrected_values`` maps field names (``po_number``, ``order_date``,
    ``requested_delivery_date``, ``customer_number``) to the right values (dates as
    ``datetime.date`` or ISO strings). Fields that were already right strengthen their hint.
    Returns a new dict; the input is not modified.
    """
    out = copy.deepcopy(hints) if hints else {}
    out.setdefault("version", 1)
    fields = out.setdefault("fields", {})
    lines = document_lines(layout)
    sizes = {p.number: (p.width or 1.0, p.height or 1.0) for p in layout.pages}
    for field, value in corrected_values.items():
        if field not in LEARNABLE or value in (None, ""):
            continue
        if field.endswith("date") and isinstance(value, str):
            value = dt.date.fromisoformat(value)
        found = _find_value(lines, field, value)
        if found is None:
            continue
        ln, i, j = found
        hint = _describe(lines, ln, i, j, sizes.get(ln.page, (1.0, 1.0)))
        entries = fields.setdefault(field, [])
        for entry in entries:
            if entry.get("label") == hint["label"] and entry.get("relation") == hint["relation"]:
                entry.update({k: hint[k] for k in ("page", "x", "y", "w", "h")})
                entry["count"] = entry.get("count", 1) + 1
                break
        else:
            entries.append(hint)
        entries.sort(key=lambda e: -e.get("count", 1))
        del entries[MAX_HINTS:]
    return out


def apply_hints(hints: dict, ctx: HeaderContext) -> list[Candidate]:
    """Candidates for header fields at the places the hints remember."""
    from ingestion.extraction.header import Candidate

    out: list[Candidate] = []
    fields = (hints or {}).get("fields") or {}
    lines = ctx.lines
    for field, entries in fields.items():
        if field not in LEARNABLE:
            continue
        for entry in entries:
            weight = min(1.0, 0.9 + 0.03 * entry.get("count", 1))
            label = entry.get("label") or ""
            relation = entry.get("relation", "position")
            slices = []
            if label:
                slices = _slices_after_label(lines, label, relation)
            if not slices:
                slices = _slices_at_position(lines, entry, getattr(ctx, "page_sizes", {}))
                weight *= 0.85
            for line, i, j, text in slices:
                value, quality = ctx.parse_value(field, text)
                if value is None:
                    continue
                out.append(
                    Candidate(
                        field=field,
                        value=value,
                        score=round(0.99 * weight * max(quality, 0.8), 4),
                        source=line.source_ref(i, j),
                        rule=f"hint_{relation}:{label}" if label else "hint_position",
                        text=text,
                    )
                )
                break
    return out


def _slices_after_label(lines: list[TextLine], label: str, relation: str):
    out = []
    for ln in lines:
        norm = _label_key(ln.text)
        if label not in norm:
            continue
        for s0, s1 in ln.segments:
            seg_key = _label_key(ln.text_of(s0, s1))
            if relation == "inline" and seg_key.startswith(label) and seg_key != label:
                # value after the label inside the same segment
                count = len(label.split())
                k = s0
                consumed = ""
                while k < s1 and _label_key(consumed) != label:
                    consumed += " " + ln.words[k].text
                    k += 1
                if k < s1:
                    out.append((ln, k, s1, ln.text_of(k, s1)))
                    _ = count
            elif seg_key == label and relation == "right":
                nxt = next((sg for sg in ln.segments if sg[0] >= s1), None)
                if nxt:
                    out.append((ln, nxt[0], nxt[1], ln.text_of(*nxt)))
            elif seg_key == label and relation == "below":
                x0, x1 = ln.words[s0].x0, ln.words[s1 - 1].x1
                below = [
                    o
                    for o in lines
                    if o.page == ln.page
                    and o.top > ln.bottom - 1
                    and o.top - ln.bottom < 3 * max(ln.height, 4.0)
                ]
                for other in sorted(below, key=lambda o: o.top):
                    idx = [
                        k for k, w in enumerate(other.words) if w.x1 > x0 - 10 and w.x0 < x1 + 40
                    ]
                    if idx:
                        seg = other.segment_of(idx[0])
                        out.append((other, seg[0], seg[1], other.text_of(*seg)))
                        break
    return out


def _slices_at_position(
    lines: list[TextLine], entry: dict, page_sizes: dict[int, tuple[float, float]]
):
    page = entry.get("page", 1)
    width, height = page_sizes.get(page, (0.0, 0.0))
    if not width or not height:
        return []
    x0 = entry["x"] * width
    top = entry["y"] * height
    x1 = x0 + max(entry.get("w", 0.05), 0.02) * width
    tol = 0.02 * height
    out = []
    for ln in lines:
        if ln.page != page or abs(ln.top - top) > tol + 2:
            continue
        idx = [k for k, w in enumerate(ln.words) if w.x1 > x0 - 6 and w.x0 < x1 + 6]
        if idx:
            seg = ln.segment_of(idx[0])
            start = max(seg[0], idx[0])
            out.append((ln, start, seg[1], ln.text_of(start, seg[1])))
    return out
