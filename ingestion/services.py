"""Writes of the intake half: storing raw messages first, splitting them into documents,
mailboxes and hooks, and the attention list actions.

The order of things is what makes intake safe:

1. ``message_store`` commits the raw bytes and an ``InboundMessage`` before anything is parsed,
   acknowledged or moved on a mail server. Unique constraints, not checks, refuse a second copy:
   it is kept as a duplicate pointing at the first.
2. ``message_split`` cuts the message into ``Document`` rows (idempotent: a message is split once).
3. ``ingestion.pipeline.document_process`` reads each document and hands it to drafting.
"""

from __future__ import annotations

import email.parser
import email.policy
import hashlib
import logging
import secrets
from datetime import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from ingestion.crypto import secret_encrypt
from ingestion.models import (
    Channel,
    Document,
    DocumentKind,
    DocumentStatus,
    InboundHook,
    InboundMessage,
    Mailbox,
    MessageStatus,
)
from ingestion.splitting import MessageRefused, Part, Role, split_email, split_file
from ingestion.splitting import files as filetypes
from ingestion.splitting.mime import Headers, headers_of

logger = logging.getLogger(__name__)

EMAIL_CHANNELS = (Channel.EMAIL, Channel.FAX)


class IngestionError(Exception):
    """A domain error of the intake (shown to staff)."""


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _stored_name(prefix: str, tenant_id: int, sha: str, ext: str) -> str:
    # Content-addressed: the same bytes are written once, whatever they were called.
    return f"{prefix}/{tenant_id}/{sha[:2]}/{sha}{ext}"


def _store_bytes(name: str, data: bytes) -> str:
    if default_storage.exists(name):
        return name
    return default_storage.save(name, ContentFile(data))


def _is_email(raw: bytes, filename: str, channel: str) -> bool:
    if filename.lower().endswith(".eml") or (channel == Channel.EMAIL and not filename):
        return True  # a mailbox or the email webhook only ever hands us RFC 5322 messages
    return filetypes.sniff(raw, filename) == filetypes.EML


def _quick_headers(raw: bytes) -> Headers:
    """Only the header block (no body parsing): enough for the dedupe key."""
    try:
        header_block = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
        msg = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(header_block)
        return headers_of(msg)
    except Exception:  # a header block we cannot parse is stored all the same
        logger.warning("unparseable headers, stored without them", exc_info=True)
        return Headers()


@transaction.atomic
def message_store(
    *,
    tenant,
    channel: str,
    raw: bytes,
    filename: str = "",
    received_at: datetime | None = None,
    mailbox: Mailbox | None = None,
    uploaded_by=None,
    known_customer=None,
    metadata: dict | None = None,
    queue: bool = True,
    is_email: bool | None = None,
) -> InboundMessage:
    """Commit the raw bytes first. A message seen before (same Message-ID, or same bytes) is
    stored as a duplicate of the first copy (status ``duplicate``) and not processed again."""
    sha = sha256_hex(raw)
    if is_email is None:
        is_email = _is_email(raw, filename, channel)
    headers = _quick_headers(raw) if is_email else Headers()
    ext = ".eml" if is_email else filetypes.EXTENSIONS.get(filetypes.sniff(raw, filename), ".bin")
    name = _store_bytes(_stored_name("inbound", tenant.pk, sha, ext), raw)
    fields = dict(
        tenant=tenant,
        channel=channel,
        sender=headers.sender,
        recipients=headers.recipients,
        subject=headers.subject or (filetypes.safe_filename(filename) if filename else ""),
        message_id=headers.message_id,
        received_at=received_at or timezone.now(),
        raw=name,
        raw_filename=filetypes.safe_filename(filename) if filename else "",
        raw_size=len(raw),
        sha256=sha,
        mailbox=mailbox,
        uploaded_by=uploaded_by,
        known_customer=known_customer,
        metadata={**(metadata or {}), "is_email": is_email},
    )
    if headers.date:
        fields["metadata"]["date"] = headers.date.isoformat()
    try:
        with transaction.atomic():
            message = InboundMessage.objects.create(**fields, is_original=True)
    except IntegrityError:
        original = _original_message(tenant=tenant, sha=sha, message_id=headers.message_id)
        if original is None:  # not a dedupe collision: let it surface
            raise
        message = InboundMessage.objects.create(
            **fields,
            is_original=False,
            duplicate_of=original,
            status=MessageStatus.DUPLICATE,
        )
        logger.info("message %s is a duplicate of %s", message.pk, original.pk)
        return message
    if queue:
        from ingestion.tasks import message_process

        message_process.delay_on_commit(message.pk)
    return message


