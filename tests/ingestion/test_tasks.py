"""The Celery tasks, run in-process: ids in, routed by need, safe to run twice."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ingestion.models import DocumentStatus, InboundMessage, Mailbox
from ingestion.services import message_store
from ingestion.tasks import (
    document_read,
    documents_recover_stale,
    mailboxes_poll_due,
    message_process,
)
from tests.ingestion.docs import order_pdf, text_image
from tests.ingestion.factories import MailboxFactory

pytestmark = pytest.mark.django_db


def test_message_task_splits_and_reads_each_document_even_twice(
    tenant, eager_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = message_store(
            tenant=tenant, channel="upload", raw=order_pdf("TASK-1"), filename="po.pdf"
        )
    message.refresh_from_db()
    document = message.documents.get()
    assert document.status in (DocumentStatus.EXTRACTED, DocumentStatus.NOT_AN_ORDER)
    # a redelivered task changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        message_process.delay(message.pk)
        document_read.delay(document.pk)
    assert message.documents.count() == 1
    document.refresh_from_db()
    assert document.attempts == 1


def test_an_image_is_passed_on_to_the_ocr_task(
    tenant, eager_tasks, django_capture_on_commit_callbacks
):
    sent = []

    def record(sender=None, **kwargs):
        sent.append(sender)

    from celery.signals import task_prerun

    task_prerun.connect(record)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            message_store(
                tenant=tenant,
                channel="fax",
                raw=text_image("ORDER 5", mode="1", fmt="TIFF"),
                filename="f.tif",
            )
    finally:
        task_prerun.disconnect(record)
    assert [task.name for task in sent] == [
        "ingestion.tasks.message_process",
        "ingestion.tasks.document_read",
        "ingestion.tasks.document_read_ocr",
    ]
    assert (
        InboundMessage.objects.for_tenant(tenant).get().documents.get().layout["pages"][0]["source"]
        == "ocr"
    )


def test_beat_polls_only_the_mailboxes_that_are_due(tenant, eager_tasks):
    from tests.ingestion.dovecot import free_port

    due = MailboxFactory(tenant=tenant, port=free_port())
    later = MailboxFactory(tenant=tenant, port=free_port(), next_poll_at="2999-01-01T00:00:00Z")
    mailboxes_poll_due.delay()
    assert Mailbox.objects.get(pk=due.pk).consecutive_failures == 1
    assert Mailbox.objects.get(pk=later.pk).last_poll_at is None


def test_documents_left_reading_by_a_dead_worker_are_read_again(tenant, eager_tasks):
    from django.utils import timezone

    from ingestion.models import Document
    from ingestion.services import message_split

    message = message_store(
        tenant=tenant, channel="upload", raw=order_pdf("STALE-1"), filename="po.pdf", queue=False
    )
    document = message_split(message_id=message.pk)[0]
    Document.objects.filter(pk=document.pk).update(
        status=DocumentStatus.READING, attempts=1, updated_at=timezone.now() - timedelta(hours=1)
    )
    documents_recover_stale.delay()
    document.refresh_from_db()
    assert document.status in (DocumentStatus.EXTRACTED, DocumentStatus.NOT_AN_ORDER)
    assert document.attempts == 2
