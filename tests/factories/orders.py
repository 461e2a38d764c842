from decimal import Decimal

import factory

from orders.models import Order, OrderChannel, OrderLine, OrderStatus
from tests.factories.catalog import ProductFactory
from tests.factories.customers import CustomerFactory


class OrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Order

    customer = factory.SubFactory(CustomerFactory)
    tenant = factory.SelfAttribute("customer.tenant")
    # Year 2000: never collides with the numbers order_create() gives (current year).
    number = factory.Sequence(lambda n: f"SO-2000-{n:06d}")
    channel = OrderChannel.EMAIL
    status = OrderStatus.NEEDS_REVIEW
    po_number = factory.Sequence(lambda n: f"PO-{n}")
    currency = "EUR"


class OrderLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrderLine

    order = factory.SubFactory(OrderFactory)
    tenant = factory.SelfAttribute("order.tenant")
    product = factory.SubFactory(ProductFactory, tenant=factory.SelfAttribute("..tenant"))
    position = factory.Sequence(lambda n: n)
    quantity = Decimal("2")
    unit = "EA"
    unit_price = Decimal("10.00")
    line_total = Decimal("20.00")
