"""A correction teaches: the next document of the same customer comes out right."""

import datetime as dt
from decimal import Decimal

import pytest

from catalog.models import CustomerProductAlias, PriceListItem
from customers.models import CustomerSender, SenderKind
from ingestion import masterdata
from ingestion.contract import order_contract_json
from ingestion.learning import order_learn_from_correction
from orders.models import Order, OrderEvent
from tests.drafting.conftest import ingest, message_orders
from tests.factories import AddressFactory, CustomerFactory, ProductFactory
from tests.learning.pdfs import purchase_order_pdf


@pytest.fixture(autouse=True)
def _fresh_masterdata_snapshots():
    masterdata._snapshots.clear()
    yield
    masterdata._snapshots.clear()


@pytest.fixture
def dupont(tenant):
    customer = CustomerFactory(
        tenant=tenant, code="C00042", name="Dupont Industries SARL", currency="EUR"
    )
    AddressFactory(
        customer=customer,
        name="Dupont Industries SARL",
        street="12 rue des Lilas",
        postal_code="69003",
        city="Lyon",
        country="FR",
    )
    ProductFactory(
        tenant=tenant,
        sku="GT-6MM-BK",
        description="Gaine thermo 6mm noire",
        list_price=Decimal("3.45"),
    )
    ProductFactory(
        tenant=tenant,
        sku="CB-100-WH",
        description="Collier de serrage 100mm blanc",
        list_price=Decimal("0.12"),
    )
    return customer


def po(po_number: str, quantity: str, *, words="Special part", **kwargs) -> bytes:
    amount = Decimal(quantity) * Decimal("3.45")
    return purchase_order_pdf(
        po_number=po_number,
        order_date="20/11/2026",
        lines=[("ZX-99-Q", words, quantity, "3.45", f"{amount:.2f}")],
        total=f"{amount:.2f}",
        **kwargs,
    )


def test_a_part_number_mapped_by_hand_is_matched_on_the_next_document(tenant, dupont, make_member):
    desk = make_member(tenant)
    # given: the first document names a part number nobody knows
    first = message_orders(
        ingest(tenant, "po-1.pdf", data=po("PO-7001", "12"), known_customer=dupont)
    )[0]
    before = order_contract_json(first)
    assert before["lines"][0]["sku"] is None
    assert "unknown_product" in [i["code"] for i in before["issues"]]
    # when: the order desk picks the product for that line
    after = {**before, "lines": [{**before["lines"][0], "sku": "GT-6MM-BK"}]}
    learned = order_learn_from_correction(order=first, before=before, after=after, actor=desk)
    # then
    assert learned["aliases"] == [{"customer_sku": "ZX-99-Q", "sku": "GT-6MM-BK"}]
    alias = CustomerProductAlias.objects.get(customer=dupont, customer_sku="ZX-99-Q")
    assert (alias.product.sku, alias.learned) == ("GT-6MM-BK", True)
    assert OrderEvent.objects.filter(order=first, kind="learned", actor=desk).count() == 1
    second = order_contract_json(
        message_orders(ingest(tenant, "po-2.pdf", data=po("PO-7002", "30"), known_customer=dupont))[
            0
        ]
    )
    assert second["lines"][0]["sku"] == "GT-6MM-BK"
    assert second["lines"][0]["quantity"] == "30"
    assert "unknown_product" not in [i["code"] for i in second["issues"]]


def test_a_product_only_proposed_and_approved_by_the_desk_is_learned(tenant, dupont, make_member):
    from desk.services import order_approve

    desk = make_member(tenant)
    # given: words and a price that fit one product, proposed for a person to confirm (no
    # colour, no size: "special sleeve" for our "Gaine thermo 6mm noire")
    first = message_orders(
        ingest(
            tenant,
            "po-1.pdf",
            data=po("PO-7001", "12", words="Special sleeve"),
            known_customer=dupont,
        )
    )[0]
    before = order_contract_json(first)
    assert before["lines"][0]["sku"] == "GT-6MM-BK"
    assert before["status"] == "needs_review"
    # when: the order desk approves it as proposed
    order_approve(order=first, actor=desk)
    # then: the part number is learned, and the next order is sure of it
    alias = CustomerProductAlias.objects.get(customer=dupont, customer_sku="ZX-99-Q")
    assert (alias.product.sku, alias.learned) == ("GT-6MM-BK", True)
    second = order_contract_json(
        message_orders(ingest(tenant, "po-2.pdf", data=po("PO-7002", "30"), known_customer=dupont))[
            0
        ]
    )
    assert second["lines"][0]["sku"] == "GT-6MM-BK"
    line = Order.objects.get(pk=second["id"]).lines.get()
    assert line.extraction["product"]["confidence"] >= 0.9


