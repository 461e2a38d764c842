import datetime as dt
from decimal import Decimal

import pytest

from catalog.models import PriceList, PriceListItem
from ingestion.decision.prices import expected_unit_price
from ingestion.decision.rules import (
    QUANTITY_OUTLIER_CHECKS,
    issue,
    order_check_rules,
    register_quantity_outlier_check,
    rule_ambiguous_customer,
    rule_ambiguous_product,
    rule_amended_order,
    rule_context_for,
    rule_credit_limit_exceeded,
    rule_currency_mismatch,
    rule_delivery_date,
    rule_duplicate_po_number,
    rule_low_confidence,
    rule_missing_po_number,
    rule_no_lines,
    rule_not_an_order,
    rule_price_mismatch,
    rule_quantity_outlier,
    rule_sample_with_prices,
    rule_total_mismatch,
    rule_unknown_customer,
    rule_unknown_product,
)
from orders.models import Invoice, OrderLine, OrderStatus, OrderType
from tests.factories import CustomerFactory, OrderFactory, OrderLineFactory, ProductFactory

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def customer(tenant):
    return CustomerFactory(tenant=tenant, code="C00042", name="Dupont SARL")


@pytest.fixture
def product(tenant):
    return ProductFactory(tenant=tenant, sku="GT-6MM-BK", list_price=Decimal("3.45"))


def make_order(customer, **fields):
    fields.setdefault("status", OrderStatus.EXTRACTED)
    return OrderFactory(tenant=customer.tenant, customer=customer, **fields)


def ctx_of(order):
    return rule_context_for(order, today=TODAY)


def codes(issues):
    return [(i["code"], i["field"], i["blocking"]) for i in issues]


def test_unknown_customer(tenant):
    order = OrderFactory(tenant=tenant, customer=None)
    assert codes(rule_unknown_customer(ctx_of(order))) == [
        ("unknown_customer", "customer_code", True)
    ]


def test_known_customer_is_no_issue(customer):
    assert rule_unknown_customer(ctx_of(make_order(customer))) == []


def test_ambiguous_customer_names_the_candidates(tenant):
    order = OrderFactory(
        tenant=tenant,
        customer=None,
        extraction={
            "customer": {
                "ambiguous": True,
                "confidence": 0.5,
                "candidates": [
                    {"code": "C1", "name": "Dupont Lyon"},
                    {"code": "C2", "name": "Dupont Paris"},
                ],
            }
        },
    )
    ctx = ctx_of(order)
    found = rule_ambiguous_customer(ctx)
    assert codes(found) == [("ambiguous_customer", "customer_code", True)]
    assert (
        found[0]["message"]
        == "Several customers fit this document: C1 Dupont Lyon, C2 Dupont Paris."
    )
    assert rule_unknown_customer(ctx) == []


def test_no_lines(customer):
    assert codes(rule_no_lines(ctx_of(make_order(customer)))) == [("no_lines", "lines", True)]


def test_unknown_product(customer):
    order = make_order(customer)
    OrderLineFactory(order=order, product=None, customer_sku="ZZ-9", position=0)
    found = rule_unknown_product(ctx_of(order))
    assert codes(found) == [("unknown_product", "lines[0].sku", True)]
    assert found[0]["message"] == "Line 1: no product of the catalog matches “ZZ-9”."


def test_ambiguous_product(customer):
    order = make_order(customer)
    OrderLineFactory(
        order=order,
        product=None,
        description="gaine 6mm",
        position=0,
        extraction={
            "product": {
                "ambiguous": True,
                "confidence": 0.5,
                "candidates": [{"sku": "GT-6MM-BK"}, {"sku": "GT-6MM-WH"}],
            }
        },
    )
    ctx = ctx_of(order)
    assert codes(rule_ambiguous_product(ctx)) == [("ambiguous_product", "lines[0].sku", True)]
    assert (
        rule_ambiguous_product(ctx)[0]["message"]
        == "Line 1: “gaine 6mm” could be GT-6MM-BK, GT-6MM-WH."
    )
    assert rule_unknown_product(ctx) == []


