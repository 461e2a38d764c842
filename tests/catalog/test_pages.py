"""Regressions found walking through the catalog pages."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from catalog.models import PriceList, PriceListItem
from tenants.models import Role
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def test_the_product_page_lists_prices_in_force_first(member_client, tenant):
    product = ProductFactory(tenant=tenant)
    for name, valid_from, valid_to in [
        ("List prices 2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
        ("List prices 2026", dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
        ("Contract", dt.date(2025, 6, 1), None),
        ("List prices 2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
    ]:
        price_list = PriceList.objects.create(
            tenant=tenant, name=name, valid_from=valid_from, valid_to=valid_to
        )
        PriceListItem.objects.create(
            tenant=tenant, price_list=price_list, product=product, unit_price=Decimal("1")
        )
    response = member_client(tenant, Role.SALES_REP).get(
        reverse("catalog:detail", args=[product.pk])
    )
    assert [item.price_list.name for item in response.context["prices"]] == [
        "Contract",
        "List prices 2026",
        "List prices 2025",
        "List prices 2023",
    ]
    assert '<td class="nowrap">01/01/2026 – 12/31/2026</td>' in response.content.decode()


def test_rejected_rows_are_explained_in_the_readers_language(member_client, tenant):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from customers.models import ImportBatch

    client = member_client(tenant, Role.MANAGER)
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    upload = SimpleUploadedFile(
        "products.csv",
        b"sku,gtin,description,unit,unit_price,currency\n"
        b"X1,1234567890123,Thing,EA,1,EUR\nX2,,Other,EA,abc,EUR\nX2,,Dup,EA,1,EUR\n",
    )
    client.post(reverse("customers:import"), {"kind": "products", "file": upload})
    report = ImportBatch.objects.get(tenant=tenant).report
    assert [issue["reason"] for issue in report["rejected"]] == [
        "X2 : unit_price 'abc' n’est pas un nombre (utilisez . comme séparateur décimal)",
        "sku X2 en double (déjà ligne 3)",
    ]
    # a mistyped barcode costs the product its GTIN, not its place in the catalog
    assert [issue["reason"] for issue in report["warnings"]] == [
        "X1 : le GTIN 1234567890123 a une clé de contrôle ou une longueur incorrecte ; "
        "importé sans lui"
    ]
