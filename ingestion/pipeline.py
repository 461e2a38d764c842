"""The document pipeline: read (pdfplumber / tesseract) → page images → drafting.

Every step is safe to run twice: a document is claimed under a row lock (status ``pending`` →
``reading``), its layout and status are written in one transaction, and drafting runs in the
same transaction as the status move to ``extracted``, so a worker killed anywhere leaves either
nothing or everything. A document that cannot be read is marked ``failed`` with a reason (the
"needs attention" list) and never blocks the next one.

Integration points:

- reading: ``ingestion.reading`` (``read_pdf``, ``read_image``, ``read_csv``, ``read_xlsx``,
  ``text_to_layout``, ``sheet_to_layout``, ``render_pdf_pages``), raising ``UnreadableDocument``.
- drafting: ``ingestion.drafting.document_create_orders(*, document) -> list[Order]``, called
  with the document in status ``read`` and its ``layout`` stored (see :func:`document_draft`).
"""

from __future__ import annotations

import io
import logging
import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from ingestion.faxheader import page_header_line, parse_fax_header
from ingestion.layout import Layout
from ingestion.limits import limit
from ingestion.models import (
    Channel,
    Document,
    DocumentKind,
    DocumentStatus,
    PageImage,
)
from ingestion.reading.errors import UnreadableDocument
from ingestion.splitting import files as filetypes

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # tesseract: one thread, we scale by workers

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3  # a document that killed its worker this many times is not tried again
PAGE_IMAGE_DPI = 110
PAGE_IMAGE_MAX_WIDTH = 1400
NEEDS_OCR = "needs_ocr"
TERMINAL = (
    DocumentStatus.EXTRACTED,
    DocumentStatus.NOT_AN_ORDER,
    DocumentStatus.SET_ASIDE,
    DocumentStatus.DUPLICATE,
    DocumentStatus.FAILED,
    DocumentStatus.HANDLED,
)


