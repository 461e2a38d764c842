import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.authtoken.models import Token

from orders.fulfilment import delivery_notes_import, invoices_import
from orders.models import DeliveryNote, Invoice, InvoiceStatus, OrderStatus
from orders.selectors import (
    order_lines_backlog,
    orders_backlog,
    orders_fully_invoiced,
    orders_partially_shipped,
)
from orders.services import order_create
from tenants.models import Role
from tests.factories import CustomerFactory, ProductFactory

pytestmark = pytest.mark.django_db


def _order(tenant, status=OrderStatus.EXPORTED):
    customer = CustomerFactory(tenant=tenant, code="C00042")
    glue = ProductFactory(tenant=tenant, sku="GT-6MM-BK", list_price=Decimal("3.45"))
    box = ProductFactory(tenant=tenant, sku="BOX-40", list_price=Decimal("1.00"))
    return order_create(
        tenant=tenant,
        customer=customer,
        channel="email",
        status=status,
        lines=[{"product": glue, "quantity": 12}, {"product": box, "quantity": 5}],
    )


DN_HEADER = (
    "delivery_note,order_number,line,sku,quantity,carrier,tracking_number,shipped_on,delivered_on\n"
)
INV_HEADER = (
    "invoice,order_number,issued_on,line,sku,quantity,unit_price,due_on,tax_amount,paid_amount\n"
)


