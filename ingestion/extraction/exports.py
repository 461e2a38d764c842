"""Flat exports: an ERP's order as rows of items that repeat the order's own fields.

SAP, Odoo or a customer's script write one row per item and, on each (or on the first only),
the order's number, dates and delivery address: "PO Number | Ship-to name | Ship-to
postcode | …", "Référence commande | Adresse de livraison | Lignes de commande/Article". The
item table is read as any other (``tables``); the order's number and dates by their column
titles (``extract._repeated_column_values``); the delivery address here.
"""

from __future__ import annotations

import re

from ingestion.extraction.addresses import country_code, parse_address, parse_postal_line
from ingestion.extraction.confidence import postal_codes_in
from ingestion.extraction.geometry import fold
from ingestion.extraction.model import Address, Field
from ingestion.layout import TextSource

# a flat export's delivery address, one column per part on every row: "Ship-to name",
# "Ship-to postcode", "Lieferadresse PLZ", "Livraison ville"
_SHIP_COLUMN = re.compile(
    r"^(?:ship(?:ping)?[\s_-]*to|deliver(?:y|ed)?(?:[\s_-]*(?:to|address))?|consignee|"
    r"liefer(?:adresse|anschrift|ort)?|warenempfanger|(?:adresse\s+de\s+)?livraison|"
    # "Lief_PLZ", "Lief_Ort": an export's short names (a supplier's address there is ours, and
    # left out as ours)
    r"lief(?=[\s_])|destinataire)[\s_:-]+(?P<part>.+)$"
)
# "Nom livraison", "Rue livraison": the part first, then the delivery it belongs to
_SHIP_COLUMN_AFTER = re.compile(
    r"^(?P<part>.+?)[\s_-]+(?:de\s+)?(?:livraison|lieferung|liefer(?:adresse|anschrift)|delivery|ship[\s_-]*to)$"
)
_SHIP_PARTS = {
    "name": r"name|company|firma|nom|raison\s+sociale|empfanger|location|site",
    "contact": r"attention|attn\.?|contact|ansprechpartner|z\.?\s?hd\.?",
    "street": r"street|address(?:\s*(?:line\s*)?1)?|strasse|str\.?|adresse|rue",
    "postal_code": r"post\s*code|postal\s*code|zip(?:\s*code)?|plz|cp|code\s+postal|npa",
    "city": r"city|town|ort|stadt|ville|localite",
    "country": r"country(?:\s*code)?|land|pays",
}


# SAP's address fields of the delivery address ("ADRNR_NAME1", "ADRNR_POST_CODE1")
_SAP_ADDRESS = re.compile(r"^adrnr (?P<part>name|street|post code|city|country)\d?$")
# a column naming whom the goods go to, before its address's columns
_SHIP_NAME = re.compile(
    r"livr(?:er|e|ee)\s+a|deliver\s+to|liefern\s+an|lieferung\s+an|warenempfanger|destinataire"
)


def first_row_only(items: list, k: int) -> bool:
    return bool(items[0].cells.get(k)) and not any(r.cells.get(k) for r in items[1:])


_SHIP_WHOLE = re.compile(
    r"ship(?:ping)?[\s_-]*to(?:\s+address)?|deliver(?:y)?[\s_-]*(?:address|to)|lieferanschrift|"
    r"lieferadresse|adresse\s+de\s+livraison|(?:lieu|adresse)\s+livraison|leveradres|afleveradres"
    r"|lieu\s+livr?|site\s+(?:de\s+)?livraison"
)


def ship_to_columns(table) -> Field | None:
    """The delivery address of a flat export: the same values on every item row under its
    "Ship-to …" columns."""
    items = [r for r in table.rows if r.is_item]
    if not items or not table.columns:
        return None
    parts: dict[str, str] = {}
    whole: list[int] = []
    for k, column in enumerate(table.columns):
        # "SHIP_TO_ADDRESS", "DeliveryAddress": an export's field names
        title = re.sub(r"\s+", " ", fold(column.text).replace("_", " ")).strip(" :.")
        if _SHIP_WHOLE.fullmatch(title):
            whole.append(k)
            continue
        m = (
            _SHIP_COLUMN.match(title)
            or _SHIP_COLUMN_AFTER.match(title)
            or _SAP_ADDRESS.match(title)
        )
        # after a delivery column, a bare "CP", "Ville", "Pays" goes on with its address
        said = m["part"] if m else (title if parts or whole else "")
        part = next((p for p, words in _SHIP_PARTS.items() if re.fullmatch(words, said)), None)
        if part is None and _SHIP_NAME.fullmatch(title):
            part = "name"  # "Livrer à | Adresse livraison | CP | Ville"
        if part is None or part in parts:
            continue
        values = {" ".join(t.text for t in r.cells.get(k, [])).strip() for r in items}
        if len(values) != 1:
            return None  # items shipped to several places: not the order's one address
        parts[part] = values.pop()
    if parts.get("postal_code") and not parts.get("street") and len(whole) == 1:
        # "Adresse livraison" holds the street, its postcode and town have columns of their own
        values = {" ".join(t.text for t in r.cells.get(whole[0], [])).strip() for r in items}
        if len(values) == 1 and "" not in values:
            parts["street"] = values.pop()
    if not parts.get("postal_code"):
        # the whole address in one cell: "Lieferanschrift | Baustelle Rheinpark, Kennedy-Ufer 2,
        # 50679 Köln"
        for k in whole:
            values = {" ".join(t.text for t in r.cells.get(k, [])).strip() for r in items}
            if len(values) == 2 and "" in values and first_row_only(items, k):
                values.discard("")
            if len(values) != 1 or "" in values:
                return None
            place = values.pop()
            address = parse_address([place])
            if address.postal_code and address.city:
                return Field(address, 0.9, items[0].line.source_ref(), "table_column:ship_to")
            # "Lieu livraison | MAGASIN GENERAL QUAI 3": a place named, not an address read; the
            # customer's own address is not sure then
            return Field(
                Address(name=place, lines=(place,)),
                0.5,
                items[0].line.source_ref(),
                "table_column:ship_to_place",
            )
        return None
    if not parts.get("postal_code") or not parts.get("city"):
        return None
    return Field(_address_of(parts), 0.95, items[0].line.source_ref(), "table_columns:ship_to")


