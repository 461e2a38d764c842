"""The generated history has the texture of real B2B demand (small scale, seed 42, fixed day)."""

import collections
import datetime as dt
import statistics

from catalog.models import Product, gtin_is_valid
from customers.models import Address, AddressKind, Customer
from demo.checkdigits import tax_id_is_valid
from orders.models import (
    DeliveryNote,
    Invoice,
    InvoiceStatus,
    Order,
    OrderLine,
    OrderNumberSequence,
    OrderStatus,
)
from orders.services import order_next_number
from tests.demo.conftest import TODAY


def _orders_by_customer(tenant) -> dict[str, list[dt.date]]:
    dates = collections.defaultdict(list)
    for code, day in (
        Order.objects.for_tenant(tenant)
        .filter(source_document=None)
        .order_by("order_date")
        .values_list("customer__code", "order_date")
    ):
        dates[code].append(day)
    return dates


def test_no_orders_on_weekends_and_mondays_are_busiest(demo):
    weekdays = collections.Counter(
        d.weekday() for d in Order.objects.for_tenant(demo).values_list("order_date", flat=True)
    )
    assert weekdays[5] + weekdays[6] == 0
    assert weekdays.most_common(1)[0][0] == 0
    assert weekdays[0] > 1.3 * statistics.mean([weekdays[1], weekdays[2], weekdays[3], weekdays[4]])


def test_french_customers_order_less_in_august_and_december(demo):
    french = (
        Address.objects.for_tenant(demo)
        .filter(kind=AddressKind.BILL_TO, country="FR")
        .values("customer")
    )
    months = collections.Counter(
        d.month
        for d in Order.objects.for_tenant(demo)
        .filter(customer__in=french)
        .values_list("order_date", flat=True)
    )
    usual = statistics.mean(months[m] for m in (1, 2, 3, 4, 5, 6, 9, 10))
    assert months[8] < 0.5 * usual
    assert months[12] < 0.85 * usual


def test_weekly_customers_keep_their_rhythm(demo):
    weekly, steady = 0, 0
    for dates in _orders_by_customer(demo).values():
        gaps = [(b - a).days for a, b in zip(dates, dates[1:], strict=False)]
        if len(gaps) < 50 or statistics.median(gaps) != 7:
            continue
        weekly += 1
        # Holidays move an order by a day or two; August, Christmas and the odd skipped week
        # make the only longer gaps.
        assert sum(1 for g in gaps if 6 <= g <= 8) / len(gaps) >= 0.65
        quartiles = statistics.quantiles(gaps, n=4)
        steady += quartiles[0] == quartiles[2] == 7
    assert weekly >= 15
    assert steady >= 0.8 * weekly


def test_baskets_are_stable(demo):
    orders_with = collections.defaultdict(lambda: collections.defaultdict(set))
    for code, order_id, sku in (
        OrderLine.objects.for_tenant(demo)
        .filter(order__source_document=None)
        .values_list("order__customer__code", "order_id", "product__sku")
    ):
        orders_with[code][sku].add(order_id)
    checked = 0
    for products in orders_with.values():
        orders = set().union(*products.values())
        if len(orders) < 20:
            continue
        checked += 1
        counts = sorted((len(ids) for ids in products.values()), reverse=True)
        assert counts[0] >= 0.85 * len(orders)  # the anchor item
        assert counts[1] >= 0.35 * len(orders)  # and usual items recur
    assert checked >= 80


def test_channels_move_from_fax_and_email_to_the_portal(demo):
    def shares(year):
        channels = collections.Counter(
            Order.objects.for_tenant(demo)
            .filter(order_date__year=year)
            .values_list("channel", flat=True)
        )
        total = sum(channels.values())
        return {c: n / total for c, n in channels.items()}

    first, last = shares(TODAY.year - 2), shares(TODAY.year)
    assert last["portal"] > first.get("portal", 0) + 0.25
    assert last["fax"] < first["fax"]


def test_tax_ids_and_gtins_have_valid_check_digits(demo):
    customers = list(
        Customer.objects.for_tenant(demo)
        .values_list("vat_number", "addresses__country")
        .filter(addresses__kind=AddressKind.BILL_TO)
    )
    assert {country for _, country in customers} == {"FR", "BE", "DE", "GB", "US"}
    assert [v for v, country in customers if not tax_id_is_valid(country, v)] == []
    gtins = [g for g in Product.objects.for_tenant(demo).values_list("gtin", flat=True) if g]
    assert len(gtins) >= 500
    assert [g for g in gtins if not (len(g) == 13 and gtin_is_valid(g))] == []


def test_fulfilment_has_late_partial_and_unpaid(demo):
    orders = Order.objects.for_tenant(demo)
    two_notes = collections.Counter(
        DeliveryNote.objects.for_tenant(demo).values_list("order_id", flat=True)
    )
    assert 0.02 < sum(1 for n in two_notes.values() if n == 2) / len(two_notes) < 0.1
    late = sum(
        1
        for requested, delivered in DeliveryNote.objects.for_tenant(demo)
        .exclude(delivered_at=None)
        .values_list("order__requested_delivery_date", "delivered_at")
        if delivered > requested
    )
    assert 0.04 < late / DeliveryNote.objects.for_tenant(demo).count() < 0.2
    invoices = Invoice.objects.for_tenant(demo)
    assert invoices.filter(status=InvoiceStatus.OPEN, due_on__lt=TODAY).count() >= 20
    assert invoices.filter(status=InvoiceStatus.PARTIALLY_PAID).count() >= 5
    statuses = set(orders.values_list("status", flat=True))
    assert {
        OrderStatus.CLOSED,
        OrderStatus.INVOICED,
        OrderStatus.SHIPPED,
        OrderStatus.VALIDATED,
        OrderStatus.CANCELLED,
        OrderStatus.ON_HOLD,
    } <= statuses


def test_order_numbers_continue_after_the_history(demo):
    last = (
        Order.objects.for_tenant(demo)
        .filter(number__startswith=f"SO-{TODAY.year}-")
        .order_by("-number")
        .first()
    )
    sequence = OrderNumberSequence.objects.for_tenant(demo).get(year=TODAY.year)
    assert last.number == f"SO-{TODAY.year}-{sequence.last_value:06d}"
    assert (
        order_next_number(tenant=demo, year=TODAY.year)
        == f"SO-{TODAY.year}-{sequence.last_value + 1:06d}"
    )


def test_the_second_company_has_its_own_business(demo):
    demo2 = Customer.objects.filter(tenant__slug="demo2")
    assert demo2.count() == 30
    assert Order.objects.filter(tenant__slug="demo2").count() > 500
    assert set(Address.objects.filter(tenant__slug="demo2").values_list("country", flat=True)) == {
        "FR",
        "BE",
    }
    demo2_orders = Order.objects.filter(tenant__slug="demo2")
    assert demo2_orders.exclude(customer__tenant__slug="demo2").count() == 0
    assert (
        OrderLine.objects.filter(tenant__slug="demo2")
        .exclude(product__tenant__slug="demo2")
        .count()
        == 0
    )
