"""The ERP webhook URL cannot be turned against the internal network (SSRF)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from orders.export import order_export_attempt
from orders.models import ConnectorKind, ErpConnector, ExportAttempt, OrderStatus
from orders.services import order_create
from orders.webhooks import WebhookUrlRefused, address_is_public, webhook_url_check
from tenants.models import Role
from tests.factories import CustomerFactory, ProductFactory

pytestmark = pytest.mark.django_db


def _post_settings(client, url):
    return client.post(
        reverse("orders:erp_settings"),
        {
            "kind": "webhook",
            "active": "on",
            "webhook_url": url,
            "new_secret": "s3cret",
            "folder": "",
            "timeout_seconds": "5",
            "max_attempts": "1",
        },
    )


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.9", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fe80::1%eth0", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),
        ("8.8.8.8", True),
        ("2606:4700:4700::1111", True),
    ],
)
def test_which_addresses_are_public(address, public):
    assert address_is_public(address) is public


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1:8000/erp", "127.0.0.1 points to an internal address (127.0.0.1)"),
        ("http://localhost/erp", "localhost points to an internal address"),
        ("http://169.254.169.254/latest/meta-data", "points to an internal address"),
        ("https://10.0.0.5/orders", "10.0.0.5 points to an internal address (10.0.0.5)"),
        ("http://[::1]/erp", "::1 points to an internal address (::1)"),
        ("ftp://8.8.8.8/orders", "Use an http:// or https:// address."),
        ("file:///etc/passwd", "Enter a valid URL."),
    ],
)
def test_the_settings_page_refuses_internal_and_non_http_webhooks(
    member_client, tenant, settings, url, reason
):
    settings.CARNET_ALLOW_PRIVATE_WEBHOOKS = False
    response = _post_settings(member_client(tenant, Role.ADMIN), url)
    assert response.status_code == 400
    assert reason in response.context["form"].errors["webhook_url"][0]
    assert ErpConnector.objects.count() == 0


def test_a_public_address_is_accepted(member_client, tenant, settings):
    settings.CARNET_ALLOW_PRIVATE_WEBHOOKS = False
    response = _post_settings(member_client(tenant, Role.ADMIN), "https://8.8.8.8/orders")
    assert response.status_code == 302
    assert ErpConnector.objects.get(tenant=tenant).webhook_url == "https://8.8.8.8/orders"


def test_private_addresses_are_allowed_when_the_setting_says_so(member_client, tenant, settings):
    settings.CARNET_ALLOW_PRIVATE_WEBHOOKS = True
    assert (
        _post_settings(member_client(tenant, Role.ADMIN), "http://127.0.0.1:9/erp").status_code
        == 302
    )
    with pytest.raises(WebhookUrlRefused, match=r"Use an http:// or https:// address\."):
        webhook_url_check("gopher://127.0.0.1/")


def test_a_webhook_saved_before_the_guard_is_refused_at_delivery(
    tenant, settings, erp_server, django_capture_on_commit_callbacks
):
    # given a connector pointing at a loopback ERP, stored while private addresses were allowed
    server = erp_server(200)
    connector = ErpConnector(
        tenant=tenant, kind=ConnectorKind.WEBHOOK, webhook_url=server.url, max_attempts=1
    )
    connector.set_secret("s3cret")
    connector.save()
    customer = CustomerFactory(tenant=tenant)
    product = ProductFactory(tenant=tenant, list_price=Decimal("2.00"))
    order = order_create(
        tenant=tenant,
        customer=customer,
        channel="phone",
        status=OrderStatus.VALIDATED,
        lines=[{"product": product, "quantity": 1}],
    )
    # when production rules apply
    settings.CARNET_ALLOW_PRIVATE_WEBHOOKS = False
    with pytest.raises(Exception, match="points to an internal address"):
        order_export_attempt(order_id=order.pk)
    # then nothing reached the server and the attempt says why
    assert server.received == []
    attempt = ExportAttempt.objects.get(order=order)
    assert (attempt.succeeded, attempt.status_code) == (False, None)
    assert attempt.error.startswith("WebhookUrlRefused: 127.0.0.1 points to an internal address")


def test_a_redirect_is_not_an_acknowledgment(tenant, erp_server):
    server = erp_server(302)
    connector = ErpConnector(
        tenant=tenant, kind=ConnectorKind.WEBHOOK, webhook_url=server.url, max_attempts=1
    )
    connector.set_secret("s3cret")
    connector.save()
    product = ProductFactory(tenant=tenant, list_price=Decimal("2.00"))
    order = order_create(
        tenant=tenant,
        customer=CustomerFactory(tenant=tenant),
        channel="phone",
        status=OrderStatus.VALIDATED,
        lines=[{"product": product, "quantity": 1}],
    )
    with pytest.raises(Exception, match="The ERP answered HTTP 302"):
        order_export_attempt(order_id=order.pk)
    assert len(server.received) == 1
