"""TRADACOMS ORDERS (UK) → ExtractedOrder, one per ORDERS message (MHD … MTR).

An order file is ORDHDR (TYP, SDT supplier, CDT customer), then one ORDERS message per order
(CLO customer location, ORD order number and date, DIN delivery, OLD lines), then ORDTLR.
Segments are ``TAG=element+element'``, components ``:``, release ``?``.

Read: CDT (customer: EAN location : supplier's id of the customer → customer number; name;
address), CLO (delivery location → ship-to), ORD (customer's order number, date), DIN (earliest
delivery date, instructions), OLD (SPRO traded unit EAN : supplier's code, SACU consumer unit
EAN, CPRO customer's code, UNOR consumer units per traded unit, OQTY quantity, TDES
description). Prices (OUCT, with implied decimals) are not read.
"""

from __future__ import annotations

from ingestion.edi.common import NotAnOrder, date, field, number, stated_line
from ingestion.edi.segments import Segment, tokenize
from ingestion.extraction.model import Address, ExtractedLine, ExtractedOrder

NOT_ORDERS = {
    "INVFIL": ("invoice", "a TRADACOMS invoice file (INVFIL)"),
    "INVOIC": ("invoice", "a TRADACOMS invoice (INVOIC)"),
    "DELHDR": ("delivery_note", "a TRADACOMS delivery notification (DELHDR)"),
    "ACKHDR": ("confirmation", "a TRADACOMS acknowledgement (ACKHDR)"),
    "CREHDR": ("other", "a TRADACOMS credit note (CREHDR)"),
}


def parse(text: str) -> list[ExtractedOrder]:
    segments = tokenize(
        text, element="+", component=":", terminator="'", release="?", tag_separator="="
    )
    kinds = [s.get(2) for s in segments if s.tag == "MHD"]
    if "ORDERS" not in kinds:
        first = next((k for k in kinds if k not in ("ORDTLR",)), "")
        document_type, reason = NOT_ORDERS.get(first, ("other", f"a TRADACOMS {first} file"))
        raise NotAnOrder("not an order: " + reason, document_type)
    customer: Segment | None = None
    messages: list[list[Segment]] = []
    current: list[Segment] | None = None
    for segment in segments:
        if segment.tag == "MHD":
            current = [segment] if segment.get(2) == "ORDERS" else None
            if current is not None:
                messages.append(current)
        elif segment.tag == "CDT" and customer is None:
            customer = segment
        elif segment.tag == "MTR":
            current = None
        elif current is not None:
            current.append(segment)
    return [_order(message, customer) for message in messages]


def _address(segment: Segment, name_element: int, address_element: int) -> Address | None:
    name = segment.get(name_element) or None
    lines = [c for c in segment.components(address_element) if c]
    postal = segment.get(address_element + 1) or None
    if not name and not lines:
        return None
    return Address(
        name=name,
        street=lines[0] if lines else None,
        city=lines[-1] if len(lines) > 1 else None,
        postal_code=postal,
        lines=tuple(p for p in (name, *lines, postal) if p),
    )


def _order(message: list[Segment], customer: Segment | None) -> ExtractedOrder:
    po = order_date = delivery = ship_to = None
    notes: list[str] = []
    lines: list[ExtractedLine] = []
    for segment in message:
        if segment.tag == "ORD":
            po = field(segment.get(1) or None, "ORD", segment.index)
            order_date = field(date(segment.get(1, 2)), "ORD", segment.index)
        elif segment.tag == "DIN":
            delivery = field(date(segment.get(1)), "DIN", segment.index)
            if segment.get(4):
                notes.append(segment.get(4))
        elif segment.tag == "CLO":
            address = _address(segment, 2, 3)
            ship_to = field(address, "CLO", segment.index) if address else None
            codes = [c for c in segment.components(1) if c]
            if codes:
                notes.append("delivery location " + " / ".join(codes))
        elif segment.tag == "OLD":
            lines.append(_line(segment))
    buyer = customer_number = None
    if customer is not None:
        address = _address(customer, 2, 3)
        buyer = field(address, "CDT", customer.index) if address else None
        customer_number = field(customer.get(1, 1) or None, "CDT", customer.index)
    return ExtractedOrder(
        po_number=po,
        order_date=order_date,
        requested_delivery_date=delivery,
        buyer=buyer,
        customer_number=customer_number,
        ship_to=ship_to,
        notes=field("\n".join(notes), "DIN", 0) if notes else None,
        lines=tuple(lines),
        document_type="purchase_order",
    )


def _line(segment: Segment) -> ExtractedLine:
    per_unit = number(segment.get(5))
    return stated_line(
        line_no=segment.get(1),
        source={"edi": "OLD", "segment": segment.index},
        raw_text=segment.write("+", ":").replace("+", "=", 1),
        descriptions=(segment.get(10),),
        sku=segment.get(2, 1) or None,
        customer_sku=segment.get(4) or segment.get(4, 1) or None,
        gtin=segment.get(2) if segment.get(2).isdigit() else None,
        quantity=number(segment.get(6)),
        unit="BOX" if per_unit is not None and per_unit > 1 else "EA",
        codes=tuple(c for c in (segment.get(3),) if c),
    )