def test_price_mismatch_against_list_price(customer, product):
    order = make_order(customer)
    OrderLineFactory(
        order=order, product=product, unit_price=Decimal("3.60"), quantity=Decimal("12")
    )
    found = rule_price_mismatch(ctx_of(order))
    assert codes(found) == [("price_mismatch", "lines[0].unit_price", True)]
    assert found[0]["message"] == "price 3.60 differs from list price 3.45 (+4.3%)"


@pytest.mark.parametrize(
    "description", ["Gaine thermo 6 mm – ÉCHANTILLON GRATUIT", "Heat shrink sample, no charge"]
)
def test_a_line_the_customer_says_is_free_is_a_warning_not_a_price_mismatch(
    customer, product, description
):
    order = make_order(customer)
    OrderLineFactory(order=order, product=product, unit_price=Decimal("0"), description=description)
    found = rule_price_mismatch(ctx_of(order))
    assert codes(found) == [("free_of_charge", "lines[0].unit_price", False)]
    assert found[0]["message"] == "Line 1 is free of charge (list price 3.45)."
    # at 0 with nothing saying it is free: a price that differs
    OrderLine.objects.filter(order=order).update(description="Gaine thermo 6 mm")
    assert codes(rule_price_mismatch(ctx_of(order))) == [
        ("price_mismatch", "lines[0].unit_price", True)
    ]


@pytest.mark.parametrize(
    ("ours", "printed"),
    [
        ("Sample bags 100 ml, sterile", "Sample bags 100 ml"),
        ("Nitrile gloves powder-free, size M", "Nitrile gloves powder-free M"),
        ("Temperature probe PT100", "PT100 probe"),
    ],
)
def test_words_that_name_the_goods_do_not_make_a_line_at_0_free(tenant, customer, ours, printed):
    """A sample bag, powder-free gloves, a temperature probe at 0: a price misread, not a gift."""
    goods = ProductFactory(tenant=tenant, sku="X-1", description=ours, list_price=Decimal("4.10"))
    order = make_order(customer)
    OrderLineFactory(order=order, product=goods, unit_price=Decimal("0"), description=printed)
    assert codes(rule_price_mismatch(ctx_of(order))) == [
        ("price_mismatch", "lines[0].unit_price", True)
    ]


def test_a_price_in_another_currency_is_unchecked_unless_no_exchange_rate_explains_it(
    customer, product
):
    """Our list is in EUR, the order in GBP: 3.10 is no price we can compare, but 74.40 (a
    carton of 24 counted as one piece of ours) is no exchange rate's doing."""
    assert product.currency == "EUR"
    order = make_order(customer, currency="GBP")
    OrderLineFactory(order=order, product=product, unit_price=Decimal("3.10"))
    assert codes(rule_price_mismatch(ctx_of(order))) == [("price_unchecked", "currency", False)]
    OrderLineFactory(order=order, product=product, unit_price=Decimal("74.40"))
    found = rule_price_mismatch(ctx_of(order))
    assert codes(found) == [
        ("price_mismatch", "lines[1].unit_price", True),
        ("price_unchecked", "currency", False),
    ]
    assert found[0]["message"] == (
        "price 74.40 GBP is far from the list price 3.45 EUR, whatever the exchange rate: "
        "is the quantity counted in another unit?"
    )


def test_price_within_tolerance_is_no_issue(customer, product):
    order = make_order(customer)
    OrderLineFactory(order=order, product=product, unit_price=Decimal("3.46"))
    assert rule_price_mismatch(ctx_of(order)) == []


def test_price_tolerance_is_a_tenant_setting(tenant, customer, product):
    tenant.settings = {"extraction": {"price_tolerance_pct": "5"}}
    tenant.save()
    order = make_order(customer)
    OrderLineFactory(order=order, product=product, unit_price=Decimal("3.60"))
    assert rule_price_mismatch(ctx_of(order)) == []


def _discounted_line(order, product, *, price, stated_line_total=None):
    return OrderLineFactory(
        order=order,
        product=product,
        quantity=Decimal("10"),
        unit_price=Decimal(price),
        extraction={"stated_line_total": stated_line_total} if stated_line_total else {},
    )


def test_price_below_list_confirmed_by_line_amount_is_a_negotiated_discount(customer, product):
    order = make_order(customer)
    _discounted_line(order, product, price="3.10", stated_line_total="31.00")
    found = rule_price_mismatch(ctx_of(order))
    assert codes(found) == [("price_below_list", "lines[0].unit_price", False)]
    assert found[0]["message"] == "price 3.10 is 10.1% below the list price 3.45"


