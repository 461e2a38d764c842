"""Flat EDI files: a customer's ERP writes its order as tagged records, one per row, with no
column titles ("BGM;220;4500087790;9", "NAD;DP;…;Werk 2;Robert-Bosch-Straße 30;72810;…",
"LIN;10;3760123041287;30012045;ROU-6204-2RS;500;PCE;4.12;1;2060.00"), separated by ``;``, ``|``
or tabs. Real EDIFACT (``UNB+…'``) is parsed by ``ingestion.edi``; these in-house flattenings
follow no standard, so each record is read by what its cells look like:

- ``BGM`` and a header record (``HDR``, ``HEAD``…) give the order's number: the first cell that
  is not a message type, a document code or a date; ``DTM`` its dates by qualifier (137 the
  order, 2/64/69/17 the delivery); a header record's dates in order (the order's, then the
  delivery's); ``CUX`` (or any cell that is a currency code) the currency.
- ``NAD`` records are parties by qualifier (BY buyer, DP/ST delivery, IV/BT invoicee, SU/SE
  the supplier): name, street, postal code and town found by their look, in whatever order.
- An item record (``LIN``, ``DTL``, ``ITM``, ``POS``…) is its position, codes (a GTIN by its
  check digit, the others as printed: ours or the customer's, matching sorts them out) and
  text, then the quantity just before its unit code, then the price, a price basis and the
  line's amount; quantity × price = amount settles the reading.
- The order's goods total is ``MOA`` 79, or a summary record's amount that is the sum of the
  lines.

Nothing here is stated by a standard, so values carry a confidence below EDI's 1.0: high when
the file's own arithmetic confirms them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from ingestion.edi.common import date as edi_date
from ingestion.edi.common import known_unit
from ingestion.edi.common import unit as edi_unit
from ingestion.extraction.model import Address, ExtractedLine, ExtractedOrder, Field
from ingestion.extraction.numbers import detect_decimal_separator, parse_number
from ingestion.extraction.tables import gtin_valid
from ingestion.layout import Layout, TextSource
from ingestion.reading.text import SHEET_COLUMN_WIDTH

RULE = "flat_edi"
_HEADER_TAGS = {"HDR", "HEAD", "HEADER", "ORH", "OHD", "ORD", "BGM"}
_LINE_TAGS = {"LIN", "DTL", "DET", "ITM", "ITEM", "POS", "ORL", "OLD", "LINE"}
_PARTY_TAGS = {"NAD"}
_OTHER_TAGS = {
    "UNA", "UNB", "UNH", "UNT", "UNZ", "UNS", "DTM", "CUX", "MOA", "CNT", "FTX", "TRL",
    "TRA", "TLR", "END", "RFF", "PIA", "IMD", "QTY", "PRI", "TAX", "ALC", "CTA", "COM",
}  # fmt: skip
_KNOWN_TAGS = _HEADER_TAGS | _LINE_TAGS | _PARTY_TAGS | _OTHER_TAGS
_SUMMARY_TAGS = {"TRL", "TRA", "TLR", "CNT", "UNT", "END", "MOA"}
# message types that are not orders
_NOT_ORDERS = {"INVOIC", "ORDRSP", "DESADV", "INVRPT", "PRICAT", "QUOTES", "REQOTE", "RECADV"}
_MESSAGE_WORDS = {"ORDERS", "ORDCHG", "ORDER", "PO", "D96A", "D01B", "D93A", "D97A", "EANCOM"}
_ORDER_DATE_QUALIFIERS = {"137", "4", "3"}
_DELIVERY_QUALIFIERS = {"2": 0, "64": 1, "69": 2, "17": 3, "10": 4, "63": 5}
_CURRENCIES = {"EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "CAD", "JPY"}
_DELIVERY_PARTIES = ("DP", "ST", "CN", "DEL")
_TAG = re.compile(r"^[A-Z]{3,6}$")
_POSTAL = re.compile(
    r"^(?:[A-Z]{1,2}-)?\d{4,5}$|^\d{4}\s?[A-Z]{2}$|^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$|"
    r"^[A-Z]\d{2}\s?[A-Z\d]{4}$|^\d{3}\s?\d{2}$|^\d{2}-\d{3}$"
)
_UNIT_CODE = re.compile(r"^[A-Z]{1,3}$")
_QUALIFIED_CODE = re.compile(r"^(?P<q>SA|IN|BP|VN|SN|MF|BY|EN):(?P<code>\S+)$", re.IGNORECASE)


def _rows(layout: Layout) -> list[tuple[list[str], dict]]:
    """The first sheet's rows as cell texts (empty cells kept), each with its source."""
    page = layout.pages[0]
    by_top: dict[float, list] = defaultdict(list)
    for word in page.words:
        by_top[word.top].append(word)
    rows = []
    for index, top in enumerate(sorted(by_top)):
        words = sorted(by_top[top], key=lambda w: w.x0)
        cells: list[str] = []
        for w in words:
            cells += [""] * (round(w.x0 / SHEET_COLUMN_WIDTH) - len(cells))
            cells.append(w.text.strip())
        source = {
            "page": page.number,
            "bbox": [words[0].x0, top, words[-1].x1, max(w.bottom for w in words)],
            "line": index,
        }
        rows.append((cells, source))
    return rows


