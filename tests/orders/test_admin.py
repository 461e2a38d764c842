import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import AliasFactory, ContactFactory, OrderLineFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_every_model_of_the_domain_has_an_admin():
    from django.apps import apps

    models = [
        m
        for app in ("customers", "catalog", "orders")
        for m in apps.get_app_config(app).get_models()
    ]
    missing = [m.__name__ for m in models if m not in admin.site._registry]
    assert missing == []


def test_admin_pages_open(client, tenant):
    line = OrderLineFactory(order__customer__tenant=tenant)
    ContactFactory(customer=line.order.customer)
    AliasFactory(customer=line.order.customer)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for name, args in [
        ("admin:orders_order_changelist", []),
        ("admin:orders_order_change", [line.order.pk]),
        ("admin:customers_customer_change", [line.order.customer.pk]),
        ("admin:catalog_product_changelist", []),
        ("admin:catalog_customerproductalias_changelist", []),
        ("admin:orders_exportattempt_changelist", []),
        ("admin:orders_erpconnector_changelist", []),
        ("admin:customers_importbatch_changelist", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 200, name


def test_the_system_checks_pass():
    from django.core.management import call_command

    call_command("check", "customers", "catalog", "orders", fail_level="ERROR")
