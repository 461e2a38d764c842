import datetime as dt
from decimal import Decimal

from ingestion.extraction import extract_from_text
from ingestion.extraction.model import ExtractedOrder


def test_extracted_order_round_trips_through_json():
    order = extract_from_text(
        "PURCHASE ORDER\nPO number: 4711\nOrder date: 2026-11-27\nShip to:\nACME Ltd\n1 Main Street\nLondon SW1A 1AA\n\n"
        "Item\tDescription\tQty\tPrice\tTotal\nA-1\tWidget\t2\t1.50\t3.00\n"
    )
    data = order.to_json()
    assert data["po_number"]["value"] == "4711"
    assert data["order_date"]["value"] == "2026-11-27"
    assert data["lines"][0]["unit_price"] == "1.50"
    back = ExtractedOrder.from_json(data)
    assert back == order
    assert back.order_date.value == dt.date(2026, 11, 27)
    assert back.lines[0].quantity == Decimal("2")
    assert back.ship_to.value.postal_code == "SW1A 1AA"
