"""UN/EDIFACT ORDERS → ExtractedOrder, one per message (UNH … UNT) of the interchange.

Read: BGM (document number = PO number, message function), DTM 137 (order date), DTM 2/69/64/63
(requested delivery; on a line, the line's date), CUX, FTX, RFF, NAD BY/DP/ST/BT/IV/SU with their
RFF VA (VAT), CTA and COM, LIN (+ EN GTIN), PIA (SA/VN → our SKU, IN/BP → the customer's part
number, EN/SRV/UP → GTIN), IMD, QTY 21, PRI AAA/AAB (with a price basis), MOA 203 (line
amount), UNS, MOA 79/86/124 and CNT. UNA sets the separators; ``?`` releases the next
character.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field

from ingestion.edi.common import NotAnOrder, date, field, number, stated_line, unit
from ingestion.edi.segments import Segment, tokenize
from ingestion.extraction.model import Address, ExtractedLine, ExtractedOrder

NOT_ORDERS = {
    "INVOIC": ("invoice", "an invoice (INVOIC)"),
    "ORDRSP": ("confirmation", "an order response (ORDRSP)"),
    "ORDCHG": ("order_change", "a change to an earlier order (ORDCHG)"),
    "DESADV": ("delivery_note", "a despatch advice (DESADV)"),
    "QUOTES": ("quote", "a quote (QUOTES)"),
    "REQOTE": ("quote", "a request for quote (REQOTE)"),
    "RECADV": ("delivery_note", "a receiving advice (RECADV)"),
    "REMADV": ("other", "a remittance advice (REMADV)"),
    "PRICAT": ("other", "a price catalogue (PRICAT)"),
    "INVRPT": ("other", "an inventory report (INVRPT)"),
    "SLSRPT": ("other", "a sales report (SLSRPT)"),
    "APERAK": ("other", "an application acknowledgement (APERAK)"),
    "CONTRL": ("other", "a syntax acknowledgement (CONTRL)"),
}
DELIVERY_QUALIFIERS = {"2": 0, "69": 1, "64": 2, "63": 3}
ORDER_DATE_QUALIFIERS = {"137": 0, "4": 1}
GTIN_TYPES = {"EN", "SRV", "UP", "GTIN"}
SUPPLIER_TYPES = {"SA", "VN", "VP"}
BUYER_TYPES = {"IN", "BP", "BO"}


def separators(text: str) -> tuple[dict, str]:
    """The tokenizer's separators (UNA, else the defaults) and the text after UNA."""
    seps = {"component": ":", "element": "+", "release": "?", "terminator": "'"}
    if text.startswith("UNA") and len(text) >= 9:
        component, element, _decimal, release, _reserved, terminator = text[3:9]
        seps = {
            "component": component,
            "element": element,
            "release": None if release == " " else release,
            "terminator": terminator,
        }
        text = text[9:]
    return seps, text


def parse(text: str) -> list[ExtractedOrder]:
    seps, body = separators(text)
    segments = tokenize(body, **seps)
    messages: list[list[Segment]] = []
    current: list[Segment] | None = None
    for segment in segments:
        if segment.tag == "UNH":
            current = [segment]
            messages.append(current)
        elif segment.tag == "UNT":
            current = None
        elif current is not None:
            current.append(segment)
    if not messages:
        loose = [s for s in segments if s.tag not in ("UNB", "UNZ", "UNG", "UNE")]
        if any(s.tag == "BGM" for s in loose):
            messages = [loose]
    orders: list[ExtractedOrder] = []
    skipped: list[str] = []
    for message in messages:
        head = message[0]
        kind = head.get(2, 0).upper() if head.tag == "UNH" else "ORDERS"
        if kind != "ORDERS":
            skipped.append(NOT_ORDERS.get(kind, ("other", f"a {kind or '?'} message"))[1])
            continue
        try:
            orders.append(_order(message))
        except NotAnOrder as not_order:
            skipped.append(not_order.reason)
    if not orders:
        if not messages:
            raise NotAnOrder("EDIFACT interchange without any message")
        kinds = [m[0].get(2, 0).upper() for m in messages if m[0].tag == "UNH"]
        document_type = NOT_ORDERS.get(kinds[0], ("other", ""))[0] if kinds else "other"
        raise NotAnOrder("not an order: " + "; ".join(dict.fromkeys(skipped)), document_type)
    if skipped:
        warning = "skipped in the same interchange: " + "; ".join(skipped)
        orders = [_with_warning(o, warning) for o in orders]
    return orders