def _split_one_cell(cells: list[str]) -> list[str]:
    """A file the reader took as one column ("HDR|ORDERS|…"): split it at its separator."""
    if len([c for c in cells if c]) != 1:
        return cells
    text = next(c for c in cells if c)
    for sep in ("|", ";", "\t", "+", "*", "~"):
        if text.count(sep) >= 2:
            return [c.strip() for c in text.split(sep)]
    return cells


_PARTY_QUALIFIERS = {"BY", "OB", "SU", "SE", "DP", "ST", "CN", "DEL", "IV", "BT"}
# an in-house format's one-letter records: header, party, reference, line, trailer
_ONE_LETTER = {"H": "HDR", "L": "LIN", "T": "TRL", "D": "NAD"}
_DELIVERY_REFERENCE = re.compile(r"(?i)del|liv|lief|ship|due|req")


def _as_segments(rows: list[tuple[list[str], dict]]) -> list[tuple[list[str], dict]]:
    """Records named otherwise, as the segments they are: a party's qualifier as its record's
    tag ("BY;Optik Hürlimann AG;…", "DP;…") is a NAD; one-letter records ("H;ORDERS;…",
    "D;DP;…", "R;DELDATE;20270108", "L;1;…", "T;5;2309.82") are HDR, NAD, DTM, LIN, TRL."""
    tags = [cells[0].upper() for cells, _ in rows if cells and cells[0]]
    one_letter = (
        bool(tags)
        and all(len(t) == 1 and t.isalpha() for t in tags)
        and ("L" in tags or "D" in tags)
        and "H" in tags
    )
    # "H;…", "D;1;KH104456;;300;EA;0.41;123.00", "T;5;706.40": with no "L" records, the "D"
    # records are the details (the items), not a delivery party
    letters = _ONE_LETTER if "L" in tags else {**_ONE_LETTER, "D": "LIN"}
    out = []
    for cells, source in rows:
        tag = cells[0].upper() if cells else ""
        if tag in _PARTY_QUALIFIERS and len(cells) > 2:
            cells = ["NAD", tag, "", *cells[1:]]
        elif one_letter and tag == "R" and len(cells) >= 3 and _is_date(cells[2]):
            # a dated reference: the delivery's, or the order's
            qualifier = "2" if _DELIVERY_REFERENCE.search(cells[1]) else "137"
            cells = ["DTM", qualifier, cells[2]]
        elif one_letter and tag in letters:
            cells = [letters[tag], *cells[1:]]
        out.append((cells, source))
    return out


