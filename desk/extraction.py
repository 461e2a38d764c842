"""Reading what the extraction left on an order, for the review page.

The extraction stores, per field, a value, a confidence, where it was found and which rule
produced it. The reader is lenient about the exact shape so that the desk keeps working while
the extraction evolves; it understands::

    order.extraction = {"fields": {"po_number": {"value": "4500012345", "confidence": 0.97,
                                   "source": {"page": 1, "bbox": [x0, top, x1, bottom]},
                                   "rule": "label 'PO No.'"}, ...}}
    line.extraction  = {"fields": {"unit_price": {...}, ...},
                        "source": {"page": 1, "bbox": [...]},          # the whole row
                        "candidates": [{"product_id": 12, "sku": "GT-6MM-BK", "score": 0.93,
                                        "reason": "customer alias"}, ...]}

``fields`` may also be left out (the field entries directly at the top level); a source may
be ``{"page", "x0", "top", "x1", "bottom"}`` or ``{"page", "box": [...]}``; boxes are in PDF
points from the top-left corner of the page, like ``ingestion.layout``. Issues are
``{"code", "field", "message", "blocking"}`` with fields such as ``po_number``, ``customer``,
``total`` or ``lines[3].unit_price`` (``sku`` and ``customer_code`` are read as ``product`` and
``customer``).

The matchers' verdicts, as ``ingestion.drafting`` writes them next to the fields, are read too:
``order.extraction["customer"]`` and ``line.extraction["product"]`` (``{"confidence", "method",
"ambiguous", "candidates": [{"id", "sku", "score", "evidence"}]}``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DEFAULT_THRESHOLD = 0.9
FIELD_ALIASES = {
    "customer_code": "customer",
    "customer_id": "customer",
    "sku": "product",
    "product_id": "product",
    "ship_to_address": "ship_to",
    "po": "po_number",
    "total_amount": "total",
    "price": "unit_price",
}
ISSUE_FIELD = re.compile(r"^lines\[(\d+)\](?:\.(\w+))?$")


@dataclass(frozen=True)
class FieldInfo:
    confidence: float | None = None
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    rule: str = ""
    low: bool = False

    @property
    def box_attr(self) -> str:
        """``page:x0,top,x1,bottom`` for the data-box attribute the viewer reads."""
        if self.page is None or self.bbox is None:
            return ""
        return f"{self.page}:" + ",".join(f"{v:g}" for v in self.bbox)

    @property
    def percent(self) -> int | None:
        return None if self.confidence is None else round(self.confidence * 100)


@dataclass
class Issue:
    code: str
    field: str  # the desk's field name: "po_number", "ship_to", "total", "line.unit_price", "line"
    message: str
    blocking: bool
    line_index: int | None = None
    raw: dict = field(default_factory=dict)


def canonical(name: str) -> str:
    return FIELD_ALIASES.get(name, name)


def _source(entry: dict) -> tuple[int | None, tuple[float, float, float, float] | None]:
    source = entry.get("source") if isinstance(entry.get("source"), dict) else entry
    if not isinstance(source, dict):
        return None, None
    page = source.get("page")
    box = source.get("bbox") or source.get("box")
    if box is None and all(k in source for k in ("x0", "top", "x1", "bottom")):
        box = [source["x0"], source["top"], source["x1"], source["bottom"]]
    try:
        page = int(page) if page is not None else None
        bbox = tuple(float(v) for v in box) if box is not None and len(box) == 4 else None
    except (TypeError, ValueError):
        return None, None
    return page, bbox  # type: ignore[return-value]


def field_infos(
    extraction: dict | None, thresholds: dict[str, float] | None = None, prefix: str = ""
) -> dict[str, FieldInfo]:
    """Per canonical field name, what the extraction says about it."""
    if not isinstance(extraction, dict):
        return {}
    entries = extraction.get("fields") if isinstance(extraction.get("fields"), dict) else extraction
    thresholds = thresholds or {}
    infos: dict[str, FieldInfo] = {}
    for name, entry in entries.items():
        if not isinstance(entry, dict) or name in ("candidates", "source"):
            continue
        key = canonical(name)
        confidence = entry.get("confidence")
        try:
            confidence = float(confidence) if confidence is not None else None
        except (TypeError, ValueError):
            confidence = None
        page, bbox = _source(entry)
        threshold = thresholds.get(prefix + key, DEFAULT_THRESHOLD)
        infos[key] = FieldInfo(
            confidence=confidence,
            page=page,
            bbox=bbox,
            rule=str(entry.get("rule") or entry.get("method") or ""),
            low=confidence is not None and confidence < threshold,
        )
    if entries is not extraction:
        # The matchers' verdicts sit next to the fields: extraction["customer"] on the order,
        # extraction["product"] on a line ({"confidence", "method", "candidates", ...}).
        for key in ("customer", "product"):
            verdict = extraction.get(key)
            if (
                isinstance(verdict, dict)
                and verdict.get("confidence") is not None
                and key not in infos
            ):
                try:
                    confidence = float(verdict["confidence"])
                except (TypeError, ValueError):
                    continue
                rule = str(verdict.get("method") or "")
                if verdict.get("ambiguous"):
                    rule = (rule + " · ambiguous").strip(" ·")
                infos[key] = FieldInfo(
                    confidence=confidence,
                    rule=rule,
                    low=confidence < thresholds.get(prefix + key, DEFAULT_THRESHOLD)
                    or bool(verdict.get("ambiguous")),
                )
    if "ship_to" in infos:  # one box for the whole address block, shared by its parts
        for part in ("name", "street", "postal_code", "city", "country"):
            infos.setdefault(f"ship_to.{part}", infos["ship_to"])
    return infos


def row_source(extraction: dict | None) -> FieldInfo:
    if not isinstance(extraction, dict) or not isinstance(extraction.get("source"), dict):
        return FieldInfo()
    page, bbox = _source(extraction)
    return FieldInfo(page=page, bbox=bbox)


def candidates(extraction: dict | None) -> list[dict]:
    """Ranked product candidates: ``[{"product_id", "score", "reason"}]``, best first."""
    if not isinstance(extraction, dict):
        return []
    ranked = []
    raw = extraction.get("candidates")
    if not raw and isinstance(extraction.get("product"), dict):
        raw = extraction["product"].get("candidates")
    for entry in raw or []:
        if not isinstance(entry, dict):
            continue
        product_id = entry.get("product_id", entry.get("id", entry.get("product")))
        try:
            product_id = int(product_id)
        except (TypeError, ValueError):
            continue
        try:
            score = float(entry.get("score", entry.get("confidence", 0)) or 0)
        except (TypeError, ValueError):
            score = 0.0
        reason = (
            entry.get("reason")
            or entry.get("method")
            or ", ".join(str(e) for e in entry.get("evidence") or [])
        )
        ranked.append({"product_id": product_id, "score": score, "reason": str(reason)})
    ranked.sort(key=lambda c: -c["score"])
    return ranked


def _in_readers_language(entry: dict) -> str:
    """The issue's words in the active language, when the rule said them in it."""
    from django.utils.translation import get_language

    said = entry.get("messages")
    language = (get_language() or "")[:2]
    if isinstance(said, dict) and said.get(language):
        return str(said[language])
    return str(entry.get("message") or "")


