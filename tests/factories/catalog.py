from decimal import Decimal

import factory

from catalog.models import CustomerProductAlias, Product
from tests.factories.customers import CustomerFactory
from tests.factories.tenants import TenantFactory


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    tenant = factory.SubFactory(TenantFactory)
    sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    description = factory.Sequence(lambda n: f"Product {n}")
    unit = "EA"
    list_price = Decimal("10.00")
    currency = "EUR"


class AliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CustomerProductAlias

    customer = factory.SubFactory(CustomerFactory)
    tenant = factory.SelfAttribute("customer.tenant")
    product = factory.SubFactory(ProductFactory, tenant=factory.SelfAttribute("..tenant"))
    customer_sku = factory.Sequence(lambda n: f"A-{n}")
