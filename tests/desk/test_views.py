"""Order desk pages and their HTMX endpoints, through the Django test client."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from catalog.models import Product
from desk.models import DeskLock
from orders.models import OrderEvent, OrderLine, OrderStatus
from tenants.models import Role
from tests.desk.builders import review_order
from tests.factories import CustomerFactory, ProductFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def desk_client(member_client, tenant):
    return member_client(tenant, Role.ORDER_DESK)


def test_review_page_shows_document_fields_issues_and_takes_the_lock(desk_client, tenant):
    order = review_order(tenant, lines=2)

    response = desk_client.get(reverse("desk:review", args=[order.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "price 3.60 differs from price list 3.45 (+4.3%)" in html
    assert 'data-box="1:62,60,120,70"' in html  # the PO number's box on page 1
    assert reverse("desk:page_image", args=[order.source_document.pages.get().pk]) in html
    assert '"4500012345"' in html  # the page's words, for click-to-fill
    assert "Ctrl+Enter" in html
    assert DeskLock.objects.get(order=order).user == desk_client.user


def line_post(client, order, line, data, htmx=True):
    return client.post(
        reverse("desk:line_save", args=[order.pk, line.pk]), data, **(HTMX if htmx else {})
    )


def test_a_price_saved_as_you_go_answers_with_the_fields_totals_and_issues(desk_client, tenant):
    order = review_order(tenant, lines=1)
    line = order.lines.get()

    response = line_post(desk_client, order, line, {"unit_price": "3,45"})

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<template data-swap="c-{line.pk}-unit_price">' in html
    assert f'id="i-{line.pk}-unit_price" name="unit_price" value="3.45"' in html
    assert f'<template data-swap="t-{line.pk}"><td class="num" id="t-{line.pk}">41.40</td>' in html
    assert "No open issue." in html
    line.refresh_from_db()
    assert line.unit_price == Decimal("3.45")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"quantity": "-3"}, "quantity", "The quantity must be more than zero."),
        ({"unit_price": "3.6O"}, "unit_price", "Enter a number."),
        ({"unit_price": "-1"}, "unit_price", "A price cannot be negative."),
        (
            {"quantity": "5", "unit_price": "abc"},
            "unit_price",
            "Enter a number.",
        ),  # nothing saved half
    ],
)
def test_bad_line_input_is_refused_next_to_its_field_and_nothing_is_saved(
    desk_client, tenant, data, field, message
):
    order = review_order(tenant, lines=1)
    line = order.lines.get()

    response = line_post(desk_client, order, line, data)

    html = response.content.decode()
    assert f'<small class="error" id="e-i-{line.pk}-{field}" role="alert">{message}</small>' in html
    assert f'value="{data[field]}"' in html  # what was typed stays in the field
    line.refresh_from_db()
    assert (line.quantity, line.unit_price) == (Decimal("12"), Decimal("3.6"))
    assert not OrderEvent.objects.filter(order=order, kind="field_corrected").exists()


def test_a_product_of_another_tenant_posted_by_hand_is_refused(desk_client, tenant, other_tenant):
    order = review_order(tenant, lines=1)
    line = order.lines.get()
    foreign = ProductFactory(tenant=other_tenant)

    response = line_post(desk_client, order, line, {"product": str(foreign.pk), "quantity": "1"})

    assert (
        "Select a valid choice. That choice is not one of the available choices."
        in response.content.decode()
    )
    line.refresh_from_db()
    assert (line.product_id, line.quantity) != (foreign.pk, Decimal("1"))
    assert line.quantity == Decimal("12")


def test_a_customer_of_another_tenant_posted_by_hand_is_refused(desk_client, tenant, other_tenant):
    order = review_order(tenant, lines=1)
    foreign = CustomerFactory(tenant=other_tenant)

    response = desk_client.post(
        reverse("desk:header_save", args=[order.pk]), {"customer": foreign.pk}, **HTMX
    )

    assert "Select a valid choice." in response.content.decode()
    order.refresh_from_db()
    assert order.customer_id != foreign.pk


def test_bad_header_input_without_javascript_comes_back_as_messages(desk_client, tenant):
    order = review_order(tenant, lines=1)

    response = desk_client.post(
        reverse("desk:header_save", args=[order.pk]),
        {"order_date": "31/02/2026", "po_number": "NEW"},
        follow=True,
    )

    assert "Order date: Enter a valid date." in response.content.decode()
    order.refresh_from_db()
    assert order.po_number != "NEW"


def test_a_line_of_another_order_answers_404(desk_client, tenant):
    order, other = review_order(tenant, lines=1), review_order(tenant, lines=1)

    assert line_post(desk_client, order, other.lines.get(), {"quantity": "1"}).status_code == 404


def test_product_autocomplete_lists_candidates_and_search_results(desk_client, tenant):
    order = review_order(tenant, lines=1)
    line = order.lines.get()
    ProductFactory(tenant=tenant, sku="GT-6MM-BK", description="Heat shrink sleeve")
    url = reverse("desk:products", args=[order.pk])

    candidates = desk_client.get(url, {"line": line.pk, "q": ""}).content.decode()
    found = desk_client.get(url, {"line": line.pk, "q": "GT-6"}).content.decode()

    assert f'data-id="{line.product_id}"' in candidates
    assert "93 %" in candidates
    assert 'data-label="GT-6MM-BK · Heat shrink sleeve"' in found


def test_approve_opens_the_next_order(desk_client, tenant):
    order, following = review_order(tenant, lines=1), review_order(tenant, lines=1)

    response = desk_client.post(reverse("desk:approve", args=[order.pk]), **HTMX)

    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("desk:review", args=[following.pk])
    response = desk_client.post(reverse("desk:approve", args=[following.pk]))
    assert response["Location"] == reverse("desk:queue")


def test_a_refused_approval_says_why(desk_client, tenant):
    order = review_order(tenant, lines=1)
    order.lines.update(product=None)

    response = desk_client.post(reverse("desk:approve", args=[order.pk]), **HTMX)

    assert 'class="flash error"' in response.content.decode()
    assert "Choose the product of line(s) 1." in response.content.decode()


def test_split_takes_line_numbers_and_ranges(desk_client, tenant):
    order = review_order(tenant, lines=4)

    desk_client.post(reverse("desk:split", args=[order.pk]), {"lines": "2, 3-4"})
    bad = desk_client.post(reverse("desk:split", args=[order.pk]), {"lines": "9"}, follow=True)

    assert order.lines.count() == 1
    assert "Lines are numbers or ranges such as 3, 5-7 (not “9”)." in bad.content.decode()


def test_line_actions_answer_with_the_lines_and_focus(desk_client, tenant):
    order = review_order(tenant, lines=2)
    first = order.lines.order_by("position").first()

    response = desk_client.post(
        reverse("desk:line_action", args=[order.pk, first.pk, "split"]), **HTMX
    )

    new_line = OrderLine.objects.get(order=order, position=2)
    assert '<template data-swap="lines"><tbody id="lines">' in response.content.decode()
    assert response["HX-Trigger-After-Settle"] == f'{{"desk:focus": "i-{new_line.pk}-quantity"}}'
    assert new_line.quantity == Decimal("6")


def test_a_sales_rep_sees_the_order_read_only_and_takes_no_lock(member_client, tenant):
    order = review_order(tenant, lines=1)
    client = member_client(tenant, Role.SALES_REP)

    html = client.get(reverse("desk:review", args=[order.pk])).content.decode()

    assert 'data-editable="0"' in html
    assert 'id="approve-form"' not in html
    assert not DeskLock.objects.filter(order=order).exists()


def test_someone_elses_lock_is_shown_on_the_page(member_client, make_member, tenant):
    order = review_order(tenant, lines=1)
    other = make_member(tenant, Role.ORDER_DESK, first_name="Bruno", last_name="Martin")
    from desk.services import lock_acquire

    lock_acquire(order=order, user=other)
    html = (
        member_client(tenant, Role.ORDER_DESK)
        .get(reverse("desk:review", args=[order.pk]))
        .content.decode()
    )

    assert "Bruno Martin has this order open" in html
    assert DeskLock.objects.get(order=order).user == other


def test_queue_page_and_its_polled_partial(desk_client, tenant):
    order = review_order(tenant, lines=1)

    page = desk_client.get(reverse("desk:queue")).content.decode()
    partial = desk_client.get(
        reverse("desk:queue"), {"issue": "price_mismatch"}, **HTMX
    ).content.decode()

    assert '<form method="get" class="filters" id="queue-filters">' in page
    assert partial.startswith('<div id="queue" hx-get="/desk/?issue=price_mismatch"')
    assert order.number in partial


def test_page_images_and_files_are_served_to_their_tenant_only(desk_client, tenant):
    order = review_order(tenant, lines=1)
    page = order.source_document.pages.get()

    image = desk_client.get(reverse("desk:page_image", args=[page.pk]))
    download = desk_client.get(reverse("desk:document_file", args=[order.source_document.pk]))

    assert (image.status_code, image["Content-Type"]) == (200, "image/png")
    assert download["Content-Disposition"] == 'attachment; filename="po.pdf"'


def test_the_review_page_of_a_200_line_order_needs_few_queries(
    desk_client, tenant, django_assert_max_num_queries
):
    order = review_order(tenant, lines=1, with_document=True)
    product = Product.objects.get(order_lines__order=order)
    OrderLine.objects.bulk_create(
        [
            OrderLine(
                tenant=tenant,
                order=order,
                product=product,
                position=i,
                quantity=Decimal("1"),
                unit_price=Decimal("2"),
                extraction={"candidates": [{"product_id": product.pk, "score": 0.9}]},
            )
            for i in range(2, 201)
        ]
    )

    with django_assert_max_num_queries(15):  # 14 today, whatever the number of lines
        response = desk_client.get(reverse("desk:review", args=[order.pk]))

    assert response.content.decode().count('data-ac="product" data-line=') == 200


def test_dashboard_shows_the_figures(desk_client, tenant):
    review_order(tenant, lines=1, status=OrderStatus.NEEDS_REVIEW)

    html = desk_client.get(reverse("desk:dashboard")).content.decode()

    assert 'data-chart="received"' in html
    assert 'data-testid="kpi-queue"><div class="value">1</div>' in html


def test_the_review_page_speaks_french(desk_client, tenant):
    order = review_order(tenant, lines=1)

    html = desk_client.get(
        reverse("desk:review", args=[order.pk]), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()

    assert "Raccourcis clavier" in html
    assert "Me l’attribuer" in html


def test_an_order_drafted_by_the_extraction_shows_its_candidates_and_confidences(
    desk_client, tenant
):
    # the shape ingestion.drafting writes: matcher verdicts next to the fields
    order = review_order(tenant, lines=1)
    line = order.lines.get()
    other = ProductFactory(tenant=tenant, sku="GT-6MM-RD")
    line.extraction = {
        "fields": {
            "quantity": {
                "value": "12",
                "confidence": 0.98,
                "source": {"page": 1, "bbox": [300, 200, 312, 210]},
                "rule": "table:qty",
            }
        },
        "product": {
            "id": None,
            "sku": None,
            "confidence": 0.55,
            "method": "description",
            "ambiguous": True,
            "candidates": [
                {
                    "id": other.pk,
                    "sku": "GT-6MM-RD",
                    "score": 0.71,
                    "evidence": ["description 0.71"],
                },
                {"id": line.product_id, "sku": line.product.sku, "score": 0.69, "evidence": []},
            ],
        },
        "source": {"page": 1, "bbox": [40, 200, 560, 210]},
    }
    line.save()
    order.extraction = {
        "customer": {"id": order.customer_id, "confidence": 0.62, "method": "name"},
        "fields": {},
    }
    order.save()

    page = desk_client.get(reverse("desk:review", args=[order.pk])).content.decode()
    options = desk_client.get(
        reverse("desk:products", args=[order.pk]), {"line": line.pk}
    ).content.decode()

    assert '<small class="conf" title="description · ambiguous">55 %</small>' in page
    assert 'data-box="1:300,200,312,210" data-issue' not in page  # 98 % is no issue
    assert f'id="i-{line.pk}-quantity" name="quantity" value="12"' in page
    assert 'Customer <small class="conf" title="name">62 %</small>' in page
    assert options.index("GT-6MM-RD") < options.index(line.product.sku)
    assert "description 0.71 71 %" in options


def test_changing_the_customer_through_the_search(desk_client, tenant):
    order = review_order(tenant, lines=1)
    wanted = CustomerFactory(tenant=tenant, code="C00042", name="Bâtiments Durand")

    options = desk_client.get(
        reverse("desk:customers", args=[order.pk]), {"q": "durand"}
    ).content.decode()
    response = desk_client.post(
        reverse("desk:header_save", args=[order.pk]), {"customer": wanted.pk}, **HTMX
    )

    assert f'data-id="{wanted.pk}" data-label="C00042 Bâtiments Durand"' in options
    assert 'value="C00042 Bâtiments Durand"' in response.content.decode()
    order.refresh_from_db()
    assert order.customer == wanted
    assert OrderEvent.objects.get(order=order, kind="field_corrected").data["field"] == "customer"


def test_an_email_body_shows_the_message_and_its_words(desk_client, tenant):
    order = review_order(tenant, lines=1)
    document = order.source_document
    document.pages.all().delete()
    document.kind = "body"
    document.layout = {
        "pages": [
            {
                "number": 1,
                "width": 600,
                "height": 100,
                "source": "plain",
                "words": [
                    ["Please", 0, 0, 30, 10, 1],
                    ["ship", 35, 0, 55, 10, 1],
                    ["12", 0, 14, 10, 24, 1],
                    ["A-778", 15, 14, 45, 24, 1],
                ],
            }
        ]
    }
    document.save()

    html = desk_client.get(reverse("desk:review", args=[order.pk])).content.decode()

    assert "<summary>✉ PO 4500012345</summary>" in html
    assert (
        '<div><span class="w" data-box="1:0,0,30,10">Please</span> <span class="w" data-box="1:35,0,55,10">ship</span> </div>'
        in html
    )
    assert '<span class="w" data-box="1:15,14,45,24">A-778</span>' in html
