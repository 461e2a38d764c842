from decimal import Decimal

import pytest
from django.urls import reverse

from tenants.models import Role
from tests.factories import AliasFactory, ProductFactory

pytestmark = pytest.mark.django_db


def test_the_catalog_searches_sku_gtin_and_description_words(member_client, tenant):
    ProductFactory(
        tenant=tenant, sku="GT-6MM-BK", gtin="4006381333931", description="Gaine thermo 6 mm noire"
    )
    ProductFactory(tenant=tenant, sku="GT-9MM-BK", description="Gaine thermo 9 mm noire")
    ProductFactory(tenant=tenant, sku="BOX-40", description="Carton 40x30", active=False)
    client = member_client(tenant, Role.LOGISTICS)

    def skus(params):
        return [p.sku for p in client.get(reverse("catalog:list"), params).context["page"]]

    assert skus({}) == ["GT-6MM-BK", "GT-9MM-BK"]
    assert skus({"q": "gt-6mm"}) == ["GT-6MM-BK"]
    assert skus({"q": "4006381333931"}) == ["GT-6MM-BK"]
    assert skus({"q": "noire thermo 9"}) == ["GT-9MM-BK"]
    assert skus({"q": "carton", "active": "all"}) == ["BOX-40"]


def test_the_product_page(member_client, tenant):
    product = ProductFactory(tenant=tenant, sku="GT-6MM-BK", list_price=Decimal("3.45"))
    AliasFactory(product=product, customer__tenant=tenant, customer_sku="A-778")
    page = (
        member_client(tenant, Role.SALES_REP)
        .get(reverse("catalog:detail", args=[product.pk]))
        .content.decode()
    )
    assert "GT-6MM-BK" in page
    assert "A-778" in page
    assert "3.45 EUR" in page