def test_price_below_list_confirmed_by_order_total(customer, product):
    order = make_order(customer, stated_total=Decimal("31.00"))
    _discounted_line(order, product, price="3.10")
    assert codes(rule_price_mismatch(ctx_of(order))) == [
        ("price_below_list", "lines[0].unit_price", False)
    ]


def test_price_below_list_without_arithmetic_to_vouch_for_it_blocks(customer, product):
    order = make_order(customer, extraction={"document": {"sources": ["ocr"]}})
    # a scan, no line amount, no order total: a misread price looks the same
    line = _discounted_line(order, product, price="3.10")
    line.extraction = {"fields": {"unit_price": {"confidence": 0.95}}}
    line.save()
    assert codes(rule_price_mismatch(ctx_of(order))) == [
        ("price_mismatch", "lines[0].unit_price", True)
    ]


def test_a_typed_price_below_the_list_with_nothing_to_vouch_for_it_blocks(customer, product):
    """Typed in a file and read with confidence, but no line amount or total to check it: it
    may be last year's price, and a person looks."""
    order = make_order(customer, extraction={"document": {"sources": ["sheet"]}})
    line = _discounted_line(order, product, price="3.10")
    line.extraction = {"fields": {"unit_price": {"confidence": 0.95}}}
    line.save()
    assert codes(rule_price_mismatch(ctx_of(order))) == [
        ("price_mismatch", "lines[0].unit_price", True)
    ]


def test_price_whose_line_amount_disagrees_blocks(customer, product):
    order = make_order(customer)
    _discounted_line(order, product, price="3.10", stated_line_total="34.50")
    assert codes(rule_price_mismatch(ctx_of(order)))[0][0] == "price_mismatch"


def test_discount_beyond_the_tenant_band_blocks(tenant, customer, product):
    order = make_order(customer)
    _discounted_line(order, product, price="2.00", stated_line_total="20.00")  # -42 %
    assert codes(rule_price_mismatch(ctx_of(order)))[0][0] == "price_mismatch"
    tenant.settings = {"extraction": {"customer_discount_max_pct": "0"}}
    tenant.save()
    order.refresh_from_db()
    order.lines.all().delete()
    _discounted_line(order, product, price="3.10", stated_line_total="31.00")
    assert codes(rule_price_mismatch(ctx_of(order)))[0][0] == "price_mismatch"


def test_price_above_list_is_never_a_discount(customer, product):
    order = make_order(customer)
    _discounted_line(order, product, price="3.80", stated_line_total="38.00")
    assert codes(rule_price_mismatch(ctx_of(order)))[0][0] == "price_mismatch"


def test_customer_price_list_wins_over_list_price(tenant, customer, product):
    price_list = PriceList.objects.create(tenant=tenant, name="Dupont 2026", customer=customer)
    PriceListItem.objects.create(
        tenant=tenant, price_list=price_list, product=product, unit_price=Decimal("3.10")
    )
    order = make_order(customer)
    OrderLineFactory(order=order, product=product, unit_price=Decimal("3.45"))
    found = rule_price_mismatch(ctx_of(order))
    assert found[0]["message"] == "price 3.45 differs from the customer's price list 3.10 (+11.3%)"


def test_total_mismatch(customer, product):
    order = make_order(customer, stated_total=Decimal("50.00"))
    OrderLineFactory(
        order=order, product=product, quantity=Decimal("12"), unit_price=Decimal("3.45")
    )
    found = rule_total_mismatch(ctx_of(order))
    assert codes(found) == [("total_mismatch", "total", True)]
    assert found[0]["message"] == "stated total 50 differs from the sum of the lines 41.40"


def test_total_matching_the_lines_is_no_issue(customer, product):
    order = make_order(customer, stated_total=Decimal("41.40"))
    OrderLineFactory(
        order=order, product=product, quantity=Decimal("12"), unit_price=Decimal("3.45")
    )
    assert rule_total_mismatch(ctx_of(order)) == []


