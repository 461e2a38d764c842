"""Inbound email and fax webhooks: HMAC-signed, 2xx only once the raw message is stored."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ingestion.models import InboundMessage, MessageStatus
from ingestion.services import inbound_hook_rotate
from ingestion.views import SIGNATURE_HEADER, signature_for
from tests.ingestion.docs import order_pdf
from tests.ingestion.factories import make_email

pytestmark = pytest.mark.django_db


def _post(client, url, body: bytes, signature: str | None, **headers):
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
    if signature is not None:
        extra["HTTP_" + SIGNATURE_HEADER.upper().replace("-", "_")] = signature
    return client.generic("POST", url, body, content_type="message/rfc822", **extra)


def test_a_signed_email_is_stored_and_acknowledged(client, tenant):
    _hook, secret = inbound_hook_rotate(tenant=tenant, channel="email")
    raw = make_email(message_id="<hook-1@customer.example>")
    url = reverse("ingestion:hook_email", args=["acme"])
    response = _post(client, url, raw, signature_for(secret, raw))
    assert response.status_code == 202
    message = InboundMessage.objects.for_tenant(tenant).get()
    assert response.json() == {"id": message.pk, "status": "stored", "duplicate_of": None}
    assert (message.channel, message.message_id, message.raw_size) == (
        "email",
        "<hook-1@customer.example>",
        len(raw),
    )
    # the provider retries: the copy is recorded as a duplicate, still a 2xx
    again = _post(client, url, raw, signature_for(secret, raw))
    assert again.status_code == 200
    assert again.json()["duplicate_of"] == message.pk
    assert (
        InboundMessage.objects.for_tenant(tenant).filter(status=MessageStatus.DUPLICATE).count()
        == 1
    )


def test_a_bad_or_missing_signature_stores_nothing(client, tenant, other_tenant):
    _hook, secret = inbound_hook_rotate(tenant=tenant, channel="email")
    _other, other_secret = inbound_hook_rotate(tenant=other_tenant, channel="email")
    raw = make_email()
    url = reverse("ingestion:hook_email", args=["acme"])
    assert _post(client, url, raw, None).status_code == 401
    assert _post(client, url, raw, "sha256=" + "0" * 64).status_code == 401
    assert _post(client, url, raw, signature_for(other_secret, raw)).status_code == 401
    assert _post(client, url, raw + b"tampered", signature_for(secret, raw)).status_code == 401
    assert InboundMessage.objects.count() == 0


def test_unknown_tenant_or_hook_answers_404_and_get_405(client, tenant):
    raw = make_email()
    assert (
        _post(client, reverse("ingestion:hook_email", args=["nope"]), raw, "sha256=x").status_code
        == 404
    )
    assert (
        _post(client, reverse("ingestion:hook_fax", args=["acme"]), raw, "sha256=x").status_code
        == 404
    )
    inbound_hook_rotate(tenant=tenant, channel="email")
    assert client.get(reverse("ingestion:hook_email", args=["acme"])).status_code == 405


def test_a_fax_webhook_takes_a_raw_pdf(client, tenant):
    _hook, secret = inbound_hook_rotate(tenant=tenant, channel="fax")
    pdf = order_pdf("FAX-77")
    response = client.generic(
        "POST",
        reverse("ingestion:hook_fax", args=["acme"]),
        pdf,
        content_type="application/pdf",
        HTTP_X_CARNET_SIGNATURE=signature_for(secret, pdf),
        HTTP_X_CARNET_FILENAME="fax-0001.pdf",
    )
    assert response.status_code == 202
    message = InboundMessage.objects.for_tenant(tenant).get()
    assert (message.channel, message.raw_filename, message.metadata["is_email"]) == (
        "fax",
        "fax-0001.pdf",
        False,
    )


def test_a_body_over_the_limit_is_refused_with_413(client, tenant, settings):
    settings.CARNET_LIMITS = {**settings.CARNET_LIMITS, "webhook_max_bytes": 1000}
    _hook, secret = inbound_hook_rotate(tenant=tenant, channel="email")
    raw = make_email(body="x" * 2000)
    response = _post(
        client, reverse("ingestion:hook_email", args=["acme"]), raw, signature_for(secret, raw)
    )
    assert response.status_code == 413
    assert InboundMessage.objects.count() == 0


def test_the_hooks_page_shows_a_new_secret_once(member_client, tenant):
    client = member_client(tenant, "admin")
    response = client.post(reverse("ingestion:hooks"), {"channel": "email"})
    assert response.status_code == 200
    secret = response.context["rows"][0]["new_secret"]
    assert len(secret) == 43
    assert secret in response.content.decode()
    assert secret not in client.get(reverse("ingestion:hooks")).content.decode()