def _original_message(*, tenant, sha: str, message_id: str) -> InboundMessage | None:
    match = Q(sha256=sha)
    if message_id:
        match |= Q(message_id=message_id)
    return (
        InboundMessage.objects.for_tenant(tenant)
        .filter(match, is_original=True)
        .order_by("pk")
        .first()
    )


def message_raw_bytes(message: InboundMessage) -> bytes:
    with default_storage.open(message.raw.name, "rb") as handle:
        return handle.read()


def message_split(*, message_id: int) -> list[Document]:
    """Cut a stored message into documents, once. The (slow) parsing happens outside the
    transaction; the writes happen under a lock after checking nobody split it meanwhile."""
    message = InboundMessage.objects.get(pk=message_id)
    if message.status != MessageStatus.STORED:
        return list(message.documents.order_by("position"))
    raw = message_raw_bytes(message)
    error = ""
    split = None
    try:
        if message.metadata.get("is_email"):
            split = split_email(raw)
        else:
            split = split_file(raw, filename=message.raw_filename)
    except MessageRefused as refused:
        error = refused.reason
    except Exception as exc:  # a parser crash must not lose the message
        logger.exception("message %s could not be split", message_id)
        error = f"the message could not be split ({type(exc).__name__}: {exc})".replace("\x00", "")[
            :500
        ]
    with transaction.atomic():
        message = InboundMessage.objects.select_for_update().get(pk=message_id)
        if message.status != MessageStatus.STORED:
            return list(message.documents.order_by("position"))
        if split is None:
            message.status = MessageStatus.FAILED
            message.error = error
            message.save(update_fields=["status", "error"])
            return []
        documents = [
            _document_create(message=message, part=part, position=position)
            for position, part in enumerate(split.parts)
        ]
        message.status = MessageStatus.SPLIT
        if not documents:
            message.status = MessageStatus.PROCESSED
            message.processed_at = timezone.now()
        message.save(update_fields=["status", "processed_at"])
    return documents


def _document_create(*, message: InboundMessage, part: Part, position: int) -> Document:
    sha = sha256_hex(part.data)
    ext = filetypes.EXTENSIONS.get(part.file_type, ".bin")
    name = _store_bytes(_stored_name("documents", message.tenant_id, sha, ext), part.data)
    status = DocumentStatus.PENDING
    error = ""
    metadata = {"path": part.path, "role": part.role, "file_type": part.file_type}
    if part.original_name and part.original_name != part.filename:
        metadata["original_name"] = part.original_name
    if part.inline:
        metadata["inline"] = True
    if part.role == Role.SET_ASIDE:
        status = DocumentStatus.SET_ASIDE
        metadata["reason"] = part.reason
    elif part.role == Role.REFUSED:
        status = DocumentStatus.FAILED
        error = part.reason
    kind = filetypes.document_kind(part.file_type)
    if part.role == Role.REFUSED and kind == DocumentKind.BODY:
        kind = DocumentKind.OTHER  # an HTML page named .pdf is not an email body
    fields = dict(
        tenant_id=message.tenant_id,
        message=message,
        kind=kind,
        filename=part.filename,
        content_type=part.content_type,
        file=name,
        size=len(part.data),
        sha256=sha,
        status=status,
        error=error,
        position=position,
        metadata=metadata,
    )
    if part.role != Role.ATTACHMENT:
        return Document.objects.create(**fields)
    try:
        with transaction.atomic():
            return Document.objects.create(**fields, is_original=True)
    except IntegrityError:
        original = (
            Document.objects.filter(tenant_id=message.tenant_id, sha256=sha, is_original=True)
            .order_by("pk")
            .first()
        )
        if original is None:
            raise
        fields.update(status=DocumentStatus.DUPLICATE, duplicate_of=original)
        return Document.objects.create(**fields)


