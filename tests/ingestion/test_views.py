"""Inbox pages: upload (with and without JavaScript), sanitised bodies, attention, mailboxes."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ingestion.crypto import secret_decrypt
from ingestion.models import Document, DocumentStatus, InboundMessage, Mailbox, MessageStatus
from ingestion.pipeline import message_process
from ingestion.services import message_store
from tenants.models import Role
from tests.ingestion import hostile
from tests.ingestion.docs import order_pdf
from tests.ingestion.factories import MailboxFactory, make_email

pytestmark = pytest.mark.django_db

HOSTILE_HTML = (
    "<html><body><p>Order 4711</p>"
    "<script>document.title='pwned'</script>"
    '<img src="https://tracker.example/p.gif" onerror="alert(1)">'
    '<a href="javascript:alert(2)">open</a>'
    '<a href="JaVaScRiPt:alert(3)">open</a>'
    '<div onmouseover="alert(4)">hover</div>'
    "<svg><script>alert(5)</script></svg>"
    "</body></html>"
)


def test_upload_page_takes_several_files_through_a_plain_multi_file_input(member_client, tenant):
    client = member_client(tenant, Role.ORDER_DESK)
    page = client.get(reverse("ingestion:upload"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'type="file" name="files" multiple' in html
    assert 'enctype="multipart/form-data"' in html
    eml = make_email(subject="PO by mail", message_id="<upl-1@x>")
    response = client.post(
        reverse("ingestion:upload"),
        {
            "channel": "upload",
            "files": [
                SimpleUploadedFile("po.pdf", order_pdf("UPL-1"), content_type="application/pdf"),
                SimpleUploadedFile("order.eml", eml, content_type="message/rfc822"),
            ],
        },
    )
    assert response.status_code == 302
    messages = list(InboundMessage.objects.for_tenant(tenant).order_by("pk"))
    assert [(m.raw_filename, m.metadata["is_email"], m.uploaded_by_id) for m in messages] == [
        ("po.pdf", False, client.user.pk),
        ("order.eml", True, client.user.pk),
    ]
    assert messages[1].subject == "PO by mail"


def test_upload_without_a_file_shows_the_error(member_client, tenant):
    response = member_client(tenant, Role.ORDER_DESK).post(
        reverse("ingestion:upload"), {"channel": "upload"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["files"] == ["This field is required."]


def test_a_hostile_html_email_is_shown_sanitised_never_executed(member_client, tenant):
    raw = make_email(body="Order 4711", html=HOSTILE_HTML, message_id="<hostile@x>")
    message = message_store(tenant=tenant, channel="email", raw=raw, queue=False)
    response = member_client(tenant, Role.ORDER_DESK).get(
        reverse("ingestion:message", args=[message.pk])
    )
    assert response.status_code == 200
    body = response.context["body"]["html"]
    assert "Order 4711" in body
    page = response.content.decode().lower()
    start = page.index('class="card email-body"')
    shown = page[start : page.index("</section>", start)]
    for needle in ("<script", "onerror", "onmouseover", "javascript:", "tracker.example", "<svg"):
        assert needle not in shown


def test_message_list_and_detail_show_status_and_documents(member_client, tenant):
    raw = make_email(
        attachments=[("locked.pdf", "application/pdf", hostile.encrypted_pdf())], message_id="<l@x>"
    )
    message = message_store(tenant=tenant, channel="email", raw=raw, queue=False)
    message_process(message_id=message.pk, sync=True)
    client = member_client(tenant, Role.MANAGER)
    listing = client.get(reverse("ingestion:messages"))
    assert listing.status_code == 200
    assert "1 needs attention" in listing.content.decode()
    detail = client.get(reverse("ingestion:message", args=[message.pk])).content.decode()
    assert "encrypted PDF (password protected)" in detail
    raw_download = client.get(reverse("ingestion:message_raw", args=[message.pk]))
    assert raw_download["Content-Type"] == "application/octet-stream"
    assert b"".join(raw_download.streaming_content) == raw


def test_attention_list_retry_and_mark_handled(member_client, tenant):
    message = message_store(
        tenant=tenant,
        channel="upload",
        raw=hostile.encrypted_pdf(),
        filename="locked.pdf",
        queue=False,
    )
    message_process(message_id=message.pk, sync=True)
    document = Document.objects.for_tenant(tenant).get()
    client = member_client(tenant, Role.ORDER_DESK)
    page = client.get(reverse("ingestion:attention")).content.decode()
    assert "locked.pdf" in page
    assert "encrypted PDF (password protected)" in page
    assert client.post(reverse("ingestion:document_retry", args=[document.pk])).status_code == 302
    document.refresh_from_db()
    assert document.status == DocumentStatus.PENDING  # queued after commit
    Document.objects.filter(pk=document.pk).update(status=DocumentStatus.FAILED)
    assert client.post(reverse("ingestion:document_handled", args=[document.pk])).status_code == 302
    document.refresh_from_db()
    assert (document.status, document.handled_by) == (DocumentStatus.HANDLED, client.user)
    assert "locked.pdf" not in client.get(reverse("ingestion:attention")).content.decode()


def test_a_failed_message_can_be_marked_handled(member_client, tenant):
    raw = make_email(attachments=[(f"{n}.csv", "text/csv", b"a;b\n") for n in range(150)])
    message = message_store(tenant=tenant, channel="email", raw=raw, queue=False)
    message_process(message_id=message.pk, sync=True)
    client = member_client(tenant, Role.ORDER_DESK)
    assert (
        "more than the limit of 100" in client.get(reverse("ingestion:attention")).content.decode()
    )
    client.post(reverse("ingestion:message_handled", args=[message.pk]))
    message.refresh_from_db()
    assert message.status == MessageStatus.HANDLED


def test_mailbox_create_stores_the_password_encrypted_and_never_shows_it(member_client, tenant):
    client = member_client(tenant, Role.ADMIN)
    response = client.post(
        reverse("ingestion:mailbox_create"),
        {
            "name": "Orders",
            "channel": "email",
            "host": "imap.example.com",
            "port": 993,
            "security": "tls",
            "username": "orders@acme.test",
            "password": "s3cret-imap",
            "folder": "INBOX",
            "after_processing": "move",
            "move_to": "Done",
            "poll_interval_s": 60,
            "enabled": "on",
        },
    )
    mailbox = Mailbox.objects.for_tenant(tenant).get()
    assert response.status_code == 302
    assert "s3cret-imap" not in mailbox.password_encrypted
    assert secret_decrypt(mailbox.password_encrypted) == "s3cret-imap"
    page = client.get(reverse("ingestion:mailbox", args=[mailbox.pk])).content.decode()
    assert "s3cret-imap" not in page
    assert mailbox.password_encrypted not in page
    # saving without a password keeps it
    client.post(
        reverse("ingestion:mailbox", args=[mailbox.pk]),
        {
            "name": "Orders 2",
            "channel": "email",
            "host": "imap.example.com",
            "port": 993,
            "security": "tls",
            "username": "orders@acme.test",
            "password": "",
            "folder": "INBOX",
            "after_processing": "seen",
            "move_to": "",
            "poll_interval_s": 60,
            "enabled": "on",
        },
    )
    mailbox.refresh_from_db()
    assert (mailbox.name, secret_decrypt(mailbox.password_encrypted)) == ("Orders 2", "s3cret-imap")


def test_mailbox_move_needs_a_folder(member_client, tenant):
    response = member_client(tenant, Role.MANAGER).post(
        reverse("ingestion:mailbox_create"),
        {
            "name": "Orders",
            "channel": "email",
            "host": "h",
            "port": 993,
            "security": "tls",
            "username": "u",
            "password": "p",
            "folder": "INBOX",
            "after_processing": "move",
            "move_to": "",
            "poll_interval_s": 60,
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["move_to"] == [
        "Name the folder to move processed messages to."
    ]


def test_mailbox_health_shows_the_last_error_and_degraded_state(member_client, tenant):
    mailbox = MailboxFactory(
        tenant=tenant,
        consecutive_failures=3,
        last_error="connection refused (server down or wrong port)",
    )
    client = member_client(tenant, Role.ORDER_DESK)
    page = client.get(reverse("ingestion:mailbox", args=[mailbox.pk])).content.decode()
    assert "degraded" in page
    assert "connection refused (server down or wrong port)" in page
    assert 'name="password"' not in page  # the order desk sees health, not settings
    listing = client.get(reverse("ingestion:messages")).content.decode()
    assert "is failing: connection refused" in listing
    assert client.post(reverse("ingestion:mailbox", args=[mailbox.pk]), {}).status_code == 403


def test_test_connection_button_reports_the_error(member_client, tenant):
    from tests.ingestion.dovecot import free_port

    mailbox = MailboxFactory(tenant=tenant, port=free_port())
    client = member_client(tenant, Role.ADMIN)
    response = client.post(reverse("ingestion:mailbox_test", args=[mailbox.pk]), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "connection refused (server down or wrong port)"
    ]
