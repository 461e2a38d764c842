"""``order_contract_json`` against ``shared/spec/CONTRACTS.md``."""

import datetime as dt
import json
from decimal import Decimal

from ingestion.contract import decimal_str, order_contract_json
from orders.models import OrderStatus
from tests.factories import CustomerFactory, OrderFactory, OrderLineFactory, ProductFactory

ORDER_KEYS = {
    "id",
    "status",
    "customer_code",
    "po_number",
    "order_date",
    "requested_delivery_date",
    "currency",
    "ship_to",
    "lines",
    "total",
    "issues",
    "confidence",
}
LINE_KEYS = {"sku", "customer_sku", "description", "quantity", "unit", "unit_price", "line_total"}


def make_order(tenant, **fields):
    customer = CustomerFactory(tenant=tenant, code="C00042")
    fields.setdefault("status", OrderStatus.VALIDATED)
    return OrderFactory(
        tenant=tenant,
        customer=customer,
        po_number="4500012345",
        order_date=dt.date(2026, 11, 27),
        requested_delivery_date=dt.date(2026, 12, 4),
        currency="EUR",
        **fields,
    )


def test_decimals_without_trailing_zero_noise():
    assert decimal_str(Decimal("12.000")) == "12"
    assert decimal_str(Decimal("3.4500")) == "3.45"
    assert decimal_str(Decimal("0.1250")) == "0.125"
    assert decimal_str(Decimal("41.4"), money=True) == "41.40"
    assert decimal_str(Decimal("41.40"), money=True) == "41.40"
    assert decimal_str(Decimal("5760.00"), money=True) == "5760"
    assert decimal_str(Decimal("1E+1")) == "10"
    assert decimal_str(None) is None


def test_order_shape_is_exactly_the_contract(tenant):
    # given
    order = make_order(
        tenant,
        auto_approved=True,
        stated_total=Decimal("41.40"),
        ship_to_address={
            "name": "Dupont Lyon",
            "street": "12 rue des Lilas",
            "postal_code": "69003",
            "city": "Lyon",
            "country": "FR",
        },
        extraction={
            "customer": {"confidence": 0.99},
            "fields": {"po_number": {"confidence": 0.97}},
        },
        issues=[
            {
                "code": "delivery_date_in_past",
                "field": "requested_delivery_date",
                "message": "delivery date 2026-11-20 is in the past",
                "blocking": False,
                "params": {},
            }
        ],
    )
    product = ProductFactory(tenant=tenant, sku="GT-6MM-BK")
    OrderLineFactory(
        order=order,
        product=product,
        customer_sku="A-778",
        description="Gaine 6mm noire",
        quantity=Decimal("12.000"),
        unit="EA",
        unit_price=Decimal("3.4500"),
        line_total=Decimal("41.40"),
        extraction={"product": {"confidence": 0.99}, "fields": {"quantity": {"confidence": 0.95}}},
    )
    # when
    data = order_contract_json(order)
    # then
    assert set(data) == ORDER_KEYS
    assert data == {
        "id": order.pk,
        "status": "auto_approved",
        "customer_code": "C00042",
        "po_number": "4500012345",
        "order_date": "2026-11-27",
        "requested_delivery_date": "2026-12-04",
        "currency": "EUR",
        "ship_to": {
            "name": "Dupont Lyon",
            "street": "12 rue des Lilas",
            "postal_code": "69003",
            "city": "Lyon",
            "country": "FR",
        },
        "lines": [
            {
                "sku": "GT-6MM-BK",
                "customer_sku": "A-778",
                "description": "Gaine 6mm noire",
                "quantity": "12",
                "unit": "EA",
                "unit_price": "3.45",
                "line_total": "41.40",
            }
        ],
        "total": "41.40",
        "issues": [
            {
                "code": "delivery_date_in_past",
                "field": "requested_delivery_date",
                "message": "delivery date 2026-11-20 is in the past",
                "blocking": False,
            }
        ],
        "confidence": {"customer_code": 0.99, "po_number": 0.97, "lines": 0.95},
    }
    json.dumps(data)  # plain JSON, nothing else


def test_unknown_values_are_null(tenant):
    order = OrderFactory(
        tenant=tenant, customer=None, po_number="", status=OrderStatus.NEEDS_REVIEW
    )
    OrderLineFactory(order=order, product=None, customer_sku="", description="", unit_price=None)
    data = order_contract_json(order)
    assert data["status"] == "needs_review"
    assert data["customer_code"] is None
    assert data["po_number"] is None
    assert data["order_date"] is None
    assert data["ship_to"] == {
        "name": None,
        "street": None,
        "postal_code": None,
        "city": None,
        "country": None,
    }
    assert data["lines"] == [
        {
            "sku": None,
            "customer_sku": None,
            "description": None,
            "quantity": "2",
            "unit": "EA",
            "unit_price": None,
            "line_total": None,
        }
    ]
    assert data["total"] is None


def test_total_is_the_sum_of_lines_when_none_is_stated(tenant):
    order = make_order(tenant)
    OrderLineFactory(
        order=order, quantity=Decimal("3"), unit_price=Decimal("1.50"), line_total=Decimal("4.50")
    )
    OrderLineFactory(
        order=order, quantity=Decimal("1"), unit_price=Decimal("10"), line_total=Decimal("10")
    )
    assert order_contract_json(order)["total"] == "14.50"


def test_stated_line_total_is_printed_as_stated(tenant):
    order = make_order(tenant)
    OrderLineFactory(
        order=order,
        quantity=Decimal("3"),
        unit_price=Decimal("0.333"),
        line_total=Decimal("1.00"),
        extraction={"stated_line_total": "0.99"},
    )
    assert order_contract_json(order)["lines"][0]["line_total"] == "0.99"


def test_grand_total_is_added_when_stated(tenant):
    order = make_order(tenant, stated_total=Decimal("100"), stated_grand_total=Decimal("120.00"))
    data = order_contract_json(order)
    assert data["total"] == "100"
    assert data["grand_total"] == "120"


def test_statuses(tenant):
    assert (
        order_contract_json(make_order(tenant, status=OrderStatus.NEEDS_REVIEW))["status"]
        == "needs_review"
    )
    order = OrderFactory(tenant=tenant, status=OrderStatus.REJECTED)
    assert order_contract_json(order)["status"] == "rejected"
    validated_by_hand = OrderFactory(
        tenant=tenant, status=OrderStatus.VALIDATED, auto_approved=False
    )
    assert order_contract_json(validated_by_hand)["status"] == "needs_review"
    assert order_contract_json(validated_by_hand, duplicate=True)["status"] == "duplicate"
