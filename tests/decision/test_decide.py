import datetime as dt
from decimal import Decimal

from ingestion.decision.decide import Decision, Outcome, decide
from ingestion.decision.rules import order_check_rules
from ingestion.decision.settings import (
    DEFAULT_THRESHOLDS,
    ExtractionSettings,
    extraction_settings_for,
)
from orders.models import OrderStatus
from tests.factories import CustomerFactory, OrderFactory, OrderLineFactory, ProductFactory

TODAY = dt.date(2026, 11, 27)
SETTINGS = ExtractionSettings()


def confident_order(tenant, *, po_confidence=0.97, quantity_confidence=0.99):
    customer = CustomerFactory(tenant=tenant)
    product = ProductFactory(tenant=tenant, list_price=Decimal("3.45"))
    order = OrderFactory(
        tenant=tenant,
        customer=customer,
        status=OrderStatus.EXTRACTED,
        po_number="4500012345",
        order_date=TODAY,
        stated_total=Decimal("41.40"),
        extraction={
            "customer": {"confidence": 0.99},
            "fields": {
                "po_number": {"confidence": po_confidence},
                "order_date": {"confidence": 0.95},
                "currency": {"confidence": 0.9},
                "total": {"confidence": 0.99},
            },
        },
    )
    OrderLineFactory(
        order=order,
        product=product,
        quantity=Decimal("12"),
        unit_price=Decimal("3.45"),
        extraction={
            "product": {"confidence": 1.0},
            "fields": {
                "quantity": {"confidence": quantity_confidence},
                "unit_price": {"confidence": 0.99},
            },
        },
    )
    return order


def test_no_issue_is_auto_approved():
    assert decide(issues=[], settings=SETTINGS) == Decision(Outcome.AUTO_APPROVE, [])


def test_a_blocking_issue_sends_to_review():
    issues = [
        {"code": "price_mismatch", "blocking": True},
        {"code": "delivery_date_in_past", "blocking": False},
    ]
    assert decide(issues=issues, settings=SETTINGS) == Decision(Outcome.REVIEW, ["price_mismatch"])


def test_only_warnings_still_auto_approve():
    issues = [{"code": "delivery_date_in_past", "blocking": False}]
    assert decide(issues=issues, settings=SETTINGS).outcome == Outcome.AUTO_APPROVE


def test_not_an_order_is_rejected():
    issues = [{"code": "not_an_order", "blocking": True}, {"code": "no_lines", "blocking": True}]
    assert decide(issues=issues, settings=SETTINGS) == Decision(Outcome.REJECT, ["not_an_order"])


def test_auto_approve_can_be_switched_off(tenant):
    tenant.settings = {"extraction": {"auto_approve": False}}
    assert decide(issues=[], settings=extraction_settings_for(tenant)).outcome == Outcome.REVIEW


def test_confident_order_passes_every_threshold(tenant):
    order = confident_order(tenant)
    issues = order_check_rules(order=order, today=TODAY)
    assert issues == []
    assert decide(issues=issues, settings=extraction_settings_for(tenant)).auto_approved is True


def test_field_just_below_its_threshold_goes_to_review(tenant):
    order = confident_order(tenant, po_confidence=DEFAULT_THRESHOLDS["po_number"] - 0.01)
    decision = decide(
        issues=order_check_rules(order=order, today=TODAY), settings=extraction_settings_for(tenant)
    )
    assert decision == Decision(Outcome.REVIEW, ["low_confidence"])


def test_field_at_its_threshold_passes(tenant):
    order = confident_order(tenant, po_confidence=DEFAULT_THRESHOLDS["po_number"])
    assert order_check_rules(order=order, today=TODAY) == []


def test_line_field_below_threshold_goes_to_review(tenant):
    order = confident_order(tenant, quantity_confidence=0.5)
    decision = decide(
        issues=order_check_rules(order=order, today=TODAY), settings=extraction_settings_for(tenant)
    )
    assert decision.outcome == Outcome.REVIEW


def test_tenant_lowers_a_threshold(tenant):
    tenant.settings = {"extraction": {"thresholds": {"po_number": 0.5}}}
    tenant.save()
    order = confident_order(tenant, po_confidence=0.6)
    assert order_check_rules(order=order, today=TODAY) == []


def test_settings_ignore_garbage(tenant):
    tenant.settings = {
        "extraction": {"thresholds": {"po_number": "high"}, "price_tolerance_pct": "x"}
    }
    settings = extraction_settings_for(tenant)
    assert settings.threshold("po_number") == DEFAULT_THRESHOLDS["po_number"]
    assert settings.price_tolerance_pct == Decimal("0.5")
