"""An order line's quantity in the unit we sell the product in.

A buyer counts what he handles: cartons of paper we sell by the ream, cans of a cleaner we sell
by the litre, pieces of screws we sell by the box. What a container holds is read from the
line ("3 cartons de 5 ramettes", "bidon 5 L", "(10 l can)") or, for the container the line
names, from our own description ("vendu au litre (bidon de 5 L)", "box of 100"), or from the
price when a carton costs a whole number of our units. The draft books the converted quantity
for a person to confirm once (``drafting.PACK_CONVERSION``), unless the converted price is our
price to the cent.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ingestion.extraction.geometry import fold
from ingestion.extraction.model import ExtractedLine
from ingestion.extraction.numbers import parse_number
from ingestion.extraction.units import (
    TIMES_A_CONTENT,
    normalise_unit,
    unit_code,
    unit_written_out,
)
from ingestion.matching.masterdata import ProductRecord, price_close

PACK_UNITS = {"BOX", "PK", "PAL", "CS", "CTN"}
# what holds a product sold by the ream, litre, kilo or piece: cartons, cans, drums, sacks
CONTAINER_UNITS = PACK_UNITS | {"BAG", "CAN", "DRUM", "PAIL", "ROL", "BAR"}
# what is weighed or measured rather than counted
MEASURES = {"KG", "G", "T", "L", "M", "M2", "M3"}
_NUMBER = r"(\d+(?:[.,]\d+)?)"
_WORD = r"([^\W\d_]+\.?)"
# "(cartons de 5 ramettes)", "(à 5 Ries)", "2 Kanister à 5 l", "box of 12", "bidon 5 L"
_EACH_HOLDS = re.compile(
    rf"(?:\b{_WORD}\s+)?(?P<of>(?:de|à|a|of|je|zu|mit|with)\s+)?{_NUMBER}\s*-?\s*{_WORD}"
)
# "box of 100", "boîte de 200", "VPE 100": so many pieces to a container
_PACK_OF = re.compile(
    # (not a size in inches: "Cymbal bag 22\"")
    # (a currency after it is the price's: "2 boxes of 250 CHF 0.48")
    rf"\b{_WORD}\s+(?:(?:of|de|à|a|je|zu)\s+|x\s*)?{_NUMBER}(?![\d.,]*\d)"
    r"(?!\s*-?\s*(?!(?:chf|eur|usd|gbp)\b)[^\W\d_])"
    r"(?!\s*[\"″”'’])",
    re.IGNORECASE,
)
# "Pkg. 100 Stk", "Box 50 Stk", "sachet 100 pièces": a container and the pieces it holds
_PACK_PIECES = re.compile(
    rf"\b{_WORD}\s*(?:à\s*|a\s+)?{_NUMBER}\s*(?:stk|st|stück|stueck|pcs|pc|pieces|pièces|pces|pce"
    # sheets: "paquet 25 feuilles", "Pack 50 Blatt"
    r"|feuilles?|blatt|sheets?)\b",
    re.IGNORECASE,
)
# "(10 l can)", "5 L Kanister", "500 g roll": the amount first, then its container
_AMOUNT_THEN_CONTAINER = re.compile(rf"{_NUMBER}\s*{_WORD}\s+{_WORD}")
# "(soit 25 ramettes)", "(i.e. 25 reams)", "(= 25 Ries)": the whole quantity in our unit
_IN_ALL = re.compile(
    rf"(?:\bsoit|\bi\.?\s?e\.?|=|\bd\.\s?h\.|\bdas sind|[(](?=\d+(?:[.,]\d+)?\s*[^\W\d_]+\.?\s+(?:à|a|of|de|je|x)\s*\d))"
    rf"\s*{_NUMBER}\s*{_WORD}",
    re.I,
)


def _holds(
    text: str, *, unit_cell: bool = False, goods: bool = False, amount_first: bool = True
) -> list[tuple[str | None, Decimal, str | None]]:
    """What containers hold, as a text says: (container, how many, of what unit), from
    "cartons de 5 ramettes", "(à 5 Ries)", "bidon 5 L" and, ``amount_first``, "(10 l can)",
    "(5 L Kanister)"; the unit is None for a word that is no unit we know, "" for none ("box
    of 36")."""
    out = []
    for m in _each_holds(text):
        each = parse_number(m[3])
        # "cartons de 5 ramettes", "bidon 5 L", "(à 5 Ries)": a container or an "of" says so;
        # a bare "(2 Packungen …)" restates the count
        if each and (m[1] or m["of"]):
            container = normalise_unit(m[1]) if m[1] else None
            # (sheets, shortened: "paq. 25 f.")
            unit = normalise_unit(m[4]) or (
                "EA" if m[4].lower().rstrip(".") in ("f", "ff") else None
            )
            linked = bool(m["of"]) or (m[1] or "").lower() in _LINKS
            # "2 cartons de 6 …": the container's word was the count's, just before
            before = re.search(r"([^\W\d_]+)\.?\s*$", text[: m.start()])
            named = container or (normalise_unit(before[1]) if before and linked else None)
            if goods and unit is None and linked and named in CONTAINER_UNITS and _is_goods(m[4]):
                # "cartons de 6 bouteilles", "2 cartons de 6 Crémant": so many of what we
                # count, whatever the goods are called
                unit = ""
            out.append((container, each, unit))
    for m in _AMOUNT_THEN_CONTAINER.finditer(text) if amount_first else ():
        each = parse_number(m[1])
        if each and normalise_unit(m[3]) in CONTAINER_UNITS:
            out.append((normalise_unit(m[3]), each, normalise_unit(m[2])))
    # a unit cell's "Box of 36": so many of what we count (the unit "", said by no word). In a
    # description, "box of 25" describes the product, as ours does.
    for m in _PACK_OF.finditer(text) if unit_cell else ():
        each = parse_number(m[2])
        if each and each == each.to_integral() and normalise_unit(m[1]) in CONTAINER_UNITS:
            out.append((normalise_unit(m[1]), each, ""))
    return out


_LINKS = {"de", "à", "a", "of", "je", "zu", "mit", "with"}


def _each_holds(text: str):
    """The matches of ``_EACH_HOLDS``, where a number and a word that say nothing ("T130 -
    sac") leave their word to start the next ("sac 25 kg")."""
    pos = 0
    while (m := _EACH_HOLDS.search(text, pos)) is not None:
        yield m
        pos = m.end() if (m[1] or m["of"]) else m.start(4)


def _is_goods(word: str) -> bool:
    """A word naming goods, not a measure we do not know ("cl", "mm", "ml", "cm", "g")."""
    return len(word.rstrip(".")) >= 4


# a count in one metric unit of a product sold in another of its kind
_METRIC = {
    ("G", "KG"): Decimal("0.001"),
    ("T", "KG"): Decimal("1000"),
    ("KG", "T"): Decimal("0.001"),
}


def _in_unit(each: Decimal, unit: str | None, ours: str) -> Decimal | None:
    """``each`` of ``unit`` in our unit: 500 g is 0.5 of a product sold by the kilo; a bare
    count ("box of 36") counts what we sell by the piece, roll or pack."""
    if unit == ours or (unit == "" and ours not in MEASURES):
        return each
    if unit == "G" and ours == "KG":
        return each / 1000
    return None


# "Virkon S disinfectant powder, 5 kg tub", "Câble … couronne 100 m": what one of ours holds
# ("25-kg-Sack": the amount joined to its unit)
_CONTENT = re.compile(
    r"(?<![\w.,])(\d+(?:[.,]\d+)?)\s?-?(kg|g|l|ml|cl|m[²³23]?)(?![^\W_])", re.IGNORECASE
)
# millilitres and centilitres of what we sell by the litre ("ml" is a linear metre of what we
# sell by the metre)
_PART_OF_A_LITRE = {"ml": Decimal("0.001"), "cl": Decimal("0.01")}


_BRACKETED_CONTENT = re.compile(r"\(\s*(\d+(?:[.,]\d+)?\s?(?:kg|g|l))\s*\)", re.IGNORECASE)


def _contents(text: str | None, ours: str) -> set[Decimal]:
    """What the text says a container holds in our measure: "bidon 5 L" 5 litres, "Btl 500g"
    half a kilo."""
    return set(_printed_contents(text, ours).values())


def _printed_contents(text: str | None, ours: str) -> dict[Decimal, Decimal]:
    """The amounts the text prints with a unit of our measure, each with what it is in ours:
    "flacon 500 ml" of what we sell by the litre is {500: 0.5}."""
    out = {}
    for m in _CONTENT.finditer(text or ""):
        amount = parse_number(m[1])
        if amount is None:
            continue
        if m[2].lower() == "g" and ours == "KG":
            out[amount] = amount / 1000
        elif m[2].lower() in _PART_OF_A_LITRE and ours == "L":
            out[amount] = amount * _PART_OF_A_LITRE[m[2].lower()]
        elif normalise_unit(m[2]) == ours:
            out[amount] = amount
    return out


def content_stated_twice(
    line: ExtractedLine, product_unit: str | None, description: str, factor: Decimal
) -> bool:
    """The line's container holds what our own description says ours holds, in the measure
    we sell by: "4 bidon 5L" of our "… bidon 5 L (prix au litre)", "Fl. à 2 l" of our
    "flacon 2 L". Two statements of the content agree: the conversion is no guess."""
    ours = unit_code(product_unit) or (product_unit or "").upper()
    if ours not in MEASURES or not factor or factor == 1:
        return False
    said = _contents(line.unit, ours) | _contents(line.description, ours)
    said |= _contents(line.raw_text, ours)
    return factor in said and factor in _contents(description, ours)


def content_in_its_unit(
    line: ExtractedLine, product_unit: str | None, description: str, factor: Decimal
) -> bool:
    """The unit the line counts says what one holds, in the measure we sell by: "2 | Rolle à
    50 m" of ours sold by the metre, "1 | bidon 5L" of ours sold by the litre. The count is of
    containers and the unit says their content, and our description says no other: the
    conversion is no guess."""
    ours = unit_code(product_unit) or (product_unit or "").upper()
    if not factor or factor == 1:
        return False
    if ours not in MEASURES:
        # "2 | cartons (10 boîtes)" of ours sold by the box: ten of ours to a carton, said
        counted = {
            parse_number(m[1])
            for m in re.finditer(r"\(?\s*(\d{1,5})\s*([^\W\d_]+)", line.unit or "")
            if m.start() > 0 and normalise_unit(m[2]) == ours
        }
        return counted == {factor}
    ours_hold = _contents(description, ours)
    return _contents(line.unit, ours) == {factor} and (not ours_hold or factor in ours_hold)


# a case's price, per piece, this share of ours or more: ours less a customer's discount
PACK_PRICE_FLOOR = Decimal("0.9")


def pack_stated_and_priced(
    factor: Decimal, unit_price: Decimal | None, expected: Decimal | None, description: str
) -> bool:
    """Our description says one holds ``factor`` of ours ("(carton de 12)") and the price per
    piece is ours, or a little below it ("2 CS" at 45,00 of ours at 3,90: 3,75 a piece). Two
    statements of the factor agree: the conversion is no guess. The other way round too:
    "5.000 Stk" at 56,00 per 1.000 of our "carton of 1000" at 58,00 is 5 cartons at 56,00."""
    if not factor or unit_price is None or not expected:
        return False
    size = factor if factor >= 1 else 1 / factor
    if size != size.to_integral():
        return False
    return size in numbers_in(
        description
    ) and expected * PACK_PRICE_FLOOR <= unit_price <= expected * Decimal("1.005")


def _measured_into_ours(
    quantity: Decimal,
    counted: str,
    description: str,
    *,
    price: Decimal | None = None,
    amount: Decimal | None = None,
) -> Decimal | None:
    """A quantity in kilos, litres or metres of a product we sell by the piece whose description
    says what one holds: "10 KG" of our "5 kg tub" is 2. None unless it comes out whole. Where
    our description measures more than one thing ("Abstand 0,20 m, Rolle 2500 m"), the one
    whose count at the price makes the line's amount."""
    contents = _contents(description, counted)
    if len(contents) > 1 and price is not None and amount is not None:
        fits = [
            quantity / c
            for c in contents
            if c > 0
            and quantity / c == (quantity / c).to_integral()
            and abs(quantity / c * price - amount) <= Decimal("0.01")
        ]
        return fits[0] if len(fits) == 1 else None
    if len(contents) != 1:
        return None
    content = contents.pop()
    if not content or content <= 0:
        return None
    count = quantity / content
    return count if count == count.to_integral() and count > 0 else None


def _word(text: str) -> str:
    """A word's root, singular: "boxes" and "box", "boîtes" and "boîte" meet."""
    return re.sub(r"(?:es|s|\.)+$", "", fold(text))[:4]


# "cartons de 10 boîtes", "2 cartons of 10 boxes", "1 carton (10 boxes)": a container and what
# it holds, read from the container's word on (not taken by the count before it)
_CONTAINER_OF = re.compile(
    r"(?P<outer>[^\W\d_]+)\.?(?:\s+(?:de|of|à|a|zu|je|mit|with)\s+|\s*\(\s*)"
    r"(?P<each>\d+)\s*(?P<inner>[^\W\d_]+)"
    # "10 boxes per carton", "10 boîtes par carton", "10 Schachteln pro Karton"
    r"|(?P<each2>\d+)\s*(?P<inner2>[^\W\d_]+)\s+(?:per|par|pro|je|in\s+(?:a|each|one))\s+"
    r"(?P<outer2>[^\W\d_]+)"
)


# one unit code (BOX), two sizes: the carton that holds the boxes ...
_OUTER_WORDS = {"cart", "kart", "krt", "ktn", "ctn", "case", "cais", "coli", "umka", "kist"}
# ... and the box, the pack, the packet it holds
_INNER_WORDS = {"box", "boit", "bte", "bt", "scha", "doo", "pack", "paqu", "paq", "pkg", "pck"}


def _size(word: str) -> str | None:
    """ "outer" for a carton's word, "inner" for a box's, in any of our languages."""
    root = _word(word)
    return "outer" if root in _OUTER_WORDS else "inner" if root in _INNER_WORDS else None


def _boxes_in_cartons(
    quantity: Decimal, texts: list[str], ours: str, description: str, *, one_code: bool = False
) -> Decimal | None:
    """Two words for one unit code: "2 cartons de gants (cartons de 10 boîtes)" of gloves we
    sell by the "boîte 100" is 20 boxes, and so is "2 Karton (10 Box)". A carton and a box are
    both boxes to our unit codes; our own description says which of the two words is ours, or,
    when it names neither, the carton is the one that holds the others."""
    words = re.findall(r"[^\W\d_]+", description or "")
    our_words = {_word(w) for w in words}
    our_sizes = {_size(w) for w in words} - {None}
    for text in texts:
        for m in _CONTAINER_OF.finditer(text):
            each = parse_number(m["each"] or m["each2"])
            if not (each and each > 1 and each == each.to_integral()):
                continue
            outer, inner = m["outer"] or m["outer2"], m["inner"] or m["inner2"]
            # ("Beutel à 25 Stk" written out: a bag of pieces, as "Btl. à 50 St." is)
            if normalise_unit(inner) != ours or (
                normalise_unit(outer) != ours
                # (a line counted in our unit: "27 Rolle" of "3 Kartons à 9 Rollen" are rolls)
                and (one_code or normalise_unit(outer) not in CONTAINER_UNITS)
            ):
                continue
            if _word(outer) != _word(inner) and (
                (_word(inner) in our_words and _word(outer) not in our_words)
                or (
                    _size(outer) == "outer" and _size(inner) == "inner" and "outer" not in our_sizes
                )
            ):
                return quantity * each
    return None


def _containers_priced_as_their_pieces(
    quantity: Decimal,
    texts: list[str],
    ours: str,
    price_each: Decimal | None,
    expected: Decimal | None,
    list_price: Decimal | None = None,
) -> Decimal | None:
    """ "2 Btl. à 50 St." at 19,00 the bag of a piece we sell at 0,38: a container and the
    pieces it holds, both counted as pieces by their unit codes, the price says which one the
    count is of: fifty of ours to a bag, a hundred in all. (Priced in another currency than
    our list, so many of our list's pieces as a rate between near currencies keeps it.)"""
    if not price_each or (expected and price_each <= expected) or not (expected or list_price):
        return None

    def priced_as_the_pieces(each: Decimal) -> bool:
        if expected:
            return abs(price_each - each * expected) <= each * expected * PARTS_PRICE_SPREAD
        low, high = PACK_OF_PIECES_BAND
        return low <= price_each / (each * list_price) <= high

    for text in texts:
        for m in _CONTAINER_OF.finditer(text):
            each = parse_number(m["each"] or m["each2"])
            if not (each and each > 1 and each == each.to_integral()):
                continue
            outer, inner = m["outer"] or m["outer2"], m["inner"] or m["inner2"]
            # ("Beutel à 25 Stk" written out: a bag of pieces, as "Btl. à 50 St." is)
            if normalise_unit(inner) != ours or (
                normalise_unit(outer) != ours and normalise_unit(outer) not in CONTAINER_UNITS
            ):
                continue
            if priced_as_the_pieces(each):
                return quantity * each
    return None


def _counted_by_the_amount(
    line: ExtractedLine,
    texts: list[str],
    ours: str,
    price_each: Decimal,
    description: str = "",
    counted: str | None = None,
) -> Decimal | None:
    """The line's count in our unit when only that count times our unit's price gives the
    amount the line prints: "8 Bündel à 25 St." at 0,41 a piece, 82,00 is 200 pieces; "8
    Sack" at 1,18 the kilo, 236,00, of our "sac 25 kg" is 200 kilos."""
    if line.line_total is None or line.quantity is None:
        return None
    # ("2 boxes of 250 | CHF 0.48 | CHF 240.00": a bare count of pieces too, the amount tells)
    holds = [h for text in texts for h in _holds(text, unit_cell=True)]
    if counted is not None:
        holds += [h for h in _holds(description or "") if h[0] == counted]
    for _container, each, unit in holds:
        amount = _in_unit(each, unit, ours)
        if (
            amount
            and amount != 1
            and abs(line.quantity * amount * price_each - line.line_total) <= Decimal("0.01")
        ):
            return line.quantity * amount
    return None


def _unit_with_its_count(line: ExtractedLine) -> str:
    """The unit cell with the count it leaves to the next column: "KAR à" | "25" on the
    printed line "3 KAR à 25 352,50" is "KAR à 25"."""
    unit = (line.unit or "").strip()
    glued = re.fullmatch(r"([^\W\d_]{2,})\.?\s*(\d{1,5})", unit)
    if glued and normalise_unit(glued[1]) and int(glued[2]) > 1:
        return f"{glued[1]} of {glued[2]}"  # "BOX24", "CTN 12": the container and its count
    if unit and not re.search(r"\d", unit):
        # the unit read as its code ("BOX") where the line prints "2 Karton à 12", "1 carton (12)"
        for m in re.finditer(
            r"([^\W\d_]+)\.?\s*(?:\s(?:à|a|of|de|x|zu|je)\s+|\(\s*)(\d{1,5})(?![\d.,]*\d)"
            r"(?!\s*[^\W\d_])",
            line.raw_text or "",
        ):
            if normalise_unit(m[1]) == normalise_unit(unit) and normalise_unit(unit):
                return f"{m[1]} of {m[2]}"
    if not re.search(r"(?:^|\s)(?:à|a|of|de|x|zu|je)\.?$", unit):
        return line.unit or ""
    m = re.search(re.escape(unit) + r"\s*(\d{1,5})(?![\d.,]*\d)", line.raw_text or "")
    return f"{unit} {m[1]}" if m else unit


_TIMES_CONTENT = re.compile(rf"\s*[-*•]?\s*(?P<n>\d{{1,4}})\s*{TIMES_A_CONTENT}", re.IGNORECASE)
# "(24/ctn)", "12/box": so many to the container, as "ctn of 24" says it
_PER_CONTAINER = re.compile(
    # "(24/ctn)", "(25 par carton)", "25 per box", "12 pro Karton", "6 to a case"
    r"\b(?P<n>\d{1,4})\s*(?:(?P<what>rolls?|rollen|rouleaux|pcs|pieces|pièces|stk|stück|tubes?|"
    r"bottles?|flacons?|flaschen|cartouches?|cartridges?|kartuschen)\s+)?"
    r"(?:/|\b(?:par|per|pro|je|to\s+a|to\s+the)\b)\s*"
    r"(?P<container>ctns?|cartons?|box(?:es)?|cases?|packs?|pks?|bags?|sacks?|kartons?|colis|"
    r"sachets?|boites?)\b",
    re.IGNORECASE,
)


def _container_of(m: re.Match) -> str:
    """ "(9 Rollen pro Karton)" as "Karton of 9 Rollen"."""
    return f"{m['container']} of {m['n']} {m['what'] or 'pcs'}"


def _in_product_unit(
    line: ExtractedLine,
    product_unit: str,
    description: str,
    expected: Decimal | None = None,
    list_price: Decimal | None = None,
) -> Decimal | None:
    """The line's quantity in the product's unit when the line counts containers of it: "3
    cartons (de 5 ramettes)" of paper sold by the ream is 15, "4 × bidon 5 L" of a cleaner sold
    by the litre is 20, "4 rolls" of cotton wool sold by the kilo "(rolls of 500 g)" is 2, as
    the line says or, for the container it names, our description ("vendu au litre (bidon de
    5 L)"). None when nothing says how much a container holds."""
    ours = unit_code(product_unit) or (product_unit or "").upper()
    texts = [_PER_CONTAINER.sub(_container_of, t) for t in (line.description, line.raw_text) if t]
    counted = normalise_unit(line.unit) if line.unit else None
    price_each = (
        line.unit_price / line.price_unit
        if line.unit_price is not None and line.price_unit and line.price_unit > 1
        else line.unit_price
    )
    if counted == ours and line.quantity is not None:
        # "500 goutteurs, soit 2 sachets de 250": the whole in our unit, as the line says it
        in_all = _in_all(texts, ours)
        if in_all is not None and in_all != line.quantity:
            return in_all
        # "300 bags" of antistatic bags at 0,078, that we sell by the bag of 100 at 7,80
        return (
            _boxes_in_cartons(line.quantity, texts, ours, description, one_code=True)
            or _parts_of_ours(line.quantity, price_each, expected, description)
            or _containers_priced_as_their_pieces(
                line.quantity, texts, ours, price_each, expected, list_price
            )
        )
    if not ours or line.quantity is None:
        return None
    scale = _METRIC.get((counted, ours))
    if scale is not None:
        # "500 g" of an oxide we sell by the kilo at 96,00 (amount 48,00): half a kilo
        # (or "1000 g" at "28,00 per 1000": the price is our kilo's)
        converted = line.quantity * scale
        if (
            price_each is None
            or (expected and price_close(price_each, expected))
            or (expected and price_close(price_each / scale, expected))
            or (
                line.line_total is not None
                and abs(converted * price_each - line.line_total) <= Decimal("0.01")
            )
            or (
                line.line_total is not None
                and abs(converted * price_each / scale - line.line_total) <= Decimal("0.01")
            )
        ):
            return converted
    first_word = re.match(r"\s*([^\W\d_]+)", line.unit or "")
    if counted is None and first_word and normalise_unit(first_word[1]) == ours:
        # "Boîte de 100" of our box of 100 gloves: the cell names our own unit; unless it says
        # how many of ours one holds and the price is so many of ours ("CART (10 BTE)" at
        # 79,00 of our box at 7,90: a carton and a box share a unit code)
        # (the price net of the line's discount, or before it: "Karton à 10 | 69,00 | 10 %")
        for price in (price_each, _before_discount(line, price_each)):
            by_price = _counted_by_the_price(
                line, counted, ours, texts, description, price, expected
            )
            if by_price is not None and by_price / line.quantity in numbers_in(line.unit):
                return by_price
        if expected and price_each is not None and price_each < expected * 2:
            # priced as one of ours: a box, whatever the cell calls it; unless the amount is
            # the boxes the cartons hold ("3 | cartons de 10 boîtes | 6,90 | 207,00": 30)
            boxes = _boxes_in_cartons(line.quantity, [line.unit], ours, description)
            if (
                boxes is not None
                and line.line_total is not None
                and abs(boxes * price_each - line.line_total) <= Decimal("0.01")
            ):
                return boxes
            return None
        # "Karton (10 Box)" of our box at no multiple of our price (in another currency):
        # the cell says it
        return _boxes_in_cartons(line.quantity, [line.unit], ours, description)
    if expected and price_each is not None and price_close(price_each, expected):
        # priced as we price one of our units ("25 … 12,60" for tube at 12,60 the metre,
        # "au m, barres de 5 m"): the count is in our unit already, unless the line says the
        # whole in our unit ("2 Rollen (= 100 lfm) à € 1,15/lfm") or its amount says it
        # counts what holds them ("8 Bündel à 25 St." at 0,41 the piece: 82,00)
        # …or counts the pieces of our pack, priced by the pack: "500 pièces" at "14,90 /
        # botte" of our "botte de 25", 298,00: 20 bundles
        packs = (
            _packs_of_pieces(line.quantity, description, ours)
            if counted == "EA" and ours in CONTAINER_UNITS and line.line_total is not None
            else None
        )
        if packs is not None and abs(packs * price_each - line.line_total) <= Decimal("0.01"):
            return packs
        # "45 m²" of our "Paket à 3.00 m²" at its price, 652,50: the amount is of 15 packs
        measured = (
            _measured_into_ours(
                line.quantity, counted, description, price=price_each, amount=line.line_total
            )
            if counted in MEASURES and ours not in MEASURES and line.line_total is not None
            else None
        )
        if measured is not None and abs(measured * price_each - line.line_total) <= Decimal("0.01"):
            return measured
        # "1 carton (12 pc) … à 5,90 la pièce" of what we sell by the piece at 5.90: the
        # cartons' pieces, priced one by one
        if ours == "EA" and counted in CONTAINER_UNITS and counted != ours:
            each = _pieces_priced_one_by_one(texts)
            if each is not None:
                return line.quantity * each
        return (
            _in_all(texts, ours)
            or _in_all_of_our_packs(texts, ours, description)
            or _counted_by_the_amount(line, texts, ours, price_each, description, counted)
        )
    by_price = _counted_by_the_price(line, counted, ours, texts, description, price_each, expected)
    if by_price is not None:
        return by_price
    if counted in MEASURES and ours not in MEASURES:
        return _measured_into_ours(line.quantity, counted, description)
    if counted == "DZ" and ours in ("EA", "PR"):
        return line.quantity * 12  # "3 douzaines de paires de gants": 36 pairs
    if (
        counted == "PR"
        and ours == "EA"
        and not _priced_as_one_of_ours(price_each, expected or list_price)
        and _priced_as_one_of_ours(
            price_each / 2 if price_each is not None else None, expected or list_price
        )
    ):
        return line.quantity * 2  # "thirty pairs of butts @ £15.20 per pair" of our hinge
    if ours == "PR" and counted in (None, "EA"):
        # "8 chocks" at 22,25 "/ chock" of our pair at 44,50: single pieces, two to our pair
        halves = _parts_of_ours(line.quantity, price_each, expected, "2")
        if halves is not None:
            return halves
    if counted == "EA" and ours in CONTAINER_UNITS:
        # "1.000 Stk" of screws we sell by the box "(box of 100)": 10 boxes, when they divide
        return _packs_of_pieces(line.quantity, description, ours)
    in_all = _in_all(texts, ours)
    if in_all is not None:
        return in_all
    # "lot de 4 marqueurs" of our "Set 4 Farben": a pack the same size as ours is ours (not
    # "CTN6" of our "Auflage 120 x 50 x 6 cm": a size is no count; nor "2 cartons de 24" of
    # our piece "calendar, 24 tea bags": a carton is no piece of ours)
    ours_says = counts_in(description) if ours != "EA" or counted not in CONTAINER_UNITS else set()
    line_holds = [
        h
        for text in texts
        for h in _holds(text, goods=True)
        if not (h[2] == "" and h[1] in ours_says)
    ]
    # "carton (6 rolls)", "CTN/10": the carton of 6 rolls, of 10; "rouleau de 25" of our
    # "rouleau de 25": ours
    unit_cell = re.sub(r"([^\W\d_])\s*[(/]\s*(?=\d)", r"\1 of ", _unit_with_its_count(line))
    line_holds += [
        h for h in _holds(unit_cell, unit_cell=True) if not (h[2] == "" and h[1] in ours_says)
    ]
    # our own "(carton de 20)" of what we sell by the piece says what a carton holds (of
    # what we sell by the pack, "bag of 500", it says what our pack holds)
    # (of what we sell by the piece, "50 U sachet", "10 l can": the piece is the container)
    our_holds = [
        h
        for h in _holds(
            description or "", unit_cell=ours not in CONTAINER_UNITS, amount_first=ours != "EA"
        )
        if h[0] in CONTAINER_UNITS and _in_unit(h[1], h[2], ours)
    ]
    if counted is None and ours in MEASURES and line.quantity is not None:
        # "6 x 1 litre Lavender", "2 x 5kg coconut oil": so many of what holds so much of our
        # measure, the container unsaid
        times = _TIMES_CONTENT.match(line.raw_text or "")
        if times and parse_number(times["n"]) == line.quantity:
            amount = _in_unit(
                parse_number(times["each"]), normalise_unit(times["content_unit"]), ours
            )
            if amount and amount != 1:
                return line.quantity * amount
    if counted is None and ours in MEASURES:
        # the unit cell says what one holds of our measure, whatever holds it: "Fl. à 2 l"
        # of a disinfectant we sell by the litre
        for container, each, unit in _holds(line.unit or "", unit_cell=True):
            amount = _in_unit(each, unit, ours)
            # (a bottle, a piece: "EA")
            if container in (None, "EA") and amount and amount != 1:
                return line.quantity * amount
            said = _printed_contents(" ".join(texts), ours).get(each) if unit == "" else None
            if said and said != 1:
                # "Sack à 25" of "Quarzsand, 25-kg-Sack" we sell by the kilo, "flacon 500" of
                # "flacon 500 ml" by the litre: the words say of what the 25 or 500 are
                return line.quantity * said
        # "flacon 500" of "flacon 500 ml" we sell by the litre: the number the words measure
        bare = re.fullmatch(
            r"([^\W\d_]+\.?)\s*(?:(?:à|a|de|of)\s+)?(\d+(?:[.,]\d+)?)", (line.unit or "").strip()
        )
        each = parse_number(bare[2]) if bare else None
        said = _printed_contents(" ".join(texts), ours).get(each) if each else None
        if said and said != 1:
            return line.quantity * said
        # "500ml btl" of an attractor we sell by the litre: half a litre each
        held = _contents(line.unit, ours)
        if len(held) == 1 and (amount := held.pop()) != 1:
            return line.quantity * amount
    if counted is None:
        # the container said in the words only: "bidon 5 L" under "Cond.", or the one our
        # description names ("(5 l canister)") named on the line ("5 1 canister)")
        named = {
            c for c, each, unit in line_holds if c in CONTAINER_UNITS and _in_unit(each, unit, ours)
        }
        words = {normalise_unit(w) for text in texts for w in re.findall(r"[^\W\d_]+", text)}
        named |= {c for c, _each, _unit in our_holds if c in words}
        counted = named.pop() if len(named) == 1 else None
        if (
            counted is not None
            and ours not in MEASURES
            and _priced_as_one_of_ours(price_each, expected or list_price)
        ):
            # "Mesophilic culture MA 4001, 50 U sachet" at about our price of the sachet: the
            # line counts our sachets, whatever the words say one holds
            return None
        if counted is None:
            pieces = _pieces_priced_as_ours(
                line, line_holds, ours, price_each, expected, description
            )
            if pieces is not None:
                return pieces
    if counted is None:
        packs = _packs_the_words_describe(
            line.quantity, texts, ours, ours_says, price_each, expected
        )
        if packs is not None:
            return packs
    if counted == "EA" and ours in MEASURES:
        # "24 FL" of "Flüssiglockstoff 250 ml" we sell by the litre: pieces of the one content
        # the line's words measure
        held = _contents(" ".join(texts), ours)
        if len(held) == 1 and (amount := held.pop()) != 1:
            return line.quantity * amount
    if counted not in CONTAINER_UNITS:
        return None
    for container, each, unit in line_holds:
        amount = _in_unit(each, unit, ours)
        if container in (None, counted) and amount and amount != 1 and each != line.quantity:
            return line.quantity * amount
    if ours in MEASURES:
        # "3 buckets … (5kg)" of a paste we sell by the kilo: what each holds, in brackets
        held = {
            amount
            for text in texts
            for m in _BRACKETED_CONTENT.finditer(text)
            for amount in _contents(m[1], ours)
        }
        if len(held) == 1 and (amount := held.pop()) != 1:
            return line.quantity * amount
    # "4 ct" of "Spray 30 ml (carton de 24)" we sell by the piece: the words say what the
    # cartons counted hold, and nothing of ours is sold so packed
    stated = _pack_said([line.description or ""], counted) if ours not in CONTAINER_UNITS else set()
    if len(stated) == 1 and not stated & numbers_in(description):
        return line.quantity * stated.pop()
    # "1 carton playing cards (12 decks)" of a deck we sell by the piece: the pieces the
    # carton holds, in brackets, by a word of no measure
    if ours == "EA":
        bracketed = {
            Decimal(m[1])
            for text in texts
            for m in _BRACKETED_PIECES.finditer(text)
            if normalise_unit(m[2]) in (None, "EA") and not _SIZE_WORD.fullmatch(m[2])
        }
        if len(bracketed) == 1 and not bracketed & numbers_in(description):
            return line.quantity * bracketed.pop()
    # our description names the container and what it holds: "(carton de 5 ramettes)"
    for container, each, unit in our_holds:
        amount = _in_unit(each, unit, ours)
        if container == counted and amount and amount != 1:
            return line.quantity * amount
    return None


# a pack's price about so many of our pieces' (in another currency, at the buyer's price)
PACK_OF_PIECES_BAND = (Decimal("0.65"), Decimal("1.5"))


# the price of one piece said: "à 5,90 la pièce", "@ 2.10 each", "3,20 €/Stk"
_PRICE_OF_A_PIECE = re.compile(
    r"\d[.,]\d{2}\s*(?:€|eur|chf|gbp|£)?\s*(?:/\s*|(?:la|le|per|pro|das|par|the|l')\s*)"
    r"(?:pi[eè]ce|piece|pc|pce|stk|st[üu]ck|unit[ée]?|ea)\b|\d[.,]\d{2}\s*(?:€|eur|chf|gbp|£)?\s*each\b",
    re.IGNORECASE,
)
_PIECES_IN_BRACKETS = re.compile(
    r"\(\s*(\d{1,4})\s*(?:pc|pcs|pce|pces|pi[eè]ces?|pieces?|stk|st[üu]ck|ea|x)?\.?\s*\)", re.I
)


def _pieces_priced_one_by_one(texts: list[str]) -> Decimal | None:
    """What a container holds, in pieces ("carton (12 pc)"), on a line that prices the piece
    ("à 5,90 la pièce")."""
    text = " ".join(texts)
    if not _PRICE_OF_A_PIECE.search(text):
        return None
    counts = {Decimal(m[1]) for m in _PIECES_IN_BRACKETS.finditer(text)}
    if not counts:
        # "2 cartons de 12 aérosols … 8,50 € l'unité"
        counts = {
            Decimal(m["each"])
            for m in _CONTAINER_OF.finditer(text)
            if m["each"] and normalise_unit(m["outer"]) in CONTAINER_UNITS
        }
    counts.discard(Decimal(1))
    return counts.pop() if len(counts) == 1 else None


def _priced_as_one_of_ours(price: Decimal | None, ours: Decimal | None) -> bool:
    """A price about one of our units' (in whatever currency the buyer pays)."""
    if price is None or not ours:
        return False
    low, high = PACK_OF_PIECES_BAND
    return low <= price / ours <= high


def _packs_the_words_describe(
    quantity: Decimal,
    texts: list[str],
    ours: str,
    ours_says: set[Decimal],
    price_each: Decimal | None,
    expected: Decimal | None,
) -> Decimal | None:
    """Packs a line's words describe ("EP2 Grease cartridges 400g - CTN of 24" at 74,40 GBP)
    of what we sell by the piece at 3,60 EUR: the price is about that many of ours, so the
    count is of packs. Our own description's pack ("box of 100" in both) is ours, not one."""
    if ours in MEASURES or ours in CONTAINER_UNITS or not expected or not price_each:
        return None
    for text in texts:
        for m in _PACK_OF.finditer(text):
            each = parse_number(m[2])
            if (
                each
                and each >= 2
                and each == each.to_integral()
                and each not in ours_says
                and normalise_unit(m[1]) in PACK_UNITS
                and PACK_OF_PIECES_BAND[0]
                <= price_each / (each * expected)
                <= PACK_OF_PIECES_BAND[1]
            ):
                return quantity * each
    return None


# what a buyer counts one by one in a carton: rolls, pieces, units, or goods by their name
_COUNTED_ONE_BY_ONE = {"ROL", "EA", ""}
PIECE_PRICE_SPREAD = Decimal("0.15")


def _pieces_priced_as_ours(
    line: ExtractedLine,
    line_holds: list,
    ours: str,
    price_each: Decimal | None,
    expected: Decimal | None,
    description: str = "",
) -> Decimal | None:
    """Cartons of so many rolls ("4 carton of 6 rolls" at 24,00) of a roll we sell by the
    piece at 4,10: 24 of ours, when the carton's price is so many of ours at about our price
    (a buyer's own price, within 15 %). The unit cell says how many; the price says they are
    our pieces (or our words: "Karton à 12 Dosen" of our "… 50 ml tin")."""
    if ours != "EA" or not expected or not price_each or line.quantity is None:
        return None
    our_pieces = {normalise_unit(w) for w in re.findall(r"[^\W\d_]+", description)} - {None}
    for _container, each, unit in line_holds:
        if (
            (unit in _COUNTED_ONE_BY_ONE or unit in our_pieces)
            and each > 1
            and each != line.quantity
            and abs(price_each / each - expected) <= expected * PIECE_PRICE_SPREAD
        ):
            return line.quantity * each
    return None


def _packs_of_pieces(quantity: Decimal, description: str, ours: str) -> Decimal | None:
    """So many pieces in packs of ours, when our description says what one holds ("box of
    100", "Pkg. 100 Stk") and they make whole packs."""
    found = [
        (normalise_unit(m[1]), each)
        for m in [*_PACK_OF.finditer(description or ""), *_PACK_PIECES.finditer(description or "")]
        if (each := parse_number(m[2])) and each > 1
    ]
    sizes = [each for unit, each in found if unit == ours]
    if not sizes and ours in CONTAINER_UNITS:
        # our pack is a "sachet de 100" (a bag, by its word): the one pack our words name
        sizes = list({each for unit, each in found if unit in CONTAINER_UNITS})[:2]
        sizes = sizes if len(sizes) == 1 else []
    for each in sizes[:1]:
        packs = quantity / each
        return packs if packs == packs.to_integral() and packs > 0 else None
    return None


_BRACKETED_PIECES = re.compile(r"\(\s*(\d{1,4})\s+([^\W\d_]{3,})\s*\)")
# words that measure rather than count: "(12 volts)", "(2 colours)" name no pieces held
_SIZE_WORD = re.compile(
    r"(?i)volts?|watts?|amps?|colou?rs?|couleurs?|farben|sizes?|tailles?|gr[öo]ssen|years?|ans|"
    r"jahre|months?|mois|monate|days?|jours|tage|players?|joueurs|spieler|pages?|seiten|ages?"
)


def _in_all_of_our_packs(texts: list[str], ours: str, description: str) -> Decimal | None:
    """ "500 goutteurs, soit 2 sachets de 250" of our "Beutel à 250 Stk": the whole in packs
    the size of ours, whatever the buyer calls them."""
    if ours not in CONTAINER_UNITS:
        return None
    ours_hold = numbers_in(description)
    for text in texts:
        for m in _IN_ALL.finditer(text):
            size = re.match(r"\s*(?:de|of|à|a|zu|je)\s+(\d{1,5})\b", text[m.end() :])
            if (
                normalise_unit(m[2]) in CONTAINER_UNITS
                and size
                and Decimal(size[1]) in ours_hold
                and Decimal(size[1]) > 1
            ):
                return parse_number(m[1])
    return None


def _in_all(texts: list[str], ours: str) -> Decimal | None:
    """The whole count in our unit, as the line says it: "(soit 25 ramettes)", "(= 100 lfm)"."""
    for text in texts:
        for m in _IN_ALL.finditer(text):
            if normalise_unit(m[2]) == ours:
                return parse_number(m[1])
    return None


_AMOUNT = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)?)(?![\d])")


