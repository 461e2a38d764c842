import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from tests.disputes.urlmakers import make_dispute
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_every_dispute_model_has_an_admin_and_its_pages_open(client, tenant):
    models = apps.get_app_config("disputes").get_models()
    assert [m.__name__ for m in models if m not in admin.site._registry] == []
    dispute = make_dispute(tenant)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for name, args in [
        ("admin:disputes_dispute_changelist", []),
        ("admin:disputes_dispute_change", [dispute.pk]),
        ("admin:disputes_disputeevent_changelist", []),
        ("admin:disputes_disputecomment_changelist", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 200, name