def looks_like_flat_file(rows: list[list[str]]) -> bool:
    """Most rows start with a record tag, and there are item records."""
    tagged = [r for r in rows if r and r[0]]
    if len(tagged) < 3:
        return False
    tags = [r[0].upper() for r in tagged]
    known = sum(1 for t in tags if t in _KNOWN_TAGS)
    items = sum(1 for t in tags if t in _LINE_TAGS)
    shaped = sum(1 for t in tags if _TAG.match(t))
    return items >= 1 and known >= 2 and shaped >= 0.8 * len(tags) and known >= 0.5 * len(tags)


def _is_date(text: str):
    if re.fullmatch(r"(?:19|20)\d{6}", text):
        return edi_date(text)
    return None


def _number(text: str, sep: str | None) -> Decimal | None:
    if not text or not re.fullmatch(r"[-+]?[\d.,' ]+", text) or not re.search(r"\d", text):
        return None
    return parse_number(text, decimal_sep=sep)


def _is_text(cell: str) -> bool:
    """Words (a description or a name), not a code."""
    letters = sum(c.isalpha() for c in cell)
    return (
        " " in cell.strip() and letters >= 3 or (letters >= 4 and cell.isalpha() and len(cell) > 6)
    )


def _party(cells: list[str]) -> tuple[str, Address] | None:
    """A NAD record: its qualifier and address."""
    if len(cells) < 2:
        return None
    qualifier = cells[1].upper()
    rest = [c for c in cells[2:]]
    country = None
    if rest and re.fullmatch(r"[A-Z]{2}", rest[-1] or ""):
        country = rest.pop()
    while rest and not rest[-1]:
        rest.pop()
    party_id = ""
    if rest and (not rest[0] or " " not in rest[0] and any(ch.isdigit() for ch in rest[0])):
        party_id = rest.pop(0)
    postal_at = None
    for i, cell in enumerate(rest):
        if _POSTAL.match(cell.upper()) and i > 0:
            postal_at = i
            break
    name = street = city = postal = None
    others = list(rest)
    if postal_at is not None:
        postal = rest[postal_at]
        after = rest[postal_at + 1] if postal_at + 1 < len(rest) else ""
        before = rest[postal_at - 1]
        if after and not any(ch.isdigit() for ch in after):
            city = after
            others = rest[:postal_at]
        elif before and not any(ch.isdigit() for ch in before) and postal_at >= 3:
            city = before
            others = rest[: postal_at - 1]
        else:
            others = rest[:postal_at]
    others = [c for c in others if c]
    if others:
        name = others[0]
    if len(others) >= 2:
        street = " ".join(others[1:])
    if not (name or postal):
        return None
    town = " ".join(p for p in (postal, city) if p)
    lines = tuple(p for p in (name, street, town, country) if p)
    address = Address(
        name=name, street=street, postal_code=postal, city=city, country=country, lines=lines
    )
    return qualifier, (party_id, address)


def _header_address(cells: list[str]) -> Address | None:
    """A header record that carries the customer's address at its end ("…;Bootswerft Hansen
    GmbH;Am Hafen 12;24376;Kappeln;DE")."""
    for i in range(len(cells) - 1, 1, -1):
        if (
            _POSTAL.match(cells[i].upper())
            and i >= 3
            and _is_text(cells[i - 3])
            and re.search(r"\d", cells[i - 2])
            and re.fullmatch(r"[^\W\d_][^\d]+", cells[i - 1].strip())
        ):
            # "…;Keys & Heels York;22 Coney Street;York;YO1 9QL;GB": the town before its
            # postcode, as the British write it
            parsed = _party(["NAD", "X", "", *cells[i - 3 :]])
            if parsed:
                return parsed[1][1]
        if _POSTAL.match(cells[i].upper()) and _is_text(cells[i - 2]):
            parsed = _party(["NAD", "X", "", *cells[i - 2 :]])
            if parsed:
                return parsed[1][1]
    return None


