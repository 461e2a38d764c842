"""POST /api/documents/: multipart upload with Idempotency-Key."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ingestion.models import IdempotencyKey, InboundMessage
from tenants.models import Role
from tests.ingestion.docs import order_pdf

pytestmark = pytest.mark.django_db
URL = "/api/documents/"


@pytest.fixture
def api(make_member, tenant):
    user = make_member(tenant, Role.ORDER_DESK)
    client = APIClient()
    client.force_authenticate(user)
    return client


def _files(*names):
    return {
        "file": [
            SimpleUploadedFile(name, order_pdf(name), content_type="application/pdf")
            for name in names
        ]
    }


def test_upload_stores_each_file(api, tenant):
    response = api.post(URL, _files("a.pdf", "b.pdf"), format="multipart")
    assert response.status_code == 201
    messages = list(InboundMessage.objects.for_tenant(tenant).order_by("pk"))
    assert [m["id"] for m in response.json()["messages"]] == [m.pk for m in messages]
    assert [m.raw_filename for m in messages] == ["a.pdf", "b.pdf"]
    assert {m.channel for m in messages} == {"api"}


def test_a_replayed_idempotency_key_returns_the_first_response_and_stores_nothing(api, tenant):
    first = api.post(URL, _files("a.pdf"), format="multipart", HTTP_IDEMPOTENCY_KEY="order-42")
    again = api.post(URL, _files("a.pdf"), format="multipart", HTTP_IDEMPOTENCY_KEY="order-42")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert InboundMessage.objects.for_tenant(tenant).count() == 1
    assert (
        IdempotencyKey.objects.for_tenant(tenant).get().message_id
        == first.json()["messages"][0]["id"]
    )


def test_the_same_key_with_another_file_is_refused(api, tenant):
    api.post(URL, _files("a.pdf"), format="multipart", HTTP_IDEMPOTENCY_KEY="order-43")
    other = api.post(URL, _files("b.pdf"), format="multipart", HTTP_IDEMPOTENCY_KEY="order-43")
    assert other.status_code == 422
    assert InboundMessage.objects.for_tenant(tenant).count() == 1


def test_keys_are_per_tenant(api, tenant, other_tenant, make_member):
    api.post(URL, _files("a.pdf"), format="multipart", HTTP_IDEMPOTENCY_KEY="k")
    other = APIClient()
    other.force_authenticate(make_member(other_tenant, Role.ORDER_DESK))
    response = other.post(URL, _files("a.pdf"), format="multipart", HTTP_IDEMPOTENCY_KEY="k")
    assert response.status_code == 201
    assert InboundMessage.objects.for_tenant(other_tenant).count() == 1


def test_token_authentication_and_roles(make_member, tenant):
    client = APIClient()
    # anonymous: refused (403, as DRF answers when session authentication comes first)
    assert client.post(URL, _files("a.pdf"), format="multipart").status_code == 403
    for role, expected in ((Role.SALES_REP, 403), (Role.LOGISTICS, 403), (Role.MANAGER, 201)):
        token = Token.objects.create(user=make_member(tenant, role))
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        assert client.post(URL, _files(f"{role}.pdf"), format="multipart").status_code == expected


def test_no_file_is_a_400(api):
    assert api.post(URL, {}, format="multipart").status_code == 400
