"""Factories of the ingestion models and builders of raw test messages."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import factory

from ingestion.crypto import secret_encrypt
from ingestion.models import Mailbox
from tests.factories import TenantFactory


class MailboxFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mailbox

    tenant = factory.SubFactory(TenantFactory)
    name = factory.Sequence(lambda n: f"Orders mailbox {n}")
    host = "127.0.0.1"
    port = 993
    security = "none"
    username = "orders@acme.test"
    password_encrypted = factory.LazyFunction(lambda: secret_encrypt("imap-test-pass"))
    folder = "INBOX"
    after_processing = "seen"


def make_email(
    *,
    subject: str = "Order",
    body: str = "Please deliver 12 boxes of GT-6MM-BK.",
    html: str | None = None,
    sender: str = "buyer@customer.example",
    to: str = "orders@acme.test",
    message_id: str | None = None,
    attachments: list[tuple[str, str, bytes]] = (),  # (filename, mime type, bytes)
    date: datetime | None = None,
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(date or datetime(2026, 11, 27, 9, 30, tzinfo=UTC))
    message["Message-ID"] = message_id or make_msgid(domain="customer.example")
    message.set_content(body)
    if html is not None:
        message.add_alternative(html, subtype="html")
    for filename, mime, data in attachments:
        maintype, subtype = mime.split("/", 1)
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return bytes(message)