class DocumentTimeout(BaseException):  # noqa: N818
    """Raised by the alarm in the middle of a reader. A BaseException, like KeyboardInterrupt,
    so that a reader's ``except Exception`` (skip a bad page and go on) cannot swallow it."""


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Interrupt pure-Python work (pdfminer, our parsers) after ``seconds``. Only in the main
    thread of a process (a Celery prefork child, the ``ingest`` command); elsewhere the Celery
    hard time limit is the guard."""
    if (
        seconds <= 0
        or threading.current_thread() is not threading.main_thread()
        or not hasattr(signal, "setitimer")
    ):
        yield
        return

    def expired(signum, frame):
        raise DocumentTimeout(f"reading took longer than the limit of {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- preflight: refuse what would eat the worker, before the readers touch it --------------


@dataclass(frozen=True)
class Preflight:
    pages: int
    needs_ocr: bool


def preflight(document: Document, data: bytes) -> Preflight:
    if len(data) > limit("max_document_bytes"):
        raise UnreadableDocument(
            f"file is {len(data)} bytes, more than the limit of {limit('max_document_bytes')}"
        )
    if document.kind == DocumentKind.PDF:
        return preflight_pdf(data)
    if document.kind == DocumentKind.IMAGE:
        return preflight_image(data)
    return Preflight(pages=1, needs_ocr=False)


def preflight_pdf(data: bytes) -> Preflight:
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    if not data.lstrip()[:1024].startswith(b"%PDF") and b"%PDF-" not in data[:1024]:
        raise UnreadableDocument("not a PDF file")
    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text:
            raise UnreadableDocument("encrypted PDF (password protected)")
        if "data format" in text:
            raise UnreadableDocument("broken or truncated PDF (PDFium: data format error)")
        raise UnreadableDocument(f"broken PDF ({exc})"[:200])
    try:
        count = len(pdf)
        if count == 0:
            raise UnreadableDocument("PDF has no pages (broken or looping page tree)")
        if count > limit("max_pdf_pages"):
            raise UnreadableDocument(
                f"PDF has {count} pages, more than the limit of {limit('max_pdf_pages')}"
            )
        needs_ocr = False
        max_objects = limit("max_page_objects")
        for index in range(count):
            try:
                page = pdf[index]
            except pypdfium2.PdfiumError:
                raise UnreadableDocument(
                    f"broken PDF: page {index + 1} cannot be loaded (broken or looping page tree)"
                )
            try:
                objects = pdfium_c.FPDFPage_CountObjects(page.raw)
                if objects > max_objects:
                    raise UnreadableDocument(
                        f"page {index + 1} holds {objects} drawing objects, more than the limit of {max_objects}"
                    )
                textpage = page.get_textpage()
                if textpage.count_chars() < 20:
                    needs_ocr = True
                textpage.close()
            finally:
                page.close()
        return Preflight(pages=count, needs_ocr=needs_ocr)
    finally:
        pdf.close()


def preflight_image(data: bytes) -> Preflight:
    from PIL import Image

    previous = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None  # the header only; we check the size ourselves
    try:
        try:
            image = Image.open(io.BytesIO(data))
            width, height = image.size
        except Exception as exc:
            raise UnreadableDocument(f"not a readable image ({type(exc).__name__})")
        max_pixels = limit("max_image_pixels")
        if width * height > max_pixels:
            raise UnreadableDocument(
                f"image is {width} × {height} pixels, more than the limit of {max_pixels} pixels"
            )
        try:
            frames = getattr(image, "n_frames", 1)
        except Exception as exc:
            raise UnreadableDocument(f"broken image ({type(exc).__name__})")
        if frames > limit("max_tiff_pages"):
            raise UnreadableDocument(
                f"image has {frames} pages, more than the limit of {limit('max_tiff_pages')}"
            )
        return Preflight(pages=frames, needs_ocr=True)
    finally:
        Image.MAX_IMAGE_PIXELS = previous


# --- reading -------------------------------------------------------------------------------


def document_bytes(document: Document) -> bytes:
    with default_storage.open(document.file.name, "rb") as handle:
        return handle.read()


def read_document(document: Document, data: bytes) -> Layout:
    """The Layout of a document, whatever its kind. Raises UnreadableDocument."""
    from ingestion import reading

    preflight(document, data)
    kind = document.kind
    file_type = document.metadata.get("file_type") or filetypes.sniff(data, document.filename)
    if kind == DocumentKind.PDF:
        return reading.read_pdf(
            data, max_pages=limit("max_pdf_pages"), max_pixels=limit("max_image_pixels")
        )
    if kind == DocumentKind.IMAGE:
        return reading.read_image(
            data, max_pages=limit("max_tiff_pages"), max_pixels=limit("max_image_pixels")
        )
    if kind == DocumentKind.SHEET:
        rows = reading.read_xlsx(data) if file_type == filetypes.XLSX else reading.read_csv(data)
        return reading.sheet_to_layout(rows)
    if kind in (DocumentKind.BODY, DocumentKind.EDI):
        from ingestion.reading.text import decode_text

        return reading.text_to_layout(decode_text(data))
    raise UnreadableDocument("not a document type Carnet reads")


def document_needs_ocr(document: Document, data: bytes) -> bool:
    try:
        return preflight(document, data).needs_ocr
    except UnreadableDocument:
        return False  # the reader will say why, on the default queue


# --- page images ---------------------------------------------------------------------------


def _page_images(document: Document, data: bytes) -> list:
    """Images of the pages as staff will see them (PIL images, upright, square pixels)."""
    from PIL import Image, ImageSequence

    if document.kind == DocumentKind.PDF:
        from ingestion.reading.render import render_pdf_pages

        return render_pdf_pages(data, PAGE_IMAGE_DPI, max_pages=limit("max_pdf_pages"))
    if document.kind != DocumentKind.IMAGE:
        return []
    previous = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = limit("max_image_pixels")
    try:
        image = Image.open(io.BytesIO(data))
        out = []
        for index, frame in enumerate(ImageSequence.Iterator(image)):
            if index >= limit("max_tiff_pages"):
                break
            page = (
                frame.convert("L")
                if frame.mode in ("1", "L", "P", "I;16")
                else frame.convert("RGB")
            )
            dpi = frame.info.get("dpi") or (0, 0)
            try:
                x_dpi, y_dpi = float(dpi[0]), float(dpi[1])
            except (TypeError, ValueError, IndexError):
                x_dpi = y_dpi = 0.0
            if x_dpi > 0 and y_dpi > 0 and abs(x_dpi - y_dpi) > 1:
                # A "normal" fax is 204 × 98 dpi: stretch it so that letters are not squashed.
                page = page.resize((page.width, round(page.height * x_dpi / y_dpi)))
            out.append(page)
        return out
    finally:
        Image.MAX_IMAGE_PIXELS = previous


def page_png(image) -> tuple[bytes, tuple[int, int]]:
    """A page image for the viewer: at most PAGE_IMAGE_MAX_WIDTH wide, as PNG bytes."""
    from PIL import Image

    if image.width > PAGE_IMAGE_MAX_WIDTH:
        ratio = PAGE_IMAGE_MAX_WIDTH / image.width
        image = image.resize(
            (PAGE_IMAGE_MAX_WIDTH, max(1, round(image.height * ratio))), Image.Resampling.LANCZOS
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=3)  # optimize=True costs 6x the time
    return buffer.getvalue(), image.size


def pages_render(document: Document, data: bytes) -> list[PageImage]:
    """Render the page images once; a second call returns the stored ones."""
    existing = list(document.pages.order_by("number"))
    if existing:
        return existing
    rows = []
    for number, image in enumerate(_page_images(document, data), start=1):
        png, (width, height) = page_png(image)
        name = f"pages/{document.tenant_id}/{document.sha256[:2]}/{document.sha256}-{number}.png"
        if not default_storage.exists(name):
            name = default_storage.save(name, ContentFile(png))
        rows.append(
            PageImage(
                tenant_id=document.tenant_id,
                document=document,
                number=number,
                image=name,
                width=width,
                height=height,
            )
        )
    with transaction.atomic():
        if document.pages.exists():  # another worker was faster
            return list(document.pages.order_by("number"))
        return PageImage.objects.bulk_create(rows)


def _with_image_names(layout_json: dict, pages: list[PageImage]) -> dict:
    names = {p.number: p.image.name for p in pages}
    for page in layout_json.get("pages", []):
        if not page.get("image_name") and page["number"] in names:
            page["image_name"] = names[page["number"]]
    return layout_json


# --- fax header ----------------------------------------------------------------------------


def is_fax(document: Document) -> bool:
    if document.kind not in (DocumentKind.PDF, DocumentKind.IMAGE):
        return False
    return (
        document.message.channel == Channel.FAX
        or document.metadata.get("file_type") == filetypes.TIFF
    )


def fax_header_read(document: Document, layout: Layout, data: bytes) -> dict[str, str]:
    """The header line of the first page: from the OCR words of its top strip, else by OCR of
    the strip alone at a larger scale (the line is printed small and often missed)."""
    fields = parse_fax_header(page_header_line(layout.pages[0])) if layout.pages else {}
    if len(fields) > 1:
        return fields
    images = _page_images(document, data)[:1] if document.kind == DocumentKind.IMAGE else []
    if document.kind == DocumentKind.PDF:
        from ingestion.reading.render import render_pdf_pages

        images = render_pdf_pages(data, 300, max_pages=1)
    if not images:
        return fields
    from ingestion.reading.ocr import ocr_page_image

    page = images[0]
    strip = page.crop((0, 0, page.width, max(1, round(page.height * 0.06))))
    strip = strip.resize((strip.width * 2, strip.height * 2))
    dpi = 2 * page.width / (8.27 if page.width < page.height * 1.2 else 11.69)
    try:
        strip_page = ocr_page_image(strip, dpi=dpi, deskew=False, orientation=False, psm=6)
    except Exception:  # the header is a nice-to-have: never fail the document for it
        logger.warning("fax header strip OCR failed for document %s", document.pk, exc_info=True)
        return fields
    line = " ".join(
        w.text for w in sorted(strip_page.words, key=lambda w: (round(w.top / 5), w.x0))
    )
    strip_fields = parse_fax_header(line)
    return strip_fields if len(strip_fields) > len(fields) else fields


# --- the steps -----------------------------------------------------------------------------


def _without_nul(value):
    """PostgreSQL refuses NUL in text and jsonb; PDFs and mail bodies do contain them."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [_without_nul(v) for v in value]
    if isinstance(value, dict):
        return {k: _without_nul(v) for k, v in value.items()}
    return value


