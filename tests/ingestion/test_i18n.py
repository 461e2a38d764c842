from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_inbox_speaks_french(admin_client_for):
    html = admin_client_for.get(
        reverse("ingestion:messages"), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()

    assert "<h1>Réception</h1>" in html
    assert "Rien reçu pour l’instant." in html
    assert ">Boîtes mail</a>" in html


def _options(html: str, select_id: str) -> list[str]:
    start = html.index(f'<select id="{select_id}"')
    block = html[start : html.index("</select>", start)]
    return re.findall(r"<option [^>]*>([^<]*)</option>", block)


def test_inbox_words_in_french_are_not_taken_by_other_apps(admin_client_for, tenant):
    from ingestion.models import MessageStatus
    from tests.desk.builders import document_with_page

    message = document_with_page(tenant).message
    message.status = MessageStatus.SPLIT
    message.recipients = "orders@acme.test"
    message.save()

    inbox = admin_client_for.get(
        reverse("ingestion:messages"), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    detail = admin_client_for.get(
        reverse("ingestion:message", args=[message.pk]), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()

    # the sender column, not the "From" of a date range (Du)
    assert "<th>Reçu le</th><th>Canal</th><th>De</th>" in inbox
    assert '<span class="badge split">Scindé</span>' in inbox
    assert _options(inbox, "status") == [
        "Tout",
        "Stocké",
        "Scindé",
        "Traité",
        "Doublon",
        "Échec",
        "Traité à la main",
    ]
    assert '<button type="submit">Filtrer</button>' in inbox
    assert "<dt>De</dt><dd>buyer@customer.example</dd>" in detail
    assert "<dt>À</dt><dd>orders@acme.test</dd>" in detail
    assert "<dt>Reçu le</dt>" in detail
    assert '<span class="badge extracted">Extrait</span>' in detail


def test_document_statuses_in_french(admin_client_for, tenant):
    from tests.desk.builders import document_with_page

    document_with_page(tenant)

    html = admin_client_for.get(
        reverse("ingestion:documents"), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()

    assert _options(html, "status") == [
        "Tout",
        "En attente",
        "Lecture en cours",
        "Lu",
        "Extrait",
        "Pas une commande",
        "Mis de côté",
        "Doublon",
        "À traiter",
        "Traité",
    ]
    assert '<span class="badge extracted">Extrait</span>' in html
    assert "<th>Reçu le</th>" in html