def test_quantity_outlier_against_history_median(customer, product):
    for quantity in ("10", "12", "11"):
        past = make_order(customer, status=OrderStatus.VALIDATED)
        OrderLineFactory(order=past, product=product, quantity=Decimal(quantity))
    order = make_order(customer)
    OrderLineFactory(order=order, product=product, quantity=Decimal("1100"))
    found = rule_quantity_outlier(ctx_of(order))
    assert codes(found) == [("quantity_outlier", "lines[0].quantity", True)]
    assert found[0]["message"] == "Line 1: quantity 1100 is far from this customer's usual 11."


def test_quantity_outlier_needs_history(customer, product):
    past = make_order(customer, status=OrderStatus.VALIDATED)
    OrderLineFactory(order=past, product=product, quantity=Decimal("10"))
    order = make_order(customer)
    OrderLineFactory(order=order, product=product, quantity=Decimal("1100"))
    assert rule_quantity_outlier(ctx_of(order)) == []


def test_quantity_outlier_hook_runs_first(customer, product):
    def check(ctx, index, line):
        return issue(ctx, "quantity_outlier", f"lines[{index}].quantity", "seasonal peak expected")

    order = make_order(customer)
    OrderLineFactory(order=order, product=product, quantity=Decimal("5"))
    register_quantity_outlier_check(check)
    try:
        found = rule_quantity_outlier(ctx_of(order))
    finally:
        QUANTITY_OUTLIER_CHECKS.remove(check)
    assert [i["message"] for i in found] == ["seasonal peak expected"]


def test_missing_po_number(customer):
    order = make_order(customer, po_number="")
    assert codes(rule_missing_po_number(ctx_of(order))) == [
        ("missing_po_number", "po_number", True)
    ]


def test_duplicate_po_number(customer):
    first = make_order(customer, po_number="4500012345", status=OrderStatus.VALIDATED)
    order = make_order(customer, po_number="4500012345")
    found = rule_duplicate_po_number(ctx_of(order))
    assert codes(found) == [("duplicate_po_number", "po_number", True)]
    assert found[0]["params"]["order"] == first.number


def test_same_po_number_of_another_customer_is_no_duplicate(tenant, customer):
    make_order(CustomerFactory(tenant=tenant), po_number="4500012345")
    assert rule_duplicate_po_number(ctx_of(make_order(customer, po_number="4500012345"))) == []


def test_po_number_of_a_rejected_order_may_be_reused(customer):
    make_order(customer, po_number="4500012345", status=OrderStatus.REJECTED)
    assert rule_duplicate_po_number(ctx_of(make_order(customer, po_number="4500012345"))) == []


def test_delivery_date_in_past_warns_without_blocking(customer):
    order = make_order(
        customer, order_date=dt.date(2026, 11, 1), requested_delivery_date=dt.date(2026, 11, 20)
    )
    found = rule_delivery_date(ctx_of(order))
    assert codes(found) == [("delivery_date_in_past", "requested_delivery_date", False)]
    assert found[0]["message"] == "delivery date 2026-11-20 is in the past"


def test_delivery_before_order_date_blocks(customer):
    order = make_order(
        customer, order_date=dt.date(2026, 12, 1), requested_delivery_date=dt.date(2026, 11, 30)
    )
    assert codes(rule_delivery_date(ctx_of(order))) == [
        ("delivery_before_order_date", "requested_delivery_date", True)
    ]


def test_delivery_in_past_can_block_by_tenant_setting(tenant, customer):
    tenant.settings = {"extraction": {"blocking": {"delivery_date_in_past": True}}}
    tenant.save()
    order = make_order(customer, requested_delivery_date=dt.date(2026, 11, 20))
    assert codes(rule_delivery_date(ctx_of(order))) == [
        ("delivery_date_in_past", "requested_delivery_date", True)
    ]


def test_future_delivery_date_is_no_issue(customer):
    order = make_order(customer, requested_delivery_date=dt.date(2026, 12, 4))
    assert rule_delivery_date(ctx_of(order)) == []