def test_partial_then_full_shipment_then_invoice_move_the_order(tenant):
    order = _order(tenant)
    first = delivery_notes_import(
        tenant=tenant,
        data=(DN_HEADER + f"DN-1,{order.number},1,,10,DHL,JD0001,2026-05-03,\n").encode(),
    )
    assert first.created == ["DN-1"]
    order.refresh_from_db()
    assert order.status == OrderStatus.IN_FULFILMENT
    assert list(orders_partially_shipped(tenant=tenant)) == [order]
    assert sorted(
        (line.product.sku, line.backlog_quantity) for line in order_lines_backlog(tenant=tenant)
    ) == [("BOX-40", Decimal("5.000")), ("GT-6MM-BK", Decimal("2.000"))]
    delivery_notes_import(
        tenant=tenant,
        data=(
            DN_HEADER
            + f"DN-2,{order.number},1,,2,DHL,,2026-05-04,\nDN-2,{order.number},,BOX-40,5,DHL,,2026-05-04,\n"
        ).encode(),
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.SHIPPED
    assert list(orders_backlog(tenant=tenant)) == []
    assert list(orders_fully_invoiced(tenant=tenant)) == []
    report = invoices_import(
        tenant=tenant,
        data=(
            INV_HEADER + f"INV-1,{order.number},2026-05-05,1,,12,3.45,2026-06-04,9.28,0\n"
            f"INV-1,{order.number},2026-05-05,2,,5,1.00,,,\n"
        ).encode(),
    )
    assert report.created == ["INV-1"]
    order.refresh_from_db()
    assert order.status == OrderStatus.INVOICED
    invoice = Invoice.objects.get(number="INV-1")
    assert (
        invoice.total_net,
        invoice.total_tax,
        invoice.total_gross,
        invoice.status,
        invoice.due_on,
    ) == (
        Decimal("46.40"),
        Decimal("9.28"),
        Decimal("55.68"),
        InvoiceStatus.OPEN,
        dt.date(2026, 6, 4),
    )
    assert list(orders_fully_invoiced(tenant=tenant)) == [order]


def test_importing_the_same_file_twice_changes_nothing(tenant):
    order = _order(tenant)
    data = (DN_HEADER + f"DN-1,{order.number},1,,12,,,,\n").encode()
    delivery_notes_import(tenant=tenant, data=data)
    again = delivery_notes_import(tenant=tenant, data=data)
    assert (again.created, again.unchanged) == ([], ["DN-1"])
    assert DeliveryNote.objects.count() == 1


def test_one_bad_document_imports_nothing(tenant):
    order = _order(tenant)
    report = delivery_notes_import(
        tenant=tenant,
        data=(
            DN_HEADER
            + f"DN-1,{order.number},1,,12,,,,\nDN-2,{order.number},9,,1,,,,\nDN-3,SO-NOPE,1,,1,,,,\n"
        ).encode(),
    )
    assert [(r.line, r.reason) for r in report.rejected] == [
        (3, f"delivery_note DN-2: order {order.number} has no line 9"),
        (4, "unknown or mixed order number for delivery_note DN-3"),
    ]
    assert report.applied is False
    assert DeliveryNote.objects.count() == 0
    order.refresh_from_db()
    assert order.status == OrderStatus.EXPORTED


def test_an_order_not_validated_cannot_be_shipped(tenant):
    order = _order(tenant, status=OrderStatus.NEEDS_REVIEW)
    report = delivery_notes_import(
        tenant=tenant, data=(DN_HEADER + f"DN-1,{order.number},1,,1,,,,\n").encode()
    )
    assert (
        report.rejected[0].reason
        == f"delivery_note DN-1: order {order.number} is Needs review: it cannot be shipped"
    )


def test_a_validated_order_fully_invoiced_goes_through_shipped(tenant):
    order = _order(tenant, status=OrderStatus.VALIDATED)
    invoices_import(
        tenant=tenant,
        data=(
            INV_HEADER + f"I1,{order.number},2026-05-05,1,,12,3.45,,,46.40\n"
            f"I1,{order.number},2026-05-05,2,,5,1,,,\n"
        ).encode(),
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.INVOICED
    assert list(order.events.filter(kind="status_changed").values_list("to_status", flat=True)) == [
        OrderStatus.SHIPPED,
        OrderStatus.INVOICED,
    ]
    assert Invoice.objects.get().status == InvoiceStatus.PAID


def test_the_import_commands(tenant, tmp_path, capsys):
    order = _order(tenant)
    path = tmp_path / "dn.csv"
    path.write_text(DN_HEADER + f"DN-1,{order.number},1,,12,,,,\n")
    call_command("import_delivery_notes", "--tenant", tenant.slug, str(path))
    assert capsys.readouterr().out.splitlines() == [
        "delivery notes: created: 1, updated: 0, unchanged: 0, rejected: 0"
    ]
    path.write_text(INV_HEADER + f"I1,{order.number},05/05/2026,1,,12,3.45,,,\n")
    with pytest.raises(
        CommandError, match="^dn.csv: line 2: invoice I1: issued_on '05/05/2026' is not an ISO date"
    ):
        call_command("import_invoices", "--tenant", tenant.slug, str(path))


def test_the_api_records_a_delivery_note_with_a_token(client, tenant, make_member):
    order = _order(tenant)
    user = make_member(tenant, Role.LOGISTICS)
    token = Token.objects.create(user=user)
    body = {
        "number": "DN-9",
        "order_number": order.number,
        "carrier": "DHL",
        "shipped_at": "2026-05-03",
        "lines": [{"line": 1, "quantity": "12"}, {"sku": "BOX-40", "quantity": "5"}],
    }
    response = client.post(
        reverse("api-delivery-notes"),
        body,
        content_type="application/json",
        headers={"Authorization": f"Token {token.key}"},
    )
    assert response.status_code == 201
    assert response.json()["order_status"] == OrderStatus.SHIPPED
    again = client.post(
        reverse("api-delivery-notes"),
        body,
        content_type="application/json",
        headers={"Authorization": f"Token {token.key}"},
    )
    assert again.status_code == 200
    assert DeliveryNote.objects.count() == 1


def test_the_api_refuses_the_wrong_role_and_other_tenants_orders(
    client, tenant, other_tenant, make_member
):
    theirs = _order(other_tenant)
    accountant = make_member(tenant, Role.ACCOUNTING)
    client.force_login(accountant)
    body = {
        "number": "DN-9",
        "order_number": theirs.number,
        "lines": [{"line": 1, "quantity": "1"}],
    }
    assert (
        client.post(
            reverse("api-delivery-notes"), body, content_type="application/json"
        ).status_code
        == 403
    )
    invoice = {
        "number": "I-9",
        "order_number": theirs.number,
        "issued_on": "2026-05-05",
        "lines": [{"line": 1, "quantity": "1", "unit_price": "1"}],
    }
    response = client.post(reverse("api-invoices"), invoice, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"order_number": [f"No order has the number {theirs.number}."]}
    assert client.get(reverse("api-order", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("api-orders")).json()["results"] == []


def test_the_api_lists_orders_with_progress(client, tenant, make_member):
    order = _order(tenant)
    client.force_login(make_member(tenant, Role.SALES_REP))
    data = client.get(reverse("api-order", args=[order.pk])).json()
    assert (data["number"], data["status"], data["customer_code"], data["total"]) == (
        order.number,
        "exported",
        "C00042",
        "46.40",
    )
    assert [(line["sku"], line["shipped_quantity"]) for line in data["lines"]] == [
        ("GT-6MM-BK", "0"),
        ("BOX-40", "0"),
    ]
    assert client.get(reverse("api-orders"), {"status": "exported"}).json()["count"] == 1
    assert client.get(reverse("api-orders"), {"status": "shipped"}).json()["count"] == 0


def test_the_fulfilment_page(member_client, tenant):
    from django.core.files.uploadedfile import SimpleUploadedFile

    order = _order(tenant)
    client = member_client(tenant, Role.LOGISTICS)
    upload = SimpleUploadedFile("dn.csv", (DN_HEADER + f"DN-1,{order.number},1,,12,,,,\n").encode())
    response = client.post(
        reverse("orders:fulfilment_import"),
        {"kind": "delivery_notes", "file": upload, "check_only": "on"},
    )
    assert response.context["report"].created == ["DN-1"]
    assert DeliveryNote.objects.count() == 0
    upload = SimpleUploadedFile("dn.csv", (DN_HEADER + f"DN-1,{order.number},1,,12,,,,\n").encode())
    client.post(reverse("orders:fulfilment_import"), {"kind": "delivery_notes", "file": upload})
    assert DeliveryNote.objects.count() == 1
