import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from orders.models import ConnectorKind, ErpConnector, ExportStatus, Order, OrderEvent, OrderStatus
from orders.services import order_create
from tenants.models import Role
from tests.factories import AliasFactory, CustomerFactory, OrderFactory, ProductFactory

pytestmark = pytest.mark.django_db


def _lines(*rows, total=None):
    data = {"lines-TOTAL_FORMS": str(total or len(rows)), "lines-INITIAL_FORMS": "0"}
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"lines-{i}-{key}"] = value
    return data


def test_the_order_list_filters_and_searches(member_client, tenant, make_member):
    rep = make_member(tenant, Role.SALES_REP)
    port = CustomerFactory(tenant=tenant, name="Brasserie du Port", sales_rep=rep)
    garage = CustomerFactory(tenant=tenant, name="Garage Central")
    OrderFactory(
        customer=port,
        number="SO-2026-000001",
        po_number="4500012345",
        status=OrderStatus.VALIDATED,
        channel="email",
        order_date=dt.date(2026, 3, 1),
    )
    OrderFactory(
        customer=garage,
        number="SO-2026-000002",
        po_number="GC-77",
        status=OrderStatus.NEEDS_REVIEW,
        channel="fax",
        order_type="sample",
        order_date=dt.date(2026, 4, 1),
    )
    client = member_client(tenant, Role.ACCOUNTING)
    url = reverse("orders:list")
    numbers = lambda params: [o.number for o in client.get(url, params).context["page"]]  # noqa: E731
    assert numbers({}) == ["SO-2026-000002", "SO-2026-000001"]
    assert numbers({"q": "4500012345"}) == ["SO-2026-000001"]
    assert numbers({"q": "garage"}) == ["SO-2026-000002"]
    assert numbers({"q": "000001"}) == ["SO-2026-000001"]
    assert numbers({"status": "needs_review"}) == ["SO-2026-000002"]
    assert numbers({"status": "open"}) == ["SO-2026-000001"]
    assert numbers({"channel": "fax"}) == ["SO-2026-000002"]
    assert numbers({"order_type": "sample"}) == ["SO-2026-000002"]
    assert numbers({"customer": port.pk}) == ["SO-2026-000001"]
    assert numbers({"rep": str(rep.pk)}) == ["SO-2026-000001"]
    assert numbers({"date_from": "2026-03-15"}) == ["SO-2026-000002"]
    assert numbers({"date_to": "2026-03-15"}) == ["SO-2026-000001"]


