"""Thin Celery tasks: ids in, one service call, safe to run twice.

``acks_late`` (settings) means a task is acknowledged once it has finished: a worker killed
mid-task leaves it to be redelivered, and the services' status checks under row locks make the
second run finish the job instead of doing it again.
"""

from __future__ import annotations

import logging
import os

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from ingestion.limits import limit

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

logger = logging.getLogger(__name__)

_DOCUMENT_LIMIT = limit("document_time_limit_s")


@shared_task(acks_late=True, ignore_result=True)
def message_process(message_id: int) -> None:
    from ingestion.pipeline import message_process as process

    process(message_id=message_id)


@shared_task(
    acks_late=True,
    ignore_result=True,
    soft_time_limit=_DOCUMENT_LIMIT + 15,
    time_limit=_DOCUMENT_LIMIT + 60,
)
def document_read(document_id: int) -> None:
    """Read a document that needs no OCR; one that does is passed on to the ``ocr`` queue."""
    from ingestion.pipeline import NEEDS_OCR, _fail, document_process

    try:
        if document_process(document_id=document_id, route_ocr=True) == NEEDS_OCR:
            document_read_ocr.delay(document_id)
    except SoftTimeLimitExceeded:
        _fail(document_id, f"reading took longer than the limit of {_DOCUMENT_LIMIT} s")


@shared_task(
    acks_late=True,
    ignore_result=True,
    soft_time_limit=_DOCUMENT_LIMIT + 15,
    time_limit=_DOCUMENT_LIMIT + 60,
)
def document_read_ocr(document_id: int) -> None:
    """The same as ``document_read``, routed to the ``ocr`` queue (settings.CELERY_TASK_ROUTES)."""
    from ingestion.pipeline import _fail, document_process

    try:
        document_process(document_id=document_id)
    except SoftTimeLimitExceeded:
        _fail(document_id, f"reading took longer than the limit of {_DOCUMENT_LIMIT} s")


@shared_task(acks_late=True, ignore_result=True)
def mailboxes_poll_due() -> None:
    """Beat, every minute: queue a poll of each mailbox whose time has come."""
    from ingestion.mailboxes import mailboxes_due

    for mailbox_id in mailboxes_due():
        mailbox_poll.delay(mailbox_id)


@shared_task(acks_late=True, ignore_result=True, soft_time_limit=600, time_limit=660)
def mailbox_poll(mailbox_id: int) -> None:
    from ingestion.mailboxes import mailbox_poll as poll

    poll(mailbox_id=mailbox_id)


@shared_task(acks_late=True, ignore_result=True)
def documents_recover_stale() -> None:
    """Beat: documents left ``reading`` by a worker that died (hard time limit, OOM kill)
    are queued again; after a few attempts they go to the attention list."""
    from ingestion.selectors import documents_stale

    for document_id in documents_stale():
        document_read.delay(document_id)