def message_refresh_status(*, message_id: int) -> InboundMessage:
    """A split message is processed once none of its documents waits for a worker."""
    with transaction.atomic():
        message = InboundMessage.objects.select_for_update().get(pk=message_id)
        if message.status != MessageStatus.SPLIT:
            return message
        waiting = message.documents.filter(
            status__in=(DocumentStatus.PENDING, DocumentStatus.READING, DocumentStatus.READ)
        ).exists()
        if not waiting:
            message.status = MessageStatus.PROCESSED
            message.processed_at = timezone.now()
            message.save(update_fields=["status", "processed_at"])
        return message


# --- the attention list -------------------------------------------------------------------


@transaction.atomic
def document_retry(*, document: Document, actor=None) -> Document:
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.status not in (
        DocumentStatus.FAILED,
        DocumentStatus.HANDLED,
        DocumentStatus.READING,
    ):
        raise IngestionError("Only a document that needs attention can be retried.")
    document.status = DocumentStatus.PENDING
    document.error = ""
    document.attempts = 0
    document.save(update_fields=["status", "error", "attempts", "updated_at"])
    InboundMessage.objects.filter(pk=document.message_id, status=MessageStatus.PROCESSED).update(
        status=MessageStatus.SPLIT, processed_at=None
    )
    from ingestion.tasks import document_read

    document_read.delay_on_commit(document.pk)
    return document


@transaction.atomic
def document_mark_handled(*, document: Document, actor=None) -> Document:
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.status != DocumentStatus.FAILED:
        raise IngestionError("Only a document that needs attention can be marked handled.")
    document.status = DocumentStatus.HANDLED
    document.handled_by = actor
    document.save(update_fields=["status", "handled_by", "updated_at"])
    transaction.on_commit(lambda: message_refresh_status(message_id=document.message_id))
    return document


@transaction.atomic
def message_retry(*, message: InboundMessage, actor=None) -> InboundMessage:
    message = InboundMessage.objects.select_for_update().get(pk=message.pk)
    if message.status != MessageStatus.FAILED:
        raise IngestionError("Only a message that could not be split can be retried.")
    message.status = MessageStatus.STORED
    message.error = ""
    message.save(update_fields=["status", "error"])
    from ingestion.tasks import message_process

    message_process.delay_on_commit(message.pk)
    return message


@transaction.atomic
def message_mark_handled(*, message: InboundMessage, actor=None) -> InboundMessage:
    message = InboundMessage.objects.select_for_update().get(pk=message.pk)
    if message.status != MessageStatus.FAILED:
        raise IngestionError("Only a message that could not be split can be marked handled.")
    message.status = MessageStatus.HANDLED
    message.metadata = {**message.metadata, "handled_by": getattr(actor, "pk", None)}
    message.save(update_fields=["status", "metadata"])
    return message


# --- mailboxes and hooks ------------------------------------------------------------------


@transaction.atomic
def mailbox_save(*, mailbox: Mailbox, password: str | None = None) -> Mailbox:
    """Create or update a mailbox; ``password`` None keeps the stored one."""
    if password:
        mailbox.password_encrypted = secret_encrypt(password)
    if mailbox.after_processing == "move" and not mailbox.move_to.strip():
        raise IngestionError("Name the folder to move processed messages to.")
    if mailbox.pk is None:
        mailbox.next_poll_at = timezone.now()
    mailbox.save()
    return mailbox


@transaction.atomic
def inbound_hook_rotate(*, tenant, channel: str) -> tuple[InboundHook, str]:
    """A new secret for the tenant's email or fax webhook; returns it in clear once."""
    secret = secrets.token_urlsafe(32)
    hook, _created = InboundHook.objects.update_or_create(
        tenant=tenant,
        channel=channel,
        defaults={"secret_encrypted": secret_encrypt(secret), "enabled": True},
    )
    return hook, secret
