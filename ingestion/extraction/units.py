"""Units of measure as printed (pcs, Stück, pièces, cartons, kg…) → our codes (EA, BOX, KG…)."""

from __future__ import annotations

import re
from decimal import Decimal

from ingestion.extraction.geometry import fold
from ingestion.extraction.numbers import parse_number

_UNITS: dict[str, str] = {}
for _code, _names in {
    "EA": "ea each pc pcs pce pces piece pieces pièce pièces pcs. pc. st st. stk stk. stck stück stueck stuck unit units "
    "unité unités unite unites u un. un cnt c62 nos btl btls bottle bottles bouteille bouteilles "
    "flasche flaschen fl feuille feuilles blatt sheet sheets plaque plaques platte platten",
    "BOX": "box boxes bx bxs bte btes bt carton cartons ct ctn ctns cs case cases karton kartons krt kar kt ktn kart boîte boîtes boite boites colis "
    "schachtel schachteln cart. crt",
    "PK": "pk pack packs package packages pkg paquet paquets paq pqt pqts packung packungen pkt pak paket pakete lot lots plateau plateaux tray trays "
    "bundel bund bunde bundle bundles botte bottes ve vpe gebinde",
    "KG": "kg kgs kilo kilos kilogram kilograms kilogramme kilogrammes kilogramm",
    "G": "g gr gram grams gramme grammes gramm",
    "T": "t to tonne tonnes ton tons",
    "M": "m meter meters metre metres mètre mètres lfm lm ml",
    "M2": "m2 m² sqm qm",
    "M3": "m3 m³ cbm",
    "L": "l lt ltr litre litres liter liters",
    "PAL": "pal pallet pallets palette palettes plt",
    "ROL": "rol roll rolls rouleau rouleaux rlx rolle rollen rl bobine bobines spule spulen spool spools reel reels",
    "SET": "set sets jeu jeux satz",
    "PR": "pr pair pairs paire paires paar",
    "BAG": "bag bags sac sacs sachet sachets beutel sack sacks säcke sacke tüte tüten tute tuten",
    "DZ": "dz doz dozen dozens douzaine douzaines dutzend",
    "RM": "rm ream reams rame rames ramette ramettes ries",
    "CAN": "can cans kan bidon bidons kanister canister canisters jerrycan jerrycans tin tins "
    "dose dosen ds",
    "DRUM": "drum drums fut futs fût fûts fass fasser fässer",
    "PAIL": "pail pails seau seaux bucket buckets eimer",
    "BAR": "bar bars barre barres stange stangen stg stgn block blocks blöcke riegel length lengths "
    "longueur longueurs",
    "H": "h hr hrs hour hours heure heures std stunde stunden",
}.items():
    for _name in _names.split():
        _UNITS[fold(_name).rstrip(".")] = _code


def normalise_unit(text: str | None) -> str | None:
    """Our unit code for a printed unit, or None if it is not a unit we know."""
    if not text:
        return None
    key = fold(text).strip()
    key = re.sub(r"\((?:s|e|n|es|en)\)$", "", key)  # Odoo's "Unité(s)", "Stück(e)"
    key = key.strip(".,:;()[]").rstrip(".")
    if not key:
        return None
    if key in _UNITS:
        return _UNITS[key]
    if key.upper() in {"EA", "BOX", "KG", "M", "L", "PAL", "PK", "SET", "ROL", "PR"}:
        return key.upper()
    return None


# words before the unit in a catalogue's unit: "per litre (5 L can)", "le carton de 12"
_UNIT_LEAD = {"per", "par", "pro", "au", "a", "à", "le", "la", "l", "the", "price", "prix", "je"}


def unit_code(text: str | None) -> str | None:
    """Our unit code for a catalogue's unit, also when it is written out with what one holds:
    "carton of 1000" is a carton (BOX), "tin (2.5 l)" a can, "per litre (5 L can)" a litre,
    "Karton à 1000" a carton. None when no word of it is a unit we know."""
    code = normalise_unit(text)
    if code or not text:
        return code
    words = re.findall(r"[^\W\d_]+", fold(text))
    while words and words[0] in _UNIT_LEAD:
        words = words[1:]
    return normalise_unit(words[0]) if words else None


