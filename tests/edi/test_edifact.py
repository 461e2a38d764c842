"""EDIFACT ORDERS parsed from the corpus (values read by hand from the files) and from
messages written here for what the corpus lacks (UNA separators, release character, parties,
prices, totals, several messages)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ingestion.edi import NotAnOrder, parse_edi
from tests.paths import CORPUS

PYDIFACT = CORPUS / "pydifact"


def _read(name: str) -> bytes:
    path = PYDIFACT / name
    if not path.exists():
        pytest.skip("the shared EDI corpus is not available")
    return path.read_bytes()


def test_pydifact_order_with_una_and_gtins():
    [order] = parse_edi(_read("tests__data__order.edi"))
    assert order.value("po_number") == "801715918011"
    assert order.value("order_date") == dt.date(2015, 8, 3)
    assert order.value("requested_delivery_date") == dt.date(2015, 8, 6)
    assert order.value("customer_number") == "8711576000012"
    assert order.po_number.confidence == 1.0
    assert order.po_number.rule == "edi"
    assert len(order.lines) == 2
    first = order.lines[0]
    assert (first.line_no, first.gtin, first.quantity) == (1, "5020436373085", Decimal("8"))
    assert (first.sku, first.customer_sku, first.unit_price) == (None, None, None)
    assert order.lines[1].gtin == "5020436373108"
    assert "references: PD 50515" in order.value("notes")


def test_pydifact_order2_buyer_item_number_and_price():
    [order] = parse_edi(_read("tests__data__order2.edi"))
    assert order.value("po_number") == "PO123456"
    assert order.value("order_date") == dt.date(2025, 3, 22)
    assert order.value("requested_delivery_date") is None
    assert order.value("customer_number") == "123456789"
    [line] = order.lines
    assert line.customer_sku == "ABC123"
    assert line.quantity == Decimal("10")
    assert line.unit_price == Decimal("25.00")
    assert order.warnings == ()  # CNT+2:1 agrees


@pytest.mark.parametrize(
    ("name", "reason", "document_type"),
    [
        ("tests__data__invoice1.edi", "not an order: an invoice (INVOIC)", "invoice"),
        ("tests__data__wikipedia_en.edi", "not an order: a PAORES message", "other"),
    ],
)
def test_other_messages_are_not_orders(name, reason, document_type):
    with pytest.raises(NotAnOrder) as raised:
        parse_edi(_read(name))
    assert raised.value.reason == reason
    assert raised.value.document_type == document_type


def test_ordrsp_is_not_an_order():
    path = CORPUS / "edi-net-indice/test__indice.Edi.Tests__Samples__edifact.ORDRSP.edi"
    if not path.exists():
        pytest.skip("the shared EDI corpus is not available")
    with pytest.raises(NotAnOrder) as raised:
        parse_edi(path.read_bytes())
    assert raised.value.reason == "not an order: an order response (ORDRSP)"
    assert raised.value.document_type == "confirmation"


# UNA: component "|", element "*", decimal ",", release "\", terminator "!"; two messages.
CUSTOM = (
    "UNA|*,\\ !"
    "UNB*UNOC|3*BUYER*SUPPLIER*260301|0900*77!"
    "UNH*1*ORDERS|D|96A|UN|EAN008!"
    "BGM*220*PO\\*4711*9!"
    "DTM*137|20260301|102!"
    "DTM*2|260315|101!"
    "CUX*2|EUR|9!"
    "FTX*AAI***Deliver to gate 3\\! ring twice!"
    "NAD*BY*4000001000005||9**Brasserie du Port SARL*12 quai des Marins*Lyon**69002*FR!"
    "RFF*VA|FR12345678901!"
    "CTA*OC*|Marie Curie!"
    "COM*orders@brasserie.example|EM!"
    "NAD*DP*4000001000012||9**Entrepot Nord*5 rue du Depot*Villeurbanne**69100*FR!"
    "NAD*SU*4000002000004||9**Supplier SA!"
    "LIN*1**4006381333931|EN!"
    "PIA*5*GT-6MM-BK|SA*A-778|IN!"
    "IMD*F**|||Glass tile 6 mm|black!"
    "QTY*21|12|PCE!"
    "DTM*2|20260320|102!"
    "MOA*203|41,40!"
    "PRI*AAB|3,60!"
    "PRI*AAA|3,45!"
    "LIN*2!"
    "PIA*5*T-100|BP!"
    "QTY*21|3|CT!"
    "PRI*AAA|120|||100|PCE!"
    "UNS*S!"
    "MOA*79|45,00!"
    "MOA*86|54,00!"
    "CNT*2|2!"
    "UNT*26*1!"
    "UNH*2*ORDERS|D|96A|UN!"
    "BGM*220*PO-2*9!"
    "LIN*1**5020436373085|EN!"
    "QTY*21|1!"
    "UNT*5*2!"
    "UNZ*2*77!"
)


def test_una_separators_release_character_parties_prices_and_totals():
    first, second = parse_edi(CUSTOM.encode())
    assert first.value("po_number") == "PO*4711"
    assert first.value("order_date") == dt.date(2026, 3, 1)
    assert first.value("requested_delivery_date") == dt.date(2026, 3, 15)
    assert first.value("currency") == "EUR"
    assert first.value("notes") == "Deliver to gate 3! ring twice"
    assert first.value("customer_number") == "4000001000005"
    buyer = first.value("buyer")
    assert (buyer.name, buyer.street, buyer.postal_code, buyer.city, buyer.country) == (
        "Brasserie du Port SARL",
        "12 quai des Marins",
        "69002",
        "Lyon",
        "FR",
    )
    assert first.value("vat_numbers") == ("FR12345678901",)
    assert first.value("contact") == "Marie Curie"
    assert first.emails == ("orders@brasserie.example",)
    ship_to = first.value("ship_to")
    assert (ship_to.name, ship_to.postal_code, ship_to.city) == (
        "Entrepot Nord",
        "69100",
        "Villeurbanne",
    )
    assert first.value("vendor").name == "Supplier SA"
    assert first.value("total") == Decimal("45.00")
    assert first.value("grand_total") == Decimal("54.00")
    one, two = first.lines
    assert (one.gtin, one.sku, one.customer_sku) == ("4006381333931", "GT-6MM-BK", "A-778")
    assert one.description == "Glass tile 6 mm black"
    assert (one.quantity, one.unit, one.unit_price) == (Decimal("12"), "EA", Decimal("3.45"))
    assert one.line_total == Decimal("41.40")
    assert one.requested_date == dt.date(2026, 3, 20)
    assert (one.confidence, one.rule) == (1.0, "edi")
    assert (two.customer_sku, two.quantity, two.unit) == ("T-100", Decimal("3"), "BOX")
    assert (two.unit_price, two.price_unit) == (Decimal("120"), Decimal("100"))
    assert first.warnings == ()
    assert second.value("po_number") == "PO-2"
    assert [line.gtin for line in second.lines] == ["5020436373085"]


def test_a_cancellation_is_not_an_order_and_an_invoice_beside_an_order_is_skipped():
    cancel = "UNH+1+ORDERS:D:96A:UN'BGM+220+PO-9+1'LIN+1++123:IN'QTY+21:1'UNT+5+1'"
    with pytest.raises(NotAnOrder) as raised:
        parse_edi(cancel.encode())
    assert (
        raised.value.reason == "not an order: a cancellation of order PO-9 (ORDERS, BGM function 1)"
    )
    mixed = (
        "UNB+UNOC:3+A+B+260301:0900+1'"
        "UNH+1+INVOIC:D:96A:UN'BGM+380+INV-1+9'UNT+3+1'"
        "UNH+2+ORDERS:D:96A:UN'BGM+220+PO-10+9'LIN+1++123:IN'QTY+21:4'CNT+2:3'UNT+6+2'"
        "UNZ+2+1'"
    )
    [order] = parse_edi(mixed.encode())
    assert order.value("po_number") == "PO-10"
    assert order.warnings == (
        "CNT says 3 lines, the message has 1",
        "skipped in the same interchange: an invoice (INVOIC)",
    )
