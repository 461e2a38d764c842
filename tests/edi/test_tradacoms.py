"""TRADACOMS ORDERS from the corpus: one ExtractedOrder per ORDERS message."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ingestion.edi import parse_edi
from tests.paths import CORPUS


def test_tradacoms_order9_two_orders():
    path = CORPUS / "edi-net-indice/test__indice.Edi.Tests__Samples__tradacoms.order9.edi"
    if not path.exists():
        pytest.skip("the shared EDI corpus is not available")
    first, second = parse_edi(path.read_bytes())
    assert (first.value("po_number"), second.value("po_number")) == ("981", "982")
    assert first.value("order_date") == dt.date(1994, 3, 21)
    assert first.value("requested_delivery_date") == dt.date(1994, 3, 28)
    assert first.value("customer_number") == "68100"
    assert first.value("buyer").name == "ANY SHOP PLC"
    assert "RING BEFORE DELIVERY" in first.value("notes")
    assert (len(first.lines), len(second.lines)) == (3, 2)
    line = first.lines[0]
    assert (line.gtin, line.codes, line.quantity, line.unit) == (
        "5000100481452",
        ("5000100074326",),
        Decimal("10"),
        "BOX",
    )
    assert line.description == "PRODUCT A"
    assert second.lines[1].quantity == Decimal("8")