def _line(cells: list[str], sep: str | None, source: dict, raw: str) -> ExtractedLine | None:
    body = cells[1:]
    line_no = None
    if body and re.fullmatch(r"\d{1,6}", body[0] or "") and len(body) > 3:
        line_no = int(body[0])
        body = body[1:]
    # the unit: a unit code right after a number
    unit_at = None
    for i in range(1, len(body)):
        cell = (body[i] or "").strip()
        if not cell or _number(body[i - 1], sep) is None or gtin_valid(body[i - 1]):
            continue  # a GTIN is no quantity
        if cell.upper() in _KNOWN_TAGS:
            continue  # "…;PIA;SA:WZ-30140": the segment the codes come in
        if known_unit(cell) or _UNIT_CODE.match(cell) and cell.upper() not in _CURRENCIES:
            unit_at = i
            break
    numbers: list[Decimal] = []
    requested = None
    if unit_at is not None:
        quantity = _number(body[unit_at - 1], sep)
        front = body[: unit_at - 1]
        for cell in body[unit_at + 1 :]:
            when = _is_date(cell)
            if when:
                requested = requested or when
                continue
            value = _number(cell, sep)
            if value is not None:
                numbers.append(value)
        unit = edi_unit(body[unit_at])
    else:
        # no unit: quantity, price and amount found by their product
        values = [(i, _number(c, sep)) for i, c in enumerate(body)]
        values = [(i, v) for i, v in values if v is not None and not gtin_valid(body[i])]
        found = None
        for a in range(len(values)):
            for b in range(a + 1, len(values)):
                for c in range(b + 1, len(values)):
                    q, p, t = values[a][1], values[b][1], values[c][1]
                    if q > 0 and p > 0 and abs(q * p - t) <= Decimal("0.011"):
                        found = found or (a, b, c)
        if found is None:
            return None
        quantity = values[found[0]][1]
        numbers = [values[found[1]][1], values[found[2]][1]]
        front = body[: values[found[0]][0]]
        unit = None
    if quantity is None or quantity <= 0:
        return None
    price = price_unit = total = None
    checked = False
    if numbers:
        price = numbers[0]
        rest = numbers[1:]
        if (
            len(rest) >= 2
            and rest[0] in (1, 10, 100, 1000)
            and _close(quantity * price / rest[0], rest[1])
        ):
            price_unit, total, checked = (rest[0] if rest[0] > 1 else None), rest[1], True
        elif rest and _close(quantity * price, rest[0]):
            total, checked = rest[0], True
        elif rest and _close(quantity * price, rest[-1]):
            total, checked = rest[-1], True
    codes: list[str] = []
    ours = theirs = None
    gtin = None
    texts: list[str] = []
    for cell in front:
        cell = (cell or "").strip()
        if not cell or cell.upper() in _KNOWN_TAGS:
            continue
        qualified = _QUALIFIED_CODE.match(cell)
        if qualified:
            # PIA's "SA:WZ-30140" (the supplier's article), "IN:GS-70140" (the buyer's)
            code = qualified["code"]
            if qualified["q"].upper() in ("SA", "VN", "SN", "MF") and ours is None:
                ours = code
            elif theirs is None:
                theirs = code
            codes.append(code)
            continue
        if gtin_valid(cell) and len(cell) >= 12 and gtin is None:
            gtin = cell
        elif _is_text(cell):
            texts.append(cell)
        elif cell.upper() not in _CURRENCIES:
            codes.append(cell)
    if not (codes or gtin or texts):
        return None
    sure = 0.96 if checked else 0.9
    confidences = {"quantity": sure}
    if price is not None:
        confidences["unit_price"] = sure
    if unit:
        confidences["unit"] = sure
    return ExtractedLine(
        line_no=line_no,
        sku=ours,
        customer_sku=theirs,
        gtin=gtin,
        description=" ".join(texts),
        description_lines=tuple(texts),
        quantity=quantity,
        unit=unit,
        unit_price=price,
        price_unit=price_unit,
        line_total=total,
        requested_date=requested,
        codes=tuple(codes),
        confidence=sure,
        field_confidence=confidences,
        source=source,
        rule=RULE + ("+arithmetic" if checked else ""),
        raw_text=raw[:2000],
    )


