"""IMAP polling against a real Dovecot: nothing lost, nothing twice."""

from __future__ import annotations

import time

import pytest

from ingestion.crypto import secret_encrypt
from ingestion.mailboxes import mailbox_poll, mailbox_test_connection, mailboxes_due
from ingestion.models import InboundMessage, Mailbox, MailboxUid, MessageStatus
from tests.ingestion.dovecot import free_port
from tests.ingestion.factories import MailboxFactory, make_email

pytestmark = [pytest.mark.services, pytest.mark.django_db]


def _mailbox(tenant, dovecot, **fields) -> Mailbox:
    return MailboxFactory(
        tenant=tenant, host="127.0.0.1", port=dovecot.port, security="none", **fields
    )


def _stored_message_ids(tenant) -> list[str]:
    return sorted(InboundMessage.objects.for_tenant(tenant).values_list("message_id", flat=True))


def test_poll_stores_every_message_then_moves_it_and_a_second_poll_finds_nothing(tenant, dovecot):
    # given three messages waiting in the INBOX
    ids = [f"<order-{n}@customer.example>" for n in range(3)]
    for message_id in ids:
        dovecot.append(make_email(message_id=message_id, subject=f"PO {message_id}"))
    mailbox = _mailbox(tenant, dovecot, after_processing="move", move_to="Processed")
    # when the mailbox is polled
    result = mailbox_poll(mailbox_id=mailbox.pk)
    # then each message is stored once and moved out of the INBOX
    assert result.error == ""
    assert len(result.stored) == 3
    assert _stored_message_ids(tenant) == sorted(ids)
    assert dovecot.message_ids("INBOX") == []
    assert dovecot.message_ids("Processed") == sorted(ids)
    mailbox.refresh_from_db()
    assert mailbox.consecutive_failures == 0
    assert mailbox.last_success_at is not None
    assert MailboxUid.objects.filter(mailbox=mailbox, actioned_at__isnull=True).count() == 0
    # and a second poll finds nothing new
    again = mailbox_poll(mailbox_id=mailbox.pk)
    assert again.error == ""
    assert again.stored == []
    assert InboundMessage.objects.for_tenant(tenant).count() == 3


def test_mark_seen_leaves_the_message_in_place_flagged_seen(tenant, dovecot):
    dovecot.append(make_email(message_id="<seen-1@customer.example>"))
    mailbox = _mailbox(tenant, dovecot, after_processing="seen")
    result = mailbox_poll(mailbox_id=mailbox.pk)
    assert len(result.stored) == 1
    assert dovecot.message_ids("INBOX") == ["<seen-1@customer.example>"]
    assert "\\Seen" in dovecot.flags("INBOX")[0]
    # the message stays in the folder, but its UID was seen: not stored again
    assert mailbox_poll(mailbox_id=mailbox.pk).stored == []
    assert InboundMessage.objects.for_tenant(tenant).count() == 1


def test_leave_does_not_touch_the_server(tenant, dovecot):
    dovecot.append(make_email(message_id="<leave-1@customer.example>"))
    mailbox = _mailbox(tenant, dovecot, after_processing="leave")
    assert len(mailbox_poll(mailbox_id=mailbox.pk).stored) == 1
    assert "\\Seen" not in dovecot.flags("INBOX")[0]


def test_server_restart_mid_poll_loses_nothing_and_stores_nothing_twice(tenant, dovecot):
    # given five messages
    ids = [f"<restart-{n}@customer.example>" for n in range(5)]
    for message_id in ids:
        dovecot.append(make_email(message_id=message_id))
    mailbox = _mailbox(tenant, dovecot, after_processing="move", move_to="Processed")
    stored = []

    def restart_after_second(message):
        stored.append(message.pk)
        if len(stored) == 2:
            # the second message is committed, but not yet moved on the server
            dovecot.restart()

    # when the server restarts in the middle of a poll
    first = mailbox_poll(mailbox_id=mailbox.pk, on_stored=restart_after_second)
    # then that poll fails with a clear error, after storing two messages
    assert first.error != ""
    assert len(first.stored) == 2
    mailbox.refresh_from_db()
    assert mailbox.consecutive_failures == 1
    assert mailbox.last_error == first.error
    # and the next poll finishes the job: the rest stored, every message moved exactly once
    second = mailbox_poll(mailbox_id=mailbox.pk)
    assert second.error == ""
    assert len(second.stored) == 3
    assert _stored_message_ids(tenant) == sorted(ids)
    assert dovecot.message_ids("INBOX") == []
    assert dovecot.message_ids("Processed") == sorted(ids)
    assert mailbox_poll(mailbox_id=mailbox.pk).stored == []
    assert InboundMessage.objects.for_tenant(tenant).count() == 5


