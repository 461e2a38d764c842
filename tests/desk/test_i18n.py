"""The order desk in French: its words must not be taken by another app's catalogue.

Django merges one French catalogue from every app (the first app listed wins a shared msgid),
so a word like "Filter", "From" or "Split" carries a context where its meaning differs.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from desk import services as desk
from tenants.models import Role
from tests.desk.builders import review_order

pytestmark = pytest.mark.django_db
FR = {"HTTP_ACCEPT_LANGUAGE": "fr"}


@pytest.fixture
def desk_client(member_client, tenant):
    return member_client(tenant, Role.ORDER_DESK)


def test_the_queue_filters_read_tout_and_filtrer(desk_client, tenant):
    review_order(tenant, lines=1)

    html = desk_client.get(reverse("desk:queue"), **FR).content.decode()

    assert html.count('<option value="">Tout</option>') == 4
    assert '<button type="submit">Filtrer</button>' in html
    assert ">tous<" not in html
    assert ">Filtre<" not in html


def test_the_queue_lock_badge_in_french(desk_client, tenant, make_member):
    mine, theirs = review_order(tenant, lines=1), review_order(tenant, lines=1)
    desk.lock_acquire(order=mine, user=desk_client.user)
    bruno = make_member(tenant, Role.ORDER_DESK, first_name="Bruno", last_name="Martin")
    desk.lock_acquire(order=theirs, user=bruno)

    html = desk_client.get(reverse("desk:queue"), **FR).content.decode()

    assert "</svg> Vous avez cette commande ouverte</span>" in html
    assert "</svg> Bruno Martin a cette commande ouverte</span>" in html


def test_the_review_page_in_french_keeps_its_own_words(desk_client, tenant):
    order = review_order(tenant, lines=1)

    html = desk_client.get(reverse("desk:review", args=[order.pk]), **FR).content.decode()

    assert "<dt>De</dt><dd>buyer@customer.example</dd>" in html
    assert "<dt>Du</dt>" not in html
    assert '<button type="submit">Scinder</button>' in html  # the verb on the desk's button
    assert "Vous avez cette commande ouverte." in html
    # the attachment's status is the document status, not an order's
    assert "· Extrait" in html


def test_the_orders_list_filter_button_is_the_verb_too(member_client, tenant):
    html = member_client(tenant, Role.MANAGER).get(reverse("orders:list"), **FR).content.decode()

    assert '<button type="submit">Filtrer</button>' in html


def test_issues_found_by_a_worker_in_english_read_in_french_on_the_desk(desk_client, tenant):
    """The worker that checks an order has no reader: it says each issue in every language,
    and the desk shows the reader's."""
    from django.utils import translation

    from ingestion.decision.rules import order_check_rules

    order = review_order(tenant, lines=1, po_number="")
    with translation.override("en"):
        order.issues = order_check_rules(order=order)
    order.save(update_fields=["issues"])
    assert "The document gives no purchase order number." in [i["message"] for i in order.issues]

    html = desk_client.get(reverse("desk:review", args=[order.pk]), **FR).content.decode()

    assert "Le document n’indique aucun n° de bon de commande." in html
    assert "The document gives no purchase order number." not in html