def _close(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) <= Decimal("0.011") + abs(b) * Decimal("0.00001")


def _field(value, confidence: float, source: dict, rule: str = RULE) -> Field | None:
    if value is None or value == "":
        return None
    return Field(value=value, confidence=confidence, source=source, rule=rule)


def extract_from_flat_file(layout: Layout) -> ExtractedOrder | None:
    """The order of a flat EDI file (see module docstring), or None when the sheet is not one."""
    if not layout.pages or layout.pages[0].source != TextSource.SHEET:
        return None
    rows = [(_split_one_cell(cells), source) for cells, source in _rows(layout)]
    rows = [([c.strip() for c in cells], source) for cells, source in rows if any(cells)]
    rows = _as_segments(rows)
    if not looks_like_flat_file([cells for cells, _ in rows]):
        return None
    from ingestion.extraction.header import detect_language

    every_cell = [c for cells, _ in rows for c in cells if c]
    sep = detect_decimal_separator(every_cell)
    po = order_date = currency = None
    deliveries: list[tuple[int, object, dict]] = []
    header_dates: list[tuple[object, dict]] = []
    parties: dict[str, tuple[str, Address, dict]] = {}
    header_address = None
    lines: list[ExtractedLine] = []
    unread: list[str] = []
    totals: list[tuple[Decimal, dict, bool]] = []  # (amount, source, labelled as goods total)
    notes: list[str] = []
    for cells, source in rows:
        tag = cells[0].upper()
        raw = ";".join(cells).rstrip(";")
        if any(c.upper() in _NOT_ORDERS for c in cells[:4]):
            return ExtractedOrder(
                is_order=False,
                not_order_reason=f"a flat EDI file of another message ({raw[:60]})",
                document_type="other",
            )
        if tag in _LINE_TAGS:
            line = _line(cells, sep, source, raw)
            if line is None:
                unread.append(raw[:200])
            else:
                lines.append(line)
            continue
        if tag in _HEADER_TAGS:
            for i, cell in enumerate(cells[1:], start=1):
                upper = cell.upper()
                if not cell or upper in _MESSAGE_WORDS or upper in _NOT_ORDERS:
                    continue
                if upper in _CURRENCIES:
                    currency = currency or _field(upper, 0.95, source)
                    continue
                when = _is_date(cell)
                if when:
                    header_dates.append((when, source))
                    continue
                if po is None and any(ch.isdigit() for ch in cell) and not gtin_valid(cell):
                    if tag == "BGM" and re.fullmatch(r"\d{1,3}", cell):
                        continue  # the document code (220 = order), the function (9)
                    if tag != "BGM" and i > 4:
                        continue  # far along a header record: ids, not the order's number
                    po = _field(cell, 0.97 if tag == "BGM" else 0.9, source)
            if tag != "BGM":
                header_address = header_address or _header_address(cells)
            continue
        if tag == "DTM" and len(cells) >= 3:
            when = edi_date(cells[2], cells[3] if len(cells) > 3 else "")
            if when is None:
                continue
            if cells[1] in _ORDER_DATE_QUALIFIERS and order_date is None:
                order_date = _field(when, 0.97, source)
            elif cells[1] in _DELIVERY_QUALIFIERS:
                deliveries.append((_DELIVERY_QUALIFIERS[cells[1]], when, source))
            continue
        if tag == "CUX":
            for cell in cells[1:]:
                if cell.upper() in _CURRENCIES:
                    currency = _field(cell.upper(), 0.97, source)
                    break
            continue
        if tag == "NAD":
            parsed = _party(cells)
            if parsed:
                qualifier, (party_id, address) = parsed
                parties.setdefault(qualifier, (party_id, address, source))
            continue
        if tag == "FTX":
            text = " ".join(c for c in cells[2:] if c)
            if text:
                notes.append(text)
            continue
        if tag in _SUMMARY_TAGS:
            goods = tag == "MOA" and len(cells) > 2 and cells[1] == "79"
            amounts = cells[2:3] if tag == "MOA" else cells[1:]
            if tag == "MOA" and not goods:
                continue
            for cell in amounts:
                value = _number(cell, sep)
                if value is not None:
                    totals.append((value, source, goods))
    if not lines:
        return None
    if order_date is None and header_dates:
        order_date = _field(header_dates[0][0], 0.9, header_dates[0][1])
        header_dates = header_dates[1:]
    delivery = None
    if deliveries:
        _rank, when, source = min(deliveries, key=lambda d: (d[0], d[1]))
        delivery = _field(when, 0.97, source)
    elif header_dates:
        later = [d for d in header_dates if order_date is None or d[0] >= order_date.value]
        if later:
            delivery = _field(later[0][0], 0.88, later[0][1])
    if delivery is None:
        dated = [ln.requested_date for ln in lines if ln.requested_date]
        if dated:
            delivery = _field(min(dated), 0.9, lines[0].source)
    amounts = [ln.line_total for ln in lines]
    computed = sum(amounts, Decimal(0)) if all(a is not None for a in amounts) else None
    if computed is None and all(ln.unit_price is not None for ln in lines):
        computed = sum(
            (ln.quantity * ln.unit_price / (ln.price_unit or 1) for ln in lines), Decimal(0)
        )
    total = None
    for value, source, _goods in totals:
        if computed is not None and _close(computed, value):
            total = _field(value, 0.97, source, f"label:{RULE}_total=sum_of_lines")
            break
    if total is None:
        labelled = [(v, s) for v, s, goods in totals if goods]
        if labelled:
            total = _field(labelled[0][0], 0.9, labelled[0][1], f"label:{RULE}_total")

    def party(*qualifiers: str, confidence: float = 0.97) -> Field | None:
        for q in qualifiers:
            if q in parties:
                _id, address, source = parties[q]
                return _field(address, confidence, source, f"{RULE}:NAD+{q}")
        return None

    buyer = party("BY", "OB")
    ship_to = party(*_DELIVERY_PARTIES)
    if header_address is not None:
        buyer = buyer or _field(header_address, 0.9, rows[0][1], RULE + ":header")
        ship_to = ship_to or _field(header_address, 0.9, rows[0][1], RULE + ":header")
    customer_number = None
    for q in ("BY", "OB", "IV", "BT"):
        if q in parties and parties[q][0] and not gtin_valid(parties[q][0]):
            customer_number = _field(parties[q][0], 0.8, parties[q][2])
            break
    text = "\n".join(" ".join(c for c in cells if c) for cells, _ in rows)
    return ExtractedOrder(
        po_number=po,
        order_date=order_date,
        requested_delivery_date=delivery,
        currency=currency,
        buyer=buyer,
        customer_number=customer_number,
        ship_to=ship_to,
        bill_to=party("IV", "BT"),
        vendor=party("SU", "SE"),
        notes=_field("\n".join(notes), 0.9, {}) if notes else None,
        total=total,
        lines=tuple(lines),
        document_type="purchase_order",
        language=detect_language(text),
        unread_lines=tuple(unread),
        postal_codes=tuple(
            dict.fromkeys(
                re.sub(r"\s", "", a.postal_code).upper()
                for q, (_i, a, _s) in parties.items()
                if q not in ("SU", "SE") and a.postal_code
            )
        ),
    )


