from __future__ import annotations

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
