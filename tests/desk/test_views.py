"""Order desk pages and their HTMX endpoints, through the Django test client."""

from __future__ import annotations

import pytest
from django.urls import reverse

from desk.models import DeskLock
from tenants.models import Role
from tests.desk.builders import review_order

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