def _with_warning(order: ExtractedOrder, warning: str) -> ExtractedOrder:
    from dataclasses import replace

    return replace(order, warnings=(*order.warnings, warning))


@dataclass
class _Party:
    qualifier: str
    party_id: str
    agency: str
    address: Address
    segment: int
    vat: list[str] = dc_field(default_factory=list)
    customer_number: str = ""


@dataclass
class _Line:
    segment: Segment
    sku: str | None = None
    customer_sku: str | None = None
    gtin: str | None = None
    codes: list[str] = dc_field(default_factory=list)
    descriptions: list[str] = dc_field(default_factory=list)
    quantity: object = None
    quantity_qualifier: str = ""
    unit: str | None = None
    price: object = None
    price_rank: int = 99
    price_unit: object = None
    line_total: object = None
    requested: tuple | None = None
    raw: list[str] = dc_field(default_factory=list)

    def code(self, value: str, kind: str) -> None:
        value = value.strip()
        if not value:
            return
        kind = kind.upper()
        if kind in GTIN_TYPES and value.isdigit():
            if self.gtin is None:
                self.gtin = value
                return
        elif kind in SUPPLIER_TYPES and self.sku is None:
            self.sku = value
            return
        elif kind in BUYER_TYPES and self.customer_sku is None:
            self.customer_sku = value
            return
        if value not in self.codes:
            self.codes.append(value)

    def build(self) -> ExtractedLine:
        return stated_line(
            line_no=self.segment.get(1),
            source={"edi": "LIN", "segment": self.segment.index},
            raw_text="'\n".join(self.raw)[:2000],
            descriptions=self.descriptions,
            sku=self.sku,
            customer_sku=self.customer_sku,
            gtin=self.gtin,
            quantity=self.quantity,
            unit=self.unit,
            unit_price=self.price,
            line_total=self.line_total,
            requested_date=self.requested[1] if self.requested else None,
            price_unit=self.price_unit,
            codes=tuple(self.codes),
        )


def _address(segment: Segment) -> Address:
    """NAD: C058 name and address lines (3), C080 party name (4), C059 street (5), city (6),
    country sub-entity (7), postal code (8), country (9)."""
    unstructured = [c for c in segment.components(3) if c]
    name = " ".join(c for c in segment.components(4) if c) or None
    street = " ".join(c for c in segment.components(5) if c) or None
    city = segment.get(6) or None
    postal = segment.get(8) or None
    country = (segment.get(9) or "").upper()[:2] or None
    if name is None and unstructured:
        name = unstructured[0]
    lines = [name or "", street or "", " ".join(p for p in (postal, city) if p), country or ""]
    if not (street or city or postal) and len(unstructured) > 1:
        lines = unstructured
    return Address(
        name=name,
        street=street,
        postal_code=postal,
        city=city,
        country=country,
        lines=tuple(line for line in lines if line),
    )


