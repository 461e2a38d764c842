"""EDI files through ``manage.py ingest --sync --json``: parsed, matched, decided."""

from __future__ import annotations

import contextlib
import io
import json

import pytest
from django.core.management import CommandError, call_command

from ingestion.models import Document, DocumentKind
from tests.factories import AliasFactory, CustomerFactory, ProductFactory
from tests.paths import CORPUS

pytestmark = pytest.mark.django_db

ORDER = CORPUS / "pydifact/tests__data__order.edi"
ORDER2 = CORPUS / "pydifact/tests__data__order2.edi"
X12 = CORPUS / "edi-net-indice/test__indice.Edi.Tests__Samples__x12.850.edi"
INVOIC = CORPUS / "pydifact/tests__data__invoice1.edi"
ISSUE135 = CORPUS / "edi-net-indice/test__indice.Edi.Tests__Samples__x12.850.issue135.edi"


def _ingest(*paths) -> list[dict]:
    if not all(p.exists() for p in paths):
        pytest.skip("the shared EDI corpus is not available")
    out = io.StringIO()
    with contextlib.suppress(CommandError):
        call_command(
            "ingest", "--tenant", "acme", *map(str, paths), sync=True, json=True, stdout=out
        )
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_edifact_and_x12_orders_and_an_invoice(tenant):
    customer = CustomerFactory(tenant=tenant, code="8711576000012", name="Buyer BV")
    ProductFactory(tenant=tenant, sku="GT-1", gtin="5020436373085")
    ProductFactory(tenant=tenant, sku="GT-2", gtin="5020436373108")
    edifact, x12, invoice = _ingest(ORDER, X12, INVOIC)

    [order] = edifact["orders"]
    assert order["po_number"] == "801715918011"
    assert order["customer_code"] == customer.code  # NAD+BY party id
    assert order["order_date"] == "2015-08-03"
    assert order["requested_delivery_date"] == "2015-08-06"
    assert [(line["sku"], line["quantity"]) for line in order["lines"]] == [
        ("GT-1", "8"),
        ("GT-2", "8"),
    ]
    assert order["confidence"]["po_number"] == 1.0

    [order] = x12["orders"]
    assert order["po_number"] == "1000012"
    assert order["order_date"] == "2009-08-27"
    assert order["ship_to"]["postal_code"] == "11788-1234"
    [line] = order["lines"]
    assert (line["quantity"], line["unit"], line["unit_price"]) == ("1", "EA", "19.95")

    [rejected] = invoice["orders"]
    assert rejected["status"] == "rejected"
    assert rejected["lines"] == []
    assert Document.objects.get(filename=INVOIC.name).kind == DocumentKind.EDI


def test_buyer_item_number_is_the_customer_part_number_alias(tenant):
    customer = CustomerFactory(tenant=tenant, code="123456789")
    AliasFactory(
        customer=customer,
        customer_sku="ABC123",
        product=ProductFactory(tenant=tenant, sku="WIDGET-10", list_price="25.00"),
    )
    [result] = _ingest(ORDER2)
    [order] = result["orders"]
    assert order["customer_code"] == "123456789"
    assert order["po_number"] == "PO123456"
    [line] = order["lines"]
    assert (line["sku"], line["customer_sku"], line["quantity"], line["unit_price"]) == (
        "WIDGET-10",
        "ABC123",
        "10",
        "25",
    )


def test_one_order_per_transaction_set(tenant):
    [result] = _ingest(ISSUE135)
    assert [(o["po_number"], len(o["lines"])) for o in result["orders"]] == [
        ("740150", 10),
        ("740151", 11),
    ]
