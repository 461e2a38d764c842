"""The orders API list answers in a fixed number of queries, whatever the page size."""

from decimal import Decimal

import pytest
from django.urls import reverse

from orders.fulfilment import delivery_note_record
from orders.models import OrderStatus
from orders.services import order_create
from tenants.models import Role
from tests.factories import CustomerFactory, ProductFactory

pytestmark = pytest.mark.django_db


def _orders(tenant, count):
    glue = ProductFactory(tenant=tenant, sku="GT-6MM-BK", list_price=Decimal("3.45"))
    box = ProductFactory(tenant=tenant, sku="BOX-40", list_price=Decimal("1.00"))
    orders = []
    for i in range(count):
        orders.append(
            order_create(
                tenant=tenant,
                customer=CustomerFactory(tenant=tenant, code=f"C{i:05d}"),
                channel="email",
                status=OrderStatus.EXPORTED,
                lines=[{"product": glue, "quantity": 12}, {"product": box, "quantity": 5}],
            )
        )
    return orders


def test_the_order_list_does_not_query_per_order(
    client, tenant, make_member, django_assert_max_num_queries
):
    orders = _orders(tenant, 12)
    delivery_note_record(
        tenant=tenant,
        order=orders[0],
        actor=None,
        number="DN-1",
        lines=[{"line": 1, "quantity": Decimal("4")}],
    )
    client.force_login(make_member(tenant, Role.ACCOUNTING))
    # session, user, memberships (middleware and API), count, orders, lines, shipped, invoiced
    with django_assert_max_num_queries(10):
        data = client.get(reverse("api-orders")).json()
    assert data["count"] == 12
    first = next(o for o in data["results"] if o["number"] == orders[0].number)
    assert [
        (line["sku"], Decimal(line["shipped_quantity"]), Decimal(line["invoiced_quantity"]))
        for line in first["lines"]
    ] == [("GT-6MM-BK", Decimal("4"), Decimal("0")), ("BOX-40", Decimal("0"), Decimal("0"))]
    assert [len(o["lines"]) for o in data["results"]] == [2] * 12
