"""PDF → Layout: the text layer through pdfplumber, scanned pages through OCR, page by page."""

from __future__ import annotations

import io
import logging
import re

from ingestion.layout import Layout, Line, Page, TextSource, Word
from ingestion.reading.errors import UnreadableDocument

logger = logging.getLogger(__name__)

MAX_PAGES = 50
MAX_PIXELS = 40_000_000  # per rendered page
OCR_DPI = 300
MAX_RULINGS = (
    4000  # a page drawn with tens of thousands of vector strokes is a drawing, not a table
)

_GARBAGE = re.compile(r"\(cid:\d+\)|\ufffd")


def _open(data: bytes, password: str | None):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    if not data.lstrip()[:1024].find(b"%PDF") >= 0:
        raise UnreadableDocument("not a PDF file")
    try:
        pdf = pdfplumber.open(io.BytesIO(data), password=password or "")
        _ = pdf.pages  # forces parsing of the page tree
    except PDFPasswordIncorrect:
        raise UnreadableDocument("encrypted PDF (password protected)")
    except PDFEncryptionError as exc:
        raise UnreadableDocument(f"encrypted PDF ({exc})")
    except PDFSyntaxError as exc:
        raise UnreadableDocument(f"broken PDF ({exc})")
    except Exception as exc:  # pdfminer raises a zoo of exceptions on damaged files
        causes = [exc, exc.__cause__, exc.__context__, *getattr(exc, "args", ())]
        if any(isinstance(c, PDFPasswordIncorrect) for c in causes):
            raise UnreadableDocument("encrypted PDF (password protected)")
        if any(isinstance(c, PDFEncryptionError) for c in causes):
            raise UnreadableDocument("encrypted PDF (unsupported encryption)")
        raise UnreadableDocument(f"broken PDF ({type(exc).__name__}: {exc})"[:200])
    return pdf


def _text_words(page) -> list[Word]:
    raw = page.extract_words(
        x_tolerance=2,
        y_tolerance=2.5,
        keep_blank_chars=False,
        use_text_flow=False,
        extra_attrs=["upright"],
    )
    words = []
    for w in raw:
        text = w["text"].strip()
        if not text or not w.get("upright", True):
            continue
        words.append(
            Word(
                text=text,
                x0=float(w["x0"]),
                top=float(w["top"]),
                x1=float(w["x1"]),
                bottom=float(w["bottom"]),
            )
        )
    return words


def _rulings(page) -> list[Line]:
    out = []
    for obj in list(page.lines) + list(page.rects):
        out.append(
            Line(
                x0=float(obj["x0"]),
                top=float(obj["top"]),
                x1=float(obj["x1"]),
                bottom=float(obj["bottom"]),
            )
        )
        if len(out) >= MAX_RULINGS:
            break
    return out


def _needs_ocr(page, words: list[Word]) -> bool:
    if not words:
        return True
    garbage = sum(1 for w in words if _GARBAGE.search(w.text))
    if garbage > 0.3 * len(words):
        return True
    chars = sum(len(w.text) for w in words)
    # a scanner's cover stamp or a page number on an otherwise scanned page
    return chars < 20 and bool(page.images)


def read_pdf(
    data: bytes,
    *,
    max_pages: int = MAX_PAGES,
    max_pixels: int = MAX_PIXELS,
    ocr_dpi: int = OCR_DPI,
    ocr: bool = True,
    password: str | None = None,
    lang: str | None = None,
) -> Layout:
    """Read a PDF into a Layout.

    Pages with a usable text layer keep pdfplumber's words and their ruling lines/rects; pages
    without one (scans, or a text layer of unmapped glyphs) are rendered at ``ocr_dpi`` (lowered
    to stay under ``max_pixels``) and OCRed. Raises :class:`UnreadableDocument` for encrypted,
    broken or too long (``max_pages``) files.
    """
    pdf = _open(data, password)
    try:
        count = len(pdf.pages)
        if count == 0:
            raise UnreadableDocument("PDF has no pages")
        if count > max_pages:
            raise UnreadableDocument(f"PDF has {count} pages, more than the limit of {max_pages}")
        pages: list[Page] = []
        ocr_numbers: list[int] = []
        for index, page in enumerate(pdf.pages):
            try:
                words = _text_words(page)
                rulings = _rulings(page)
                width, height = float(page.width), float(page.height)
            except Exception as exc:
                logger.warning("pdf page %s text layer unreadable: %s", index + 1, exc)
                words, rulings, width, height = [], [], float(page.width), float(page.height)
            if ocr and _needs_ocr(page, words):
                ocr_numbers.append(index)
                pages.append(
                    Page(
                        number=index + 1,
                        width=width,
                        height=height,
                        words=(),
                        source=TextSource.OCR,
                    )
                )
            else:
                pages.append(
                    Page(
                        number=index + 1,
                        width=width,
                        height=height,
                        words=tuple(words),
                        source=TextSource.PDF_TEXT,
                        rulings=tuple(rulings),
                    )
                )
    finally:
        pdf.close()
    if ocr_numbers:
        pages = _ocr_pages(
            data,
            pages,
            ocr_numbers,
            dpi=ocr_dpi,
            max_pixels=max_pixels,
            password=password,
            lang=lang,
        )
    return Layout(pages=tuple(pages))


def _ocr_pages(data, pages, numbers, *, dpi, max_pixels, password, lang) -> list[Page]:
    import pypdfium2

    from ingestion.reading.faxclean import scan_image
    from ingestion.reading.ocr import DEFAULT_LANG, ocr_page_image

    try:
        document = pypdfium2.PdfDocument(data, password=password)
    except Exception as exc:
        raise UnreadableDocument(f"PDF cannot be rendered ({exc})"[:200])
    try:
        out = list(pages)
        for index in numbers:
            page = document[index]
            width, height = page.get_size()
            scale = dpi / 72
            if width * height * scale * scale > max_pixels:
                scale = (max_pixels / (width * height)) ** 0.5
            image, page_dpi = scan_image(page) or (
                page.render(scale=scale, grayscale=True).to_pil(),
                scale * 72,
            )
            page.close()
            ocr_page = ocr_page_image(
                image,
                number=index + 1,
                dpi=page_dpi,
                lang=lang or DEFAULT_LANG,
                max_pixels=max_pixels,
            )
            out[index] = ocr_page
        return out
    finally:
        document.close()
