from decimal import Decimal

import pytest

from catalog.models import Product
from ingestion.masterdata import masterdata_for, masterdata_invalidate, masterdata_version
from tests.factories import AliasFactory, CustomerFactory, ProductFactory


def test_snapshot_maps_codes_to_ids(tenant, other_tenant):
    customer = CustomerFactory(
        tenant=tenant, code="C00042", layout_hints={"po_number": {"label": "Kennung"}}
    )
    product = ProductFactory(tenant=tenant, sku="GT-6MM-BK", list_price=Decimal("3.45"))
    AliasFactory(customer=customer, product=product, customer_sku="A-778")
    ProductFactory(tenant=other_tenant, sku="OTHER-1")
    view = masterdata_for(tenant)
    assert view.customer_ids == {"C00042": customer.pk}
    assert view.product_ids == {"GT-6MM-BK": product.pk}
    assert dict(view.md.aliases) == {("C00042", "A-778"): "GT-6MM-BK"}
    assert view.layout_hints(customer.pk) == {"po_number": {"label": "Kennung"}}
    assert view.md.product("GT-6MM-BK").list_price == Decimal("3.45")


def test_snapshot_is_reused_until_something_changes(tenant):
    ProductFactory(tenant=tenant, sku="A")
    first = masterdata_for(tenant)
    assert masterdata_for(tenant) is first
    ProductFactory(tenant=tenant, sku="B")  # a save: the signal bumps the version
    second = masterdata_for(tenant)
    assert second is not first
    assert sorted(second.product_ids) == ["A", "B"]


def test_bulk_writes_without_signals_are_seen_too(tenant):
    ProductFactory(tenant=tenant, sku="A")
    first = masterdata_for(tenant)
    Product.objects.bulk_create([Product(tenant=tenant, sku="B", description="b")])
    assert sorted(masterdata_for(tenant).product_ids) == ["A", "B"]
    assert masterdata_for(tenant) is not first


def test_invalidate_bumps_the_version(tenant):
    version = masterdata_version(tenant.pk)
    masterdata_invalidate(tenant.pk)
    assert masterdata_version(tenant.pk) == version + 1


@pytest.mark.slow
def test_twenty_thousand_products_are_built_once_and_then_cached(tenant):
    # how long it takes is `make bench`'s (import.masterdata_view_50k.seconds)
    Product.objects.bulk_create(
        [
            Product(
                tenant=tenant,
                sku=f"SKU-{n:05d}",
                description=f"Article {n} acier {n % 97} mm",
                list_price=Decimal("1.50"),
            )
            for n in range(20000)
        ],
        batch_size=2000,
    )
    view = masterdata_for(tenant)
    assert masterdata_for(tenant) is view
    assert len(view.product_ids) == 20000
    assert view.product_ids["SKU-19999"] == Product.objects.get(sku="SKU-19999").pk
