"""IMAP polling: nothing lost, nothing twice.

For each new UID of the folder (UIDs only mean something with the folder's UIDVALIDITY):

1. fetch the message with ``BODY.PEEK[]`` (the server does not mark it seen);
2. commit the raw message and a ``MailboxUid`` row (unique per tenant, mailbox, UIDVALIDITY,
   UID) in one transaction;
3. only then apply the after-processing action (mark seen / move) on the server, and note it.

A poll that dies between 2 and 3 (server restart, worker killed) leaves a ``MailboxUid`` without
``actioned_at``: the next poll applies the action without storing the message again. A poll
that dies before 2 stored nothing: the next poll fetches the message again. A message that
reaches us twice anyway (UIDVALIDITY reset, copied into two mailboxes) is caught by the
(tenant, Message-ID) constraint and recorded as a duplicate.

One poll per mailbox at a time (a lease taken with a conditional UPDATE), socket timeouts on
every call (``imaplib`` with ``timeout``), exponential backoff with jitter on failure, and the
mailbox flagged degraded after ``mailbox_degraded_after`` failures in a row.
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import random
import re
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from ingestion.crypto import SecretUnreadable, secret_decrypt
from ingestion.limits import limit
from ingestion.models import AfterProcessing, InboundMessage, Mailbox, MailboxSecurity, MailboxUid

logger = logging.getLogger(__name__)

LEASE = timedelta(minutes=15)
MAX_BACKOFF_S = 3600

# What a broken or unreachable server raises; anything else is a bug and propagates.
TRANSIENT = (
    OSError,
    imaplib.IMAP4.error,
    imaplib.IMAP4.abort,
    ssl.SSLError,
    socket.timeout,
    EOFError,
)


class MailboxFailure(Exception):
    """The server answered, but not what we needed (NO / BAD, missing folder)."""


@dataclass
class PollResult:
    mailbox_id: int
    polled: bool = False  # False: another poll held the lease, or the mailbox is disabled
    stored: list[int] = field(default_factory=list)  # InboundMessage ids stored by this poll
    actioned: int = 0  # after-processing actions applied on the server
    error: str = ""


def _quote(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def imap_connect(mailbox: Mailbox) -> imaplib.IMAP4:
    timeout = limit("mailbox_timeout_s")
    context = ssl.create_default_context()
    if mailbox.security == MailboxSecurity.TLS:
        connection = imaplib.IMAP4_SSL(
            mailbox.host, mailbox.port, ssl_context=context, timeout=timeout
        )
    else:
        connection = imaplib.IMAP4(mailbox.host, mailbox.port, timeout=timeout)
        if mailbox.security == MailboxSecurity.STARTTLS:
            connection.starttls(ssl_context=context)
    try:
        connection.login(mailbox.username, secret_decrypt(mailbox.password_encrypted))
    except BaseException:
        _close(connection)
        raise
    return connection


def _close(connection: imaplib.IMAP4) -> None:
    try:
        connection.logout()
    except Exception:  # the server may already be gone
        with contextlib.suppress(Exception):
            connection.shutdown()


def _ok(response: tuple, what: str) -> list:
    typ, data = response
    if typ != "OK":
        detail = b" ".join(d for d in data if isinstance(d, bytes)).decode("utf-8", "replace")
        raise MailboxFailure(f"{what}: {typ} {detail}".strip())
    return data


def _select(connection: imaplib.IMAP4, folder: str) -> int:
    _ok(connection.select(_quote(folder)), f"cannot open folder {folder!r}")
    values = connection.response("UIDVALIDITY")[1]
    if not values or values[0] is None:
        raise MailboxFailure("the server did not give the folder's UIDVALIDITY")
    return int(values[-1])


def _fetch(connection: imaplib.IMAP4, uid: int) -> tuple[bytes | None, datetime | None]:
    data = _ok(
        connection.uid("FETCH", str(uid), "(INTERNALDATE BODY.PEEK[])"), f"cannot fetch UID {uid}"
    )
    raw = None
    received = None
    for item in data:
        if isinstance(item, tuple) and len(item) >= 2:
            header, literal = item[0], item[1]
            if isinstance(literal, bytes) and raw is None:
                raw = literal
            received = received or _internaldate(header)
        elif isinstance(item, bytes):
            received = received or _internaldate(item)
    return raw, received


def _internaldate(response: bytes) -> datetime | None:
    match = re.search(rb'INTERNALDATE "([^"]+)"', response or b"")
    if not match:
        return None
    try:
        return datetime.strptime(match.group(1).decode(), "%d-%b-%Y %H:%M:%S %z").astimezone(UTC)
    except ValueError:
        return None


def _search_new(connection: imaplib.IMAP4, last_uid: int) -> list[int]:
    data = _ok(connection.uid("SEARCH", None, f"UID {last_uid + 1}:*"), "cannot list new messages")
    uids = sorted({int(x) for x in (data[0] or b"").split() if x.isdigit()})
    # "n:*" always matches the last message, even when its UID is below n.
    return [uid for uid in uids if uid > last_uid]


def _apply_action(
    connection: imaplib.IMAP4, mailbox: Mailbox, uid: int, capabilities: set[str]
) -> None:
    action = mailbox.after_processing
    if action == AfterProcessing.LEAVE:
        return
    if action == AfterProcessing.MARK_SEEN:
        _ok(
            connection.uid("STORE", str(uid), "+FLAGS.SILENT", "(\\Seen)"),
            f"cannot mark UID {uid} seen",
        )
        return
    target = _quote(mailbox.move_to)
    if "MOVE" in capabilities:
        _ok(
            connection.uid("MOVE", str(uid), target),
            f"cannot move UID {uid} to {mailbox.move_to!r}",
        )
        return
    _ok(connection.uid("COPY", str(uid), target), f"cannot copy UID {uid} to {mailbox.move_to!r}")
    _ok(
        connection.uid("STORE", str(uid), "+FLAGS.SILENT", "(\\Deleted \\Seen)"),
        f"cannot delete UID {uid}",
    )
    if "UIDPLUS" in capabilities:
        _ok(connection.uid("EXPUNGE", str(uid)), "cannot expunge")
    else:
        _ok(connection.expunge(), "cannot expunge")


def _capabilities(connection: imaplib.IMAP4) -> set[str]:
    try:
        return {c.upper() for c in connection.capabilities}
    except Exception:
        return set()


def _ensure_folder(connection: imaplib.IMAP4, folder: str) -> None:
    typ, _data = connection.create(_quote(folder))  # NO when it already exists: fine
    if typ == "OK":
        logger.info("created IMAP folder %s", folder)


# --- lease ---------------------------------------------------------------------------------


def _lease_take(mailbox_id: int) -> bool:
    now = timezone.now()
    return (
        Mailbox.objects.filter(pk=mailbox_id, enabled=True)
        .filter(Q(poll_lease_until__isnull=True) | Q(poll_lease_until__lt=now))
        .update(poll_lease_until=now + LEASE)
        == 1
    )


def _lease_give_back(mailbox_id: int) -> None:
    Mailbox.objects.filter(pk=mailbox_id).update(poll_lease_until=None)


def mailboxes_due() -> list[int]:
    now = timezone.now()
    return list(
        Mailbox.objects.filter(enabled=True)
        .filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))
        .filter(Q(poll_lease_until__isnull=True) | Q(poll_lease_until__lt=now))
        .values_list("pk", flat=True)
    )


def backoff_seconds(mailbox: Mailbox) -> float:
    """Exponential in the number of failures in a row, capped, with jitter so that many
    mailboxes on one dead server do not come back in step."""
    base = max(30, mailbox.poll_interval_s)
    ceiling = min(MAX_BACKOFF_S, base * 2 ** max(0, mailbox.consecutive_failures - 1))
    return random.uniform(ceiling / 2, ceiling)  # noqa: S311 - jitter, not security


# --- the poll ------------------------------------------------------------------------------


def mailbox_poll(
    *, mailbox_id: int, on_stored: Callable[[InboundMessage], None] | None = None
) -> PollResult:
    """Poll one mailbox once. ``on_stored`` is called after each message is committed (the
    progress hook tests use to restart the server mid-poll)."""
    result = PollResult(mailbox_id=mailbox_id)
    if not _lease_take(mailbox_id):
        return result
    result.polled = True
    try:
        mailbox = Mailbox.objects.select_related("tenant").get(pk=mailbox_id)
        _poll(mailbox, result, on_stored)
    except (*TRANSIENT, MailboxFailure, SecretUnreadable) as exc:
        result.error = _describe(exc)
        logger.warning("mailbox %s poll failed: %s", mailbox_id, result.error)
        _record_failure(mailbox_id, result.error)
    else:
        _record_success(mailbox_id)
    finally:
        _lease_give_back(mailbox_id)
    return result


def _describe(exc: BaseException) -> str:
    if isinstance(exc, socket.timeout | TimeoutError):
        return "the server did not answer in time"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused (server down or wrong port)"
    if isinstance(exc, socket.gaierror):
        return "unknown host name"
    if isinstance(exc, ssl.SSLError):
        return f"TLS error: {exc.reason or exc}"
    if isinstance(exc, imaplib.IMAP4.abort):
        return f"connection lost: {exc}"
    if isinstance(exc, imaplib.IMAP4.error):
        text = str(exc)
        if "AUTHENTICATIONFAILED" in text.upper() or "LOGIN" in text.upper():
            return f"login refused: {text}"
        return f"IMAP error: {text}"
    return f"{type(exc).__name__}: {exc}"[:500]


def _poll(mailbox: Mailbox, result: PollResult, on_stored) -> None:
    connection = imap_connect(mailbox)
    try:
        capabilities = _capabilities(connection)
        if mailbox.after_processing == AfterProcessing.MOVE:
            _ensure_folder(connection, mailbox.move_to)
        uidvalidity = _select(connection, mailbox.folder)
        if mailbox.uidvalidity != uidvalidity:
            if mailbox.uidvalidity is not None:
                logger.warning(
                    "mailbox %s: UIDVALIDITY changed %s → %s, reading the folder again",
                    mailbox.pk,
                    mailbox.uidvalidity,
                    uidvalidity,
                )
            mailbox.uidvalidity = uidvalidity
            mailbox.last_uid = 0
            mailbox.save(update_fields=["uidvalidity", "last_uid"])
        # Actions a previous poll could not finish (the message is stored already).
        for row in mailbox.uids.filter(uidvalidity=uidvalidity, actioned_at__isnull=True).order_by(
            "uid"
        ):
            _apply_action(connection, mailbox, row.uid, capabilities)
            MailboxUid.objects.filter(pk=row.pk).update(actioned_at=timezone.now())
            result.actioned += 1
        for uid in _search_new(connection, mailbox.last_uid)[: limit("mailbox_batch")]:
            row = MailboxUid.objects.filter(
                tenant_id=mailbox.tenant_id, mailbox=mailbox, uidvalidity=uidvalidity, uid=uid
            ).first()
            if row is None:
                row = _store(connection, mailbox, uidvalidity, uid, result)
                if row is not None and on_stored is not None and row.message is not None:
                    on_stored(row.message)
            if row is not None and row.actioned_at is None:
                _apply_action(connection, mailbox, uid, capabilities)
                MailboxUid.objects.filter(pk=row.pk).update(actioned_at=timezone.now())
                result.actioned += 1
            mailbox.last_uid = uid
            mailbox.save(update_fields=["last_uid"])
    finally:
        _close(connection)


def _store(
    connection, mailbox: Mailbox, uidvalidity: int, uid: int, result: PollResult
) -> MailboxUid | None:
    from ingestion.services import message_store

    raw, received = _fetch(connection, uid)
    if raw is None:
        return None  # expunged meanwhile by someone else
    try:
        with transaction.atomic():
            message = message_store(
                tenant=mailbox.tenant,
                channel=mailbox.channel,
                raw=raw,
                received_at=received,
                mailbox=mailbox,
                is_email=True,
                metadata={
                    "imap": {"folder": mailbox.folder, "uidvalidity": uidvalidity, "uid": uid}
                },
            )
            row = MailboxUid.objects.create(
                tenant_id=mailbox.tenant_id,
                mailbox=mailbox,
                uidvalidity=uidvalidity,
                uid=uid,
                message=message,
            )
    except IntegrityError:
        # Another poll stored this UID meanwhile (the lease expired under a very slow poll).
        return MailboxUid.objects.filter(
            tenant_id=mailbox.tenant_id, mailbox=mailbox, uidvalidity=uidvalidity, uid=uid
        ).first()
    result.stored.append(message.pk)
    return row


def _record_success(mailbox_id: int) -> None:
    mailbox = Mailbox.objects.get(pk=mailbox_id)
    now = timezone.now()
    mailbox.last_poll_at = now
    mailbox.last_success_at = now
    mailbox.consecutive_failures = 0
    mailbox.next_poll_at = now + timedelta(seconds=mailbox.poll_interval_s)
    mailbox.save(
        update_fields=["last_poll_at", "last_success_at", "consecutive_failures", "next_poll_at"]
    )


def _record_failure(mailbox_id: int, error: str) -> None:
    mailbox = Mailbox.objects.get(pk=mailbox_id)
    now = timezone.now()
    mailbox.last_poll_at = now
    mailbox.last_error = error
    mailbox.last_error_at = now
    mailbox.consecutive_failures += 1
    mailbox.next_poll_at = now + timedelta(seconds=backoff_seconds(mailbox))
    mailbox.save(
        update_fields=[
            "last_poll_at",
            "last_error",
            "last_error_at",
            "consecutive_failures",
            "next_poll_at",
        ]
    )


def mailbox_test_connection(*, mailbox: Mailbox) -> tuple[bool, str]:
    """Log in and open the folder; the answer is shown to the admin as it is."""
    try:
        connection = imap_connect(mailbox)
        try:
            _select(connection, mailbox.folder)
            count = connection.response("EXISTS")[1]
            total = int(count[-1]) if count and count[-1] else 0
        finally:
            _close(connection)
    except (*TRANSIENT, MailboxFailure, SecretUnreadable) as exc:
        return False, _describe(exc)
    return True, f"connected; {total} message(s) in {mailbox.folder}"
