"""The inbox's URLs with object ids, for the isolation and role harness (tests/urlmap.py)."""

from __future__ import annotations

from ingestion.models import Document, DocumentKind, DocumentStatus
from ingestion.services import message_store
from tests.ingestion.factories import MailboxFactory, make_email
from tests.urlmap import EXEMPT_NAMES, FOREIGN_MARKER, register, register_foreign

# The provider webhooks are public on purpose: authenticated by an HMAC signature with the
# tenant's secret, not by a session. Tested in tests/ingestion/test_webhooks.py.
EXEMPT_NAMES["ingestion:hook_email"] = (
    "provider webhook, HMAC-signed; tests/ingestion/test_webhooks.py"
)
EXEMPT_NAMES["ingestion:hook_fax"] = (
    "provider webhook, HMAC-signed; tests/ingestion/test_webhooks.py"
)


def _message(tenant, subject: str = "Order 4711"):
    raw = make_email(
        subject=subject, message_id=f"<{subject.replace(' ', '-')}-{tenant.slug}@customer.example>"
    )
    return message_store(tenant=tenant, channel="email", raw=raw, queue=False)


def _document(tenant, filename: str = "po.pdf"):
    message = _message(tenant, subject=f"Order with {filename}")
    return Document.objects.create(
        tenant=tenant,
        message=message,
        kind=DocumentKind.PDF,
        filename=filename,
        file=message.raw.name,
        sha256="0" * 64,
        status=DocumentStatus.FAILED,
        error="broken PDF",
    )


for _name in ("message", "message_raw", "message_retry", "message_handled"):

    @register(f"ingestion:{_name}")
    def _message_maker(tenant):
        return {"pk": _message(tenant).pk}


for _name in ("document", "document_retry", "document_handled"):

    @register(f"ingestion:{_name}")
    def _document_maker(tenant):
        return {"pk": _document(tenant).pk}


for _name in ("mailbox", "mailbox_test", "mailbox_poll"):

    @register(f"ingestion:{_name}")
    def _mailbox_maker(tenant):
        return {"pk": MailboxFactory(tenant=tenant, port=1).pk}


@register_foreign("ingestion")
def _foreign(tenant):
    _message(tenant, subject=f"{FOREIGN_MARKER} order")
    _document(tenant, filename=f"{FOREIGN_MARKER}.pdf")
    MailboxFactory(tenant=tenant, name=f"{FOREIGN_MARKER} mailbox", port=1)