def test_credit_limit_exceeded_counts_open_orders_and_unpaid_invoices(customer, product):
    customer.credit_limit = Decimal("1000")
    customer.save()
    make_order(customer, status=OrderStatus.VALIDATED, total_amount=Decimal("600"))
    invoiced = make_order(customer, status=OrderStatus.INVOICED, total_amount=Decimal("300"))
    Invoice.objects.create(
        tenant=customer.tenant,
        order=invoiced,
        customer=customer,
        number="F-1",
        issued_on=TODAY,
        total_gross=Decimal("300"),
        paid_amount=Decimal("100"),
    )
    order = make_order(customer)
    OrderLineFactory(
        order=order, product=product, quantity=Decimal("100"), unit_price=Decimal("2.50")
    )
    found = rule_credit_limit_exceeded(ctx_of(order))
    assert codes(found) == [("credit_limit_exceeded", "total", True)]
    assert found[0]["message"] == (
        "This order (250) brings the customer's exposure to 1050, above the credit limit of 1000."
    )


def test_credit_limit_not_reached(customer, product):
    customer.credit_limit = Decimal("1000")
    customer.save()
    order = make_order(customer)
    OrderLineFactory(
        order=order, product=product, quantity=Decimal("100"), unit_price=Decimal("2.50")
    )
    assert rule_credit_limit_exceeded(ctx_of(order)) == []


def test_sample_with_prices(customer, product):
    order = make_order(customer, order_type=OrderType.SAMPLE)
    OrderLineFactory(order=order, product=product, unit_price=Decimal("3.45"))
    assert codes(rule_sample_with_prices(ctx_of(order))) == [
        ("sample_with_prices", "lines[0].unit_price", True)
    ]


def test_free_sample_is_no_issue(customer, product):
    order = make_order(customer, order_type=OrderType.SAMPLE)
    OrderLineFactory(order=order, product=product, unit_price=None)
    assert rule_sample_with_prices(ctx_of(order)) == []


def test_currency_mismatch(customer, product):
    order = make_order(customer, currency="GBP")
    OrderLineFactory(order=order, product=product)
    assert codes(rule_currency_mismatch(ctx_of(order))) == [("currency_mismatch", "currency", True)]


def test_low_confidence_per_field_threshold(customer, product):
    order = make_order(
        customer,
        extraction={
            "customer": {"confidence": 0.99},
            "fields": {
                "po_number": {"value": "X", "confidence": 0.6},
                "order_date": {"confidence": 0.95},
            },
        },
    )
    OrderLineFactory(
        order=order,
        product=product,
        extraction={"product": {"confidence": 1.0}, "fields": {"quantity": {"confidence": 0.5}}},
    )
    found = rule_low_confidence(ctx_of(order))
    assert codes(found) == [
        ("low_confidence", "po_number", True),
        ("low_confidence", "lines[0].quantity", True),
    ]
    assert found[0]["message"] == "po_number was read with low confidence (0.60)."


@pytest.mark.parametrize(
    ("rule", "price", "blocked"),
    [
        ("customer_currency", None, False),  # nothing priced: our list's
        # the customer's country's or our list's, nothing priced to tell: a person says (an
        # Irish customer's unpriced order of a British supplier: euros or pounds?)
        ("customer_currency(not_the_countrys)", None, True),
        ("customer_currency(not_the_countrys)", Decimal("3.45"), True),  # priced: in which?
        ("currency_marks:ocr", None, True),  # a mark read, and misread perhaps
    ],
)
def test_an_unwritten_currency_of_an_order_with_no_prices_keeps_no_one_waiting_unless_in_doubt(
    customer, product, rule, price, blocked
):
    order = make_order(
        customer,
        extraction={
            "document": {"sources": ["plain"]},
            "fields": {"currency": {"value": "GBP", "confidence": 0.6, "rule": rule}},
        },
    )
    OrderLineFactory(order=order, product=product, unit_price=price)
    found = [i["field"] for i in rule_low_confidence(ctx_of(order))]
    assert ("currency" in found) is blocked


def test_threshold_override_per_tenant(tenant, customer):
    tenant.settings = {"extraction": {"thresholds": {"po_number": 0.5}}}
    tenant.save()
    order = make_order(customer, extraction={"fields": {"po_number": {"confidence": 0.6}}})
    assert rule_low_confidence(ctx_of(order)) == []


def test_not_an_order(customer):
    order = make_order(
        customer, extraction={"document": {"is_order": False, "reason": "a trade confirmation"}}
    )
    found = rule_not_an_order(ctx_of(order))
    assert codes(found) == [("not_an_order", "", True)]
    assert (
        found[0]["message"] == "This document does not look like an order (a trade confirmation)."
    )


