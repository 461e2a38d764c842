"""X12 850 purchase orders from the corpus (values read by hand from the files)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ingestion.edi import NotAnOrder, parse_edi
from tests.paths import CORPUS


def _read(path: str) -> bytes:
    full = CORPUS / path
    if not full.exists():
        pytest.skip("the shared EDI corpus is not available")
    return full.read_bytes()


def test_node_x12_850_vendor_and_buyer_catalog_numbers():
    [order] = parse_edi(_read("node-x12/test__test-data__850.edi"))
    assert order.value("po_number") == "08292233294"
    assert order.value("order_date") == dt.date(2010, 11, 27)
    assert order.value("requested_delivery_date") == dt.date(2010, 12, 14)
    ship_to = order.value("ship_to")
    assert (ship_to.name, ship_to.street, ship_to.city, ship_to.postal_code) == (
        "XYZ RETAIL",
        "31875 SOLON RD",
        "SOLON",
        "44139",
    )
    assert order.value("total") == Decimal("13045.94")
    assert order.value("payment_terms") == "2% 45 days, net 46 days"
    assert len(order.lines) == 6
    first = order.lines[0]
    assert (first.line_no, first.sku, first.customer_sku) == (1, "AB3542", "065322-117")
    assert (first.quantity, first.unit, first.unit_price) == (
        Decimal("120"),
        "EA",
        Decimal("9.25"),
    )
    assert first.description == "SMALL WIDGET"
    assert sum(line.quantity * line.unit_price for line in order.lines) == Decimal("13045.94")
    assert order.warnings == ()


def test_node_x12_850_newline_terminated_without_tilde():
    [order] = parse_edi(_read("node-x12/tests__test-data__850_3.edi"))
    assert order.value("order_date") == dt.date(2016, 4, 26)
    assert order.value("requested_delivery_date") == dt.date(2016, 5, 2)  # DTM*106
    assert order.value("ship_to").name == "PETCO - CORPORATE"
    assert order.value("vendor").city == "HUNTINGTON BEACH"
    [line] = order.lines
    assert (line.quantity, line.unit, line.unit_price) == (Decimal("1"), "KI", Decimal("225"))
    assert line.customer_sku == "000000000001010700"
    assert line.description == "SU - SPARK - AQ FREEZER PUSHER"


def test_edi_net_850_with_byte_order_mark():
    [order] = parse_edi(_read("edi-net-indice/test__indice.Edi.Tests__Samples__x12.850.edi"))
    assert order.value("po_number") == "1000012"
    assert order.value("order_date") == dt.date(2009, 8, 27)
    ship_to = order.value("ship_to")
    assert (ship_to.name, ship_to.street, ship_to.postal_code, ship_to.city, ship_to.country) == (
        "John Doe",
        "126 Any St",
        "11788-1234",
        "Hauppauge",
        "US",
    )
    [line] = order.lines
    assert (line.sku, line.quantity, line.unit, line.unit_price) == (
        "0054321",
        Decimal("1"),
        "EA",
        Decimal("19.95"),
    )


def test_edi_net_850a_indented_with_parties_and_buyer_part_numbers():
    [order] = parse_edi(_read("edi-net-indice/test__indice.Edi.Tests__Samples__x12.850a.edi"))
    assert order.value("po_number") == "4600000406"
    assert order.value("order_date") == dt.date(2014, 7, 24)
    assert order.value("currency") == "USD"
    assert order.value("customer_number") == "1500"  # N1*BY**92*1500
    assert order.value("bill_to").name == "Test Inc."
    assert order.value("bill_to").postal_code == "48121"
    assert order.value("ship_to").city == "Laredo"
    assert order.value("vendor").name == "Supplier Name"
    assert order.value("payment_terms") == "NET 60 DAYS"
    assert len(order.lines) == 3
    first = order.lines[0]
    assert (first.line_no, first.customer_sku) == (100001, "A_QU001-BLK")
    assert (first.quantity, first.unit, first.unit_price) == (
        Decimal("2500"),
        "YD",
        Decimal("2.53"),
    )
    assert first.description == '4.4oz 3" Diamond Quilt'


def test_edi_net_issue135_two_transaction_sets_and_a_missing_terminator():
    first, second = parse_edi(
        _read("edi-net-indice/test__indice.Edi.Tests__Samples__x12.850.issue135.edi")
    )
    assert (first.value("po_number"), second.value("po_number")) == ("740150", "740151")
    assert first.value("order_date") == dt.date(2019, 10, 1)
    assert first.value("currency") == "USD"
    assert (len(first.lines), len(second.lines)) == (10, 11)  # CTT*10 and CTT*11
    line = first.lines[0]
    assert (line.line_no, line.quantity, line.unit) == (10, Decimal("13200"), "SF")
    assert line.codes == ("F07EXPLBA1818",)
    assert line.description == "EXPLORERBARCELONA18X18"
    assert line.requested_date == dt.date(2019, 3, 9)
    assert first.lines[6].requested_date == dt.date(2019, 5, 17)
    assert first.value("requested_delivery_date") is None  # the lines' dates differ
    assert first.warnings == ("replaces an earlier order (BEG01 05)",)


def test_an_invoice_810_is_not_an_order():
    invoice = (
        "ISA*00*          *00*          *ZZ*A              *ZZ*B              *260301*0900*U*"
        "00401*000000001*0*P*>~GS*IN*A*B*20260301*0900*1*X*004010~ST*810*0001~"
        "BIG*20260301*INV-1~SE*3*0001~GE*1*1~IEA*1*000000001~"
    )
    with pytest.raises(NotAnOrder) as raised:
        parse_edi(invoice.encode())
    assert raised.value.reason == "not an order: an invoice (810)"
    assert raised.value.document_type == "invoice"
