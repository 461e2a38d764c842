import json
from decimal import Decimal

import pytest

from orders.export import order_export_attempt
from orders.models import (
    ConnectorKind,
    ErpConnector,
    ExportAttempt,
    ExportStatus,
    OrderEvent,
    OrderStatus,
)
from orders.services import OrderError, order_create, order_validate
from orders.tasks import backoff_seconds
from tests.factories import ContactFactory, CustomerFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db


def _order(tenant, **customer_fields):
    customer = CustomerFactory(
        tenant=tenant, code="C00042", name="Brasserie du Port", **customer_fields
    )
    product = ProductFactory(tenant=tenant, sku="GT-6MM-BK", list_price=Decimal("3.45"))
    return order_create(
        tenant=tenant,
        customer=customer,
        channel="email",
        status=OrderStatus.NEEDS_REVIEW,
        po_number="4500012345",
        lines=[{"product": product, "quantity": 12}],
    )


def _webhook(tenant, url, secret="s3cret", max_attempts=3):
    connector = ErpConnector(
        tenant=tenant, kind=ConnectorKind.WEBHOOK, webhook_url=url, max_attempts=max_attempts
    )
    connector.set_secret(secret)
    connector.save()
    return connector


def test_validation_refuses_an_order_without_customer_or_product(tenant):
    order = order_create(
        tenant=tenant,
        customer=None,
        channel="email",
        status=OrderStatus.NEEDS_REVIEW,
        lines=[{"description": "something", "quantity": 1}],
    )
    with pytest.raises(OrderError, match="The customer is not known. Line 1: no product."):
        order_validate(order=order, actor=None)
    order.refresh_from_db()
    assert order.status == OrderStatus.NEEDS_REVIEW


def test_validation_exports_through_a_signed_webhook(
    tenant, erp_server, django_capture_on_commit_callbacks
):
    server = erp_server(200)
    _webhook(tenant, server.url)
    order = _order(tenant)
    actor = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        order_validate(order=order, actor=actor)
    order.refresh_from_db()
    assert order.status == OrderStatus.EXPORTED
    assert order.export_status == ExportStatus.SUCCEEDED
    assert len(server.received) == 1
    request = server.received[0]
    assert server.signature_is_valid("s3cret", request)
    payload = json.loads(request["body"])
    assert payload["number"] == order.number
    assert payload["customer_code"] == "C00042"
    assert payload["lines"] == [
        {
            "position": 1,
            "sku": "GT-6MM-BK",
            "customer_sku": None,
            "description": "Product " + payload["lines"][0]["description"].split(" ", 1)[1],
            "quantity": "12.000",
            "unit": "EA",
            "unit_price": "3.4500",
            "line_total": "41.40",
            "requested_date": None,
        }
    ]
    assert payload["total"] == "41.40"
    attempt = ExportAttempt.objects.get(order=order)
    assert (attempt.succeeded, attempt.status_code, attempt.number) == (True, 200, 1)
    assert '"erp_order": "ERP-1"' in attempt.response_excerpt
    moves = list(
        OrderEvent.objects.filter(order=order, kind="status_changed").values_list(
            "to_status", flat=True
        )
    )
    assert moves == [OrderStatus.VALIDATED, OrderStatus.EXPORTED]


def test_a_failing_erp_is_retried_then_listed_as_failed(
    tenant, erp_server, django_capture_on_commit_callbacks
):
    server = erp_server(503)
    _webhook(tenant, server.url, max_attempts=3)
    order = _order(tenant)
    with django_capture_on_commit_callbacks(execute=True):
        order_validate(order=order, actor=None)
    order.refresh_from_db()
    assert order.status == OrderStatus.VALIDATED
    assert order.export_status == ExportStatus.FAILED
    attempts = list(ExportAttempt.objects.filter(order=order).order_by("number"))
    assert [(a.number, a.succeeded, a.status_code) for a in attempts] == [
        (1, False, 503),
        (2, False, 503),
        (3, False, 503),
    ]
    assert attempts[0].error == "The ERP answered HTTP 503."
    assert len(server.received) == 3
    assert OrderEvent.objects.filter(order=order, kind="export_failed").count() == 1


def test_the_erp_acknowledging_on_the_second_try_exports_the_order(
    tenant, erp_server, django_capture_on_commit_callbacks
):
    server = erp_server(500, 201)
    _webhook(tenant, server.url)
    order = _order(tenant)
    with django_capture_on_commit_callbacks(execute=True):
        order_validate(order=order, actor=None)
    order.refresh_from_db()
    assert order.status == OrderStatus.EXPORTED
    assert list(
        order.export_attempts.order_by("number").values_list("status_code", "succeeded")
    ) == [(500, False), (201, True)]


