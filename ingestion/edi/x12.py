"""ANSI X12 850 (purchase order) → ExtractedOrder, one per transaction set (ST … SE).

The separators come from ISA: the element separator is its 4th character, the component
separator and the segment terminator follow its 16th element. Line breaks also end a segment
(files written one segment a line, sometimes without the terminator).

Read: BEG (purpose, PO number BEG03, date BEG05), CUR, REF, PER, ITD, DTM 002/106 (requested
delivery; on a line, the line's date), N1 BY/BT/ST/VN/SU with N2/N3/N4, MSG/N9, PO1 (quantity,
unit, unit price, product ids: VP/VN/VC → our SKU, BP/IN/CB/SK → the customer's part number,
UP/EN/UK → GTIN, PD → description), PID, AMT, CTT.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from dataclasses import field as dc_field

from ingestion.edi.common import NotAnOrder, date, field, number, stated_line, unit
from ingestion.edi.segments import Segment, tokenize
from ingestion.extraction.model import Address, ExtractedLine, ExtractedOrder

NOT_ORDERS = {
    "810": ("invoice", "an invoice (810)"),
    "855": ("confirmation", "a purchase order acknowledgment (855)"),
    "860": ("order_change", "a purchase order change (860)"),
    "865": ("confirmation", "a purchase order change acknowledgment (865)"),
    "856": ("delivery_note", "a ship notice (856)"),
    "997": ("other", "a functional acknowledgment (997)"),
    "999": ("other", "an implementation acknowledgment (999)"),
    "820": ("other", "a payment order / remittance advice (820)"),
    "846": ("other", "an inventory inquiry/advice (846)"),
    "832": ("other", "a price/sales catalog (832)"),
    "840": ("quote", "a request for quotation (840)"),
    "843": ("quote", "a response to request for quotation (843)"),
}
SUPPLIER_IDS = {"VP", "VN", "VC", "VA", "SW"}
BUYER_IDS = {"BP", "IN", "CB", "SK", "PI"}
GTIN_IDS = {"UP", "EN", "UK", "UA", "EO", "UI"}
DELIVERY_QUALIFIERS = {"002": 0, "106": 1, "074": 2}
BEG_PURPOSE = {"01": "cancellation", "03": "deletion", "06": "confirmation"}


def separators(text: str) -> dict:
    """Element separator, component separator and terminator from the ISA segment."""
    if not text.startswith("ISA") or len(text) < 4:
        raise NotAnOrder("not an X12 interchange (no ISA segment)")
    element = text[3]
    position, seen = 3, 1
    while seen < 16:
        position = text.find(element, position + 1)
        if position < 0:
            raise NotAnOrder("broken X12 interchange (ISA segment too short)")
        seen += 1
    component = text[position + 1 : position + 2]
    terminator = text[position + 2 : position + 3]
    if component in ("~", "\r", "\n", ""):
        # ISA16 missing: what follows the last separator is the terminator
        component, terminator = ">", component or "~"
    if terminator in ("\r", "\n", ""):
        terminator = "\n"
    return {"element": element, "component": component, "terminator": terminator}


def parse(text: str) -> list[ExtractedOrder]:
    seps = separators(text)
    segments = tokenize(text, release=None, newline_ends_segment=True, **seps)
    sets: list[list[Segment]] = []
    current: list[Segment] | None = None
    for segment in segments:
        if segment.tag == "ST":
            current = [segment]
            sets.append(current)
        elif segment.tag == "SE":
            current = None
        elif current is not None:
            current.append(segment)
    orders: list[ExtractedOrder] = []
    skipped: list[str] = []
    for transaction in sets:
        kind = transaction[0].get(1)
        if kind != "850":
            skipped.append(NOT_ORDERS.get(kind, ("other", f"an X12 {kind or '?'} transaction"))[1])
            continue
        try:
            orders.append(_order(transaction))
        except NotAnOrder as not_order:
            skipped.append(not_order.reason)
    if not orders:
        if not sets:
            raise NotAnOrder("X12 interchange without any transaction set")
        document_type = NOT_ORDERS.get(sets[0][0].get(1), ("other", ""))[0]
        raise NotAnOrder("not an order: " + "; ".join(dict.fromkeys(skipped)), document_type)
    if skipped:
        warning = "skipped in the same interchange: " + "; ".join(skipped)
        orders = [replace(o, warnings=(*o.warnings, warning)) for o in orders]
    return orders


@dataclass
class _Party:
    code: str
    segment: int
    name: list[str] = dc_field(default_factory=list)
    party_id: str = ""
    id_qualifier: str = ""
    street: list[str] = dc_field(default_factory=list)
    city: str = ""
    state: str = ""
    postal: str = ""
    country: str = ""

    def address(self) -> Address | None:
        name = " ".join(self.name) or None
        street = ", ".join(self.street) or None
        city_line = " ".join(p for p in (self.city, self.state, self.postal) if p)
        lines = tuple(p for p in (name, street, city_line, self.country) if p)
        if not lines:
            return None
        return Address(
            name=name,
            street=street,
            postal_code=self.postal or None,
            city=self.city or None,
            country=self.country.upper()[:2] or None,
            lines=lines,
        )


@dataclass
class _Line:
    segment: Segment
    sku: str | None = None
    customer_sku: str | None = None
    gtin: str | None = None
    codes: list[str] = dc_field(default_factory=list)
    descriptions: list[str] = dc_field(default_factory=list)
    requested: tuple | None = None
    raw: list[str] = dc_field(default_factory=list)

    def code(self, qualifier: str, value: str) -> None:
        value = value.strip()
        if not value:
            return
        if qualifier == "PD":
            if value not in self.descriptions:
                self.descriptions.append(value)
            return
        if qualifier in GTIN_IDS and value.isdigit() and self.gtin is None:
            self.gtin = value
            return
        if qualifier in SUPPLIER_IDS and self.sku is None:
            self.sku = value
            return
        if qualifier in BUYER_IDS and self.customer_sku is None:
            self.customer_sku = value
            return
        if value not in self.codes:
            self.codes.append(value)

    def build(self) -> ExtractedLine:
        po1 = self.segment
        return stated_line(
            line_no=po1.get(1),
            source={"edi": "PO1", "segment": po1.index},
            raw_text="~\n".join(self.raw)[:2000],
            descriptions=self.descriptions,
            sku=self.sku,
            customer_sku=self.customer_sku,
            gtin=self.gtin,
            quantity=number(po1.get(2)),
            unit=unit(po1.get(3)),
            unit_price=number(po1.get(4)),
            requested_date=self.requested[1] if self.requested else None,
            codes=tuple(self.codes),
        )


def _terms(itd: Segment) -> str:
    """ITD without a description: discount percent (03) within days (05), net days (07)."""
    parts = []
    if itd.get(3) and itd.get(5):
        parts.append(f"{itd.get(3)}% {itd.get(5)} days")
    if itd.get(7):
        parts.append(f"net {itd.get(7)} days")
    return ", ".join(parts)


def _order(transaction: list[Segment]) -> ExtractedOrder:
    po = order_date = delivery = currency = terms = contact = total = None
    po_segment = 0
    notes: list[str] = []
    references: list[str] = []
    warnings: list[str] = []
    parties: dict[str, _Party] = {}
    party: _Party | None = None
    emails: list[str] = []
    phones: list[str] = []
    lines: list[_Line] = []
    line: _Line | None = None
    count = None
    for segment in transaction:
        tag = segment.tag
        if line is not None and tag not in ("PO1", "CTT", "AMT"):
            line.raw.append(segment.write("*", ">"))
        if tag == "BEG":
            purpose = segment.get(1)
            po = segment.get(3) or None
            po_segment = segment.index
            if purpose in BEG_PURPOSE:
                raise NotAnOrder(
                    f"a {BEG_PURPOSE[purpose]} of order {po or '?'} (850, BEG01 {purpose})"
                )
            if purpose in ("05", "04"):
                warnings.append(f"replaces an earlier order (BEG01 {purpose})")
            elif purpose == "07":
                warnings.append("a duplicate of an order sent before (BEG01 07)")
            parsed = date(segment.get(5))
            if parsed:
                order_date = (parsed, segment.index)
            if segment.get(4):
                notes.append(f"release {segment.get(4)}")
        elif tag == "CUR" and currency is None and len(segment.get(2)) == 3:
            currency = (segment.get(2).upper(), segment.index)
        elif tag == "DTM":
            qualifier, parsed = segment.get(1), date(segment.get(2))
            if parsed is None:
                continue
            if qualifier in DELIVERY_QUALIFIERS:
                rank = DELIVERY_QUALIFIERS[qualifier]
                if line is not None:
                    if line.requested is None or rank < line.requested[0]:
                        line.requested = (rank, parsed)
                elif delivery is None or rank < delivery[0]:
                    delivery = (rank, parsed, segment.index)
            elif qualifier == "004" and line is None and order_date is None:
                order_date = (parsed, segment.index)
        elif tag == "REF" and line is None:
            value = segment.get(2) or segment.get(3)
            if value:
                references.append(f"{segment.get(1)} {value}")
        elif tag == "PER" and line is None:
            if any(ch.isalpha() for ch in segment.get(2)) and contact is None:
                contact = (segment.get(2), segment.index)
            for position in (3, 5, 7):
                kind, value = segment.get(position), segment.get(position + 1)
                if kind == "EM" and "@" in value:
                    emails.append(value.lower())
                elif kind in ("TE", "FX"):
                    digits = "".join(ch for ch in value if ch.isdigit())
                    if digits:
                        phones.append(digits)
        elif tag == "ITD" and terms is None:
            text = segment.get(12) or _terms(segment)
            if text:
                terms = (text, segment.index)
        elif tag in ("MSG", "NTE") and line is None:
            text = segment.get(1) if tag == "MSG" else segment.get(2)
            if text:
                notes.append(text)
        elif tag == "N1":
            if line is not None:
                party = None
                continue
            party = _Party(code=segment.get(1).upper(), segment=segment.index)
            if segment.get(2):
                party.name.append(segment.get(2))
            party.id_qualifier, party.party_id = segment.get(3), segment.get(4)
            parties.setdefault(party.code, party)
        elif tag == "N2" and party is not None:
            party.name.extend(v for v in (segment.get(1), segment.get(2)) if v)
        elif tag == "N3" and party is not None:
            party.street.extend(v for v in (segment.get(1), segment.get(2)) if v)
        elif tag == "N4" and party is not None:
            party.city, party.state = segment.get(1), segment.get(2)
            party.postal, party.country = segment.get(3), segment.get(4)
        elif tag == "PO1":
            party = None
            line = _Line(segment=segment)
            line.raw.append(segment.write("*", ">"))
            lines.append(line)
            for position in range(6, 26, 2):
                line.code(segment.get(position).upper(), segment.get(position + 1))
        elif tag == "PID" and line is not None:
            text = segment.get(5)
            if text and text not in line.descriptions:
                line.descriptions.append(text)
        elif tag == "AMT" and segment.get(1) in ("1", "TT") and total is None:
            value = number(segment.get(2))
            if value is not None:
                total = (value, segment.index)
        elif tag == "CTT":
            line = None
            count = number(segment.get(1))
    if count is not None and count != len(lines):
        warnings.append(f"CTT says {count} lines, the transaction has {len(lines)}")
    built = tuple(line.build() for line in lines)
    if delivery is None:
        dates = {line.requested_date for line in built}
        if len(dates) == 1 and None not in dates:
            delivery = (0, dates.pop(), lines[0].segment.index)
    buyer = parties.get("BY")
    bill_to = parties.get("BT")
    ship_to = parties.get("ST")
    vendor = parties.get("VN") or parties.get("SU")
    customer_party = buyer if buyer is not None and buyer.party_id else bill_to
    customer_number = None
    if customer_party is not None and customer_party.party_id:
        customer_number = field(
            customer_party.party_id, f"N1*{customer_party.code}", customer_party.segment
        )
    if references:
        notes.append("references: " + ", ".join(references))

    def address_field(p: _Party | None):
        address = p.address() if p is not None else None
        return field(address, f"N1*{p.code}", p.segment) if address is not None else None

    return ExtractedOrder(
        po_number=field(po, "BEG", po_segment),
        order_date=field(order_date[0], "BEG", order_date[1]) if order_date else None,
        requested_delivery_date=field(delivery[1], "DTM", delivery[2]) if delivery else None,
        currency=field(currency[0], "CUR", currency[1]) if currency else None,
        buyer=address_field(buyer),
        customer_number=customer_number,
        ship_to=address_field(ship_to),
        bill_to=address_field(bill_to),
        vendor=address_field(vendor),
        contact=field(contact[0], "PER", contact[1]) if contact else None,
        payment_terms=field(terms[0], "ITD", terms[1]) if terms else None,
        notes=field("\n".join(notes), "MSG", 0) if notes else None,
        total=field(total[0], "AMT", total[1]) if total else None,
        lines=built,
        document_type="purchase_order",
        emails=tuple(dict.fromkeys(emails)),
        phones=tuple(dict.fromkeys(phones)),
        warnings=tuple(warnings),
    )