def numbers_in(*texts: str | None) -> set[Decimal]:
    """Every number the texts write ("carton 12 x 1 L": 12 and 1)."""
    found = {parse_number(m[1]) for text in texts for m in _AMOUNT.finditer(text or "")}
    return found - {None}


# a size, not a count: "120 x 50 x 6 cm", "Ø 300 cm", "6mm" (not "carton 12 x 1 L", 12 bottles)
_SIZE = re.compile(
    r"(?<![\w.,])\d+(?:[.,]\d+)?(?:\s*[x×]\s*\d+(?:[.,]\d+)?)*\s*(?:mm|cm)\b"
    r"|(?<![\w.,])\d+(?:[.,]\d+)?(?:\s*[x×]\s*\d+(?:[.,]\d+)?)+\s*m\b",
    re.IGNORECASE,
)


def counts_in(text: str | None) -> set[Decimal]:
    """The numbers a description writes that are no size: "Set 4 Farben" says 4, "Auflage
    120 x 50 x 6 cm" none."""
    return numbers_in(_SIZE.sub(" ", text or ""))


def _before_discount(line: ExtractedLine, price: Decimal | None) -> Decimal | None:
    """The price before the line's discount ("Karton à 10 | 69,00 | Rab. 10 %": 69,00, ten
    of ours at 6,90): what a container's list price is a multiple of."""
    if price is None or not line.discount or not 0 < line.discount < 100:
        return None
    return (price * 100 / (100 - line.discount)).quantize(Decimal("0.0001"))


