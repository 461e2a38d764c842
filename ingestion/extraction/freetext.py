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
from collections import defaultdict
from dataclasses import replace
from decimal import Decimal

from ingestion.extraction import dates as dates_mod
from ingestion.extraction.addresses import parse_postal_line
from ingestion.extraction.amendments import NO_ITEM_WORDS
from ingestion.extraction.geometry import TextLine, fold
from ingestion.extraction.labels import find_labels
from ingestion.extraction.model import ExtractedLine
from ingestion.extraction.numbers import parse_number
from ingestion.extraction.units import TIMES_A_CONTENT, normalise_unit
from ingestion.layout import TextSource

# Containers buyers count in: "5 bobines d'essuyage", "1 coffret de forets", "15 Boxen FFP2",
# "6 reels H07V-U", "3 Kanister Reiniger".
_PACKAGING = (
    r"bobines?|coffrets?|bidons?|seaux|seau|tubes?|flacons?|cartouches?|f[uû]ts?|kits?|sachets?|"
    r"caisses?|bouteilles?|pots?|[ée]tuis?|tourets?|"
    r"reels?|spools?|drums?|cans|tins?|bottles?|buckets?|pails?|jars?|bundles?|coils?|sheets?|"
    r"cartridges?|packets?|boxen|dosen|dose|eimer|kanister|tuben|flaschen?|kartuschen?|spulen?|"
    r"s[äa]cke|sack|kisten?|gebinde|pck|tüten?|trommeln?|ringe?|rings?|couronnes?|ve|vpe|bib|"
    r"f[äa]ss(?:er)?|fl\.?|btl\.?|kegs?|f[uû]ts?|bts?|cts?|bout\.?|schalen|schale|barquettes?|trays?|"
    # yarn and thread: "8 Konen", "12 cones", "20 skeins", "6 pelotes"
    r"konen|kone|c[oô]nes?|skeins?|hanks?|balls?|pelotes?|[ée]cheveaux|kn[äa]uel|str[äa]nge?|"
    # lengths: "20 barres de 6 m", "12 Stangen à 3 m", "8 lengths"
    r"barres?|bars|stangen|stange|lengths?|longueurs?|feuilles?|blatt|bogen"
)
_UNIT_WORDS = (
    r"pcs|pc|pce|pces|pieces?|pi[eè]ces?|ea|each|units?|unit[ée]s?|u\.|un\.|st[üu]ck|stk|st|stck|"
    r"cartons?|ctns?|ctn|cs|cases?|box(?:es)?|bx|bxs|bo[iî]tes?|btes?|kartons?|kart|krt|kar|colis|u(?=\s)|"
    r"packs?|packages?|paquets?|pqts?|packungen|packung|pkg|pk|pkt|pakete?|pak|"
    r"rolls?|rouleaux|rouleau|rlx|rollen|rolle|sets?|jeux|jeu|pairs?|paires?|paar|bags?|sacs?|beutel|"
    r"pallets?|palettes?|paletten|pal|kg|kgs|kilos?|g|l|lt|ltrs?|mtrs?|litres?|liters?|liter|m|ml|meters?|m[eè]tres?|meter|lfm|dz|dozen|douzaines?|dutzend|"
    + _PACKAGING
)
_REF = r"(?:(?:ean(?:-?13)?|gtin|upc|mat(?:erial)?\.?\s*-?\s*n[ro]\.?|r[ée]f(?:[ée]rence)?\.?|art(?:icle|ikel)?\.?(?:\s*-?\s*n[or]\.?)?|art\.-nr\.?|item(?:\s*(?:no\.?|#))?|part(?:\s*(?:no\.?|#|number))?|sku|code|p/n|n[°o]\.?|nr\.?|#)(?![A-Za-zÀ-ÿ]))"
_CODE = r"(?=[A-Za-z0-9./_-]*\d)[A-Za-z0-9][A-Za-z0-9./_-]*[A-Za-z0-9]|[A-Z]{2,}[A-Z0-9_-]*"
_CONTAINERS_OF_CONTENT = re.compile(rf"\s*{TIMES_A_CONTENT}", re.IGNORECASE)
_SIZE_UNITS = re.compile(
    r"^(?:mm|cm|µm|um|mic|microns?|ml|cl|dl|v|w|kw|mah|a|ah|bar|°c|%|x\s*\d|inch|in|ft|gsm|g/m²|mmx|m²|m2|m³|m3)\b",
    re.IGNORECASE,
)

_QTY_HEAD = re.compile(
    rf"(?<![\w.,/:'’-])(?P<qty>\d{{1,3}}(?:['’]\d{{3}})+|\d{{1,3}}(?:[ \u00a0\u202f]\d{{3}})+(?=\s*(?:[x×*]|{_UNIT_WORDS})\b)|\d{{1,6}}(?:[.,]\d{{1,3}})?)(?![\d/:'’-])\s*"
    rf"(?:(?P<unit>{_UNIT_WORDS})(?![\w])\.?)?\s*"
    rf"(?P<x>[x×*](?!\w)|de\s+|d'|of\s+|von\s+)?\s*",
    re.IGNORECASE,
)
_REF_CODE = re.compile(rf"^\s*(?P<ref>{_REF})\s*[:#]?\s*(?P<code>{_CODE})", re.IGNORECASE)
_BARE_CODE = re.compile(
    rf"^\s*(?P<code>{_CODE})(?=\s*(?:$|[-–:(,;]|\.(?:\s|$)|\s+-\s|\s+[A-Za-zÀ-ÿ])|(?<=[A-Za-z])\s)"
)
_PRICE = re.compile(
    r"(?:\s(?:(?:zum|au|at\s+a|at\s+the|for\s+the|for\s+a)\s+(?:(?:unit|net|gross|unitaire|net|St[üu]ck)\s*)?"
    r"(?:preis|prix|price)(?:\s+(?:unitaire|net|HT))?\s+(?:von|de|of)"
    r"|à|a|at|@|zu(?:\s+je)?|je|for|pour|prix|price|par|per|chacun|each"
    r"|pu|p\.u\.(?:\s*ht)?|unit\s+price|prix\s+unitaire|e-?preis|einzelpreis|st[üu]ckpreis)\s*:?\s*"
    r"|\s@\s*|\s{2,}(?=[€$£]|EUR\b|USD\b|GBP\b|CHF\b)"
    # "2kg of the rope lubricant, 17.40/kg": a price after a comma, said per unit
    r"|,\s*(?=\d{1,6}[.,]\d{2}\s*/\s*[^\W\d_]{1,6}\b)"
    # "(AD-AER-500), 8,50 € l'unité", ", 4.20 EUR each": after a comma, a price of one
    r"|,\s*(?=\d{1,6}[.,]\d{2}\s*(?:[€$£]|eur|chf|gbp|usd)?\s*(?:l'unit[ée]|la\s+pi[eè]ce|each|per\s+(?:unit|piece|pc)|pro\s+st[üu]ck|das\s+st[üu]ck|je\s+st[üu]ck|/\s*st[üu]?c?k)\b))"
    r"(?P<cur1>[€$£]|EUR|USD|GBP|CHF|S?Fr\.)?\s*(?P<price>\d{1,3}(?:[.,'’]\d{3})+[.,]\d{2}(?!\d)|\d{1,3}(?:[ \u00a0\u202f]\d{3})+[.,]\d{2}(?!\d)|\d{1,6}(?:[.,]\d{1,4})?)\s*(?P<cur2>[€$£]|EUR|USD|GBP|CHF|euros?)?",
    re.IGNORECASE,
)
_CODE_THEN_QTY = re.compile(
    rf"(?<![\w])(?P<ref>{_REF})\s*[:#]?\s*(?P<code>{_CODE})(?:\s*[:=]|\s+[x×–-]|\s*[,/|;]?\s*(?:qty|quantity|quantit[ée]|qt[ée]|menge|anzahl)\s*[:=]?)\s*"
    rf"(?P<qty>\d{{1,3}}(?:[ \u00a0\u202f]\d{{3}})+(?=\s*(?:{_UNIT_WORDS})\b)|\d{{1,6}}(?:[.,]\d{{1,3}})?)\s*(?P<unit>{_UNIT_WORDS})?(?![\w])",
    re.IGNORECASE,
)
_BARE_CODE_THEN_QTY = re.compile(
    rf"^\s*(?P<code>{_CODE})\s*(?::|=|\s[x×–-]\s)\s*(?P<qty>\d{{1,3}}(?:[ \u00a0\u202f]\d{{3}})+(?=\s*(?:{_UNIT_WORDS})\b)|\d{{1,6}}(?:[.,]\d{{1,3}})?)\s*(?P<unit>{_UNIT_WORDS}|[A-Z]{{2,4}}\.?)?(?![\w])",
    re.IGNORECASE,
)
_BULLET = re.compile(
    r"^\s*(?:[-*•·–>]+|\(?\d{1,2}[.)]|(?i:pos(?:ition)?)\.?\s*\d{1,4}\s*[:.)-]"
    # "Pos. 1 Fassadenfarbe …": a numbered position, then the goods' words
    r"|(?i:pos(?:ition)?)\.?\s*\d{1,4}(?=\s+[A-Za-zÀ-ÿ]))\s+"
)
_COUNT_UNITS = (
    r"pcs|pc|pce|pces|pieces?|pi[eè]ces?|ea|each|units?|unit[ée]s?|st[üu]ck|stk|st|cartons?|ctns?|cs|cases?|box(?:es)?|"
    r"bo[iî]tes?|btes?|kartons?|kart|colis|packs?|paquets?|packungen|rolls?|rouleaux|rollen|sets?|jeux|jeu|satz|pairs?|paires?|paar|bags?|sacs?|beutel|pallets?|palettes?|"
    + _PACKAGING
)
_SPLIT = re.compile(
    r"\s*(?:;|\bainsi\s+que\b|\bas\s+well\s+as\b|\bsowie\b|\bet\b|\band\b|\bund\b|\bplus\b|\+|,(?=\s)|(?<!\d),)\s*(?:(?:avec|with)\s+)?(?=\d{1,6}(?:[.,]\d{1,3})?\s*(?:[x×*]|"
    + _COUNT_UNITS
    # "24 of the LED panels, 10 of the downlights and 6 of the bulkheads"
    + r"|of\s+(?:the|your|those|these)"
    # "10 EA of 4711 and 20 of 4712": a count of an article number
    + r"|of\s+(?=[A-Za-z0-9./-]*\d)"
    # "… 2 Ringe NYM-J 3x1,5 und 50 m NYM-J 5x2,5": a length, then the goods' words
    + r"|(?:m|lfm|mtr|meters?|m[eè]tres?|kg)\s+(?=[A-Za-zÀ-ÿ])"
    # "6 spirales PDR-SPI-15G et 6 PDR-SPI-15D": a count of an article number
    + r"|(?<=\s)(?=[A-Za-z]{2,}[A-Za-z0-9./-]*\d[A-Za-z0-9./-]*(?:\s|$)))\b)",
    re.IGNORECASE,
)
# "Dazu bitte noch eine Packung Kabelbinder", "avec une boîte de Wago 221-415": one
_ONE = re.compile(
    r"\b(?:eine?n?|un|une|one|a|an)\s+(?=(?:" + _COUNT_UNITS + r"|packung|packungen)\b)",
    re.IGNORECASE,
)
# "deux bidons de 5 L", "three boxes of", "zwei Kanister": a count in words before its unit
_COUNT_WORDS = {
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "dix": 10,
    "douze": 12,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "ten": 10,
    "twelve": 12,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "funf": 5,
    "sechs": 6,
    "zehn": 10,
    "zwölf": 12,
}
_COUNT_WORD = re.compile(
    r"\b(?P<word>" + "|".join(_COUNT_WORDS) + r")\s+(?=(?:" + _COUNT_UNITS + r")\b)",
    re.IGNORECASE,
)