def _order(message: list[Segment]) -> ExtractedOrder:
    po = order_date = delivery = currency = None
    po_segment = 0
    function = ""
    notes: list[str] = []
    references: list[str] = []
    parties: dict[str, _Party] = {}
    party: _Party | None = None
    emails: list[str] = []
    phones: list[str] = []
    contact = None
    lines: list[_Line] = []
    line: _Line | None = None
    summary = False
    totals: dict[str, tuple] = {}
    count = None
    warnings: list[str] = []
    for segment in message:
        tag = segment.tag
        if line is not None and tag not in ("LIN", "UNS"):
            line.raw.append(segment.text)
        if tag == "BGM":
            po = segment.get(2) or segment.get(1, 1) or None
            po_segment = segment.index
            function = segment.get(3)
        elif tag == "DTM":
            qualifier, value, fmt = segment.get(1), segment.get(1, 1), segment.get(1, 2)
            parsed = date(value, fmt)
            if parsed is None:
                continue
            if line is not None and qualifier in DELIVERY_QUALIFIERS:
                rank = DELIVERY_QUALIFIERS[qualifier]
                if line.requested is None or rank < line.requested[0]:
                    line.requested = (rank, parsed)
            elif line is None and qualifier in ORDER_DATE_QUALIFIERS:
                rank = ORDER_DATE_QUALIFIERS[qualifier]
                if order_date is None or rank < order_date[0]:
                    order_date = (rank, parsed, segment.index)
            elif line is None and qualifier in DELIVERY_QUALIFIERS:
                rank = DELIVERY_QUALIFIERS[qualifier]
                if delivery is None or rank < delivery[0]:
                    delivery = (rank, parsed, segment.index)
        elif tag == "CUX" and currency is None:
            if segment.get(1) in ("2", "9", "") and len(segment.get(1, 1)) == 3:
                currency = (segment.get(1, 1).upper(), segment.index)
        elif tag == "FTX" and line is None:
            text = " ".join(c for c in segment.components(4) if c)
            if text:
                notes.append(text)
        elif tag == "RFF":
            qualifier, value = segment.get(1).upper(), segment.get(1, 1)
            if not value or line is not None:
                continue
            if party is not None and qualifier in ("VA", "FC", "XA"):
                party.vat.append(value)
            elif party is not None and qualifier == "IT":
                party.customer_number = value
            elif party is None:
                if qualifier == "ON" and not po:
                    po, po_segment = value, segment.index
                references.append(f"{qualifier} {value}")
        elif tag == "NAD":
            if line is not None or summary:
                party = None
                continue
            qualifier = segment.get(1).upper()
            party = _Party(
                qualifier=qualifier,
                party_id=segment.get(2),
                agency=segment.get(2, 2),
                address=_address(segment),
                segment=segment.index,
            )
            parties.setdefault(qualifier, party)
        elif tag == "CTA" and party is not None and party.qualifier not in ("SU", "SE"):
            name = segment.get(2, 1) or segment.get(2)
            if name and contact is None:
                contact = (name, segment.index)
        elif tag == "COM" and (party is None or party.qualifier not in ("SU", "SE")):
            value, kind = segment.get(1), segment.get(1, 1).upper()
            if kind == "EM" and "@" in value:
                emails.append(value.lower())
            elif kind in ("TE", "FX"):
                digits = "".join(ch for ch in value if ch.isdigit())
                if digits:
                    phones.append(digits)
        elif tag == "LIN":
            party = None
            line = _Line(segment=segment)
            lines.append(line)
            line.raw.append(segment.text)
            line.code(segment.get(3), segment.get(3, 1))
        elif tag == "PIA" and line is not None:
            for position in range(2, 7):
                line.code(segment.get(position), segment.get(position, 1))
        elif tag == "IMD" and line is not None:
            text = " ".join(c for c in segment.components(3)[3:5] if c)
            if text and text not in line.descriptions:
                line.descriptions.append(text)
        elif tag == "QTY" and line is not None:
            qualifier = segment.get(1)
            value = number(segment.get(1, 1))
            if value is not None and (
                line.quantity is None or (qualifier == "21" and line.quantity_qualifier != "21")
            ):
                line.quantity, line.quantity_qualifier = value, qualifier
                line.unit = unit(segment.get(1, 2))
        elif tag == "PRI" and line is not None:
            qualifier = segment.get(1).upper()
            value = number(segment.get(1, 1))
            rank = {"AAA": 0, "AAB": 1}.get(qualifier, 2)
            if value is not None and rank < line.price_rank:
                line.price, line.price_rank = value, rank
                basis = number(segment.get(1, 4))
                line.price_unit = basis if basis is not None and basis > 1 else None
        elif tag == "MOA":
            qualifier, value = segment.get(1), number(segment.get(1, 1))
            if value is None:
                continue
            if line is not None and not summary:
                if qualifier == "203" or (qualifier == "66" and line.line_total is None):
                    line.line_total = value
            elif qualifier not in totals:
                totals[qualifier] = (value, segment.index)
        elif tag == "UNS":
            summary, line, party = True, None, None
        elif tag == "CNT":
            if segment.get(1) == "2":
                count = number(segment.get(1, 1))
    if function in ("1", "3"):
        raise NotAnOrder(f"a cancellation of order {po or '?'} (ORDERS, BGM function {function})")
    if function in ("4", "5"):
        warnings.append(f"replaces or changes an earlier order (BGM function {function})")
    elif function in ("7", "31", "43"):
        warnings.append(f"a copy of an order sent before (BGM function {function})")
    if count is not None and count != len(lines):
        warnings.append(f"CNT says {count} lines, the message has {len(lines)}")
    buyer = parties.get("BY") or parties.get("OB")
    ship_to = parties.get("DP") or parties.get("ST")
    bill_to = parties.get("BT") or parties.get("IV")
    vendor = parties.get("SU") or parties.get("SE")
    for label, p in (("buyer", buyer), ("delivery party", ship_to), ("invoicee", bill_to)):
        if p is not None and p.party_id and not p.address.lines:
            ids = f"{p.party_id} (GLN)" if p.agency == "9" else p.party_id
            notes.append(f"{label} {ids}")
    if references:
        notes.append("references: " + ", ".join(references))
    vat = tuple(v for p in (buyer, bill_to) if p is not None for v in p.vat)
    customer_number = None
    if buyer is not None:
        number_ = buyer.customer_number or buyer.party_id
        customer_number = field(number_, "NAD+BY", buyer.segment) if number_ else None

    def address_field(p: _Party | None, tag: str):
        if p is None or not p.address.lines:
            return None
        return field(p.address, tag, p.segment)

    goods = totals.get("79")
    grand = totals.get("86") or totals.get("128") or totals.get("39")
    tax = totals.get("124") or totals.get("176") or totals.get("150")
    return ExtractedOrder(
        po_number=field(po, "BGM", po_segment),
        order_date=field(order_date[1], "DTM", order_date[2]) if order_date else None,
        requested_delivery_date=field(delivery[1], "DTM", delivery[2]) if delivery else None,
        currency=field(currency[0], "CUX", currency[1]) if currency else None,
        buyer=address_field(buyer, "NAD+BY"),
        customer_number=customer_number,
        vat_numbers=field(vat, "RFF+VA", buyer.segment if buyer else 0) if vat else None,
        ship_to=address_field(ship_to, "NAD+" + (ship_to.qualifier if ship_to else "DP")),
        bill_to=address_field(bill_to, "NAD+BT"),
        vendor=address_field(vendor, "NAD+SU"),
        contact=field(contact[0], "CTA", contact[1]) if contact else None,
        notes=field("\n".join(notes), "FTX", 0) if notes else None,
        total=field(goods[0], "MOA+79", goods[1]) if goods else None,
        grand_total=field(grand[0], "MOA", grand[1]) if grand else None,
        tax_total=field(tax[0], "MOA", tax[1]) if tax else None,
        lines=tuple(line.build() for line in lines),
        document_type="purchase_order",
        emails=tuple(dict.fromkeys(emails)),
        phones=tuple(dict.fromkeys(phones)),
        warnings=tuple(warnings),
    )