CENT = Decimal("0.01")


def _counted_by_the_price(
    line: ExtractedLine,
    counted: str | None,
    ours: str,
    texts: list[str],
    description: str,
    price_each: Decimal | None,
    expected: Decimal | None,
) -> Decimal | None:
    """The line's count in our unit when its price is a whole number of ours, or ours a whole
    number of its, to the cent, and the words agree:

    - "12 KRT" of tape at 52,20 for a roll listed at 1,45 is 432 rolls (36 to a carton: a unit
      printed that is not ours), "2 blocs" of butter at 74,50 for our kilo at 7,45 is 20 kg
      ("bloc de 10 kg": the words say 10);
    - "24 flacons" at 2,30 of a carton listed at 27,60 is 2 cartons, when our description says
      a carton holds 12 ("carton 12 x 1 L") and the flasks make whole cartons."""
    if not expected or not price_each or line.quantity is None or counted == ours:
        return None
    if price_each < expected:
        return _parts_of_ours(line.quantity, price_each, expected, description, texts)
    if counted is None and not line.unit and ours in MEASURES:
        # "8 … Fl. 2,5 l" at 107,00 of a solvent we sell by the litre at 42,80: bottles of
        # the amount the line names, priced as so many litres
        for text in texts:
            for m in _CONTENT.finditer(text):
                amount = parse_number(m[1])
                if (
                    normalise_unit(m[2]) == ours
                    and amount
                    and amount > 1
                    and price_close(price_each, expected * amount)
                ):
                    return line.quantity * amount
    # a container's word, or a word we do not know, counts what holds several of ours; pieces
    # or kilos priced at a multiple of ours are not converted by the price
    if not (counted in CONTAINER_UNITS or (counted is None and line.unit)):
        return None
    said = numbers_in(*texts, line.unit, description)
    whole = (price_each / expected).to_integral()
    # the line says how many its container holds ("4 ct", "(carton de 24)"): a price about so
    # many of ours (in another currency, at the buyer's price) says no other count
    stated = _pack_said([line.description or ""], counted)
    # "6 | BOX50 | 20,50" of our key blank at 0,42, "2 | Karton à 12 Dosen | 37,20" of our
    # tin at 2,90: the count the unit or the words say, at about our price (the buyer's own,
    # another currency: within 15 %), before a whole number of ours the price happens to make
    unit_says = {
        n for n in numbers_in(_unit_with_its_count(line)) if n > 1 and n == n.to_integral()
    }
    for k in sorted(unit_says | stated):
        if abs(price_each / k - expected) <= expected * PIECE_PRICE_SPREAD:
            return line.quantity * k
    for k in sorted({whole} | {n for n in said if n > 1}):
        if price_close(price_each, expected * k) and (
            k in said
            or (k == whole and 2 <= k <= 100)
            # beyond a hundred, half a percent fits some count whatever the price: to the cent
            or (k == whole and 100 < k <= 10_000 and abs(price_each - expected * k) <= CENT)
        ):
            if stated and k not in stated:
                return None
            return line.quantity * k
    return None