def unit_written_out(text: str | None) -> bool:
    """A catalogue's unit that says more than its code: "pack of 100", "roll (50 m)"."""
    return bool(text) and normalise_unit(text) is None and unit_code(text) is not None


_QTY_UNIT = re.compile(
    r"^\s*(?P<num>[-+]?\d{1,3}(?:[ .,'’\u202f\u00a0\u2009]\d{3})+(?:[.,]\d+)?|[-+]?\d+(?:[.,]\d+)?)"
    r"\s*(?P<unit>[^\d\s].*)?$"
)


def quantity_text(text: str) -> str:
    """The number part of a quantity cell ("1 200 pce" → "1 200")."""
    m = _QTY_UNIT.match(text or "")
    return m["num"] if m else (text or "").strip()


# "x 5kg", "× 1 litre": so many times a content of a measure (not "x 300 mm", a size)
TIMES_A_CONTENT = (
    r"[x×]\s*(?P<each>\d{1,3}(?:[.,]\d{1,3})?)\s*"
    r"(?P<content_unit>kg|kilos?|g|l|litres?|liters?|ltrs?)\b(?!\s*[x×])"
)


def split_quantity_unit(text: str) -> tuple[Decimal | None, str | None]:
    """``"12"`` → (12, None); ``"12 pcs"``/``"12pcs"``/``"12 x"`` → (12, "EA"); junk → (None, None)."""
    if not text:
        return None, None
    text = text.strip()
    value = parse_number(text)
    if value is not None:
        return value, None
    # "1 ctn (1000)": the pack's count in brackets after the unit
    bracketed = re.fullmatch(r"(\d.*\S)\s*\([^()]*\)", text)
    if bracketed:
        return split_quantity_unit(bracketed[1])
    # "8 Bündel à 25 St.", "2 Pal. à 40 Rollen", "3 rolls x 50 m": so many containers, and what
    # each holds
    # (the row's text keeps it, for the product's unit)
    holding = re.fullmatch(
        r"(\d{1,5})\s+([^\W\d_]+\.?)\s+(?:à|a|de|of|je|zu|x|×)\s+\d{1,5}(?:[.,]\d+)?\s*[^\W\d_]*\.?",
        text,
    )
    if holding:
        word = holding[2].rstrip(".")
        return parse_number(holding[1]), normalise_unit(word) or word.upper()
    # "3 x 6x1L": three of a pack of six litres
    packs = re.fullmatch(
        r"(\d{1,5})\s*[x×]\s*\d{1,4}\s*[x×]\s*\d+(?:[.,]\d+)?\s*[A-Za-z]{0,3}", text
    )
    if packs:
        return parse_number(packs[1]), None
    # "5 x 5L cans", "4 x 25 kg sacks": so many containers, each holding so much (the row's
    # text keeps what each holds)
    each = re.fullmatch(
        r"(\d{1,5})\s*[x×]\s*\d{1,4}(?:[.,]\d+)?\s*[A-Za-z]{1,3}\.?(?:\s+([^\W\d_]{3,}\.?))?",
        text,
    )
    if each:
        # ("5 x 5kg": five of what holds five kilos, the container unsaid)
        word = (each[2] or "").rstrip(".")
        return parse_number(each[1]), (normalise_unit(word) or word.upper()) if word else None
    m = _QTY_UNIT.match(text)
    if not m:
        return None, None
    value = parse_number(m["num"])
    if value is None:
        return None, None
    unit_text = (m["unit"] or "").strip()
    if unit_text in ("x", "×", "X"):
        return value, None
    unit = normalise_unit(unit_text)
    if unit_text and unit is None:
        if re.fullmatch(r"[A-Za-zÀ-ÿ]{1,5}\.?", unit_text):
            return value, unit_text.rstrip(".").upper()  # a unit we do not know ("KAR", "Gb")
        return None, None
    return value, unit
