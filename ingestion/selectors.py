"""Reads of the intake half, shared by pages, the API and the ``ingest`` command."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from ingestion.limits import limit
from ingestion.models import (
    Document,
    DocumentStatus,
    InboundMessage,
    Mailbox,
    MessageStatus,
)


def messages_list(
    *, tenant, status: str = "", channel: str = "", query: str = ""
) -> QuerySet[InboundMessage]:
    messages = InboundMessage.objects.for_tenant(tenant).annotate(
        document_count=Count("documents", distinct=True),
        failed_count=Count(
            "documents", filter=Q(documents__status=DocumentStatus.FAILED), distinct=True
        ),
    )
    if status:
        messages = messages.filter(status=status)
    if channel:
        messages = messages.filter(channel=channel)
    if query:
        messages = messages.filter(
            Q(subject__icontains=query)
            | Q(sender__icontains=query)
            | Q(raw_filename__icontains=query)
        )
    return messages.order_by("-received_at", "-pk")


def documents_list(*, tenant, status: str = "", kind: str = "") -> QuerySet[Document]:
    documents = Document.objects.for_tenant(tenant).select_related("message")
    if status:
        documents = documents.filter(status=status)
    if kind:
        documents = documents.filter(kind=kind)
    return documents.order_by("-created_at", "-pk")


def attention_documents(*, tenant) -> QuerySet[Document]:
    return (
        Document.objects.for_tenant(tenant)
        .filter(status=DocumentStatus.FAILED)
        .select_related("message")
        .order_by("-updated_at", "-pk")
    )


def attention_messages(*, tenant) -> QuerySet[InboundMessage]:
    return (
        InboundMessage.objects.for_tenant(tenant)
        .filter(status=MessageStatus.FAILED)
        .order_by("-received_at")
    )


def documents_stale() -> list[int]:
    """Documents a dead worker left in ``reading`` (all tenants: a maintenance task)."""
    cutoff = timezone.now() - timedelta(seconds=2 * limit("document_time_limit_s") + 120)
    return list(
        Document.objects.filter(status=DocumentStatus.READING, updated_at__lt=cutoff).values_list(
            "pk", flat=True
        )[:500]
    )


def mailbox_health(*, mailbox: Mailbox, days: int = 14) -> dict:
    since = timezone.now() - timedelta(days=days)
    per_day = (
        mailbox.messages.filter(received_at__gte=since)
        .annotate(day=TruncDate("received_at"))
        .values("day")
        .annotate(count=Count("pk"))
        .order_by("day")
    )
    counts = {row["day"]: row["count"] for row in per_day}
    today = timezone.localdate()
    series = [(today - timedelta(days=offset), 0) for offset in range(days - 1, -1, -1)]
    series = [(day, counts.get(day, 0)) for day, _zero in series]
    peak = max((count for _day, count in series), default=0)
    return {
        "per_day": series,
        "peak": peak,
        "total": sum(count for _day, count in series),
        "pending_actions": mailbox.uids.filter(actioned_at__isnull=True).count(),
    }


def message_documents(*, message: InboundMessage) -> list[Document]:
    return list(message.documents.order_by("position").prefetch_related("pages"))


def message_contract_result(*, message: InboundMessage) -> dict:
    """``{"orders": [...]}`` (+ ``"error"``) for one input file of ``ingest --json``.

    A message received before answers with the first copy's orders marked ``duplicate``; so
    does a document (a PDF attached again to a new email) received before."""
    from ingestion.contract import order_contract_json
    from orders.models import Order

    duplicate = message.duplicate_of_id is not None
    source = message.duplicate_of if duplicate else message
    orders: list[dict] = []
    seen: set[int] = set()
    errors: list[str] = []
    for document in source.documents.order_by("position"):
        target, dup = document, duplicate
        if document.duplicate_of_id:
            target, dup = document.duplicate_of, True
        for order in Order.objects.filter(source_document=target).order_by("pk"):
            if order.pk in seen:
                continue
            seen.add(order.pk)
            orders.append(order_contract_json(order, duplicate=dup))
        if document.status == DocumentStatus.FAILED:
            errors.append(
                f"{document.filename}: {document.error}" if document.filename else document.error
            )
    result: dict = {"orders": orders}
    if source.status == MessageStatus.FAILED:
        result["error"] = source.error or "the message could not be read"
    elif not orders and errors:
        result["error"] = "; ".join(errors)[:1000]
    return result


def message_body(*, message: InboundMessage) -> dict:
    """The body of an email as staff see it: HTML sanitised (no script, no event handler, no
    javascript: link), else the plain text."""
    from ingestion.services import message_raw_bytes
    from ingestion.splitting import MessageRefused, split_email
    from ingestion.splitting.html import html_sanitise

    if not message.metadata.get("is_email"):
        return {"html": "", "text": ""}
    try:
        split = split_email(message_raw_bytes(message))
    except MessageRefused as refused:
        return {"html": "", "text": "", "error": refused.reason}
    except Exception as exc:  # the raw bytes stay downloadable
        return {"html": "", "text": "", "error": f"{type(exc).__name__}: {exc}"[:300]}
    return {
        "html": html_sanitise(split.html[:500_000]) if split.html.strip() else "",
        "text": split.text[:100_000],
        "headers": split.headers,
    }


def document_text(*, document: Document, max_chars: int = 20_000) -> str:
    from ingestion.layout import Layout

    if not document.layout:
        return ""
    try:
        return Layout.from_json(document.layout).text[:max_chars]
    except Exception:  # a layout written by an older reader
        return ""
