"""Order lines written as sentences or bullet lists (email bodies, faxed letters).

    merci de nous livrer 12 x réf A-778 et 3 cartons de gaine thermo
    please ship 10 EA of 4711 at $3.45
    - 60 each Labels 100x50 mm, direct thermal, roll of 1000
    Bitte liefern Sie 5 Stück Art.-Nr. 12345
    6 ST A-146 - Packband PP Acryl 48 mm x 132 m, weiß
    Art. 4711 : 10 pcs

A line item is a quantity that is marked as one — followed by a unit, by "x", or by a
reference marker (réf, Art.-Nr., item #…), or opening a bullet — then a product code and/or a
description, and maybe a price ("à 6,80 €", "@ 3.45", "zu je 3,45 EUR"). Numbers that are
sizes (48 mm), dates, phone numbers or the PO number are not quantities.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ingestion.extraction import dates as dates_mod
from ingestion.extraction.geometry import TextLine, fold
from ingestion.extraction.labels import find_labels
from ingestion.extraction.model import ExtractedLine
from ingestion.extraction.numbers import parse_number
from ingestion.extraction.units import normalise_unit

_UNIT_WORDS = (
    r"pcs|pc|pce|pces|pieces?|pi[eè]ces?|ea|each|units?|unit[ée]s?|u\.|un\.|st[üu]ck|stk|st|stck|"
    r"cartons?|ctns?|ctn|cs|cases?|box(?:es)?|bo[iî]tes?|btes?|kartons?|kart|krt|colis|"
    r"packs?|packages?|paquets?|pqts?|packungen|packung|pkg|pk|pkt|pakete?|"
    r"rolls?|rouleaux|rouleau|rollen|rolle|sets?|jeux|jeu|pairs?|paires?|paar|bags?|sacs?|beutel|"
    r"pallets?|palettes?|pal|kg|kgs|kilos?|g|l|lt|ltr|litres?|liters?|liter|m|ml|meters?|m[eè]tres?|meter|lfm|dz|dozen|douzaines?|dutzend"
)
_REF = r"(?:(?:r[ée]f(?:[ée]rence)?\.?|art(?:icle|ikel)?\.?(?:\s*-?\s*n[or]\.?)?|art\.-nr\.?|item(?:\s*(?:no\.?|#))?|part(?:\s*(?:no\.?|#|number))?|sku|code|p/n|n[°o]\.?|nr\.?|#)(?![A-Za-zÀ-ÿ]))"
_CODE = r"(?=[A-Za-z0-9./_-]*\d)[A-Za-z0-9][A-Za-z0-9./_-]*[A-Za-z0-9]|[A-Z]{2,}[A-Z0-9_-]*"
_SIZE_UNITS = re.compile(
    r"^(?:mm|cm|µm|um|mic|microns?|ml|cl|dl|v|w|kw|mah|a|ah|bar|°c|%|x\s*\d|inch|in|ft|gsm|g/m²|mmx|m²|m2|m³|m3)\b",
    re.IGNORECASE,
)

_QTY_HEAD = re.compile(
    rf"(?<![\w.,/:-])(?P<qty>\d{{1,3}}(?:[ \u00a0\u202f]\d{{3}})+(?=\s*(?:[x×*]|{_UNIT_WORDS})\b)|\d{{1,6}}(?:[.,]\d{{1,3}})?)(?![\d/:-])\s*"
    rf"(?:(?P<unit>{_UNIT_WORDS})(?![\w])\.?)?\s*"
    rf"(?P<x>[x×*](?!\w)|de\s+|d'|of\s+|von\s+)?\s*",
    re.IGNORECASE,
)
_REF_CODE = re.compile(rf"^\s*(?P<ref>{_REF})\s*[:#]?\s*(?P<code>{_CODE})", re.IGNORECASE)
_BARE_CODE = re.compile(
    rf"^\s*(?P<code>{_CODE})(?=\s*(?:$|[-–:(,;]|\.(?:\s|$)|\s+-\s|\s+[A-Za-zÀ-ÿ]))"
)
_PRICE = re.compile(
    r"(?:\s(?:à|a|at|@|zu(?:\s+je)?|je|for|pour|prix|price|par|per|chacun|each)\s*:?\s*|\s@\s*)"
    r"(?P<cur1>[€$£]|EUR|USD|GBP|CHF)?\s*(?P<price>\d{1,6}(?:[.,]\d{1,4})?)\s*(?P<cur2>[€$£]|EUR|USD|GBP|CHF|euros?)?",
    re.IGNORECASE,
)
_CODE_THEN_QTY = re.compile(
    rf"(?<![\w])(?P<ref>{_REF})\s*[:#]?\s*(?P<code>{_CODE})(?:\s*[:=]|\s+[x×–-]|,?\s*(?:qty|quantity|quantit[ée]|qt[ée]|menge|anzahl)\s*[:=]?)\s*"
    rf"(?P<qty>\d{{1,6}}(?:[.,]\d{{1,3}})?)\s*(?P<unit>{_UNIT_WORDS})?(?![\w])",
    re.IGNORECASE,
)
_BARE_CODE_THEN_QTY = re.compile(
    rf"^\s*(?P<code>{_CODE})\s*(?::|=|\s[x×–-]\s)\s*(?P<qty>\d{{1,6}}(?:[.,]\d{{1,3}})?)\s*(?P<unit>{_UNIT_WORDS}|[A-Z]{{2,4}}\.?)?(?![\w])",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[-*•·–>]+|\(?\d{1,2}[.)])\s+")
_COUNT_UNITS = (
    r"pcs|pc|pce|pces|pieces?|pi[eè]ces?|ea|each|units?|unit[ée]s?|st[üu]ck|stk|st|cartons?|ctns?|cs|cases?|box(?:es)?|"
    r"bo[iî]tes?|btes?|kartons?|kart|colis|packs?|paquets?|packungen|rolls?|rouleaux|rollen|sets?|pairs?|paires?|paar|bags?|sacs?|beutel|pallets?|palettes?"
)
_SPLIT = re.compile(
    r"\s*(?:;|\bet\b|\band\b|\bund\b|\bplus\b|\+|,(?=\s)|(?<!\d),)\s*(?=\d{1,6}(?:[.,]\d{1,3})?\s*(?:[x×*]|"
    + _COUNT_UNITS
    + r")\b)",
    re.IGNORECASE,
)
_SKIP_FIELDS = {
    "po_number",
    "order_date",
    "requested_delivery_date",
    "customer_number",
    "phone",
    "email",
    "vat",
    "invoice_number",
    "vendor_number",
    "quote_number",
    "payment_terms",
    "page",
    "subtotal",
}


def _clean_description(text: str) -> str:
    text = text.strip(" \t-–:;,.()[]")
    text = re.sub(r"^\((.*)\)$", r"\1", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip(" -–:;,()")


def _parse_clause(clause: str, *, bullet: bool, decimal_sep: str | None) -> ExtractedLine | None:
    found = _qty_first(clause, bullet=bullet, decimal_sep=decimal_sep)
    if found is not None:
        return found
    m = _CODE_THEN_QTY.search(clause) or (_BARE_CODE_THEN_QTY.match(clause) if bullet else None)
    if m is None:
        return _qty_last(clause, decimal_sep=decimal_sep)
    if m:
        qty = parse_number(m["qty"], decimal_sep=decimal_sep)
        rest = clause[m.end() :]
        return _line(
            qty,
            m["unit"],
            m["code"],
            rest,
            clause,
            rule="free_text:code_qty",
            decimal_sep=decimal_sep,
        )
    return None


def _date_spans(clause: str) -> list[tuple[int, int]]:
    """Where dates are written ("30 novembre", "le 12/10"): their numbers are no quantities."""
    return [
        (m.start, m.end)
        for m in dates_mod.find_dates(clause, allow_partial=True, default_year=2000)
        if m.kind != "partial"  # "8.8" is a bolt's grade, "8.5" kg a quantity
    ]


def _qty_first(clause: str, *, bullet: bool, decimal_sep: str | None) -> ExtractedLine | None:
    dates = _date_spans(clause)
    for q in _QTY_HEAD.finditer(clause):
        if any(a <= q.start("qty") < b for a, b in dates):
            continue
        qty_text, unit, x = q["qty"], q["unit"], q["x"]
        rest = clause[q.end() :]
        at_start = not clause[: q.start()].strip(" -*•:")
        if unit and unit.lower() in ("m", "l", "g", "ml", "kg") and not at_start and not x:
            continue
        if _SIZE_UNITS.match(clause[q.end("qty") :].strip()) and not unit:
            continue
        ref = _REF_CODE.match(rest)
        if not (unit or x or ref or (bullet and at_start)):
            continue
        qty = parse_number(qty_text, decimal_sep=decimal_sep)
        if qty is None or qty <= 0:
            continue
        code = None
        if ref:
            code, rest = ref["code"], rest[ref.end() :]
        else:
            bare = _BARE_CODE.match(rest)
            if bare and (
                re.search(r"\d", bare["code"])
                and (re.search(r"[A-Za-z.-]", bare["code"]) or x or unit)
            ):
                code, rest = bare["code"], rest[bare.end() :]
        if code is None and not re.search(r"[A-Za-zÀ-ÿ]{3,}", rest):
            continue
        return _line(
            qty, unit, code, rest, clause, rule="free_text:qty_first", decimal_sep=decimal_sep
        )
    return None


def _is_price(m: re.Match, text: str) -> bool:
    """A price has a currency or decimals and is not a pack size ("Beutel à 100 Stück")."""
    after = text[m.end() :].lstrip()
    if re.match(rf"(?:{_UNIT_WORDS})\b", after, re.IGNORECASE) and not (m["cur1"] or m["cur2"]):
        return False
    return bool(m["cur1"] or m["cur2"] or re.search(r"[.,]\d{2,4}$", m["price"]))


_TRAILING_QTY = re.compile(
    rf"^(?P<head>.*?[A-Za-zÀ-ÿ].*?)(?P<sep>\s{{2,}}|\s+[-–:]\s*|\s*\t\s*)(?P<qty>\d{{1,6}}(?:[.,]\d{{1,3}})?)\s*(?P<unit>{_COUNT_UNITS}|stk|st|kart|ktn|bx|bxs|kg|kgs|lfm|rls?)\.?\s*$",
    re.IGNORECASE,
)


def _qty_last(clause: str, *, decimal_sep: str | None) -> ExtractedLine | None:
    """``VS-70-853  Handstretchfolie 400 mm 20 µm, transparent  2 Stk``: quantity and unit last."""
    m = _TRAILING_QTY.match(clause.strip())
    if not m:
        return None
    head = m["head"].strip(" -–:")
    code = None
    first, _, remainder = head.partition(" ")
    if re.fullmatch(_CODE, first) and re.search(r"\d", first):
        code, head = first, remainder
    qty = parse_number(m["qty"], decimal_sep=decimal_sep)
    if qty is None or qty <= 0 or (code is None and len(head) < 4):
        return None
    return _line(
        qty, m["unit"], code, head, clause, rule="free_text:qty_last", decimal_sep=decimal_sep
    )


def _line(qty, unit_text, code, rest, clause, *, rule, decimal_sep) -> ExtractedLine:
    price = None
    pm = next((m for m in _PRICE.finditer(" " + rest) if _is_price(m, " " + rest)), None)
    if pm:
        price = parse_number(pm["price"], decimal_sep=decimal_sep)
        rest = (" " + rest)[: pm.start()]
    dates = _date_spans(rest)
    if dates and re.search(r"[A-Za-zÀ-ÿ]{3,}", rest[: dates[0][0]]):
        # "gaine thermo pour le 30 novembre": the date is the delivery's, not the product's
        rest = re.sub(
            r"(?i)\s+(?:pour\s+le|avant\s+le|le|by|on|before|for|bis(?:\s+zum)?|am|zum)\s*$",
            "",
            rest[: dates[0][0]],
        )
    description = _clean_description(rest)
    unit = (normalise_unit(unit_text) or unit_text.rstrip(".").upper()) if unit_text else None
    codes = (code,) if code else ()
    confidence = 0.8 if code else 0.7
    if not description and not code:
        confidence = 0.3
    return ExtractedLine(
        customer_sku=code,
        description=description,
        description_lines=(description,) if description else (),
        quantity=qty,
        unit=unit,
        unit_price=price,
        line_total=(qty * price).quantize(Decimal("0.01"))
        if price is not None and qty is not None
        else None,
        codes=codes,
        confidence=confidence,
        field_confidence={"quantity": confidence},
        rule=rule,
        raw_text=clause.strip(),
    )


def extract_free_lines(
    lines: list[TextLine],
    *,
    decimal_sep: str | None,
    dayfirst: bool | None,
    default_year: int | None,
) -> list[ExtractedLine]:
    out: list[ExtractedLine] = []
    seen: set[str] = set()
    for ln in lines:
        # column gaps kept as two spaces: "CODE  description  2 Stk"
        text = "  ".join(ln.text_of(s0, s1) for s0, s1 in ln.segments)
        folded = fold(text)
        if re.match(
            r"^\s*(?:>|from:|von:|de :|de:|sent:|to:|an:|subject:|objet|betreff|tel|fax|www|http)",
            folded,
        ):
            continue
        hits = find_labels(ln)
        if hits and hits[0].first_word <= 1 and hits[0].field in _SKIP_FIELDS:
            continue
        bullet = bool(_BULLET.match(text))
        body = _BULLET.sub("", text, count=1)
        for clause in _SPLIT.split(body):
            item = _parse_clause(clause, bullet=bullet, decimal_sep=decimal_sep)
            if item is None:
                continue
            key = fold(item.raw_text)
            if key in seen:
                continue  # a quoted reply repeats the order
            seen.add(key)
            out.append(
                ExtractedLine(
                    **{
                        **{
                            f: getattr(item, f)
                            for f in (
                                "customer_sku",
                                "description",
                                "description_lines",
                                "quantity",
                                "unit",
                                "unit_price",
                                "line_total",
                                "codes",
                                "confidence",
                                "field_confidence",
                                "rule",
                                "raw_text",
                            )
                        },
                        "line_no": len(out) + 1,
                        "source": ln.source_ref(),
                    }
                )
            )
    return out
