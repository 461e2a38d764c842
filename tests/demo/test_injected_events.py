"""The events planted for the insights are where the tenant's settings say they are."""

import datetime as dt
import statistics

from customers.models import Customer
from orders.models import Order, OrderLine, OrderStatus
from tests.demo.conftest import TODAY


def test_a_weekly_customer_stopped_ordering_three_weeks_ago(demo):
    event = demo.settings["demo"]["events"]["stopped_customer"]
    dates = list(
        Order.objects.for_tenant(demo)
        .filter(customer__code=event["customer"])
        .order_by("order_date")
        .values_list("order_date", flat=True)
    )
    assert str(dates[-1]) == event["last_order"]
    assert 21 <= (TODAY - dates[-1]).days <= 24
    last_year = [d for d in dates if d > dates[-1] - dt.timedelta(days=365)]
    assert len(last_year) >= 35
    assert (
        Customer.objects.for_tenant(demo).get(code=event["customer"]).sales_rep.email
        == "rep@demo.example"
    )


def test_a_quantity_spike_on_a_recent_order(demo):
    event = demo.settings["demo"]["events"]["quantity_spike"]
    line = OrderLine.objects.for_tenant(demo).get(
        order__number=event["order"], product__sku=event["sku"]
    )
    history = (
        OrderLine.objects.for_tenant(demo)
        .filter(order__customer__code=event["customer"], product__sku=event["sku"])
        .exclude(pk=line.pk)
    )
    usual = statistics.median(history.values_list("quantity", flat=True))
    assert line.quantity == event["quantity"]
    assert line.quantity >= 6 * usual
    assert (TODAY - line.order.order_date).days <= 7


def test_an_order_misses_the_item_its_customer_always_orders(demo):
    event = demo.settings["demo"]["events"]["missing_item"]
    order = Order.objects.for_tenant(demo).get(number=event["order"])
    assert not order.lines.filter(product__sku=event["sku"]).exists()
    previous = Order.objects.for_tenant(demo).filter(
        customer=order.customer, order_date__lt=order.order_date
    )
    assert previous.count() >= 30
    assert previous.filter(lines__product__sku=event["sku"]).distinct().count() == previous.count()
    assert (TODAY - order.order_date).days <= 7


def test_one_reps_portfolio_dropped_over_the_last_six_weeks(demo):
    event = demo.settings["demo"]["events"]["portfolio_drop"]
    since = dt.date.fromisoformat(event["since"])

    def ratio(rep_email):
        orders = Order.objects.for_tenant(demo).filter(customer__sales_rep__email=rep_email)
        recent = orders.filter(order_date__gte=since, order_date__lte=TODAY).count()
        year_before = orders.filter(
            order_date__gte=since - dt.timedelta(days=364),
            order_date__lte=TODAY - dt.timedelta(days=364),
        ).count()
        return recent / year_before

    reps = set(
        Customer.objects.for_tenant(demo)
        .exclude(sales_rep=None)
        .values_list("sales_rep__email", flat=True)
    )
    assert event["rep"] in reps
    assert ratio(event["rep"]) < 0.6
    assert min(ratio(rep) for rep in reps - {event["rep"]}) > 0.75


def test_one_order_is_on_credit_hold(demo):
    event = demo.settings["demo"]["events"]["on_hold"]
    assert Order.objects.for_tenant(demo).get(number=event["order"]).status == OrderStatus.ON_HOLD