def _pack_said(texts: list[str], counted: str | None) -> set[Decimal]:
    """How many the container the line counts holds, as its description says ("Spray 30 ml
    (carton de 24)" counted in cartons): the counts of packs named by that container's word."""
    if counted not in CONTAINER_UNITS:
        return set()
    # a count written whole ("bidons 150,00" is a unit cell and the price after it)
    counts = {
        Decimal(m[2])
        for text in texts
        for m in _PACK_OF.finditer(text)
        if normalise_unit(m[1]) == counted and re.fullmatch(r"\d{1,5}", m[2])
    }
    # …or of pieces it names: "Karton à 12 Dosen", "carton de 6 rouleaux"
    counts |= {
        each
        for text in texts
        for container, each, unit in _holds(text, amount_first=False)
        if container == counted
        and unit is not None
        and unit not in MEASURES
        and each == each.to_integral()
    }
    return {n for n in counts if n > 1}


PARTS_PRICE_SPREAD = Decimal("0.05")
# …or further off (a price in another currency) when the line says so too
PARTS_SAID_TWICE_SPREAD = Decimal("0.35")


def _parts_of_ours(
    quantity: Decimal,
    price_each: Decimal | None,
    expected: Decimal | None,
    description: str,
    texts: list[str] = (),
) -> Decimal | None:
    """Pieces at a whole fraction of our price, to the cent, that make whole units of ours
    when our description says one holds that many: 24 flasks at 2,30 of our "carton 12 x 1 L"
    at 27,60 are 2 cartons; "48 verres (livrés par cartons de 6)" at 2,80 EUR of our "Karton
    à 6 Stk" at 15,60 CHF are 8 cartons."""
    if not expected or not price_each or price_each >= expected:
        return None
    k = (expected / price_each).to_integral()
    said = (expected / price_each).quantize(Decimal("0.01"))
    if said != k and said in numbers_in(description) and (quantity / said) % 1 == 0:
        # "125 kg" at 0,792 of our "Sack 12,5 kg" at 9,90: ten sacks, to the cent
        return quantity / said
    spread = PARTS_SAID_TWICE_SPREAD if k in numbers_in(*texts) else PARTS_PRICE_SPREAD
    if (
        k >= 2
        and k in numbers_in(description)
        # to the cent, or about (a buyer's own price) for a count our description says
        and abs(expected - price_each * k) <= expected * spread
    ):
        count = quantity / k
        if count == count.to_integral() and count > 0:
            return count
    return None


def quantity_in_product_unit(
    line: ExtractedLine, product: ProductRecord, expected: Decimal | None
) -> Decimal | None:
    """The line's quantity in ``product``'s unit: converted where the line counts packs of
    a known pack size or containers whose content is said, else as printed."""
    if line.quantity is None:
        return None
    if (
        line.unit
        and line.unit != product.unit
        and line.unit in PACK_UNITS
        and product.unit == "EA"
        and product.pack_size
    ):
        return line.quantity * product.pack_size
    converted = _in_product_unit(
        line,
        product.unit,
        our_description(product),
        expected,
        list_price=product.list_price,
    )
    return converted or line.quantity


def our_description(product: ProductRecord) -> str:
    """Our description, with the unit when the catalogue writes it out with what one holds
    ("carton of 1000", "tin (2.5 l)"): it says so as "(box of 100)" in a description would."""
    if unit_written_out(product.unit):
        return f"{product.description} ({product.unit.lower()})"
    return product.description