def test_a_correction_that_changes_nothing_teaches_nothing(tenant, dupont):
    order = message_orders(
        ingest(tenant, "po-1.pdf", data=po("PO-7001", "12"), known_customer=dupont)
    )[0]
    before = order_contract_json(order)
    assert order_learn_from_correction(order=order, before=before, after=before) == {
        "aliases": [],
        "hints": [],
        "senders": [],
        "prices": [],
    }
    assert OrderEvent.objects.filter(order=order, kind="learned").count() == 0


def test_a_corrected_customer_teaches_the_sender_address(tenant, dupont):
    other = CustomerFactory(tenant=tenant, code="C00077")
    order = message_orders(
        ingest(tenant, "po-1.pdf", data=po("PO-7001", "12"), known_customer=other)
    )[0]
    order.source_document.message.sender = "Achats <achats@dupont-industries.fr>"
    order.source_document.message.save()
    before = order_contract_json(order)
    learned = order_learn_from_correction(
        order=order, before=before, after={**before, "customer_code": "C00042"}
    )
    assert learned["senders"] == ["achats@dupont-industries.fr"]
    sender = CustomerSender.objects.get(value="achats@dupont-industries.fr")
    assert (sender.customer_id, sender.kind) == (dupont.pk, SenderKind.ADDRESS)


def test_an_accepted_price_becomes_the_customer_price(tenant, dupont):
    order = message_orders(
        ingest(tenant, "po-1.pdf", data=po("PO-7001", "12"), known_customer=dupont)
    )[0]
    before = order_contract_json(order)
    after = {**before, "lines": [{**before["lines"][0], "sku": "GT-6MM-BK", "unit_price": "3.30"}]}
    learned = order_learn_from_correction(
        order=order, before=before, after=after, remember_prices=True
    )
    assert learned["prices"] == [{"sku": "GT-6MM-BK", "unit_price": "3.30"}]
    item = PriceListItem.objects.get(price_list__customer=dupont, product__sku="GT-6MM-BK")
    assert item.unit_price == Decimal("3.30")


def test_the_order_date_is_read_as_printed(tenant, dupont):
    order = message_orders(
        ingest(tenant, "po-1.pdf", data=po("PO-7001", "12"), known_customer=dupont)
    )[0]
    assert order.order_date == dt.date(2026, 11, 20)
    assert order.po_number == "PO-7001"


def odd_po(po_number: str, quantity: str) -> bytes:
    amount = Decimal(quantity) * Decimal("3.45")
    return purchase_order_pdf(
        po_number=po_number,
        order_date="20/11/2026",
        po_label="Vorgang:",
        po_position="odd",
        lines=[("ZX-99-Q", "Special sleeve black", quantity, "3.45", f"{amount:.2f}")],
        total=f"{amount:.2f}",
    )


def test_a_corrected_po_number_is_found_on_the_next_document_of_the_same_layout(tenant, dupont):
    # given: the PO number sits under a label the engine does not know
    first = message_orders(
        ingest(tenant, "po-1.pdf", data=odd_po("PO-7001", "12"), known_customer=dupont)
    )[0]
    before = order_contract_json(first)
    assert before["po_number"] is None
    assert "missing_po_number" in [i["code"] for i in before["issues"]]
    # when: the order desk types it
    learned = order_learn_from_correction(
        order=first, before=before, after={**before, "po_number": "PO-7001"}
    )
    # then: the customer's layout remembers where it was, and the next document comes out right
    assert learned["hints"] == ["po_number"]
    dupont.refresh_from_db()
    assert dupont.layout_hints["fields"]["po_number"][0]["label"] == "vorgang"
    second = message_orders(
        ingest(tenant, "po-2.pdf", data=odd_po("PO-7002", "30"), known_customer=dupont)
    )[0]
    assert second.po_number == "PO-7002"
    assert second.extraction["document"]["hints_used"] is True
    assert "missing_po_number" not in [i["code"] for i in second.issues]
