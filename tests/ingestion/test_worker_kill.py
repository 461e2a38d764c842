"""A real Celery worker against Redis, killed (SIGKILL) while it reads a document: the broker
gives the task to the next worker (acks_late), which reads the document exactly once more and
makes no second set of pages or orders (idempotent task)."""

from __future__ import annotations

import os
import signal

import pytest
from django.conf import settings

from ingestion.models import Document, DocumentStatus, PageImage
from ingestion.services import message_split, message_store
from orders.models import Order
from tests.conftest import require_service
from tests.ingestion.docs import text_image
from tests.workers import start_worker, stop_worker, wait_until

REDELIVER_FAST = {
    "CELERY_VISIBILITY_TIMEOUT": "3",
    "CELERY_UNACKED_RESTORE_INTERVAL": "1",
    "CELERY_UNACKED_RESTORE_THROTTLE": "1",
}


@pytest.fixture
def real_broker(settings):
    require_service(bool(os.environ.get("REDIS_URL")), "Redis (REDIS_URL)")
    require_service(
        settings.DATABASES["default"]["ENGINE"].endswith("postgresql"), "PostgreSQL (DATABASE_URL)"
    )
    settings.CELERY_TASK_ALWAYS_EAGER = False
    from config.celery import app

    app.conf.task_always_eager = False
    yield app
    app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER


def _slow_scan() -> bytes:
    """A four-page scan: long enough to OCR that the worker can be killed in the middle."""
    import io

    from PIL import Image

    pages = [
        Image.open(
            io.BytesIO(
                text_image(
                    f"PURCHASE ORDER 7{n}01\nLine {n}: 12 boxes GT-6MM-BK", mode="1", fmt="TIFF"
                )
            )
        )
        for n in range(4)
    ]
    buffer = io.BytesIO()
    pages[0].save(
        buffer,
        format="TIFF",
        save_all=True,
        append_images=pages[1:],
        compression="group4",
        dpi=(200, 200),
    )
    return buffer.getvalue()


@pytest.mark.services
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_read_leaves_the_document_to_the_next_worker_exactly_once(
    real_broker, tenant
):
    from ingestion.tasks import document_read_ocr

    message = message_store(
        tenant=tenant, channel="fax", raw=_slow_scan(), filename="fax.tif", queue=False
    )
    document = message_split(message_id=message.pk)[0]
    assert document.status == DocumentStatus.PENDING

    first = start_worker(extra_env=REDELIVER_FAST)
    try:
        document_read_ocr.delay(document.pk)
        # when the worker has claimed the document and is OCRing it
        assert wait_until(
            lambda: Document.objects.filter(pk=document.pk, status=DocumentStatus.READING).exists(),
            timeout=90,
        )
    finally:
        # then it dies without a chance to acknowledge anything
        stop_worker(first, signal.SIGKILL)
    document.refresh_from_db()
    assert (document.status, document.attempts) == (DocumentStatus.READING, 1)

    second = start_worker(extra_env=REDELIVER_FAST)
    try:
        finished = (DocumentStatus.READ, DocumentStatus.EXTRACTED, DocumentStatus.NOT_AN_ORDER)
        assert wait_until(
            lambda: Document.objects.filter(pk=document.pk, status__in=finished).exists(),
            timeout=180,
        ), Document.objects.get(pk=document.pk).status
    finally:
        stop_worker(second)
    document.refresh_from_db()
    assert document.attempts == 2
    assert document.page_count == 4
    assert PageImage.objects.filter(document=document).count() == 4
    assert Order.objects.filter(source_document=document).count() <= 1
    words = [w[0] for w in document.layout["pages"][0]["words"]]
    assert "7001" in words
    assert settings.CELERY_TASK_ACKS_LATE is True