# what a count in words counts, mid-sentence: a unit, a container, a bottle's size
_COUNTED_IN_WORDS = re.compile(
    r"(?:" + _COUNT_UNITS + r"|magnums?|bib|bag-in-box|kisten?|litres?|liters?|kg|kilos?)$",
    re.IGNORECASE,
)


_MORE_OF = re.compile(
    r"(?<![\w.,])(\d{1,4})\s+(?:more|further|additional|extra|weitere|zus[äa]tzliche)\s+(?=[^\W\d_]{3,})",
    re.IGNORECASE,
)


def _counts_in_figures(text: str) -> str:
    """ "eine Packung", "deux bidons", "septante-deux bouteilles de …": the count in figures,
    as every other item writes it."""
    from ingestion.extraction.number_words import counts_before, leading_count

    lead = leading_count(text)
    if lead is not None:
        text = f"{lead[0]}{text[lead[1] :]}"
    text = counts_before(text, _COUNTED_IN_WORDS)
    # "3 more fryer baskets", "2 weitere Rollen": so many of the goods
    text = _MORE_OF.sub(r"\1 ", text)
    # …but "ein paar Sachen" is "a few things" (the pair is "ein Paar")
    text = _ONE.sub(lambda m: m.group(0) if text.startswith("paar", m.end()) else "1 ", text)
    return _COUNT_WORD.sub(lambda m: f"{_COUNT_WORDS[m['word'].lower()]} ", text)