# ----------------------------------------------------------------------------------------
# records that a file describes itself

_DESCRIPTOR = re.compile(r"^#\s*([A-Za-z][A-Za-z0-9]{0,7})$")


def described_records_as_sheet(layout: Layout) -> Layout | None:
    """A flat file whose first rows name each record's columns ("#ENT;type;num_cde;date_cde…",
    "#LIG;num_ligne;ref_fourn;qte;unite;pu_htva", then "ENT;ORDERS;2026/SPO/01318;…") laid out
    as a sheet a person would have written: each other record's cells under their names as
    label and value, then the item records as a table under their column names. The sheet is
    read as any sheet is; the names, not the records' order, say what each value is."""
    if not layout.pages or layout.pages[0].source != TextSource.SHEET:
        return None
    rows = [_split_one_cell(cells) for cells, _source in _rows(layout)]
    rows = [[c.strip() for c in cells] for cells in rows if any(cells)]
    names: dict[str, list[str]] = {}
    records: list[tuple[str, list[str]]] = []
    for cells in rows:
        m = _DESCRIPTOR.match(cells[0])
        if m and len([c for c in cells[1:] if c]) >= 2:
            names[m.group(1).upper()] = cells[1:]
        elif cells[0].upper() in names:
            records.append((cells[0].upper(), cells[1:]))
    if len(names) < 2 or not records:
        return None
    from ingestion.extraction.tables import classify_header

    def roles(tag: str) -> set:
        return {classify_header(name.replace("_", " ")) for name in names[tag]}

    items = [t for t in names if "quantity" in roles(t) and any(r == t for r, _ in records)]
    if len(items) != 1:
        return None
    item = items[0]
    sheet: list[list[str]] = []
    for tag, cells in records:
        if tag == item:
            continue
        pairs = list(zip(names[tag], cells, strict=False))
        address = _described_address(pairs)
        for k, (name, value) in enumerate(pairs):
            taken = address is not None and k in address[1]
            if value and name and name.lower() not in ("type", "tag", "record") and not taken:
                sheet.append([name, value])
        if address is not None:
            sheet += [[], *address[0], []]
    sheet.append([])
    sheet.append(list(names[item]))
    sheet += [cells for tag, cells in records if tag == item]
    from ingestion.reading.text import sheet_to_layout

    return sheet_to_layout(sheet, meta=dict(layout.meta))


