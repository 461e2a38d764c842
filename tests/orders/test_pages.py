"""Regressions found walking through the order pages as each role."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from orders.models import Order
from tenants.models import Role
from tests.factories import CustomerFactory, ProductFactory

pytestmark = pytest.mark.django_db

FAILED = reverse("orders:export_failures")
ERP = reverse("orders:erp_settings")
FULFILMENT = reverse("orders:fulfilment_import")


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.ADMIN, [FAILED, ERP, FULFILMENT]),
        (Role.MANAGER, [FAILED, FULFILMENT]),
        (Role.LOGISTICS, [FULFILMENT]),
        (Role.ACCOUNTING, [FULFILMENT]),
        (Role.ORDER_DESK, []),
        (Role.SALES_REP, []),
    ],
)
def test_the_order_list_links_to_the_pages_the_role_may_open(member_client, tenant, role, expected):
    html = member_client(tenant, role).get(reverse("orders:list")).content.decode()
    assert [url for url in (FAILED, ERP, FULFILMENT) if f'href="{url}"' in html] == expected


def test_the_erp_settings_explain_the_signature_without_swallowed_markup(member_client, tenant):
    html = member_client(tenant, Role.ADMIN).get(ERP).content.decode()
    assert "header (sha256= followed by the hexadecimal digest)" in html
    assert "<hex>" not in html
    assert "<number>" not in html
    assert ">Webhook URL</label>" in html


def test_a_new_phone_order_is_dated_today(member_client, tenant):
    response = member_client(tenant, Role.ORDER_DESK).get(reverse("orders:create"))
    assert response.context["header"]["order_date"].value() == timezone.localdate()


def test_save_and_validate_says_the_order_was_validated(member_client, tenant):
    CustomerFactory(tenant=tenant, code="C00042")
    ProductFactory(tenant=tenant, sku="GT-6MM-BK")
    client = member_client(tenant, Role.ORDER_DESK)
    data = {
        "customer": "C00042",
        "order_type": "standard",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-0-product_code": "GT-6MM-BK",
        "lines-0-quantity": "1",
        "validate": "1",
    }
    response = client.post(reverse("orders:create"), data, follow=True)
    order = Order.objects.get(tenant=tenant)
    assert [str(m) for m in response.context["messages"]] == [
        f"Order {order.number} saved and validated."
    ]


def test_a_refused_fulfilment_file_says_so_once(member_client, tenant):
    upload = SimpleUploadedFile(
        "dn.csv", b"delivery_note,order_number,line,sku,quantity\nDN1,SO-2026-999999,1,,2\n"
    )
    response = member_client(tenant, Role.LOGISTICS).post(
        FULFILMENT, {"kind": "delivery_notes", "file": upload}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Refused: line 2: unknown or mixed order number for delivery_note DN1; "
        "nothing was imported"
    ]


def test_the_timeline_speaks_french(member_client, tenant):
    CustomerFactory(tenant=tenant, code="C00042")
    ProductFactory(tenant=tenant, sku="GT-6MM-BK")
    client = member_client(tenant, Role.ORDER_DESK)
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    data = {
        "customer": "C00042",
        "order_type": "standard",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-0-product_code": "GT-6MM-BK",
        "lines-0-quantity": "1",
        "save": "1",
    }
    response = client.post(reverse("orders:create"), data, follow=True)
    assert [str(event.label) for event in response.context["events"]] == ["Commande créée"]