def test_clean_order_has_no_issue(customer, product):
    order = make_order(
        customer,
        po_number="PO-1",
        stated_total=Decimal("41.40"),
        order_date=dt.date(2026, 11, 27),
        requested_delivery_date=dt.date(2026, 12, 4),
    )
    OrderLineFactory(
        order=order, product=product, quantity=Decimal("12"), unit_price=Decimal("3.45")
    )
    assert order_check_rules(order=order, today=TODAY) == []


def test_line_total_mismatch(customer, product):
    from ingestion.decision.rules import rule_line_total_mismatch

    order = make_order(customer)
    OrderLineFactory(
        order=order,
        product=product,
        quantity=Decimal("12"),
        unit_price=Decimal("3.45"),
        extraction={"stated_line_total": "44.40"},
    )
    found = rule_line_total_mismatch(ctx_of(order))
    assert codes(found) == [("line_total_mismatch", "lines[0].line_total", True)]
    assert found[0]["message"] == "Line 1: 12 × 3.45 is 41.40, but the document says 44.40."


def test_line_total_with_rounded_price_is_no_issue(customer, product):
    from ingestion.decision.rules import rule_line_total_mismatch

    order = make_order(customer)
    OrderLineFactory(
        order=order,
        product=product,
        quantity=Decimal("3"),
        unit_price=Decimal("0.333"),
        extraction={"stated_line_total": "1.00"},
    )
    assert rule_line_total_mismatch(ctx_of(order)) == []


def test_arithmetic_that_adds_up_vouches_for_quantities_and_prices(customer, product):
    order = make_order(
        customer,
        stated_total=Decimal("41.40"),
        extraction={
            "fields": {"total": {"confidence": 0.98, "rule": "label:net_total=sum_of_lines"}}
        },
    )
    OrderLineFactory(
        order=order,
        product=product,
        quantity=Decimal("12"),
        unit_price=Decimal("3.45"),
        extraction={
            "stated_line_total": "41.40",
            "product": {"confidence": 0.99},
            "fields": {"quantity": {"confidence": 0.8}, "unit_price": {"confidence": 0.8}},
        },
    )
    assert rule_low_confidence(ctx_of(order)) == []


def test_a_computed_total_vouches_for_nothing(customer, product):
    order = make_order(
        customer,
        stated_total=Decimal("41.40"),
        extraction={"fields": {"total": {"confidence": 0.98, "rule": "sum_of_lines"}}},
    )
    OrderLineFactory(
        order=order,
        product=product,
        quantity=Decimal("12"),
        unit_price=Decimal("3.45"),
        extraction={"product": {"confidence": 0.99}, "fields": {"quantity": {"confidence": 0.8}}},
    )
    assert codes(rule_low_confidence(ctx_of(order))) == [
        ("low_confidence", "lines[0].quantity", True)
    ]


def test_an_order_a_reply_amends_waits_for_a_person(customer, product):
    change = "- Pos. 20 (KMC X10) bitte auf 40 Stück erhöhen statt 20"
    order = make_order(customer, extraction={"document": {"amendments": [change]}})
    found = rule_amended_order(ctx_of(order))
    assert codes(found) == [("amended_order", "lines", True)]
    assert "Pos. 20 (KMC X10)" in found[0]["message"]
    assert "modifie la commande" in found[0]["messages"]["fr"]
    assert rule_amended_order(ctx_of(make_order(customer))) == []