def test_the_order_list_partial_for_htmx(member_client, tenant):
    OrderFactory(customer__tenant=tenant, number="SO-2026-000009")
    response = member_client(tenant, Role.MANAGER).get(
        reverse("orders:list"), headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert page.strip().startswith('<div id="results">')
    assert "SO-2026-000009" in page


def test_the_detail_shows_lines_events_and_progress(member_client, tenant):
    product = ProductFactory(tenant=tenant, sku="GT-6MM-BK", list_price=Decimal("3.45"))
    order = order_create(
        tenant=tenant,
        customer=CustomerFactory(tenant=tenant),
        channel="email",
        status=OrderStatus.NEEDS_REVIEW,
        lines=[{"product": product, "quantity": 12}],
    )
    response = member_client(tenant, Role.LOGISTICS).get(reverse("orders:detail", args=[order.pk]))
    page = response.content.decode()
    assert "GT-6MM-BK" in page
    assert "41.40" in page
    assert "created" in page
    assert [line.progress.backlog for line in response.context["lines"]] == [Decimal("12.000")]
    assert response.context["can_validate"] is False  # logistics does not validate


def test_the_order_desk_creates_a_phone_order(member_client, tenant):
    customer = CustomerFactory(tenant=tenant, code="C00042")
    ProductFactory(tenant=tenant, sku="GT-6MM-BK", gtin="4006381333931", list_price=Decimal("3.45"))
    box = ProductFactory(tenant=tenant, sku="BOX-40", list_price=Decimal("1.00"))
    AliasFactory(customer=customer, product=box, customer_sku="A-778")
    client = member_client(tenant, Role.ORDER_DESK)
    data = {
        "customer": "C00042",
        "order_type": "standard",
        "po_number": "TEL-1",
        "order_date": "2026-05-02",
        "requested_delivery_date": "",
        "ship_to": "",
        "notes": "",
        **_lines(
            {"product_code": "4006381333931", "quantity": "10"},
            {"product_code": "a-778", "quantity": "2", "unit_price": "0.90"},
            {},
        ),
        "save": "1",
    }
    response = client.post(reverse("orders:create"), data)
    order = Order.objects.get(tenant=tenant)
    assert response["Location"] == reverse("orders:detail", args=[order.pk])
    assert (order.channel, order.status, order.po_number, order.created_by) == (
        "phone",
        OrderStatus.NEEDS_REVIEW,
        "TEL-1",
        client.user,
    )
    assert [
        (line.product.sku, line.customer_sku, line.quantity, line.unit_price)
        for line in order.lines.all()
    ] == [
        ("GT-6MM-BK", "", Decimal("10.000"), Decimal("3.4500")),
        ("BOX-40", "a-778", Decimal("2.000"), Decimal("0.9000")),
    ]
    assert order.total_amount == Decimal("36.30")


def test_save_and_validate(member_client, tenant, mailoutbox, django_capture_on_commit_callbacks):
    CustomerFactory(tenant=tenant, code="C00042")
    ProductFactory(tenant=tenant, sku="GT-6MM-BK")
    client = member_client(tenant, Role.ORDER_DESK)
    data = {
        "customer": "C00042",
        "order_type": "standard",
        **_lines({"product_code": "GT-6MM-BK", "quantity": "1"}),
        "validate": "1",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("orders:create"), data)
    order = Order.objects.get(tenant=tenant)
    assert (order.status, order.validated_by) == (OrderStatus.VALIDATED, client.user)


def test_form_errors_are_shown_field_by_field_and_nothing_is_saved(member_client, tenant):
    CustomerFactory(tenant=tenant, code="C00042")
    ProductFactory(tenant=tenant, sku="GT-6MM-BK")
    client = member_client(tenant, Role.ORDER_DESK)
    data = {
        "customer": "C99999",
        "order_type": "standard",
        **_lines(
            {"product_code": "GT-6MM-BK", "quantity": "1"},
            {"product_code": "NOPE", "quantity": "2"},
            {"product_code": "GT-6MM-BK", "quantity": "-1"},
        ),
    }
    response = client.post(reverse("orders:create"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        '<small class="error" id="id_customer-error">No customer has the number C99999.</small>'
        in page
    )
    assert (
        '<small class="error" id="id_lines-1-product_code-error">Unknown article.</small>' in page
    )
    assert (
        'id="id_lines-2-quantity-error">Ensure this value is greater than or equal to 0.001.</small>'
        in page
    )
    assert Order.objects.count() == 0


def test_add_line_adds_an_empty_line_without_saving_or_errors(member_client, tenant):
    client = member_client(tenant, Role.ORDER_DESK)
    data = {
        "customer": "",
        "order_type": "standard",
        **_lines({"product_code": "X"}),
        "add_line": "1",
    }
    response = client.post(reverse("orders:create"), data)
    assert response.status_code == 200
    assert len(response.context["lines"].forms) == 2
    assert 'class="error"' not in response.content.decode()
    assert Order.objects.count() == 0


def test_editing_an_order(member_client, tenant):
    customer = CustomerFactory(tenant=tenant, code="C00042")
    product = ProductFactory(tenant=tenant, sku="GT-6MM-BK", list_price=Decimal("2.00"))
    order = order_create(
        tenant=tenant,
        customer=customer,
        channel="email",
        status=OrderStatus.NEEDS_REVIEW,
        lines=[{"product": product, "quantity": 1}],
    )
    line = order.lines.get()
    client = member_client(tenant, Role.ORDER_DESK)
    page = client.get(reverse("orders:edit", args=[order.pk]))
    assert page.context["lines"].forms[0].initial["product_code"] == "GT-6MM-BK"
    data = {
        "customer": "C00042",
        "order_type": "standard",
        "po_number": "NEW",
        **_lines({"id": str(line.pk), "product_code": "GT-6MM-BK", "quantity": "3"}),
        "save": "1",
    }
    client.post(reverse("orders:edit", args=[order.pk]), data)
    order.refresh_from_db()
    assert (order.po_number, order.total_amount, order.lines.get().pk) == (
        "NEW",
        Decimal("6.00"),
        line.pk,
    )


def test_a_validated_order_is_not_editable(member_client, tenant):
    order = OrderFactory(customer__tenant=tenant, status=OrderStatus.VALIDATED)
    response = member_client(tenant, Role.ORDER_DESK).get(reverse("orders:edit", args=[order.pk]))
    assert response["Location"] == reverse("orders:detail", args=[order.pk])


def test_hold_and_cancel_need_a_reason(member_client, tenant):
    order = OrderFactory(customer__tenant=tenant, status=OrderStatus.NEEDS_REVIEW)
    client = member_client(tenant, Role.ORDER_DESK)
    client.post(reverse("orders:hold", args=[order.pk]), {"reason": ""})
    order.refresh_from_db()
    assert order.status == OrderStatus.NEEDS_REVIEW
    client.post(reverse("orders:hold", args=[order.pk]), {"reason": "Credit check"})
    client.post(reverse("orders:cancel", args=[order.pk]), {"reason": "Customer withdrew"})
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert list(OrderEvent.objects.filter(order=order).values_list("to_status", "reason")) == [
        (OrderStatus.ON_HOLD, "Credit check"),
        (OrderStatus.CANCELLED, "Customer withdrew"),
    ]


def test_resend_acknowledgment_sends_and_records(member_client, tenant, mailoutbox):
    from tests.factories import ContactFactory

    order = OrderFactory(customer__tenant=tenant, status=OrderStatus.VALIDATED)
    ContactFactory(customer=order.customer, email="buyer@port.example")
    member_client(tenant, Role.ORDER_DESK).post(
        reverse("orders:resend_acknowledgment", args=[order.pk])
    )
    assert [m.to for m in mailoutbox] == [["buyer@port.example"]]
    assert OrderEvent.objects.filter(order=order, kind="acknowledgment_sent").count() == 1


def test_the_pdf_copy(member_client, tenant):
    order = OrderFactory(customer__tenant=tenant)
    response = member_client(tenant, Role.SALES_REP).get(reverse("orders:pdf", args=[order.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_failed_exports_are_listed_and_retried(
    member_client, tenant, erp_server, django_capture_on_commit_callbacks
):
    server = erp_server(200)
    connector = ErpConnector(tenant=tenant, kind=ConnectorKind.WEBHOOK, webhook_url=server.url)
    connector.set_secret("k")
    connector.save()
    failed = OrderFactory(
        customer__tenant=tenant, status=OrderStatus.VALIDATED, export_status=ExportStatus.FAILED
    )
    OrderFactory(customer__tenant=tenant, status=OrderStatus.VALIDATED)
    client = member_client(tenant, Role.MANAGER)
    assert [o.pk for o in client.get(reverse("orders:export_failures")).context["page"]] == [
        failed.pk
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("orders:retry_export", args=[failed.pk]),
            {"next": reverse("orders:export_failures")},
        )
    assert response["Location"] == reverse("orders:export_failures")
    failed.refresh_from_db()
    assert (failed.status, failed.export_status) == (OrderStatus.EXPORTED, ExportStatus.SUCCEEDED)
    assert list(client.get(reverse("orders:export_failures")).context["page"]) == []


def test_erp_settings_store_the_secret_encrypted(member_client, tenant):
    client = member_client(tenant, Role.ADMIN)
    response = client.post(
        reverse("orders:erp_settings"),
        {
            "kind": "webhook",
            "active": "on",
            "webhook_url": "https://erp.example/orders",
            "new_secret": "t0p-secret",
            "folder": "",
            "timeout_seconds": "10",
            "max_attempts": "5",
        },
    )
    assert response.status_code == 302
    connector = ErpConnector.objects.get(tenant=tenant)
    assert connector.secret != "t0p-secret"
    assert connector.signing_secret() == "t0p-secret"
    # saving again without a secret keeps it
    client.post(
        reverse("orders:erp_settings"),
        {
            "kind": "webhook",
            "active": "on",
            "webhook_url": "https://erp.example/v2",
            "new_secret": "",
            "folder": "",
            "timeout_seconds": "10",
            "max_attempts": "5",
        },
    )
    connector.refresh_from_db()
    assert (connector.webhook_url, connector.signing_secret()) == (
        "https://erp.example/v2",
        "t0p-secret",
    )


def test_erp_settings_refuse_a_folder_outside(member_client, tenant):
    response = member_client(tenant, Role.ADMIN).post(
        reverse("orders:erp_settings"),
        {
            "kind": "file_drop",
            "active": "on",
            "folder": "../other",
            "timeout_seconds": "10",
            "max_attempts": "5",
        },
    )
    assert response.status_code == 400
    assert "without &#x27;..&#x27;" in response.content.decode()
    assert ErpConnector.objects.count() == 0


def test_product_suggestions_for_the_order_form(member_client, tenant):
    ProductFactory(
        tenant=tenant, sku="GT-6MM-BK", description="Gaine thermo 6 mm noire", gtin="4006381333931"
    )
    ProductFactory(tenant=tenant, sku="BOX-40", description="Carton 40x30")
    client = member_client(tenant, Role.ORDER_DESK)
    by_words = client.get(reverse("catalog:suggestions"), {"lines-0-product_code": "thermo noire"})
    assert by_words.content.decode().strip() == (
        '<option value="GT-6MM-BK">Gaine thermo 6 mm noire · 4006381333931</option>'
    )
    by_gtin = client.get(reverse("catalog:suggestions"), {"q": "4006381333931"})
    assert "GT-6MM-BK" in by_gtin.content.decode()


def test_the_pages_speak_french(member_client, tenant):
    client = member_client(tenant, Role.MANAGER)
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert "Nouvelle commande (téléphone)" in client.get(reverse("orders:list")).content.decode()
    assert "Nouveau client" in client.get(reverse("customers:list")).content.decode()
    assert (
        "Référence, GTIN ou mots de la désignation"
        in client.get(reverse("catalog:list")).content.decode()
    )