def _fail(document_id: int, reason: str) -> Document:
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document_id)
        if document.status in TERMINAL:
            return document
        document.status = DocumentStatus.FAILED
        document.error = _without_nul(reason)[:2000]
        document.save(update_fields=["status", "error", "updated_at"])
    _message_refresh(document)
    return document


def _message_refresh(document: Document) -> None:
    from ingestion.services import message_refresh_status

    message_refresh_status(message_id=document.message_id)


def _claim(document_id: int) -> Document | None:
    """pending/reading → reading, counting attempts; None when there is nothing to read."""
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document_id)
        if document.status not in (DocumentStatus.PENDING, DocumentStatus.READING):
            return None
        if document.attempts >= MAX_ATTEMPTS:
            document.status = DocumentStatus.FAILED
            document.error = (
                f"reading stopped {document.attempts} times without finishing (worker killed?)"
            )
            document.save(update_fields=["status", "error", "updated_at"])
            return None
        document.status = DocumentStatus.READING
        document.attempts += 1
        document.save(update_fields=["status", "attempts", "updated_at"])
        return document


def document_process(*, document_id: int, route_ocr: bool = False) -> Document | str:
    """Read one document and hand it to drafting. With ``route_ocr`` a document that needs
    OCR is not read here: ``NEEDS_OCR`` is returned so that the caller queues it on ``ocr``."""
    document = Document.objects.select_related("message").get(pk=document_id)
    if document.status == DocumentStatus.READ:
        return document_draft(document_id=document_id)
    if document.status not in (DocumentStatus.PENDING, DocumentStatus.READING):
        return document
    data = document_bytes(document)
    if route_ocr and document_needs_ocr(document, data):
        return NEEDS_OCR
    claimed = _claim(document_id)
    if claimed is None:
        return Document.objects.get(pk=document_id)
    started = time.monotonic()
    try:
        with time_limit(limit("document_time_limit_s")):
            layout = read_document(claimed, data)
            meta = dict(layout.meta)
            if is_fax(claimed) and layout.pages:
                header = fax_header_read(claimed, layout, data)
                if len(header) > 1:
                    meta.update({f"fax_{k}": v for k, v in header.items()})
                    layout = replace(layout, meta=meta)
            pages = pages_render(claimed, data)
    except UnreadableDocument as unreadable:
        return _fail(document_id, unreadable.reason)
    except DocumentTimeout as timeout:
        return _fail(document_id, str(timeout))
    except MemoryError:
        return _fail(document_id, "reading needed more memory than available")
    except RecursionError:
        return _fail(document_id, "broken document (structure nested too deeply, or looping)")
    except (
        Exception
    ) as exc:  # any reader crash: the document waits for a person, the worker goes on
        logger.exception("document %s could not be read", document_id)
        return _fail(
            document_id, f"unexpected error while reading: {type(exc).__name__}: {exc}"[:500]
        )
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document_id)
        if document.status != DocumentStatus.READING:
            return document  # another worker finished it meanwhile
        document.layout = _without_nul(_with_image_names(layout.to_json(), pages))
        document.page_count = len(layout.pages)
        metadata = dict(document.metadata)
        metadata["read_seconds"] = round(time.monotonic() - started, 3)
        metadata["sources"] = sorted({str(p.source) for p in layout.pages})
        header = {k[4:]: v for k, v in layout.meta.items() if k.startswith("fax_")}
        if header:
            metadata["fax_header"] = header
        document.metadata = metadata
        document.status = DocumentStatus.READ
        document.save(update_fields=["layout", "page_count", "metadata", "status", "updated_at"])
    if header:
        _message_fax_header(document, header)
    return document_draft(document_id=document_id)