def test_an_unreachable_erp_records_the_error(tenant, django_capture_on_commit_callbacks):
    _webhook(tenant, "http://127.0.0.1:9/nothing-listens-here", max_attempts=1)
    order = _order(tenant)
    with django_capture_on_commit_callbacks(execute=True):
        order_validate(order=order, actor=None)
    attempt = ExportAttempt.objects.get(order=order)
    assert attempt.status_code is None
    assert attempt.error.startswith("URLError:")
    order.refresh_from_db()
    assert order.export_status == ExportStatus.FAILED


def test_the_file_drop_writes_json_and_csv(
    tenant, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.CARNET_ERP_DROP_ROOT = tmp_path / "drop"
    ErpConnector.objects.create(tenant=tenant, kind=ConnectorKind.FILE_DROP, folder="outbox")
    order = _order(tenant)
    with django_capture_on_commit_callbacks(execute=True):
        order_validate(order=order, actor=None)
    order.refresh_from_db()
    folder = tmp_path / "drop" / tenant.slug / "outbox"
    assert order.status == OrderStatus.EXPORTED
    assert json.loads((folder / f"{order.number}.json").read_text())["po_number"] == "4500012345"
    rows = (folder / f"{order.number}.csv").read_text().splitlines()
    assert rows[0].startswith("order_number,customer_code,po_number")
    assert rows[1].startswith(f"{order.number},C00042,4500012345,")
    assert sorted(p.name for p in folder.iterdir()) == [
        f"{order.number}.csv",
        f"{order.number}.json",
    ]


def test_the_file_drop_cannot_leave_the_tenant_folder(tenant, settings, tmp_path):
    settings.CARNET_ERP_DROP_ROOT = tmp_path / "drop"
    ErpConnector.objects.create(tenant=tenant, kind=ConnectorKind.FILE_DROP, folder="../../etc")
    order = _order(tenant)
    order.status = OrderStatus.VALIDATED
    order.save()
    with pytest.raises(Exception, match="must stay inside"):
        order_export_attempt(order_id=order.pk)
    assert ExportAttempt.objects.get(order=order).succeeded is False


def test_no_connector_means_no_export(tenant, django_capture_on_commit_callbacks):
    order = _order(tenant)
    with django_capture_on_commit_callbacks(execute=True):
        order_validate(order=order, actor=None)
    order.refresh_from_db()
    assert (order.status, order.export_status) == (OrderStatus.VALIDATED, ExportStatus.NOT_EXPORTED)
    assert ExportAttempt.objects.count() == 0


def test_backoff_grows_and_stays_under_the_cap():
    assert all(0 <= backoff_seconds(0) <= 30 for _ in range(50))
    assert all(0 <= backoff_seconds(3) <= 240 for _ in range(50))
    assert max(backoff_seconds(20) for _ in range(50)) <= 3600


def test_validation_sends_the_acknowledgment_in_the_customers_language(
    tenant, mailoutbox, django_capture_on_commit_callbacks
):
    order = _order(tenant, language="fr")
    ContactFactory(customer=order.customer, email="achats@brasserie.example")
    ContactFactory(
        customer=order.customer, email="compta@brasserie.example", receives_acknowledgments=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        order_validate(order=order, actor=None)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["achats@brasserie.example"]
    assert (
        mail.subject
        == f"Accusé de réception de commande {order.number} (votre commande 4500012345) – Acme Supplies"
    )
    assert "Merci pour votre commande" in mail.body
    assert "41,40 EUR" in mail.body
    name, content, mimetype = mail.attachments[0]
    assert (name, mimetype) == (f"{order.number}.pdf", "application/pdf")
    assert content.startswith(b"%PDF")
    order.refresh_from_db()
    assert order.acknowledged_at is not None
    event = OrderEvent.objects.get(order=order, kind="acknowledgment_sent")
    assert event.data == {"to": ["achats@brasserie.example"], "language": "fr"}


def test_english_acknowledgment_and_no_contact_is_recorded(
    tenant, mailoutbox, django_capture_on_commit_callbacks
):
    order = _order(tenant, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        order_validate(order=order, actor=None)
    assert mailoutbox == []
    assert OrderEvent.objects.get(order=order, kind="acknowledgment_skipped").reason == (
        "The customer has no contact with an email address for acknowledgments."
    )


def test_an_exported_unit_price_keeps_four_places_and_more_when_it_has_them():
    from decimal import Decimal

    from orders.export import _price_str

    assert _price_str(Decimal("3.450000")) == "3.4500"
    assert _price_str(Decimal("0.027750")) == "0.02775"
    assert _price_str(None) is None