def test_expected_prices_of_every_line_come_from_one_read_of_the_price_lists(
    tenant, customer, product, django_assert_num_queries
):
    """Tiers by quantity, the customer's own list before the general one, lists out of date
    left out; the rules read the lists of all the order's lines once."""
    other = ProductFactory(tenant=tenant, sku="GT-8MM-BK", list_price=Decimal("4.00"))
    general = PriceList.objects.create(tenant=tenant, name="Trade 2026")
    own = PriceList.objects.create(tenant=tenant, name="Dupont", customer=customer)
    expired = PriceList.objects.create(
        tenant=tenant, name="Dupont 2025", customer=customer, valid_to=dt.date(2025, 12, 31)
    )
    other_customer = CustomerFactory(tenant=tenant, code="C00043")
    theirs = PriceList.objects.create(tenant=tenant, name="Theirs", customer=other_customer)
    for price_list, item, min_quantity, price in [
        (general, product, 0, "3.30"),
        (general, product, 100, "3.00"),
        (own, product, 0, "3.20"),
        (own, product, 50, "3.10"),
        (expired, product, 0, "2.50"),
        (general, other, 0, "3.90"),
        (theirs, other, 0, "3.50"),
    ]:
        PriceListItem.objects.create(
            tenant=tenant,
            price_list=price_list,
            product=item,
            min_quantity=Decimal(min_quantity),
            unit_price=Decimal(price),
        )
    order = make_order(customer, order_date=TODAY)
    lines = [
        OrderLineFactory(order=order, product=product, quantity=Decimal(q), unit_price=None)
        for q in ("10", "60", "200")
    ] + [OrderLineFactory(order=order, product=other, quantity=Decimal("5"), unit_price=None)]
    ctx = ctx_of(order)
    with django_assert_num_queries(1):
        prices = [ctx.expected_price(line, on_date=TODAY) for line in ctx.lines]
    assert prices == [
        (Decimal("3.20"), "customer_price_list"),
        (Decimal("3.10"), "customer_price_list"),  # own tier of 50, though the general has 100
        (Decimal("3.10"), "customer_price_list"),
        (Decimal("3.90"), "price_list"),  # not the other customer's 3.50
    ]
    assert len(lines) == 4
    lone = ProductFactory(tenant=tenant, sku="GT-9", list_price=Decimal("7.00"))
    assert expected_unit_price(product=lone, customer=customer) == (Decimal("7.00"), "list_price")
    assert expected_unit_price(product=product, quantity=Decimal("150")) == (
        Decimal("3.00"),
        "price_list",
    )


@pytest.mark.parametrize(
    ("sources", "price_titled", "blocked"),
    [
        (["pdf_text"], True, False),  # a page read from its own text prices nothing
        (["ocr"], None, True),  # a scan may have lost its price column
        (["ocr"], True, True),  # …that it titles
        (["ocr"], False, False),  # a scanned form titled "Réf. | Article | Quantité"
    ],
)
def test_an_unpriced_scan_waits_only_if_its_table_titles_a_price(
    customer, product, sources, price_titled, blocked
):
    order = make_order(
        customer, extraction={"document": {"sources": sources, "price_titled": price_titled}}
    )
    OrderLineFactory(
        order=order,
        product=product,
        unit_price=None,
        extraction={
            "product": {"confidence": 1.0},
            "fields": {"quantity": {"confidence": 0.99}, "unit_price": {"confidence": 0.0}},
        },
    )
    found = [i["field"] for i in rule_low_confidence(ctx_of(order))]
    assert ("lines[0].unit_price" in found) is blocked


@pytest.mark.parametrize(
    ("sources", "raw_text", "blocked"),
    [
        # "I have filled in the ones I know": a row of a text page with no figure of money
        (["pdf_text"], "CA-VAT-KNF40 Curd knife stainless, 40 cm 1 ea", False),
        (["ocr"], "CA-VAT-KNF40 Curd knife stainless, 40 cm 1 ea", True),  # a scan loses figures
        (["pdf_text"], "CA-VAT-KNF40 Curd knife 1 ea 14,90", True),  # a figure not read as one
    ],
)
def test_a_row_that_prints_no_price_beside_priced_ones(
    customer, product, sources, raw_text, blocked
):
    order = make_order(customer, extraction={"document": {"sources": sources}})
    fields = {"quantity": {"confidence": 0.99}}
    OrderLineFactory(
        order=order,
        product=product,
        unit_price=Decimal("48.00"),
        extraction={
            "product": {"confidence": 1.0},
            "fields": {**fields, "unit_price": {"confidence": 0.99}},
            "printed": {"unit_price": "48.00", "raw_text": "CA-FRM-RAC5 Mould 10 ea 48.00 480.00"},
            "stated_line_total": "480.00",
        },
    )
    OrderLineFactory(
        order=order,
        product=product,
        unit_price=None,
        extraction={
            "product": {"confidence": 1.0},
            "fields": {**fields, "unit_price": {"confidence": 0.0}},
            "printed": {"unit_price": None, "raw_text": raw_text},
        },
    )
    found = [i["field"] for i in rule_low_confidence(ctx_of(order))]
    assert ("lines[1].unit_price" in found) is blocked
