"""Regressions found walking through the order pages as each role."""

import pytest
from django.urls import reverse

from tenants.models import Role

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
