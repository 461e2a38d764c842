"""Reading + extraction + matching over the Contoso purchase orders, against their truth files."""

import json
from decimal import Decimal

import pytest

from ingestion.extraction import extract_from_layout
from ingestion.extraction.evaluate import evaluate, load_masterdata
from ingestion.matching import build_draft
from ingestion.reading import read_pdf
from tests.paths import SHARED

CORPUS = SHARED / "corpus/contoso-po"
DOCUMENTS = sorted((CORPUS / "documents").glob("*.pdf"))

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="the shared corpus is not mounted")


@pytest.fixture(scope="module")
def md():
    return load_masterdata(CORPUS)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem)
def test_contoso_purchase_order_matches_its_truth(path, md):
    truth = json.loads((CORPUS / "truth" / f"{path.name}.json").read_text())
    draft = build_draft(extract_from_layout(read_pdf(path.read_bytes())), md)
    got = draft.to_json()
    assert draft.extracted.is_order is True
    assert got["customer_code"] == truth["customer_code"]
    assert got["po_number"] == truth["po_number"]
    assert got["order_date"] == truth["order_date"]
    assert got["requested_delivery_date"] == truth["requested_delivery_date"]
    assert got["currency"] == truth["currency"]
    assert Decimal(got["total"]) == Decimal(truth["total"])
    assert got["ship_to"]["postal_code"] == truth["ship_to"]["postal_code"]
    assert [
        (ln["sku"], Decimal(ln["quantity"]), Decimal(ln["unit_price"])) for ln in got["lines"]
    ] == [(ln["sku"], Decimal(ln["quantity"]), Decimal(ln["unit_price"])) for ln in truth["lines"]]


@pytest.mark.parametrize("path", sorted((CORPUS / "negatives").glob("*.pdf")), ids=lambda p: p.stem)
def test_trade_confirmations_are_not_orders(path):
    extracted = extract_from_layout(read_pdf(path.read_bytes()))
    assert (extracted.is_order, extracted.document_type) == (False, "confirmation")


def test_evaluate_reports_every_metric_on_the_corpus():
    report = evaluate(CORPUS)
    overall = report["overall"]
    assert (
        overall["docs"],
        overall["header_accuracy"],
        overall["line_f1"],
        overall["docs_all_right"],
    ) == (12, 1.0, 1.0, 1.0)
    assert report["negatives_rejected"] == "2/2"