def test_uidvalidity_change_reads_the_folder_again_but_stores_no_second_original(tenant, dovecot):
    raw = make_email(message_id="<uv-1@customer.example>")
    client = dovecot.client()
    client.create('"Orders"')
    client.logout()
    dovecot.append(raw, folder="Orders")
    mailbox = _mailbox(tenant, dovecot, folder="Orders", after_processing="leave")
    mailbox_poll(mailbox_id=mailbox.pk)
    first_uidvalidity = Mailbox.objects.get(pk=mailbox.pk).uidvalidity
    # when the folder is recreated on the server (new UIDVALIDITY) holding the same message
    time.sleep(1.1)  # Dovecot's UIDVALIDITY is a timestamp
    client = dovecot.client()
    client.delete('"Orders"')
    client.create('"Orders"')
    client.logout()
    dovecot.append(raw, folder="Orders")
    result = mailbox_poll(mailbox_id=mailbox.pk)
    # then the folder is read again, and the message is recorded as a duplicate of the first
    assert Mailbox.objects.get(pk=mailbox.pk).uidvalidity != first_uidvalidity
    assert len(result.stored) == 1
    messages = list(InboundMessage.objects.for_tenant(tenant).order_by("pk"))
    assert [m.status for m in messages] == [MessageStatus.STORED, MessageStatus.DUPLICATE]
    assert messages[1].duplicate_of == messages[0]


def test_a_poll_holding_the_lease_keeps_the_next_one_out(tenant, dovecot):
    mailbox = _mailbox(tenant, dovecot)
    Mailbox.objects.filter(pk=mailbox.pk).update(poll_lease_until="2999-01-01T00:00:00Z")
    result = mailbox_poll(mailbox_id=mailbox.pk)
    assert result.polled is False
    assert mailbox.pk not in mailboxes_due()


def test_server_down_backs_off_and_marks_the_mailbox_degraded(tenant):
    mailbox = MailboxFactory(tenant=tenant, port=free_port(), security="none")
    delays = []
    for _attempt in range(3):
        result = mailbox_poll(mailbox_id=mailbox.pk)
        mailbox.refresh_from_db()
        delays.append((mailbox.next_poll_at - mailbox.last_poll_at).total_seconds())
    assert result.error == "connection refused (server down or wrong port)"
    assert mailbox.consecutive_failures == 3
    assert mailbox.degraded is True
    assert mailbox.last_error == "connection refused (server down or wrong port)"
    # exponential with jitter: each ceiling doubles (60, 120, 240 s), jitter keeps half to all of it
    assert 30 <= delays[0] <= 60
    assert 60 <= delays[1] <= 120
    assert 120 <= delays[2] <= 240
    assert mailbox.pk not in mailboxes_due()


def test_test_connection_reports_success_and_a_refused_login(tenant, dovecot):
    dovecot.append(make_email(message_id="<tc-1@customer.example>"))
    mailbox = _mailbox(tenant, dovecot)
    assert mailbox_test_connection(mailbox=mailbox) == (True, "connected; 1 message(s) in INBOX")
    mailbox.password_encrypted = secret_encrypt("wrong")
    ok, message = mailbox_test_connection(mailbox=mailbox)
    assert ok is False
    assert message.startswith("login refused:")


def test_a_server_that_never_answers_times_out(tenant, settings):
    import socket
    import threading

    settings.CARNET_LIMITS = {**settings.CARNET_LIMITS, "mailbox_timeout_s": 1}
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    accepted = []
    thread = threading.Thread(target=lambda: accepted.append(listener.accept()), daemon=True)
    thread.start()
    try:
        mailbox = MailboxFactory(tenant=tenant, port=listener.getsockname()[1], security="none")
        started = time.monotonic()
        result = mailbox_poll(mailbox_id=mailbox.pk)
        assert result.error == "the server did not answer in time"
        assert time.monotonic() - started < 10
    finally:
        for connection, _address in accepted:
            connection.close()
        listener.close()
