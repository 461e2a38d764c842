"""The pipeline end to end in-process: raw first, nothing twice, and bad input never eats the
worker (each: the message is kept, the reason is clear, the next document is read)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from ingestion.models import Document, DocumentStatus, InboundMessage, MessageStatus, PageImage
from ingestion.pipeline import document_process, message_process
from ingestion.services import document_mark_handled, document_retry, message_store
from orders.models import Order
from tests.ingestion import hostile
from tests.ingestion.docs import order_pdf, text_image
from tests.ingestion.factories import make_email
from tests.paths import SHARED

pytestmark = pytest.mark.django_db

FAX_TIFF = SHARED / "corpus/fax-tiff/src__test__resources__data__images__tiff__3__1pagefax.tif"


def _ingest(tenant, raw: bytes, *, filename: str = "", channel: str = "upload") -> InboundMessage:
    message = message_store(tenant=tenant, channel=channel, raw=raw, filename=filename, queue=False)
    if message.duplicate_of_id is None:
        message_process(message_id=message.pk, sync=True)
    message.refresh_from_db()
    return message


def _the_worker_still_reads(tenant) -> None:
    """After a hostile file, the same process reads the next document."""
    message = _ingest(tenant, order_pdf("ALIVE-1"), filename="next.pdf")
    document = message.documents.get()
    assert document.status in (DocumentStatus.EXTRACTED, DocumentStatus.NOT_AN_ORDER)
    assert "ALIVE-1" in [w[0] for w in document.layout["pages"][0]["words"]]


def test_the_raw_message_is_committed_before_anything_is_parsed(tenant):
    raw = make_email(
        message_id="<raw-first@customer.example>",
        attachments=[("po.pdf", "application/pdf", order_pdf())],
    )
    message = message_store(tenant=tenant, channel="email", raw=raw, queue=False)
    assert message.status == MessageStatus.STORED
    assert message.documents.count() == 0
    assert message.message_id == "<raw-first@customer.example>"
    assert message.sender == "buyer@customer.example"
    with default_storage.open(message.raw.name, "rb") as handle:
        assert handle.read() == raw


def test_a_pdf_email_is_split_read_and_its_pages_rendered_once(tenant):
    raw = make_email(
        body="Our order attached.", attachments=[("po.pdf", "application/pdf", order_pdf(pages=2))]
    )
    message = _ingest(tenant, raw, channel="email")
    body, pdf = message.documents.order_by("position")
    assert (body.kind, pdf.kind) == ("body", "pdf")
    assert pdf.page_count == 2
    assert pdf.layout["pages"][0]["source"] == "pdf_text"
    assert list(pdf.pages.values_list("number", flat=True)) == [1, 2]
    assert pdf.layout["pages"][0]["image_name"] == pdf.pages.get(number=1).image.name
    # a second run changes nothing: no second set of pages, no second order
    orders = Order.objects.filter(source_document=pdf).count()
    document_process(document_id=pdf.pk)
    assert PageImage.objects.filter(document=pdf).count() == 2
    assert Order.objects.filter(source_document=pdf).count() == orders


def test_a_message_received_twice_is_recorded_as_a_duplicate_and_makes_no_second_order(tenant):
    raw = make_email(
        message_id="<twice@customer.example>",
        attachments=[("po.pdf", "application/pdf", order_pdf())],
    )
    first = _ingest(tenant, raw, channel="email")
    orders = Order.objects.for_tenant(tenant).count()
    second = _ingest(tenant, raw, channel="email")
    assert second.status == MessageStatus.DUPLICATE
    assert second.duplicate_of == first
    assert second.documents.count() == 0
    assert Order.objects.for_tenant(tenant).count() == orders


def test_the_same_attachment_in_a_new_message_is_a_duplicate_document(tenant):
    pdf = order_pdf("SAME-PDF")
    first = _ingest(
        tenant,
        make_email(message_id="<a@x>", attachments=[("po.pdf", "application/pdf", pdf)]),
        channel="email",
    )
    second = _ingest(
        tenant,
        make_email(
            message_id="<b@x>",
            subject="Fwd: Order",
            attachments=[("copy.pdf", "application/pdf", pdf)],
        ),
        channel="email",
    )
    original = first.documents.get(kind="pdf")
    copy = second.documents.get(kind="pdf")
    assert second.status == MessageStatus.PROCESSED
    assert copy.status == DocumentStatus.DUPLICATE
    assert copy.duplicate_of == original
    assert copy.layout is None


def test_the_blank_corpus_fax_gives_no_order_and_no_crash(tenant):
    if not FAX_TIFF.exists():
        pytest.skip("shared corpus not present")
    message = _ingest(tenant, FAX_TIFF.read_bytes(), filename=FAX_TIFF.name, channel="fax")
    document = message.documents.get()
    assert document.status == DocumentStatus.NOT_AN_ORDER
    assert document.metadata["reason"] == "blank: no text on any page"
    assert Order.objects.for_tenant(tenant).count() == 0
    assert document.pages.count() == 1
    page = document.pages.get()
    # a 204 × 98 dpi fax page is stretched to square pixels for the viewer
    assert page.height > page.width
    assert message.status == MessageStatus.PROCESSED


BAD_DOCUMENTS = [
    ("encrypted.pdf", hostile.encrypted_pdf, "encrypted PDF (password protected)"),
    ("truncated.pdf", hostile.truncated_pdf, "broken or truncated PDF (PDFium: data format error)"),
    (
        "looping.pdf",
        hostile.looping_pages_pdf,
        "broken PDF: page 1 cannot be loaded (broken or looping page tree)",
    ),
    ("2000-pages.pdf", hostile.many_pages_pdf, "PDF has 2000 pages, more than the limit of 50"),
    (
        "million-lines.pdf",
        hostile.million_lines_pdf,
        "page 1 holds 1000000 drawing objects, more than the limit of 200000",
    ),
    (
        "bomb.png",
        hostile.huge_header_png,
        "image is 60000 × 60000 pixels, more than the limit of 60000000 pixels",
    ),
    ("1000-pages.tif", hostile.many_pages_tiff, "image has 1000 pages, more than the limit of 50"),
    (
        "invoice.pdf",
        hostile.html_named_pdf,
        "'invoice.pdf' is named .pdf but is really an HTML page",
    ),
]


@pytest.mark.parametrize(
    ("filename", "make", "reason"), BAD_DOCUMENTS, ids=[b[0] for b in BAD_DOCUMENTS]
)
def test_a_hostile_document_is_kept_with_a_clear_reason_and_the_worker_goes_on(
    tenant, filename, make, reason
):
    data = make()
    raw = make_email(
        subject=f"Order {filename}", attachments=[(filename, "application/octet-stream", data)]
    )
    message = _ingest(tenant, raw, channel="email")
    document = message.documents.exclude(kind="body").get()
    assert document.status == DocumentStatus.FAILED
    assert document.error == reason
    assert message.status == MessageStatus.PROCESSED
    with default_storage.open(document.file.name, "rb") as handle:
        assert handle.read() == data
    _the_worker_still_reads(tenant)


def test_a_zip_bomb_is_kept_with_its_reason(tenant, settings):
    settings.CARNET_LIMITS = {
        **settings.CARNET_LIMITS,
        "max_zip_uncompressed_bytes": 20 * 1024 * 1024,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(4):
            archive.writestr(f"layer{n}.csv", b"0" * (8 * 1024 * 1024))
    message = _ingest(tenant, buffer.getvalue(), filename="orders.zip")
    document = message.documents.get()
    assert (document.status, document.error) == (
        DocumentStatus.FAILED,
        "ZIP archive expands to 33554432 bytes, more than the limit of 20971520 (ZIP bomb?)",
    )
    _the_worker_still_reads(tenant)


def test_a_zip_with_parent_paths_stores_nothing_outside_the_media_folder(tenant, settings):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../../../../tmp/evil.csv", b"sku;qty\nA;1\n")
        archive.writestr("/etc/cron.d/evil.pdf", order_pdf("ZIPPED"))
    message = _ingest(tenant, buffer.getvalue(), filename="orders.zip")
    documents = list(message.documents.order_by("position"))
    assert [d.filename for d in documents] == ["evil.csv", "evil.pdf"]
    assert [d.metadata["original_name"] for d in documents] == [
        "../../../../tmp/evil.csv",
        "/etc/cron.d/evil.pdf",
    ]
    media = Path(settings.MEDIA_ROOT).resolve()
    for document in documents:
        assert Path(default_storage.path(document.file.name)).resolve().is_relative_to(media)


def test_hostile_attachment_names_are_stored_under_safe_names(tenant, settings):
    names = ["../../../etc/passwd.pdf", "po\x00.pdf", "a" * 300 + ".pdf", "invoice\u202efdp.exe"]
    raw = make_email(
        attachments=[(n, "application/pdf", order_pdf(str(i))) for i, n in enumerate(names)]
    )
    message = _ingest(tenant, raw, channel="email")
    documents = list(message.documents.exclude(kind="body").order_by("position"))
    assert [d.filename for d in documents] == [
        "passwd.pdf",
        "po.pdf",
        "a" * 146 + ".pdf",
        "invoicefdp.exe",
    ]
    media = Path(settings.MEDIA_ROOT).resolve()
    for document in documents:
        assert Path(default_storage.path(document.file.name)).resolve().is_relative_to(media)
        assert document.file.name.endswith(".pdf")  # stored by content type, never by the sent name


def test_a_50_mb_email_is_kept_and_marked_with_the_reason(tenant):
    raw = make_email(
        attachments=[("big.pdf", "application/pdf", b"%PDF-1.4\n" + b"0" * (50 * 1024 * 1024))]
    )
    message = _ingest(tenant, raw, channel="email")
    assert message.status == MessageStatus.FAILED
    assert (
        message.error == f"message is {len(raw)} bytes, more than the limit of {40 * 1024 * 1024}"
    )
    assert message.raw_size == len(raw)
    _the_worker_still_reads(tenant)


def test_an_email_with_500_attachments_is_kept_and_marked_with_the_reason(tenant):
    raw = make_email(
        attachments=[(f"po{n}.csv", "text/csv", f"sku;qty\nA;{n}\n".encode()) for n in range(500)]
    )
    message = _ingest(tenant, raw, channel="email")
    assert message.status == MessageStatus.FAILED
    assert message.error == "message has 500 attachments, more than the limit of 100"
    assert message.documents.count() == 0
    _the_worker_still_reads(tenant)


def test_a_document_that_keeps_killing_its_worker_goes_to_the_attention_list(tenant):
    message = message_store(
        tenant=tenant, channel="upload", raw=order_pdf(), filename="po.pdf", queue=False
    )
    from ingestion.services import message_split

    document = message_split(message_id=message.pk)[0]
    # three workers died while reading it (status left "reading")
    Document.objects.filter(pk=document.pk).update(status=DocumentStatus.READING, attempts=3)
    document_process(document_id=document.pk)
    document.refresh_from_db()
    assert document.status == DocumentStatus.FAILED
    assert document.error == "reading stopped 3 times without finishing (worker killed?)"


def test_retry_and_mark_handled(tenant, django_capture_on_commit_callbacks, eager_tasks):
    message = _ingest(tenant, hostile.encrypted_pdf(), filename="locked.pdf")
    document = message.documents.get()
    assert document.status == DocumentStatus.FAILED
    with django_capture_on_commit_callbacks(execute=True):
        document_retry(document=document)
    document.refresh_from_db()
    assert (document.status, document.error, document.attempts) == (
        DocumentStatus.FAILED,
        "encrypted PDF (password protected)",
        1,
    )
    with django_capture_on_commit_callbacks(execute=True):
        document_mark_handled(document=document)
    document.refresh_from_db()
    message.refresh_from_db()
    assert document.status == DocumentStatus.HANDLED
    assert message.status == MessageStatus.PROCESSED


def test_a_scanned_image_upload_is_read_by_ocr(tenant):
    scan = text_image(
        "PURCHASE ORDER 99812\nQuantity 12 boxes",
        mode="1",
        fmt="TIFF",
        dpi=(200, 200),
        compression="group4",
    )
    message = _ingest(tenant, scan, filename="scan.tif")
    document = message.documents.get()
    assert document.layout["pages"][0]["source"] == "ocr"
    words = [w[0] for w in document.layout["pages"][0]["words"]]
    assert "99812" in words
    assert document.pages.count() == 1


def test_reading_that_takes_too_long_is_stopped_with_the_reason(tenant, settings):
    settings.CARNET_LIMITS = {**settings.CARNET_LIMITS, "document_time_limit_s": 1}
    message = _ingest(tenant, order_pdf("SLOW", lines=40, pages=40), filename="slow.pdf")
    document = message.documents.get()
    assert (document.status, document.error) == (
        DocumentStatus.FAILED,
        "reading took longer than the limit of 1 s",
    )
    settings.CARNET_LIMITS = {**settings.CARNET_LIMITS, "document_time_limit_s": 120}
    _the_worker_still_reads(tenant)


def test_nul_characters_in_a_body_do_not_break_storage(tenant):
    raw = make_email(body="Order 4711\x00: 12 x GT-6MM-BK\x00", message_id="<nul@x>")
    message = _ingest(tenant, raw, channel="email")
    document = message.documents.get()
    assert document.status in (DocumentStatus.EXTRACTED, DocumentStatus.NOT_AN_ORDER)
    words = [w[0] for w in document.layout["pages"][0]["words"]]
    assert words[:2] == ["Order", "4711:"]