_POSTAL_NAME = re.compile(r"\b(?:cp|zip|plz|npa|postcode|post ?code|postal ?code|code ?postal)\b")
_DELIVERY_NAME = re.compile(r"livr|deliv|liefer|ship|dest|empf|consign")


def _described_address(pairs: list[tuple[str, str]]) -> tuple[list[list[str]], set[int]] | None:
    """The delivery address of a described record ("lieu_livr;rue;cp;ville;pays"): the cells
    around the postal code's, as the address block a document prints under its label; the
    indexes of the cells it takes."""
    plain = [name.replace("_", " ").lower().strip() for name, _ in pairs]
    at = next((k for k, name in enumerate(plain) if _POSTAL_NAME.search(name)), None)
    if at is None or not pairs[at][1]:
        return None
    start = at
    while (
        start > 0
        and at - start < 3
        and pairs[start - 1][1]
        and not re.fullmatch(r"[A-Z]{2}\d{2,}|\d[\d ./-]*", pairs[start - 1][1])
    ):
        start -= 1
    end = at + 1
    while end < len(pairs) and end - at <= 2 and pairs[end][1]:
        end += 1
    named = [k for k in range(start, at) if _DELIVERY_NAME.search(plain[k])]
    if named:
        start = named[0]  # the buyer's name before the place's ("nom_client;lieu_livr;rue")
    elif not any(_DELIVERY_NAME.search(name) for name in plain[max(0, start - 1) : end]):
        return None
    before = [value for _, value in pairs[start:at]]
    after = [value for _, value in pairs[at + 1 : end]]
    city = after[0] if after else ""
    block = [["Delivery address"], *[[v] for v in before], [f"{pairs[at][1]} {city}".strip()]]
    block += [[v] for v in after[1:]]
    return block, set(range(start, end))