def _address_of(parts: dict[str, str], more: tuple[str, ...] = ()) -> Address:
    """The address a delivery's parts make, read from columns or rows; ``more`` are its
    further street lines ("Delivery Address 2")."""
    country = parts.get("country") or ""
    street = parts.get("street")
    return Address(
        name=parts.get("name") or None,
        street=", ".join([street, *more]) if street else None,
        postal_code=parts["postal_code"],
        city=parts["city"],
        country=country.upper() if len(country) == 2 else country_code(country),
        contact=parts.get("contact") or None,
        lines=tuple(v for v in [*parts.values(), *more] if v),
    )


def ship_to_rows(lines) -> Field | None:
    """A sheet's delivery address as key/value rows above its items: "Delivery Name | …",
    "Delivery Address 1 | …", "Delivery Town | Leeds", "Delivery Postcode | LS9 0NP"."""
    parts: dict[str, str] = {}
    more: list[str] = []
    first = None
    for line in lines:
        if line.source != TextSource.SHEET or len(line.segments) < 2:
            continue
        title = re.sub(r"\s+", " ", fold(line.text_of(*line.segments[0])).replace("_", " "))
        m = _SHIP_COLUMN.match(title.strip(" :.")) or _SHIP_COLUMN_AFTER.match(title.strip(" :."))
        if m is None:
            continue
        value = " ".join(line.text_of(*seg) for seg in line.segments[1:]).strip()
        # "Delivery Address 1": the title's words took the address, its number is left
        said = "street" if m["part"].strip() == "1" else m["part"].strip()
        part = next((p for p, words in _SHIP_PARTS.items() if re.fullmatch(words, said)), None)
        if part is None:
            if value and re.fullmatch(r"(?:(?:address|adresse)\s*(?:line\s*)?)?[2-4]|zusatz", said):
                more.append(value)  # "Delivery Address 2 | Knowsthorpe Gate"
            continue
        if part in parts:
            continue
        first = first or line
        parts[part] = value
    if first is None or not parts.get("postal_code") or not parts.get("city"):
        return None
    return Field(_address_of(parts, tuple(more)), 0.95, first.source_ref(), "sheet_rows:ship_to")


def cell_postal_codes(table, *, language: str) -> list[str]:
    """Postal codes in a sheet's cells beside the items ("Lieferanschrift: …, 50679 Köln"):
    an address printed, whether or not its column was understood."""
    codes = []
    numbering = _numbering_columns(table)
    for r in table.rows:
        cells = [
            " ".join(t.text for t in toks)
            for k, toks in sorted(r.cells.items())
            if r.roles[k] in ("unknown", "ignore") and k not in numbering
        ]
        # each cell ("Lieferanschrift: …, 50679 Köln"), two side by side ("8020 | Graz" under
        # "Lief_PLZ | Lief_Ort") and all of them ("69320 | Feyzin" under columns whose titles
        # were not understood)
        pairs = [f"{a} {b}" for a, b in zip(cells, cells[1:], strict=False)]
        for text in [*cells, *pairs, " ".join(cells)]:
            codes += postal_codes_in(text, language=language)
    return list(dict.fromkeys(codes))


def _numbering_columns(table) -> set[int]:
    """Columns whose cells read as a postal code after one same word, a different code on each
    row ("CRM 77410", "CRM 77422" under "CRM Part"): the customer's part numbers, no town."""
    out = set()
    for k in {k for r in table.rows for k in r.cells}:
        read = [
            parse_postal_line(" ".join(t.text for t in r.cells[k]), language="en")
            for r in table.rows
            if r.is_item and r.cells.get(k)
        ]
        read = [found for found in read if found]
        if (
            len(read) >= 2
            and len({found[0] for found in read}) == len(read)
            and len({found[1] for found in read}) == 1
        ):
            out.add(k)
    return out