def parse_issues(raw: list | None) -> list[Issue]:
    issues = []
    for entry in raw or []:
        if not isinstance(entry, dict):
            continue
        name = str(entry.get("field") or "")
        line_index = None
        match = ISSUE_FIELD.match(name)
        if match:
            line_index = int(match.group(1))
            name = "line." + canonical(match.group(2)) if match.group(2) else "line"
        else:
            name = canonical(name.split(".")[0]) if name.startswith("ship_to") else canonical(name)
        issues.append(
            Issue(
                code=str(entry.get("code") or ""),
                field=name,
                message=_in_readers_language(entry),
                blocking=bool(entry.get("blocking", True)),
                line_index=line_index,
                raw=entry,
            )
        )
    return issues


def issue_matches(issue: dict, *, field_name: str, line_index: int | None = None) -> bool:
    """Whether a raw issue is about ``field_name`` (desk name; ``line.x`` with ``line_index``)."""
    parsed = parse_issues([issue])
    if not parsed:
        return False
    one = parsed[0]
    if field_name.startswith("line."):
        return one.line_index == line_index and one.field == field_name
    if field_name.startswith("ship_to"):
        return one.field == "ship_to" or one.raw.get("field") == field_name
    return one.field == field_name and one.line_index is None


def line_field(index: int, name: str) -> str:
    return f"lines[{index}].{name}"


def reindex_issues(raw: list, old_ids: list[int], new_ids: list[int]) -> list:
    """Issues follow their line when lines move; issues of a line that is gone are dropped."""
    position = {line_id: i for i, line_id in enumerate(new_ids)}
    result = []
    for entry in raw or []:
        match = (
            ISSUE_FIELD.match(str(entry.get("field") or "")) if isinstance(entry, dict) else None
        )
        if not match:
            result.append(entry)
            continue
        old_index = int(match.group(1))
        if old_index >= len(old_ids) or old_ids[old_index] not in position:
            continue
        new_index = position[old_ids[old_index]]
        suffix = f".{match.group(2)}" if match.group(2) else ""
        result.append({**entry, "field": f"lines[{new_index}]{suffix}"})
    return result