def _message_fax_header(document: Document, header: dict) -> None:
    from ingestion.models import InboundMessage

    with transaction.atomic():
        message = InboundMessage.objects.select_for_update().get(pk=document.message_id)
        if "fax_header" not in message.metadata:
            message.metadata = {**message.metadata, "fax_header": header}
            message.save(update_fields=["metadata"])


def _drafting():
    try:
        from ingestion.drafting import document_create_orders
    except ModuleNotFoundError as error:
        if error.name != "ingestion.drafting":
            raise
        return None
    return document_create_orders


def document_draft(*, document_id: int) -> Document:
    """Hand a read document to drafting, exactly once: the orders and the status move commit
    together under the document's lock."""
    blank = (
        Document.objects.filter(pk=document_id, status=DocumentStatus.READ)
        .values_list("layout", flat=True)
        .first()
    )
    if blank is not None and not any(page.get("words") for page in blank.get("pages", [])):
        # A blank page (an empty fax, a scan of nothing): nothing to order, nothing to draft.
        with transaction.atomic():
            document = Document.objects.select_for_update().get(pk=document_id)
            if document.status == DocumentStatus.READ:
                document.status = DocumentStatus.NOT_AN_ORDER
                document.metadata = {**document.metadata, "reason": "blank: no text on any page"}
                document.save(update_fields=["status", "metadata", "updated_at"])
        _message_refresh(document)
        return document
    create_orders = _drafting()
    if create_orders is None:
        logger.warning("ingestion.drafting is not installed: document %s stays read", document_id)
        return Document.objects.get(pk=document_id)
    try:
        with transaction.atomic():
            document = (
                Document.objects.select_for_update().select_related("message").get(pk=document_id)
            )
            if document.status != DocumentStatus.READ:
                return document
            orders = create_orders(document=document)
            document.refresh_from_db(fields=["status", "error"])
            if document.status == DocumentStatus.READ:
                document.status = (
                    DocumentStatus.EXTRACTED if orders else DocumentStatus.NOT_AN_ORDER
                )
                document.save(update_fields=["status", "updated_at"])
    except Exception as exc:
        logger.exception("drafting failed for document %s", document_id)
        with transaction.atomic():
            document = Document.objects.select_for_update().get(pk=document_id)
            if document.status == DocumentStatus.READ:
                document.status = DocumentStatus.FAILED
                document.error = f"extraction failed: {type(exc).__name__}: {exc}"[:500]
                document.save(update_fields=["status", "error", "updated_at"])
    _message_refresh(document)
    return document


def message_process(*, message_id: int, sync: bool = False) -> list[Document]:
    """Split a message and read each document: in this process (``sync``), or by queueing one
    task per document (after commit)."""
    from ingestion.services import message_refresh_status, message_split

    documents = message_split(message_id=message_id)
    pending = [
        d.pk for d in documents if d.status in (DocumentStatus.PENDING, DocumentStatus.READING)
    ]
    if sync:
        for document_id in pending:
            document_process(document_id=document_id)
    else:
        from ingestion.tasks import document_read

        for document_id in pending:
            document_read.delay_on_commit(document_id)
    message_refresh_status(message_id=message_id)
    return documents