# "… NYM-J 5x2,5. Dazu bitte noch …": two sentences, two items
_SENTENCE_END = re.compile(
    r"(?:(?<=[a-zà-ÿ]{3})|(?<=\d)|(?<=\)))[.!?]\s+(?=[A-ZÀ-Ý][a-zà-ÿ'’]{2,}\s)"
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


# an article number of capitals, a separator and digits ("PDR-SPI-15G")
_ANOTHER_CODE = re.compile(r"(?<![\w-])[A-Z]{2,}[A-Z0-9]*[-./][A-Z0-9./-]*\d[A-Z0-9]*(?![\w-])")
ANOTHER_CODE_INSIDE = 0.6


def doubted(item: ExtractedLine, ceiling: float, rule: str) -> ExtractedLine:
    """The item with its quantity held at ``ceiling`` at most, for a person to read."""
    return replace(
        item,
        confidence=min(item.confidence, ceiling),
        field_confidence={
            **item.field_confidence,
            "quantity": min(item.field_confidence.get("quantity", item.confidence), ceiling),
        },
        rule=item.rule + rule,
    )


# "4 pantalons Atlas gris en 42, 2 en 44", "10 Poloshirts in L, 5 in XL": one garment, two
# sizes, a count for each
_SIZE = r"(?:\d{1,3}|X{0,3}[SML]|XX+L|[2-5]XL)"
_SIZES_APART = re.compile(
    rf"^(?P<n1>\d{{1,4}})\s+(?P<desc>[^\d,;]*?[A-Za-zÀ-ÿ][^,;]*?)\s+"
    rf"(?:en|in|taille|size|gr\.?|gr[öo]e?sse)\s+(?P<s1>{_SIZE})\s*(?:,|\bet\b|\band\b|\bund\b)\s*"
    rf"(?P<n2>\d{{1,4}})\s*(?:x\s*)?(?:en|in|taille|size|gr\.?)\s+(?P<s2>{_SIZE})\s*$",
    re.IGNORECASE,
)


def _sizes_apart(clause: str) -> list[str]:
    m = _SIZES_APART.match(clause.strip())
    if not m:
        return [clause]
    return [f"{m['n1']} {m['desc']} taille {m['s1']}", f"{m['n2']} {m['desc']} taille {m['s2']}"]


def _clean_description(text: str) -> str:
    # the item's words end where the sentence does ("… bulkheads? We need them by Friday")
    text = re.split(
        r"(?<=[a-zà-ÿ)])[?!]\s+(?=[A-ZÀ-Ý])|(?:(?<=[A-Za-zà-ÿ]{4})|(?<=\d))\.\s+(?=[A-ZÀ-Ý][a-zà-ÿ'’]+\s)",
        text,
    )[0]
    text = text.strip(" \t-–:;,.()[]?!")
    text = re.sub(r"^\((.*)\)$", r"\1", text)
    text = re.sub(r"\s+", " ", text)
    text = text.strip(" -–:;,()")
    if re.search(r"\([^()]*$", text):
        text += ")"  # "Croissants butter frozen (120)": the bracket the item's words close
    return text


# "TPB-11607  Disjoncteur 1P C10 : 1 x 8,72 € HT": code, description, then quantity × price
_CODE_DESC_QTY_PRICE = re.compile(
    rf"^(?P<code>{_CODE})\s+(?P<desc>[^:]+?)\s*:\s*(?P<qty>\d+(?:[.,]\d+)?)\s*(?:x|×)\s*"
    r"(?P<price>\d+(?:[.,]\d{1,4})?)\s*(?:€|eur|\$|£|chf)?\s*(?:ht|net|netto|hors\s+taxes?)?\s*$",
    re.IGNORECASE,
)


# a table typed with spaces in an email: "004512  roulements inox 6204   10 pces   18,90",
# "004621  huile chaîne H1   10 L   14,20 le litre (2 bidons)"
_TYPED_ROW = re.compile(
    rf"^(?P<code>{_CODE})\s{{2,}}(?P<desc>\S.*?\S)\s{{2,}}(?P<qty>\d+(?:[.,]\d+)?)\s*"
    r"(?P<unit>[^\W\d_]{1,10}\.?)?\s{2,}(?P<price>\d{1,6}[.,]\d{2,4})\s*(?:€|eur|\$|£|chf)?"
    r"(?:\s*/\s*[^\W\d_]+\.?|\s+(?:le|la|l'|per|pro|par|the)\s*[^\W\d_]+\.?)?(?:\s*\([^)]*\))?\s*$",
    re.IGNORECASE,
)


# a row that prices itself and multiplies out: "ST-H10  Magnum 1 kg   5 Btl   à Fr. 23.20  =
# Fr. 116.00", "Réf. WZ-10085  Forets HSS-G Ø 8,5 mm ........ 6 paquets x 12,60 € = 75,60 €"
_MONEY_MARK = r"(?:€|eur|\$|£|chf|s?fr\.?|gbp|usd)"
_PRICED_ROW = re.compile(
    rf"^(?:(?:r[ée]f|art(?:\.?-?nr)?|item|pos)\.?\s*(?:n[°o]\.?\s*)?:?\s*)?(?P<code>{_CODE})\s+"
    r"(?P<desc>\S.*?\S)(?:\s*(?:\.\s?){3,})?\s+(?P<qty>\d{1,3}(?:['’]\d{3})+|\d+(?:[.,]\d+)?)\s*"
    r"(?P<unit>[^\W\d_]{1,10}\.?)?"
    # "2 bidons de 5 l (10 l)": what the packs hold in all, the count the price is for ("2
    # cartons of 250 at CHF 0.48/pc": so many to a carton, the pieces priced)
    r"(?:\s+(?:de|of|à|zu|von|a)\s+(?P<each>\d+(?:[.,]\d+)?)\s*(?:(?!at\b)[^\W\d_]{1,6}\.?)?)?"
    r"(?:\s*\((?P<inner>\d+(?:[.,]\d+)?)\s*(?P<inner_unit>[^\W\d_]{1,6}\.?)\))?"
    r"\s+(?:à|a|x|×|@|je|zu|at)\s*"
    rf"{_MONEY_MARK}?\s*(?P<price>\d{{1,6}}(?:['’ ]\d{{3}})*[.,]\d{{2,4}})\s*{_MONEY_MARK}?"
    r"(?:\s*/\s*[^\W\d_]{1,8}\.?)?\s*=\s*"
    rf"{_MONEY_MARK}?\s*(?P<amount>\d{{1,7}}(?:['’ .,]\d{{3}})*[.,]\d{{2}})\s*{_MONEY_MARK}?\s*$",
    re.IGNORECASE,
)


# a code of capitals alone, in parts: "FB-SCR-NAT", "TR-FRG-BUR" (not a word like "NOTE")
_LETTER_CODE = re.compile(r"[A-Z]{2,}(?:[-./][A-Z0-9]{2,})+")


def _code_desc_qty_price(clause: str, decimal_sep: str | None) -> ExtractedLine | None:
    m = _CODE_DESC_QTY_PRICE.match(clause.strip()) or _TYPED_ROW.match(clause.strip())
    amount = None
    if m is None:
        m = _PRICED_ROW.match(clause.strip())
        if m is not None:
            amount = parse_number(m["amount"], decimal_sep=decimal_sep)
    if not m or not (re.search(r"\d", m["code"]) or _LETTER_CODE.fullmatch(m["code"])):
        return None
    qty = parse_number(m["qty"], decimal_sep=decimal_sep)
    price = parse_number(m["price"], decimal_sep=decimal_sep)
    if qty is None or price is None or qty <= 0:
        return None
    unit = m.groupdict().get("unit")
    inner = m.groupdict().get("inner")
    if amount is not None and inner:
        inner_qty = parse_number(inner, decimal_sep=decimal_sep)
        if inner_qty and abs(inner_qty * price - amount) <= Decimal("0.01"):
            qty, unit = inner_qty, m["inner_unit"]
    each = m.groupdict().get("each")
    each_qty = parse_number(each, decimal_sep=decimal_sep) if each else None
    if (
        amount is not None
        and each_qty
        and abs(qty * price - amount) > Decimal("0.01")
        and abs(qty * each_qty * price - amount) <= Decimal("0.01")
    ):
        qty, unit = qty * each_qty, None  # the pieces the cartons hold, at the piece's price
    if amount is not None and abs(qty * price - amount) > Decimal("0.01"):
        return None  # the row's own arithmetic says another reading
    return _coded_line(
        m["code"],
        m["desc"],
        qty,
        unit,
        price,
        line_total=(qty * price).quantize(Decimal("0.01")),
        rule="free_text:code_desc_qty_price",
        raw_text=clause,
    )


def _coded_line(
    code: str,
    desc: str,
    qty: Decimal,
    unit: str | None,
    price: Decimal | None,
    *,
    line_total: Decimal | None,
    rule: str,
    raw_text: str,
) -> ExtractedLine:
    """An item a message's row gives whole: its code, words, count, unit and price."""
    description = _clean_description(desc)
    return ExtractedLine(
        customer_sku=code,
        description=description,
        description_lines=(description,) if description else (),
        quantity=qty,
        unit=(normalise_unit(unit) or unit) if unit else None,
        unit_price=price,
        line_total=line_total,
        codes=(code,),
        confidence=0.8,
        field_confidence={"quantity": 0.8},
        rule=rule,
        raw_text=raw_text.strip(),
    )


# a row of fields set apart by dashes: "KL-15910 – Laborflasche GL 45, 1000 ml – 1 Karton à 12
# Stk., Stückpreis EUR 5,20", "KL-28069 – Silikonschlauch 6x9 – 5 Meter, Meterpreis EUR 3,20"
_DASHED_ROW = re.compile(
    rf"^(?P<code>{_CODE})\s+[–—-]\s+(?P<desc>\S.*?)\s+[–—-]\s+"
    r"(?P<qty>\d{1,6}(?:[.,]\d{1,3})?)\s*(?P<unit>[^\W\d_]{1,12})?\.?"
    r"(?:\s+(?:à|a|de|of|zu|je)\s+(?P<each>\d{1,5})\s*(?P<each_unit>[^\W\d_]{1,10})\.?)?"
    r"(?:\s*[,;]\s*(?P<label>(?!(?:eur|chf|gbp|usd)\b)[^\W\d_]+(?:\s+(?!(?:eur|chf|gbp|usd)\b)[^\W\d_]+)?)?\s*(?P<cur1>[€$£]|eur|chf|gbp|usd)?\s*"
    r"(?P<price>\d{1,6}(?:[.,]\d{1,4})?)\s*(?P<cur2>[€$£]|eur|chf|gbp|usd)?)?\s*\.?\s*$",
    re.IGNORECASE,
)
# the price of one piece, whatever holds the pieces counted
_PIECE_PRICE = re.compile(
    r"st[üu]ckpreis|preis\s+(?:je|pro)\s+st(?:[üu]ck|k)\.?|prix\s+(?:unitaire|(?:à|a|par)\s+la\s+pi[eè]ce)"
    r"|price\s+(?:each|per\s+(?:piece|unit|pc))|unit\s+price|each",
    re.IGNORECASE,
)


def _dashed_row(text: str, *, decimal_sep: str | None) -> ExtractedLine | None:
    m = _DASHED_ROW.match(text.strip())
    if m is None:
        return None
    qty = parse_number(m["qty"], decimal_sep=decimal_sep)
    price = parse_number(m["price"], decimal_sep=decimal_sep) if m["price"] else None
    if qty is None or qty <= 0 or (m["price"] and price is None):
        return None
    if m["label"] and not (
        m["cur1"] or m["cur2"] or re.search(r"preis|prix|price", m["label"], re.I)
    ):
        return None  # "…, 3 Stk, dringend 2": no price said
    unit = m["unit"]
    if (
        m["each"]
        and price is not None
        and normalise_unit(m["each_unit"] or "") == "EA"
        and _PIECE_PRICE.fullmatch((m["label"] or "").strip())
    ):
        # "1 Karton à 12 Stk., Stückpreis EUR 5,20": twelve pieces at the piece's price
        qty, unit = qty * Decimal(m["each"]), m["each_unit"]
    return _coded_line(
        m["code"],
        m["desc"],
        qty,
        unit,
        price,
        line_total=None,
        rule="free_text:dashed_row",
        raw_text=text,
    )


# "VD412000 (your ref. MCB-1PN-C16): 40 pcs @ EUR 12.71": our article, named in brackets
_YOUR_REF = re.compile(
    r"\s*\((?:your|votre|vos|ihre?|uw)\s+(?:ref(?:erence)?|r[ée]f(?:[ée]rence)?|art(?:ikel)?(?:\.?-?nr)?"
    r"|code|item|sku|artikelnummer)\.?\s*:?\s*(?P<ref>[A-Za-z0-9][A-Za-z0-9./_-]*[A-Za-z0-9])\s*\)",
    re.IGNORECASE,
)


# dot leaders before a price: "roulement 22210 EK ............ CHF 79.50 pce"
_LEADERS_TO_PRICE = re.compile(
    r"\s*(?:\.\s?){3,}\s*(?=(?:[€$£]|eur|chf|gbp|usd|fr\.)?\s*\d[\d'’., ]*[.,]\d{2}\b)", re.I
)


def _parse_clause(clause: str, *, bullet: bool, decimal_sep: str | None) -> ExtractedLine | None:
    clause = _LEADERS_TO_PRICE.sub(" à ", clause)
    ours = _YOUR_REF.search(clause)
    if ours is not None:
        item = _parse_clause(
            clause[: ours.start()] + clause[ours.end() :], bullet=bullet, decimal_sep=decimal_sep
        )
        if item is not None:
            return replace(item, sku=ours["ref"], codes=(ours["ref"], *item.codes))
    found = _code_desc_qty_price(clause, decimal_sep)
    if found is not None:
        return found
    found = _qty_first(clause, bullet=bullet, decimal_sep=decimal_sep)
    if found is not None and (found.customer_sku or found.description):
        return found
    # a count that names nothing ("VD412000: 40 pcs @ EUR 12.71"): the code before it may
    m = _CODE_THEN_QTY.search(clause) or (_BARE_CODE_THEN_QTY.match(clause) if bullet else None)
    if m is None:
        # "RD-2035 Anches … force 3,5 : 3 boîtes de 10": a count that names nothing after it
        # follows the item it counts
        return (
            _qty_last(clause, decimal_sep=decimal_sep)
            or _times_qty_last(clause, decimal_sep=decimal_sep)
            or found
        )
    if m:
        qty = parse_number(m["qty"], decimal_sep=decimal_sep)
        rest = clause[m.end() :]
        code = m["code"]
        if not re.search(r"\d", code) and not code.isupper():
            # "frites : 300 kg": a word before the quantity names the goods, it is no code
            code, rest = None, code + " " + rest
        return _line(
            qty,
            m["unit"],
            code,
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


_REFERENCE_BEFORE = re.compile(
    r"(?:^|[\s(])(?:order|commande|bestellung|auftrag|po|invoice|facture|rechnung|quote|devis|angebot"
    r"|lieferschein|delivery\s+note|bon"
    # "item 3 of your quote", "Pos. 4 Ihres Angebots": the position named, no count
    r"|item|line|position|pos\.?|ligne|poste|zeile)\s*(?:n[°o]\.?|nr\.?|no\.?|#|number|num[ée]ro)?\s*[:.]?\s*$",
    re.IGNORECASE,
)
_QTY_LABEL = re.compile(
    r"(?:^|[\s(,;/|])(?:qt[ée]s?|qte|qty|quantit[ée]s?|quantity|menge|anzahl|st[üu]ckzahl|nombre|nb)"
    r"\.?\s*[:=]?\s*$",
    re.IGNORECASE,
)
# "il nous faudrait 200 disques …", "please send us 40 hose clamps …": the number right after an
# order verb counts goods even with no unit (a weaker reading than "200 x" or "200 pcs").
_ORDER_VERB = re.compile(
    r"(?:^|\s)(?:faudrait|besoin\s+de|commander|livrer|envoyer|exp[ée]dier|pr[ée]parer|fournir|"
    r"ajouter|ajoutez|rajouter|rajoutez|need|send|ship|deliver|supply|require|"
    # a sentence that adds to the order: "Also 1 heating element for the fryer"
    r"^\s*(?:also|additionally|dazu|au[sß]serdem|zus[äa]tzlich|en\s+plus|de\s+plus|et\s+aussi)|"
    r"ben[öo]tigen|ben[öo]tigt|brauchen|br[äa]uchten|bestellen|liefern|schicken|senden|zusenden)"
    r"(?:\s+(?:nous|vous|moi|me|us|uns|mir|sie|please|bitte|svp|also|aussi|auch|noch|encore)){0,3}\s+$",
    re.IGNORECASE,
)
_NOT_GOODS = re.compile(
    r"(?:jours?|days?|tagen?|semaines?|weeks?|wochen|woche|mois|months?|monaten?|heures?|hours?|"
    r"stunden?|minutes?|minuten|ans|years?|jahren?|fois|times|mal|euros?|eur|francs?|dollars?|"
    r"pour\s*cent|percent|prozent|more|plus|de\s+plus|weitere|exemplaires?|copies|copy|exemplare|"
    r"factures?|invoices?|rechnungen?|devis|quotes?|angebote?|catalogues?|katalog|"
    r"rue|avenue|av|boulevard|bd|all[ée]e|impasse|chemin|route|place|quai|cours|street|road|"
    r"lane|drive|way|stra(?:ss|ß)e|weg|platz|gasse|for|pour|f[üu]r|to|by|on|at|au|bis|until|avant|"
    r"before|vor|ab|from|du|des|this|that|these|those|them|ces|cette|diese[nrs]?)\b",
    re.IGNORECASE,
)


_BRACKETED = re.compile(r"\([^()]*\)")


def _qty_first(clause: str, *, bullet: bool, decimal_sep: str | None) -> ExtractedLine | None:
    dates = _date_spans(clause)
    for q in _QTY_HEAD.finditer(clause):
        if any(a <= q.start("qty") < b for a, b in dates):
            continue
        qty_text, unit, x = q["qty"], q["unit"], q["x"]
        rest = clause[q.end() :]
        before = clause[: q.start()]
        at_start = not before.strip(" -*•:")
        if unit and unit.lower() in ("m", "l", "g", "ml", "kg") and not at_start and not x:
            continue
        if (
            _SIZE_UNITS.match(clause[q.end("qty") :].strip())
            and not unit
            # "6 x 1 litre Lavender", "2 x 5kg coconut oil": so many of what holds so much
            # (not "400 x 300 mm", a size)
            and not (at_start and _CONTAINERS_OF_CONTENT.match(clause[q.end("qty") :]))
        ):
            continue
        if _REFERENCE_BEFORE.search(before) and not (unit or (x and x in "x×*")):
            continue  # "our order 2611 of last week", "facture n° 12 du …": a reference
        if x and x in "x×*" and not at_start and re.match(r"\d{1,4}(?![\w./-])", rest):
            continue  # "size 10 x 24 pairs", "carton 400 x 300": a size inside the words
        labelled = bool(_QTY_LABEL.search(before))
        if (
            not labelled
            and re.search(r"[A-Za-zÀ-ÿ]{4,}[^:]*:\s*$", before)
            and _TRAILING_QTY.match(clause.strip())
        ):
            continue  # "Anches clarinette … : 3 boîtes de 10": the item named, then its count
        if labelled:
            rest = re.sub(r"^[-–:/|]\s*", "", rest)  # "Qté 10 - TD-125-1.0 - disques"
        ref = _REF_CODE.match(rest)
        after_verb = (
            not (unit or x or ref or labelled or (bullet and at_start))
            and bool(_ORDER_VERB.search(before))
            and re.match(r"[A-Za-zÀ-ÿ]{3,}", rest) is not None
            and not _NOT_GOODS.match(rest)
            and not re.match(r"(?:[.,]\d|\s*[-/:])", clause[q.end("qty") :])
        )
        if not (unit or x or ref or labelled or after_verb or (bullet and at_start)):
            continue
        leftover = _split_price(_BRACKETED.sub(" ", rest), decimal_sep=decimal_sep)[1]
        if (
            not at_start
            and not ref
            and re.search(r"[A-Za-zÀ-ÿ]{4,}", before)
            and not re.search(r"[A-Za-zÀ-ÿ0-9]{2,}", re.sub(r"/\s*\w+", " ", leftover))
        ):
            # "Armierungsgewebe 160 g – 2 Rollen (= 100 lfm) à € 1,15/lfm": the goods were
            # named before the count, nothing after it but its price
            continue
        qty = parse_number(qty_text, decimal_sep=decimal_sep)
        if qty is None or qty <= 0 or (after_verb and qty != qty.to_integral_value()):
            continue
        code = None
        if ref:
            code, rest = ref["code"], rest[ref.end() :]
        elif not after_verb and not (
            # "2 cartons de 24": what the carton holds, no article number
            normalise_unit(unit) in ("BOX", "PK", "CS", "BAG", "CAN", "PAL", "ROL")
            and re.fullmatch(
                r"\s*(?:(?:de|of|à|a|zu|je)\s+)?\d{1,3}(?:\s*[^\W\d_]{0,8}\.?)?\s*", rest
            )
            and (x or "").strip().lower() in ("de", "of", "à", "a", "zu", "je", "")
            and (x or re.match(r"\s*(?:de|of|à|a|zu|je)\s", rest))
        ):
            bare = _BARE_CODE.match(rest)
            if (
                bare
                and re.search(r"\d", bare["code"])
                and (re.search(r"[A-Za-z.-]", bare["code"]) or x or unit or labelled)
                # "10 x 2P 63A 30mA RCDs": a rating, not an article number
                and not re.fullmatch(r"\d{1,3}[A-Za-z]{1,2}", bare["code"])
            ):
                code, rest = bare["code"], rest[bare.end() :]
                if (
                    not re.search(r"[-./_]", code)
                    and _code_in_text(_split_price(rest, decimal_sep=decimal_sep)[1])[0]
                ):
                    # "15 Boxen FFP2 Masken MASK-FFP2": a word with a digit leads, the code
                    # comes later
                    code, rest = None, bare["code"] + rest
            elif bare and (
                _word_code(bare["code"], rest[bare.end() :])
                # "100 kg CLN-ABS-GR Absorbant": capitals in three dashed parts after a count
                or (x or unit)
                and re.fullmatch(r"[A-Z][A-Z0-9]*(?:[-_][A-Z0-9]+){2,}", bare["code"])
            ):
                code, rest = bare["code"], rest[bare.end() :]
        if (
            code is None
            and not re.search(r"[A-Za-zÀ-ÿ]{3,}", rest)
            # "1.200 Stück 400x300x200 (700-1140)": a size and the item's code in brackets
            and not (unit and _code_in_text(rest)[0])
            # "- 1 case oj": a list item whose goods have a short name
            and not (unit and bullet and at_start and re.fullmatch(r"\s*[A-Za-zÀ-ÿ]{2}\s*", rest))
            # "50 Stück FI/LS C16 30mA": counted pieces of goods named in short
            and not (
                unit
                and unit.lower() not in ("m", "l", "g", "ml", "kg")
                and re.search(r"[A-Za-z]{2}", rest)
                and re.search(r"[A-Za-z]\d|\d[A-Za-z]", rest)
            )
        ):
            continue
        line = _line(
            qty, unit, code, rest, clause, rule="free_text:qty_first", decimal_sep=decimal_sep
        )
        if after_verb:
            # no unit, no "x": a number in a sentence that reads as a quantity
            confidence = 0.65 if line.customer_sku else 0.55
            line = replace(
                line,
                confidence=confidence,
                field_confidence={"quantity": confidence},
                rule="free_text:after_verb",
            )
        return line
    return None


def _word_code(code: str, after: str) -> bool:
    """A code of capitals with no digit ("SHRINK-KIT", "HV-VEST-XL") only where it stands alone:
    the whole item, or before a dash or a bracket."""
    return (
        re.fullmatch(r"[A-Z][A-Z0-9]*(?:[-_][A-Z0-9]+)+", code) is not None
        and len(code) >= 5
        and re.match(r"\s*(?:$|[.;,]\s*$|\s[-–]\s|\()|\s{2,}", after) is not None
    )


_SIZE = re.compile(
    r"(?i)M?\d+(?:[.,]\d+)?(?:\s*[x×]\s*\d+(?:[.,]\d+)?)*\s*(?:mm|cm|m|µm|l|ml|cl|g|kg|v|w|a|ah|bar|mm²|m²|°c)?"
)
_POLITE = re.compile(
    r"[\s,.;:!-]*\b(?:s\.?v\.?p|svp|please|pls|bitte|merci|thanks|thank\s+you|danke)\b[\s.!]*$",
    re.IGNORECASE,
)
_INNER_REF = re.compile(
    r"(?P<open>\()?\s*(?:(?:notre|votre|nos|our|your|unsere?|ihre|cust(?:omer)?)\s+)?"
    r"(?<![\w])(?:mat(?:erial)?\.?\s*-?\s*n[ro]\.?|r[ée]f(?:[ée]rence)?\.?|art(?:icle|ikel)?\.?(?:\s*-?\s*n[or]\.?)?|art\.-nr\.?"
    r"|item(?:\s*(?:no\.?|#))?|part(?:\s*(?:no\.?|#|number))?|sku|code|p/n)(?![A-Za-zÀ-ÿ])"
    rf"\s*[:#]?\s*(?P<code>{_CODE})\s*(?(open)\))",
    re.IGNORECASE,
)
_PAREN_CODE = re.compile(r"\(\s*(?P<code>[A-Za-z0-9][A-Za-z0-9./_-]*[A-Za-z0-9])\s*\)")
_TRAILING_CODE = re.compile(r"(?:^|\s)(?P<code>[A-Za-z0-9][A-Za-z0-9./_-]*[A-Za-z0-9])\s*$")


def _strong_code(token: str, *, bracketed: bool) -> bool:
    """A product code written in the text of an item, not a size ("M8x20", "125 mm"), a word
    ("3-wire") or a year."""
    if _SIZE.fullmatch(token):
        return False
    if re.search(r"[a-z]", re.sub(r"(?<=\d)x(?=\d)", "", token)):
        return False  # lower-case letters: a word ("3-strand"), not a code
    has_sep = bool(re.search(r"[-./_]", token))
    digits = len(re.findall(r"\d", token))
    letters = len(re.findall(r"[A-Z]", token))
    if not digits:
        return (
            re.fullmatch(r"[A-Z][A-Z0-9]*(?:[-_][A-Z0-9]+)+", token) is not None and len(token) >= 5
        )
    if not letters:
        return has_sep and digits >= 5 and bracketed
    return has_sep or (bracketed and letters >= 2 and digits >= 2 and len(token) >= 5)


def _code_in_text(rest: str) -> tuple[str | None, str]:
    """A reference written inside the item's words: "film étirable (réf. A-512)", "gilets HV
    (HV-VEST-XL)", "bobines d'essuyage CW-500". Returns the code and the words without it."""
    m = _INNER_REF.search(rest)
    if m and (re.search(r"\d", m["code"]) or _strong_code(m["code"], bracketed=True)):
        return m["code"], rest[: m.start()] + " " + rest[m.end() :]
    for m in _PAREN_CODE.finditer(rest):
        if _strong_code(m["code"], bracketed=True):
            return m["code"], rest[: m.start()] + " " + rest[m.end() :]
    m = _TRAILING_CODE.search(rest.rstrip(" .,;:!"))
    if m and _strong_code(m["code"], bracketed=False):
        return m["code"], rest[: m.start("code")]
    return None, rest


def _is_price(m: re.Match, text: str) -> bool:
    """A price has a currency or decimals and is not a pack size ("Beutel à 100 Stück")."""
    after = text[m.end() :].lstrip()
    if (
        re.match(rf"(?:{_UNIT_WORDS})\b", after, re.IGNORECASE)
        and not (m["cur1"] or m["cur2"])
        # "@ 44.20 each", "à 3,10 pièce": a price in cents for one piece
        and not (
            re.search(r"[.,]\d{2}$", m["price"])
            and re.match(r"(?:each|ea|apiece|pi[eè]ce|pc|st[üu]ck|stk)\b", after, re.IGNORECASE)
        )
    ):
        return False
    return bool(m["cur1"] or m["cur2"] or re.search(r"[.,]\d{2,4}$", m["price"]))


_TRAILING_QTY = re.compile(
    # ("parfum figue noire      x 4 L": the count after a times sign)
    rf"^(?P<head>.*?[A-Za-zÀ-ÿ].*?)(?P<sep>\s{{2,}}|\s+[-–]\s*|\s*:\s*|\s*\.{{3,}}\s*|\s+\.+\s+|\s*\t\s*)(?:[x×]\s?)?(?P<qty>\d{{1,6}}(?:[.,]\d{{1,3}})?)\s*"
    rf"(?P<unit>{_COUNT_UNITS}|stk|st|kart|kar|ktn|bx|bxs|pkts?|pks?|pqts?|kg|kgs|kilos?|lfm|rls?|mtrs?|m|ft|feet|foot"
    # ("45 ml" after a moulding's words: so many metres, as a French framer counts them)
    r"|litres?|liters?|liter|ltrs?|lt|l|u|ml)\.?"
    # "3 bidons de 5 L": what each holds stays in the raw text, for the product's unit
    r"(?:\s+(?:de|of|à|a|zu|je)\s+\d{1,4}(?:[.,]\d{1,3})?\s*(?!(?:eur|usd|gbp|chf)\b)[A-Za-z]{0,6}\.?)?"
    # "20 Eimer (statt 30)", "2 Rollen (= 100 lfm)": a remark on the count, kept in the raw text
    r"(?:\s*\([^()]{1,30}\))?"
    r"(?P<price>\s+(?:à|a|@|at|zu|je)\s*(?:[€$£]|EUR|USD|GBP|CHF)?\s*\d{1,6}[.,]\d{1,4}\s*(?:€|EUR|USD|GBP|CHF)?"
    # "à € 1,15/lfm": the unit it is the price of
    r"(?:\s*/\s*[A-Za-zÀ-ÿ]{1,6}\.?)?"
    r"(?:\s*(?:HT|netto|net|excl\.?\s*VAT))?)?\s*$",
    re.IGNORECASE,
)


# "NG/29038 – Brass compression tee 15 mm – 50 @ £6.20": a bare count, then its price
_TRAILING_QTY_AT_PRICE = re.compile(
    r"^(?P<head>.*?[A-Za-zÀ-ÿ].*?)\s+[-–]\s*(?P<qty>\d{1,6})(?P<unit>)"
    r"(?P<price>\s*(?:@|à|a|at|zu|je)\s*[€$£]?\s*\d{1,6}[.,]\d{1,4}\s*(?:€|EUR|USD|GBP|CHF)?"
    r"(?:\s*(?:HT|netto|net|excl\.?\s*VAT|each|ea|pièce|St(?:ück)?\.?))?)\s*$",
    re.IGNORECASE,
)

# "P-26617  front pads BMW F30  qty 2", "P-74131 disques avant - qté : 2", "…, Menge 20 Stk"
_LABELLED_QTY_LAST = re.compile(
    rf"^(?P<head>.*?[A-Za-zÀ-ÿ].*?)[\s,;–-]+(?:qty|qt[ée]s?|quantit[ée]|quantity|menge|anzahl)\.?"
    rf"\s*[:=]?\s*(?P<qty>\d{{1,6}}(?:[.,]\d{{1,3}})?)\s*(?P<unit>{_COUNT_UNITS})?\.?"
    r"(?P<price>)\s*$",
    re.IGNORECASE,
)

# "MCB-3P-C20 - Disjoncteur modulaire 3P 20A courbe C 6kA : 6": a count after a colon;
# "KAP-TON-01  Brother TN2420 toner  -  6": after a dash, the words ending in a letter (not a
# range of sizes, "taille 8 - 9")
_COLON_QTY = re.compile(
    r"^(?P<head>.*?[A-Za-zÀ-ÿ].*?)(?:\s+:\s*|(?<=[A-Za-zÀ-ÿ)])\s+[-–]\s+)(?P<qty>\d{1,5})\s*$"
)


# "NLS-2240   3/4 JIC fem swivel crimp    6": a part number, its words and a bare count, set
# apart in columns by runs of spaces
_CODE_GAP_QTY = re.compile(
    r"^(?P<head>[A-Za-z0-9][A-Za-z0-9./_-]*\d[A-Za-z0-9./_-]*\s{2,}\S.*?[A-Za-zÀ-ÿ].*?)"
    r"\s{2,}(?P<qty>\d{1,5})\s*$"
)


# "… - 10 @ 20.90 = 209.00": the line's amount after its price
_EQUALS_AMOUNT = re.compile(
    r"\s*=\s*(?:[€$£]|EUR|GBP|USD|CHF)?\s*(?P<amount>\d{1,3}(?:[.,'’ ]?\d{3})*[.,]\d{2})"
    r"\s*(?:€|EUR|GBP|USD|CHF)?\s*$"
)


def _qty_last(clause: str, *, decimal_sep: str | None) -> ExtractedLine | None:
    """``VS-70-853  Handstretchfolie 400 mm 20 µm, transparent  2 Stk``: quantity and unit last."""
    amount = _EQUALS_AMOUNT.search(clause)
    if amount:
        line = _qty_last(clause[: amount.start()], decimal_sep=decimal_sep)
        stated = parse_number(amount["amount"], decimal_sep=decimal_sep)
        # the amount must be the count times the price, else the clause is not what it seems
        if line is None or line.line_total is None or stated != line.line_total:
            return None
        return line
    m = (
        _TRAILING_QTY.match(clause.strip())
        or _LABELLED_QTY_LAST.match(clause.strip())
        or _TRAILING_QTY_AT_PRICE.match(clause.strip())
    )
    if not m:
        m = _CODE_GAP_QTY.match(clause.strip())
        if m:
            m = {"head": m["head"], "qty": m["qty"], "unit": None, "price": None}
    if not m:
        m = _COLON_QTY.match(clause.strip())
        if (
            not m
            or not re.search(r"[A-Za-zÀ-ÿ]{3,}|\d[A-Za-z]|[A-Za-z]\d", m["head"])
            or len(m["head"].split()) < 2  # "Livraison : 3"
        ):
            return None
        m = {"head": m["head"], "qty": m["qty"], "unit": None, "price": None}
    head = m["head"].strip(" -–:")
    head = re.sub(r"(?i)^(?:pos\.?|position)\s*\d{1,4}\s+", "", head)  # "Pos. 10  1000458  …"
    code = None
    first, _, remainder = head.partition(" ")
    if (
        re.fullmatch(_CODE, first)
        and (
            re.search(r"\d", first)
            # "LG-S-NT  Gants jetables …": a code of capitals before a column gap
            or (_word_code(first, "") and re.match(r"\s{2,}|\s+-\s", head[len(first) :]))
        )
    ):
        code, head = first, remainder
    qty = parse_number(m["qty"], decimal_sep=decimal_sep)
    if qty is None or qty <= 0 or (code is None and len(head) < 4):
        return None
    return _line(
        qty,
        m["unit"],
        code,
        head + (m["price"] or ""),
        clause,
        rule="free_text:qty_last",
        decimal_sep=decimal_sep,
    )


# "4730 hi-vis vests L x 40", "floor tape yellow/black (TAP-FLR50-YB) x 10 rolls"
_TIMES_QTY_LAST = re.compile(
    rf"^(?P<head>.*?[A-Za-zÀ-ÿ].*?)\s+[x×]\s*(?P<qty>\d{{1,5}})\s*(?P<unit>{_COUNT_UNITS})?\.?"
    # "x 12 (uniquement le stock)": a remark on the item after it
    r"(?:\s*\([^()]{2,80}\))?\s*$",
    re.IGNORECASE,
)


# an article code alone before its "x": letters and three digits or more ("FP-4003"), no
# size ("M8", "400")
_A_CODE_ALONE = re.compile(
    r"(?=[A-Za-z0-9./_-]*[A-Za-z])(?=(?:[^\d]*\d){3})[A-Za-z0-9][A-Za-z0-9./_-]{4,}"
)


def _times_qty_last(clause: str, *, decimal_sep: str | None) -> ExtractedLine | None:
    """An item and then "x 40": the quantity last, after its "x"."""
    m = _TIMES_QTY_LAST.match(clause.strip())
    if not m:
        return None
    head = m["head"].strip(" -–:")
    if re.search(r"\d\s*$", head) and not m["unit"] and not _A_CODE_ALONE.fullmatch(head):
        return None  # "carton 400 x 300": a size; "FP-4003 x 6" is an article and its count
    code, rest = None, head
    first, _, remainder = head.partition(" ")
    if re.fullmatch(_CODE, first) and re.search(r"\d", first) and remainder:
        code, rest = first, remainder
    qty = parse_number(m["qty"], decimal_sep=decimal_sep)
    if qty is None or qty <= 0:
        return None
    return _line(
        qty, m["unit"], code, rest, clause, rule="free_text:times_qty_last", decimal_sep=decimal_sep
    )


def _split_price(rest: str, *, decimal_sep: str | None) -> tuple[Decimal | None, str]:
    """The unit price written after the item ("à 6,80 €", "zum Preis von 5,82 €") and the
    words before it."""
    pm = _price_match(" " + rest)
    if pm is None:
        return None, rest
    return parse_number(pm["price"], decimal_sep=decimal_sep), (" " + rest)[: pm.start()]


# "à 580,00 € / 1000 Stk.", "£12.50 per 100": the price of a hundred or a thousand
_PER_N = re.compile(
    r"^\s*(?:/|pro|per|par|pour|je|the)\s*(?P<n>1[.,'’ ]?000|100)\s*"
    r"(?:stk\.?|st\.?|st[üu]ck|pcs?\.?|pieces?|pi[eè]ces?|units?|ea|u\.?|ex\.?)?(?!\w)",
    re.IGNORECASE,
)


def _price_per(rest: str) -> Decimal | None:
    pm = _price_match(" " + rest)
    if pm is None:
        return None
    m = _PER_N.match((" " + rest)[pm.end() :])
    return Decimal(re.sub(r"\D", "", m["n"])) if m else None


# "à CHF 3.67 = CHF 44.04": the line's amount after the price
_AMOUNT_AFTER = re.compile(
    r"^\s*(?:=|:|,)?\s*(?:soit|total|montant|betrag|amount)?\s*[:=]?\s*"
    r"(?:[€$£]|EUR|USD|GBP|CHF)?\s*(?P<amount>\d{1,3}(?:['’ \u202f]\d{3})*(?:[.,]\d{2})|\d+[.,]\d{2})"
    r"\s*(?:[€$£]|EUR|USD|GBP|CHF)?",
    re.IGNORECASE,
)


def _price_match(text: str) -> re.Match | None:
    """The first price written in ``text``."""
    pm = _PRICE.search(text)
    while pm is not None and not _is_price(pm, text):
        # matches may overlap: "A2 à CHF 9.95" is no price "2" but holds "à CHF 9.95"
        pm = _PRICE.search(text, pm.start() + 1)
    return pm


def _amount_after_price(rest: str, *, decimal_sep: str | None) -> Decimal | None:
    text = " " + rest
    pm = _price_match(text)
    if pm is None:
        return None
    after = text[pm.end() :]
    if not re.match(r"\s*=", after):
        return None
    m = _AMOUNT_AFTER.match(after)
    return parse_number(m["amount"], decimal_sep=decimal_sep) if m else None


# "3 couronnes de 100 m de R2V 3G2,5", "2 Ringe NYM-J 3x1,5 (je 100 m)": coils of a length
_COILS = re.compile(
    r"^(?:couronnes?|ringe?|rings?|coils?|rouleaux|rolls?|bobines?|tourets?|trommeln?)$", re.I
)
_COIL_LENGTH = re.compile(
    r"^\s*(?:(?:de|of|à|a|zu|je|x)\s+)?(?P<n>\d{1,4}(?:[.,]\d)?)\s*(?:m|mtr|meters?|m[eè]tres?)\b\s*(?:de\s+|d'|of\s+)?"
    r"|\(\s*(?:je|à|a|de|of|each)\s+(?P<n2>\d{1,4}(?:[.,]\d)?)\s*(?:m|mtr|meters?|m[eè]tres?)\s*\)",
    re.IGNORECASE,
)


def _coiled(qty, unit_text, code, rest, *, decimal_sep):
    """Coils of a stated length are so many metres: "3 couronnes de 100 m de R2V" is 300 m."""
    if qty is None or not unit_text or not _COILS.match(unit_text.rstrip(".")):
        return qty, unit_text, code, rest
    text = (f"{code} " if code else "") + rest
    m = _COIL_LENGTH.search(text)
    if m is None or (m["n"] and m.start() > 0):
        return qty, unit_text, code, rest
    length = parse_number(m["n"] or m["n2"], decimal_sep=decimal_sep)
    if not length:
        return qty, unit_text, code, rest
    text = (text[: m.start()] + " " + text[m.end() :]).strip()
    new_code, words = _code_in_text(text)
    return qty * length, "m", new_code, words if new_code else text


# "2 cartons de 6 Crémant de Bourgogne": what each container holds, before the goods' name
# (its "de" read with the count, or left here: "2 cartons à 6 bouteilles")
_HOLDING = re.compile(
    r"^\s*(?:(?:de|of|à|a|zu|je|x)\s+)?(?P<each>\d{1,4})\s+(?=[A-Za-zÀ-ÿ])", re.IGNORECASE
)


def _line(qty, unit_text, code, rest, clause, *, rule, decimal_sep) -> ExtractedLine:
    qty, unit_text, code, rest = _coiled(qty, unit_text, code, rest, decimal_sep=decimal_sep)
    held = _HOLDING.match(rest) if unit_text else None
    if held and re.search(
        rf"{re.escape(unit_text)}\s+(?:de|of|à|a|zu|je|x)\s+{held['each']}\b", clause, re.I
    ):
        # the count each holds stays in the raw text (for the product's unit), not in the name
        rest = rest[held.end() :]
    amount = _amount_after_price(rest, decimal_sep=decimal_sep)
    per = _price_per(rest)
    price, rest = _split_price(rest, decimal_sep=decimal_sep)
    dates = _date_spans(rest)
    if dates and re.search(r"[A-Za-zÀ-ÿ]{3,}", rest[: dates[0][0]]):
        # "gaine thermo pour le 30 novembre": the date is the delivery's, not the product's
        rest = re.sub(
            r"(?i)\s+(?:pour\s+le|avant\s+le|le|by|on|before|for|bis(?:\s+zum)?|am|zum)\s*$",
            "",
            rest[: dates[0][0]],
        )
    rest = _POLITE.sub("", rest)
    if code is None:
        code, rest = _code_in_text(rest)
    description = _clean_description(rest)
    unit = (normalise_unit(unit_text) or unit_text.rstrip(".").upper()) if unit_text else None
    codes = (code,) if code else ()
    confidence = 0.8 if code else 0.7
    if not description and not code:
        confidence = 0.3
    elif amount is not None and price is not None and qty is not None:
        if abs(qty * price - amount) <= Decimal("0.011"):
            confidence = ARITHMETIC_ITEM  # "12 Pak. … à CHF 3.67 = CHF 44.04": q × p = amount
        else:
            confidence = min(confidence, 0.6)  # the numbers disagree: a person looks
    return ExtractedLine(
        customer_sku=code,
        description=description,
        description_lines=(description,) if description else (),
        quantity=qty,
        unit=unit,
        unit_price=price,
        price_unit=per,
        line_total=(qty * price / (per or 1)).quantize(Decimal("0.01"))
        if price is not None and qty is not None
        else None,
        codes=codes,
        confidence=confidence,
        field_confidence={"quantity": confidence},
        rule=rule,
        raw_text=clause.strip(),
    )


# "make that 6 bags instead of 4", "6 statt 4 Sack", "mettez-en 6 au lieu de 4": a quantity
# corrected in prose changes the line it names, it is no new line.
_CORRECTION = re.compile(
    r"(?:\b(?:instead\s+of|rather\s+than|in\s+place\s+of|au\s+lieu\s+d[eu]s?|[àa]\s+la\s+place\s+d[eu]s?"
    r"|(?:an)?statt|anstelle\s+von)\s+|\(\s*(?:not|pas|nicht)\s+)"
    r"(?P<old>\d{1,6}(?:[.,]\d{1,3})?)(?![\d/:-])",
    re.IGNORECASE,
)
_CORRECTED_CONFIDENCE = 0.6


def _without_correction(clause: str) -> str:
    """The item without what it replaces: "50 m (statt 100 m)" is "50 m"."""
    cm = _CORRECTION.search(clause)
    if cm is None:
        return clause
    opening = clause.rfind("(", 0, cm.start() + 1)
    if opening != -1 and ")" in clause[cm.end() :]:
        return clause[:opening] + clause[clause.index(")", cm.end()) + 1 :]
    return clause[: cm.start()]


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{3,}", fold(text))}


def _correct(clause: str, out: list[ExtractedLine], *, decimal_sep: str | None) -> bool | None:
    """Apply a correction written in prose to the line it names. True: applied; False: a
    correction whose line is not found (nothing to add either); None: no correction."""
    cm = _CORRECTION.search(clause)
    if cm is None:
        return None
    old = parse_number(cm["old"], decimal_sep=decimal_sep)
    dates = _date_spans(clause)
    new_q = [
        q
        for q in _QTY_HEAD.finditer(clause)
        if q.start("qty") != cm.start("old")
        and not any(a <= q.start("qty") < b for a, b in dates)
        and not _SIZE_UNITS.match(clause[q.end("qty") :].strip())
    ]
    before = [q for q in new_q if q.start() < cm.start()]
    chosen = before[-1] if before else (new_q[0] if new_q else None)
    new = parse_number(chosen["qty"], decimal_sep=decimal_sep) if chosen else None
    if old is None or new is None or new <= 0 or new == old:
        return False
    candidates = [i for i, ln in enumerate(out) if ln.quantity == old]
    if len(candidates) > 1:
        # the line the sentence names: its code, or words of its description or code
        words = _words(clause)
        folded = fold(clause)

        def named(line: ExtractedLine) -> int:
            score = 0
            if line.customer_sku and fold(line.customer_sku) in folded:
                score += 10
            parts = [p for p in re.split(r"[-_./ ]", fold(line.customer_sku or "")) if len(p) >= 3]
            score += sum(1 for p in parts if p.isalpha() and any(w.startswith(p) for w in words))
            score += len(words & _words(line.description))
            return score

        scored = sorted(((named(out[i]), i) for i in candidates), reverse=True)
        if scored[0][0] == 0 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
            return False
        candidates = [scored[0][1]]
    if not candidates:
        return False
    i = candidates[0]
    line = out[i]
    confidence = min(line.confidence, _CORRECTED_CONFIDENCE)
    out[i] = replace(
        line,
        quantity=new,
        line_total=(new * line.unit_price).quantize(Decimal("0.01"))
        if line.unit_price is not None
        else None,
        confidence=confidence,
        field_confidence={**line.field_confidence, "quantity": confidence},
        rule=line.rule + "+corrected",
    )
    return True


# One item written as "Label: value" lines: "Artikel: WIRE-H07-2.5-BU" / "Menge: 10".
_KV_LINE = re.compile(
    r"^\s*(?:[-*•]\s*)?(?P<label>[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ .°#/-]{0,30}?)\s*[:=]\s*(?P<value>\S.*?)\s*$"
)
_KV_LABELS = {
    "code": re.compile(
        r"^(?:(?:votre|notre|your|our|ihre|unsere|cust(?:omer)?)\s+)?(?:art(?:ikel|icle)?"
        r"(?:[\s.-]*(?:nr|no|nummer|number|n°|#|code))?|item(?:\s*(?:no|#|number|code))?"
        r"|part(?:\s*(?:no|#|number))?|product\s*code|produktnummer|materialnummer"
        r"|material(?:[\s.-]*nr)?|mat[\s.-]*nr|ref(?:erence)?(?:\s+(?:article|produit))?|sku"
        r"|code(?:\s+article)?|p/n|pn)\.?$"
    ),
    "qty": re.compile(
        r"^(?:menge|bestellmenge|anzahl|stuckzahl|stueckzahl|qty|quantity|quantite|qte|qt|nombre|nb)\.?$"
    ),
    "desc": re.compile(
        r"^(?:bezeichnung|beschreibung|artikelbezeichnung|artikeltext|description|designation"
        r"|libelle|produit|product|article\s+name)\.?$"
    ),
    "price": re.compile(
        r"^(?:preis|einzelpreis|stuckpreis|price|unit\s+price|prix|prix\s+unitaire|pu|p\.u)\.?$"
    ),
    "unit": re.compile(r"^(?:einheit|unit|unite|uom)\.?$"),
}
_KV_QTY = re.compile(
    rf"^(?P<qty>\d{{1,3}}(?:[ \u00a0\u202f.,']\d{{3}})+|\d{{1,6}}(?:[.,]\d{{1,3}})?)\s*(?P<unit>{_UNIT_WORDS})?\.?$",
    re.IGNORECASE,
)


def _kv_field(text: str) -> tuple[str, str] | None:
    m = _KV_LINE.match(text)
    if m is None:
        return None
    label = re.sub(r"\s+", " ", fold(m["label"])).strip(" .")
    for name, pattern in _KV_LABELS.items():
        if pattern.match(label):
            return name, m["value"]
    return None


def _kv_items(
    texts: list[str], *, decimal_sep: str | None
) -> tuple[dict[int, ExtractedLine], set[int]]:
    """Items written one field a line; returns them by their first line, and the lines read."""
    items: dict[int, ExtractedLine] = {}
    consumed: set[int] = set()
    group: dict[str, str] = {}
    rows: list[int] = []

    def flush() -> None:
        if "qty" in group and ("code" in group or "desc" in group):
            q = _KV_QTY.match(group["qty"].strip())
            qty = parse_number(q["qty"], decimal_sep=decimal_sep) if q else None
            code, desc = None, group.get("desc", "")
            if "code" in group:
                first, _, more = group["code"].strip().partition(" ")
                if re.fullmatch(_CODE, first) and (
                    re.search(r"\d", first) or _word_code(first, "")
                ):
                    code, desc = first, desc or more
            price = None
            if "price" in group:
                pm = re.search(r"\d{1,6}(?:[.,]\d{1,4})?", group["price"])
                price = parse_number(pm.group(0), decimal_sep=decimal_sep) if pm else None
            if qty is not None and qty > 0 and (code or desc):
                unit_text = q["unit"] or group.get("unit")
                line = _line(
                    qty,
                    unit_text,
                    code,
                    desc,
                    "\n".join(texts[i] for i in rows),
                    rule="free_text:key_value",
                    decimal_sep=decimal_sep,
                )
                if price is not None:
                    line = replace(
                        line,
                        unit_price=price,
                        line_total=(qty * price).quantize(Decimal("0.01")),
                    )
                items[rows[0]] = line
                consumed.update(rows)
        group.clear()
        rows.clear()

    for i, text in enumerate(texts):
        if not text.strip():
            continue
        found = _kv_field(text)
        if found is None:
            flush()
            continue
        name, value = found
        if name in group:
            flush()
        group[name] = value
        rows.append(i)
    flush()
    return items, consumed


def _copy(item: ExtractedLine, *, line_no: int, source) -> ExtractedLine:
    return replace(item, line_no=line_no, source=source)


_SKIP_LINE = re.compile(
    r"^\s*(?:>|from:|von:|de :|de:|sent:|to:|an:|subject:|objet|betreff|tel|fax|www|http)"
)


# "10 Europaletten neu (VP-10090)": a line that starts with a count and goes on with words
_COUNT_THEN_WORDS = re.compile(
    r"^\s*(?P<qty>\d{1,5}(?:[.,]\d{1,3})?)\s*(?:[x×*]\s*)?(?P<rest>[A-Za-zÀ-ÿ].*)"
)


_CODE_COLON_COUNT = re.compile(
    r"^\s*(?:(?=[A-Z0-9./_-]*\d)[A-Z0-9][A-Z0-9./_-]{3,}|[A-Z]{2,}(?:-[A-Z0-9]+)+)\s*:\s*\d{1,5}(?:\s|$)"
)


def _list_runs(texts: list[str], *, decimal_sep: str | None) -> set[int]:
    """Lines of a list written without bullets, one item per line, each starting with its
    count: "10 Europaletten neu (VP-10090)" / "2 Abroller für Klebeband" / "50 Stk. Karton …".
    A run of two or more such lines counts as a list when one of them reads as an item on its
    own (a unit or a code): then every line of the run is read as a bulleted item."""
    candidate = []
    for text in texts:
        m = _COUNT_THEN_WORDS.match(text)
        candidate.append(
            bool(m)
            and not _BULLET.match(text)
            and not _NOT_GOODS.match(m["rest"])
            and not _SKIP_LINE.match(fold(text))
            and parse_postal_line(text) is None
        )
    out: set[int] = set()
    # "CU-WD-TSP : 3  (Cuillère à café bois 11 cm)": a run of code, colon, count
    coded = [bool(_CODE_COLON_COUNT.match(text)) for text in texts]
    for k in range(len(texts)):
        if coded[k] and ((k and coded[k - 1]) or (k + 1 < len(texts) and coded[k + 1])):
            out.add(k)
    k = 0
    while k < len(texts):
        if not candidate[k]:
            k += 1
            continue
        end = k
        while end + 1 < len(texts) and candidate[end + 1]:
            end += 1
        run = range(k, end + 1)
        if len(run) >= 2 and (
            any(_counted_first(texts[j], decimal_sep) for j in run)
            or (k > 0 and _LIST_LEAD_IN.search(fold(texts[k - 1])))
        ):
            out.update(run)
        k = end + 1
    return out


# a street and its number: the line below it is its town
_TOWN_UNDER_A_STREET = re.compile(
    r"(?:\b(?:rue|avenue|chemin|route|quai|boulevard)\b.*\d"
    r"|(?:strasse|str\.|weg|gasse|platz|allee|ring|straat|laan|plein|gracht|kade|dijk|singel|"
    r"street|road|lane)\s+\d{1,4}[a-z]?\b)"
)


# the line that announces a list: "Can you send me the following:", "Please supply:",
# "merci de nous livrer :", "Bitte liefern Sie folgende Artikel:"
_LIST_LEAD_IN = re.compile(
    r"(?:\b(?:send|ship|deliver|supply|need|order|following|livrer|envoyer|expedier|"
    r"commander|suivant\w*|besoin|liefern|schicken|senden|bestellen|folgende\w*|benotigen)\b"
    r"[^:]{0,40}):\s*$"
)


def _counted_first(text: str, decimal_sep: str | None) -> bool:
    """Whether the line reads as an item on its own, counted by its leading number."""
    item = _parse_clause(text, bullet=False, decimal_sep=decimal_sep)
    m = _COUNT_THEN_WORDS.match(text)
    return (
        item is not None
        and m is not None
        and item.quantity == parse_number(m["qty"], decimal_sep=decimal_sep)
    )


# "si tu as encore les pavés de saumon, mets-m'en 6 kg", "la crème, il en faut 2 cartons": the
# goods named first, then taken up by "en" before their quantity
_PRONOUN_QTY = re.compile(
    r"(?:^|[\s,;:])(?:les|des|du|de\s+la|de\s+l['’]|la|le|l['’])\s*(?P<desc>[^\d,;.!?()]{3,60}?)[\s,]+"
    r"(?:(?:il|tu|vous|on|je|j['’])\s*)?(?:[a-zà-ÿ]+[\s-]+)?(?:m['’]\s*|moi[\s-]+|nous[\s-]+|-)?en"
    r"(?:\s+(?:faut|faudrait|veux|voudrais|voudrait|prends|prenez|mets|mettez))?\s+"
    rf"(?P<qty>\d{{1,5}}(?:[.,]\d{{1,3}})?)\s*(?P<unit>{_UNIT_WORDS})(?![\w])\.?",
    re.IGNORECASE,
)
_PRONOUN_CONFIDENCE = 0.55


def _pronoun_qty(clause: str, *, decimal_sep: str | None) -> ExtractedLine | None:
    """An item whose quantity follows the pronoun "en" that stands for the goods named before
    it. A weak reading (a sentence, not a list): a person checks it."""
    m = _PRONOUN_QTY.search(clause)
    if m is None or _NOT_GOODS.match(m["desc"]):
        return None
    qty = parse_number(m["qty"], decimal_sep=decimal_sep)
    if qty is None or qty <= 0:
        return None
    line = _line(
        qty,
        m["unit"],
        None,
        m["desc"],
        clause,
        rule="free_text:pronoun_qty",
        decimal_sep=decimal_sep,
    )
    if not line.description:
        return None
    return replace(
        line,
        confidence=_PRONOUN_CONFIDENCE,
        field_confidence={"quantity": _PRONOUN_CONFIDENCE},
    )


# "Même commande que la semaine dernière, avec ces changements", "same as last week except",
# "wie letzte Woche, aber": the order is an earlier one with changes; the lines written here
# are only the changes, the rest is not read. Never an order that passes without a person.
_SAME_AS_BEFORE = re.compile(
    r"\b(?:m[êe]me\s+commande\s+que|(?:comme|idem)\s+(?:la\s+)?(?:semaine|fois|commande)\s+"
    r"(?:derni[èe]re|pr[ée]c[ée]dente|pass[ée]e)|reprendre\s+(?:la\s+)?(?:m[êe]me\s+)?commande"
    r"|same\s+(?:order\s+)?as\s+(?:last|the\s+last|previous|the\s+previous|before)"
    r"|repeat\s+(?:of\s+)?(?:last|the\s+last|previous|our\s+last)\s+(?:week|order)"
    r"|(?:gleiche|selbe)\s+bestellung\s+wie|wie\s+(?:letzte|vorige)\s+woche"
    r"|wie\s+(?:die\s+)?(?:letzte|vorige)\s+bestellung)",
    re.IGNORECASE,
)
SAME_AS_BEFORE_CONFIDENCE = 0.4


def refers_to_earlier_order(texts: list[str]) -> bool:
    """Whether the message says its order is an earlier one, changed ("same as last week
    except …")."""
    return any(_SAME_AS_BEFORE.search(t) for t in texts if not t.lstrip().startswith(">"))


def extract_free_lines(
    lines: list[TextLine],
    *,
    decimal_sep: str | None,
    dayfirst: bool | None,
    default_year: int | None,
    unread: list[str] | None = None,
) -> list[ExtractedLine]:
    """Order lines written in a message. ``unread`` collects the items of a bulleted list that
    could not be read while others of the list were: a line missed is for a person to see."""
    out: list[ExtractedLine] = []
    seen: set[str] = set()
    bullets_unread: list[str] = []
    bullets_read = 0
    # column gaps kept as two spaces: "CODE  description  2 Stk"
    texts = ["  ".join(ln.text_of(s0, s1) for s0, s1 in ln.segments) for ln in lines]
    kv_items, kv_consumed = _kv_items(texts, decimal_sep=decimal_sep)

    read_at: set[int] = set()  # the lines items were read from

    def add(item: ExtractedLine, ln: TextLine) -> None:
        key = fold(item.raw_text)
        read_at.add(ln.index)
        if key in seen:
            return  # a quoted reply repeats the order
        seen.add(key)
        out.append(_copy(item, line_no=len(out) + 1, source=ln.source_ref()))

    listed = _list_runs(texts, decimal_sep=decimal_sep)
    for k, (ln, text) in enumerate(zip(lines, texts, strict=True)):
        if k in kv_consumed:
            if k in kv_items:
                add(kv_items[k], ln)
            continue
        if _SKIP_LINE.match(fold(text)):
            continue
        if k and _TOWN_UNDER_A_STREET.search(fold(texts[k - 1])) and parse_postal_line(text):
            continue  # "Industriestraat 22" / "5931 PK Tegelen": an address, no "5931 PK"
        hits = find_labels(ln)
        if hits and hits[0].first_word <= 1 and hits[0].field in _SKIP_FIELDS:
            continue
        bullet = bool(_BULLET.match(text))
        body = _BULLET.sub("", text, count=1)
        corrected = _correct(body, out, decimal_sep=decimal_sep)
        if corrected is not None:
            if corrected:
                continue
            # "CODE  Gummileitung 5G2,5  50 m  (statt 100 m)", "frites : 300 kg au lieu de 250"
            item = _parse_clause(
                _without_correction(body), bullet=bullet, decimal_sep=decimal_sep
            ) or _parse_clause(body, bullet=bullet, decimal_sep=decimal_sep)
            if item is not None and (item.customer_sku or bullet):
                # an item of its own that says what it replaces: kept, to be checked
                confidence = min(item.confidence, _CORRECTED_CONFIDENCE)
                add(
                    replace(
                        item,
                        confidence=confidence,
                        field_confidence={"quantity": confidence},
                    ),
                    ln,
                )
            continue
        dashed = _dashed_row(body, decimal_sep=decimal_sep)
        if dashed is not None:
            add(dashed, ln)
            continue
        clauses = [
            size
            for sentence in _SENTENCE_END.split(_counts_in_figures(body))
            for clause in _SPLIT.split(sentence)
            for size in _sizes_apart(clause)
        ]
        for clause in clauses:
            item = _parse_clause(clause, bullet=bullet, decimal_sep=decimal_sep)
            if item is None and k in listed:
                item = _parse_clause(clause, bullet=True, decimal_sep=decimal_sep)
            if item is not None:
                if ln.source != TextSource.OCR and _plainly_listed(
                    _LEAD_IN.sub("", body if len(clauses) == 1 else clause),
                    item,
                    in_list=(bullet or k in listed) and len(clauses) == 1,
                ):
                    item = replace(
                        item,
                        confidence=LISTED_ITEM,
                        field_confidence={**item.field_confidence, "quantity": LISTED_ITEM},
                        rule=item.rule + "+listed",
                    )
                other = _ANOTHER_CODE.search(item.description)
                if other and other.group(0) not in item.codes:
                    # "6 spirales PDR-SPI-15G et 6 …": another article in the item's words
                    item = doubted(item, ANOTHER_CODE_INSIDE, "+another_code")
                add(item, ln)
        if not any(
            _parse_clause(clause, bullet=bullet, decimal_sep=decimal_sep) for clause in clauses
        ):
            item = _pronoun_qty(body, decimal_sep=decimal_sep)
            if item is not None:
                add(item, ln)
            elif bullet and _ITEM_LIKE.search(body):
                bullets_unread.append(text.strip())
        elif bullet:
            bullets_read += 1
    if unread is not None and bullets_read:
        unread.extend(bullets_unread)
    if unread is not None:
        unread.extend(t for t in _unread_in_a_block(lines, texts, read_at) if t not in unread)
    if refers_to_earlier_order(texts):
        out = [doubted(item, SAME_AS_BEFORE_CONFIDENCE, "+same_as_before") for item in out]
    return out


def _unread_in_a_block(lines: list[TextLine], texts: list[str], read_at: set[int]) -> list[str]:
    """Lines of a block of items (one per line, no blank line between) that could not be read
    while two or more of the block were ("KH-GET-020  Weißbier vom Fass 20 l  3 Fass" between
    items read): a line missed is for a person to see."""
    out: list[str] = []
    block: list[int] = []

    def close() -> None:
        missed = [
            texts[j].strip()
            for j in block
            if lines[j].index not in read_at
            and _ITEM_LIKE.search(texts[j])
            and not _SKIP_LINE.match(fold(texts[j]))
        ]
        read = sum(1 for j in block if lines[j].index in read_at)
        # two items read, or one read among several like it that were not
        if read >= 2 or (read and len(missed) >= 2):
            out.extend(missed)
        block.clear()

    for k, text in enumerate(texts):
        height = max(lines[k].bottom - lines[k].top, 1.0)
        if not text.strip() or (k and lines[k].top - lines[k - 1].bottom > 0.8 * height):
            close()  # a blank line between: another paragraph
        if text.strip():
            block.append(k)
    close()
    return out


# a list item that names an article: a code with digits, or a count and its unit
_ITEM_LIKE = re.compile(
    rf"(?:\b(?=[A-Za-z0-9./_-]*\d)(?=[A-Za-z0-9./_-]*[A-Za-z])[A-Za-z0-9][A-Za-z0-9./_-]{{2,}}\b"
    rf"|\b\d{{1,5}}\s*(?:{_COUNT_UNITS})\b)",
    re.IGNORECASE,
)


# "SAUF les chips de calage (EMB-0090) qui sont annulées", "ELE-EXT-4W entfällt"
_CANCEL = re.compile(
    r"\b(?:annul\w*|cancel\w*|storn\w*|entf[äa]ll\w*|sauf|except(?:\s+for)?|ohne|supprim\w*|"
    r"retir\w*|remove\w*|gestrichen|streichen|no\s+longer|scratch\s+(?:these|this|that|it|them)"
    r"|forget\s+(?:these|this|that|it|them|the)|(?:taken|took)\s+off)\b",
    re.IGNORECASE,
)
# the item's own line taking it back after it: "4 x floor ramps -- scratch these, …"
_TAKES_ITSELF_BACK = re.compile(
    r"(?:--|–|—|\s-|\(|:)\s*(?:please\s+)?(?:scratch|cancel|delete|remove|drop|forget)\s+"
    r"(?:these|this|that|it|them|this\s+line|this\s+one)\b",
    re.IGNORECASE,
)


def without_cancelled(
    out: list[ExtractedLine], lines: list[TextLine]
) -> tuple[list[ExtractedLine], bool]:
    """Items a sentence of the message cancels, by their code ("SAUF … (EMB-0090) qui sont
    annulées") or by two words of their description ("sauf les sacs poubelle"), are no order
    lines. Returns the lines kept and whether any was dropped."""
    codes: dict[str, set[int]] = defaultdict(set)  # code → the lines cancelling it
    word_sets: list[tuple[set[str], int]] = []
    for ln in lines:
        for sentence in re.split(r"(?<=[.!?])\s+", ln.text):
            m = _CANCEL.search(sentence)
            if not m:
                continue
            for token in re.findall(r"[A-Za-z0-9][A-Za-z0-9./_-]*[A-Za-z0-9]", sentence):
                if re.search(r"\d", token) and re.search(r"[A-Za-z]", token):
                    codes[token.upper()].add(ln.index)
            words = {w for w in re.findall(r"[a-z]{4,}", fold(sentence[m.end() :]))}
            if words:
                word_sets.append((words, ln.index))
            # "Korrektur: die Heizer 200 W bitte streichen": the item named before the verb
            before = fold(sentence[: m.start()]).rsplit(":", 1)[-1]
            named_before = {w for w in re.findall(r"[a-z]{5,}", before)} - NO_ITEM_WORDS
            if named_before:
                word_sets.append((named_before, ln.index))
    named_by: dict[int, set[int]] = defaultdict(set)  # item → the lines cancelling it
    for i, item in enumerate(out):
        if item.customer_sku and item.customer_sku.upper() in codes:
            named_by[i] |= codes[item.customer_sku.upper()]
    for words, line_index in word_sets:
        named = [
            i
            for i, item in enumerate(out)
            if len(words & set(re.findall(r"[a-z]{4,}", fold(item.description)))) >= 2
        ]
        if not named:
            # one long word the end of one item's word ("Heizer" of "Regelheizer"): that item
            named = [
                i
                for i, item in enumerate(out)
                if any(
                    len(w) >= 6
                    and any(d.endswith(w) for d in re.findall(r"[a-z]{4,}", fold(item.description)))
                    for w in words
                )
            ]
        if len(named) == 1:
            named_by[named[0]].add(line_index)
    dropped: set[int] = set()
    doubtful: set[int] = set()
    for i, line_indexes in named_by.items():
        if line_indexes != {out[i].source.get("line")}:
            dropped.add(i)
            continue
        own = next((ln for ln in lines if ln.index == out[i].source.get("line")), None)
        if own is not None and _TAKES_ITSELF_BACK.search(own.text):
            dropped.add(i)  # "4 x floor ramps -- scratch these": the item taken back
        else:
            # the item's own line says "on annule le reliquat" (cancel what is left over): it
            # may take back the item or a part of it; kept, for a person to read
            doubtful.add(i)
    if len(dropped) == len(out):
        dropped = set()
    kept = [
        doubted(item, _CORRECTED_CONFIDENCE, "+cancel_word") if i in doubtful else item
        for i, item in enumerate(out)
        if i not in dropped
    ]
    if not dropped:
        return kept, False
    return [replace(item, line_no=n) for n, item in enumerate(kept, start=1)], True


# "- 6 x HSS-8.0", "24 x SF-500-23 (film étirable)", "SF-500-23 x 24", "20 Stück 4711-B": an
# item on its own line, written in one of the few ways that cannot be read another way
LISTED_ITEM = 0.9
ARITHMETIC_ITEM = 0.9
_COUNT = (
    r"(?:x|×|\*|pcs?\.?|pces?\.?|pieces?|pi[eè]ces?|stk\.?|stck|st[üu]ck|st\.|each|ea|units?|u\.|pck|pkg|"
    r"box(?:es)?|bx|packs?|pk|pkt|pack(?:ung(?:en)?)?|rolls?|rlx|rouleaux|rollen?|cartons?|ctns?|"
    r"kartons?|paar|pairs?|paires?|bags?|sacs?|beutel|sachets?|pallets?|palettes?|paletten|"
    r"bo[iî]tes?|btes?|paquets?|sets?|cans?|bidons?|kanister|eimer|tubes?|reels?)"
)
_MEASURE = r"(?:m|kg|l|lfm|mtrs?|meters?|m[eè]tres?)"
_LISTED = [
    # "6 x HSS-8.0", "20 Pack MPT-40-118 Sechskantschraube …"
    re.compile(
        rf"^(?P<q>\d{{1,3}}(?:[.,'’ ]\d{{3}})+|\d{{1,5}})\s*{_COUNT}\.?\s+(?:x\s+)?(?P<code>\S+)(?:\s+.*)?$",
        re.IGNORECASE,
    ),
    # "10 EA of 4711", "12 x REF A-778", "3 cartons de film étirable (réf. A-812)"
    re.compile(
        rf"^(?P<q>\d{{1,3}}(?:[.,'’ ]\d{{3}})+|\d{{1,5}})\s*{_COUNT}\.?\s+(?:of|de|d'|von)\s*(?P<code>\S+)(?:\s+.*)?$",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?P<q>\d{1,3}(?:[.,'’ ]\d{3})+|\d{1,5})\s*[x×]\s*(?:r[ée]f\.?|ref(?:erence)?\.?|art\.?(?:-?nr\.?)?|item)\s*:?\s*"
        r"(?P<code>\S+)(?:\s+.*)?$",
        re.IGNORECASE,
    ),
    re.compile(
        rf"^(?P<q>\d{{1,3}}(?:[.,'’ ]\d{{3}})+|\d{{1,5}})\s*(?:{_COUNT}|{_MEASURE})\.?\s+(?:of\s+|de\s+|d'|von\s+)?[^()]*"
        rf"\((?:r[ée]f\.?|ref\.?|art\.?(?:-?nr\.?)?)?\s*(?P<code>[^()\s]+)\)[^\d()]*$",
        re.IGNORECASE,
    ),
    # "SF-500-23 x 24"
    re.compile(
        rf"^(?P<code>\S+)\s*(?:x|×|:)\s*(?P<q>\d{{1,3}}(?:[.,'’ ]\d{{3}})+|\d{{1,5}})\s*{_COUNT}?\s*$",
        re.IGNORECASE,
    ),
    # "ELE-CAB-3G15     Leitung H05VV-F 3G1,5          300 m": columns, the quantity last
    # (after a position number, before a price: "Pos. 10  1000458  Folie  48 Rollen  @ £3.10")
    re.compile(
        rf"^(?:pos\.?\s*\d{{1,4}}\s+)?(?P<code>\S+)\s{{2,}}\S.*?\S\s{{2,}}(?P<q>\d{{1,3}}(?:[.,'’ ]\d{{3}})+|\d{{1,5}})\s*"
        rf"(?:{_COUNT}|{_MEASURE})\.?(?:\s+(?:@|à|a|at|je|zu)?\s*[€$£]?\s*\d+[.,]\d{{2,3}}\s*"
        r"(?:€|EUR|GBP|USD|CHF)?)?$",
        re.IGNORECASE,
    ),
    # "EAN 3760120000119    qté 6", "Art.-Nr. 4711  Menge: 20 Stk"
    re.compile(
        rf"^{_REF}\s*[:#]?\s*(?P<code>\S+)\s*[,/|;]?\s+(?:qty|quantity|quantit[ée]|qt[ée]|menge|anzahl)\.?\s*[:=]?\s*"
        rf"(?P<q>\d{{1,3}}(?:[.,'’ ]\d{{3}})+|\d{{1,5}})\s*(?:{_COUNT})?\.?$",
        re.IGNORECASE,
    ),
    # "EMB-0013 boîtes d'expédition A4 : 40 paquets"
    re.compile(
        rf"^(?P<code>\S*\d\S*)\s+[^:]+?\s*:\s*(?P<q>\d{{1,3}}(?:[.,'’ ]\d{{3}})+|\d{{1,5}})\s*{_COUNT}\.?$",
        re.IGNORECASE,
    ),
    # "4730 hi-vis vests L x 40", "4751 cut gloves size 10 x 24 pairs"
    re.compile(
        rf"^(?P<code>\S*\d\S*)\s+\S.*?[A-Za-zÀ-ÿ)]\s+[x×]\s*(?P<q>\d{{1,3}}(?:[.,'’ ]\d{{3}})+|\d{{1,5}})\s*{_COUNT}?\.?$",
        re.IGNORECASE,
    ),
    re.compile(
        rf"^(?P<code>\S*\d\S*)\s+\S.*?\d\s+[x×]\s*(?P<q>\d{{1,3}}(?:[.,'’ ]\d{{3}})+|\d{{1,5}})\s*{_COUNT}\.?$",
        re.IGNORECASE,
    ),
    # "60 Stk   Europaletten gebraucht, Klasse A   (PAL-EUR-USED)"
    re.compile(
        rf"^(?P<q>\d{{1,3}}(?:[.,'’ ]\d{{3}})+|\d{{1,5}})\s*{_COUNT}\.?\s{{2,}}\S.*?\s{{2,}}\((?P<code>[^()\s]+)\)$",
        re.IGNORECASE,
    ),
]


# the words that open an order sentence: "Please ship", "Merci de nous livrer", "Bitte liefern Sie"
_LEAD_IN = re.compile(
    r"^\s*(?:also\s+|and\s+)?(?:(?:could|can|would)\s+you\s+|please\s+|kindly\s+|we\s+(?:would\s+like\s+to\s+|need\s+)?)?"
    r"(?:(?:ship|send|deliver|supply|order)(?:\s+us)?\s+|please\s+)?"
    r"|^\s*(?:merci\s+de\s+|veuillez\s+|pouvez-vous\s+|pourriez-vous\s+)?(?:nous\s+)?"
    r"(?:livrer|envoyer|exp[ée]dier|commander)\s+"
    r"|^\s*(?:bitte\s+)?(?:liefern|senden|schicken)\s+sie\s+(?:uns\s+)?(?:bitte\s+)?",
    re.IGNORECASE,
)


def _plainly_listed(body: str, item: ExtractedLine, *, in_list: bool = False) -> bool:
    """The line is that item alone: quantity and code side by side with a count word or ×
    between them (a description may follow), or code, description and quantity in columns,
    or, in a list, a count and its unit before words; typed, not scanned. A price may follow
    a quantity that opens the line."""
    if item.quantity is None:
        return False
    text = body.strip()
    if not item.customer_sku:
        # "- 20 bx Hexagon head bolts M6 x 40 mm", an item of a list: the count and its unit
        # open the line and words follow; the catalogue's match of the words has a confidence
        # of its own (in a sentence, where the words end is less plain)
        m = _LISTED_WORDS.match(text)
        return bool(
            in_list
            and m
            and item.description
            and Decimal(re.sub(r"[.,'’ ]", "", m["q"])) == item.quantity
            and not (re.search(r"\D", m["q"]) and re.fullmatch(_MEASURE, m["unit"], re.I))
        )
    code = item.customer_sku
    if code.isdigit() and len(code) <= 3:
        return False  # "2 x 25 m": a size, not a code
    for pattern in _LISTED:
        m = pattern.match(text)
        if (
            m
            and m["code"].strip("()[],;:") == code
            and Decimal(re.sub(r"[.,'’ ]", "", m["q"])) == item.quantity
            # "1,250 kg" may be a weight with decimals; "1,000 x" is a thousand pieces
            and not (
                re.search(r"\D", m["q"])
                and re.match(rf"\s*{_MEASURE}\b", text[m.end("q") :], re.IGNORECASE)
            )
            and not _SIZE_AFTER.match(text, m.end("code"))
        ):
            return True
    return False


_LISTED_WORDS = re.compile(
    rf"^(?P<q>\d{{1,3}}(?:[.,'’ ]\d{{3}})+|\d{{1,5}})\s*(?P<unit>{_COUNT}|{_MEASURE})\.?\s+"
    r"(?:of\s+|de\s+|d'|von\s+)?[A-Za-zÀ-ÿ][^\d\s]*\s.*$",
    re.IGNORECASE,
)
_SIZE_AFTER = re.compile(r"\s*(?:mm|cm|m|km|m²|m2|kg|g|l|ml|cl|µm|um|in|ft)\b", re.IGNORECASE)


def mentions_items(text: str) -> bool:
    """Whether plain text (one message of a mail thread) holds order lines: an item in a
    sentence or a list, "Label: value" items, or a table of several rows."""
    texts = text.split("\n")
    if _kv_items(texts, decimal_sep=None)[0]:
        return True
    for line in texts:
        if _SKIP_LINE.match(fold(line)):
            continue
        bullet = bool(_BULLET.match(line))
        body = _BULLET.sub("", line, count=1)
        if any(
            _parse_clause(clause, bullet=bullet, decimal_sep=None) is not None
            for clause in _SPLIT.split(body)
        ):
            return True
    rows = [t for t in texts if (t.count("|") >= 3 or t.count("\t") >= 2) and re.search(r"\d", t)]
    # a table typed with spaces: "PAL-PLA-1200    Palette plastique …   20  62,10 €  1 242,00 €",
    # maybe after its line number ("1  KH-TRV-B15   Danfoss RA-N …   20   14.20"), or with a
    # code of letters alone ("FB-SCR-NAT   toile à garnir (scrim)   30 m   4,84 €/m")
    aligned = [
        t
        for t in texts
        if re.match(
            r"\s*(?:\d{1,4}\s+)?(?:(?=\S*\d)[A-Za-z0-9][A-Za-z0-9./_-]{2,}|(?<=\s)[A-Z][A-Z0-9./_-]{2,}"
            r"|[A-Z]{2,}(?:[-./][A-Z0-9]{2,})+)"
            r"\s{2,}\S",
            t,
        )
        and len(re.findall(r"(?<![\w.,])\d+(?:[.,]\d+)?(?![\w])", t)) >= 2
    ]
    return len(rows) >= 2 or len(aligned) >= 2
