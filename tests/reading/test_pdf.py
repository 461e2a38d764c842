import io

import pytest
from reportlab.pdfgen import canvas

from ingestion.layout import TextSource
from ingestion.reading import UnreadableDocument, read_pdf, render_pdf_pages, render_pdf_pages_png
from tests.paths import SHARED

CONTOSO = str(SHARED / "corpus/contoso-po/documents/Contoso-PO-Adatum-Adel.pdf")


def _pdf(pages: int = 1, *, encrypt: str | None = None) -> bytes:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, encrypt=encrypt)
    for n in range(pages):
        c.drawString(72, 720, f"Page {n + 1} PO 4711")
        c.showPage()
    c.save()
    return buffer.getvalue()


def test_read_pdf_gives_words_in_points_and_ruling_lines():
    with open(CONTOSO, "rb") as fh:
        layout = read_pdf(fh.read())
    (page,) = layout.pages
    assert (page.width, page.height, page.source) == (612.0, 792.0, TextSource.PDF_TEXT)
    words = {w.text for w in page.words}
    assert {"190122", "7/27/2019", "MM4-4010", "5,518.00", "SUBTOTAL"} <= words
    assert len(page.rulings) == 457


def test_read_pdf_limits_pages():
    assert len(read_pdf(_pdf(3), max_pages=3).pages) == 3
    with pytest.raises(UnreadableDocument, match="PDF has 3 pages, more than the limit of 2"):
        read_pdf(_pdf(3), max_pages=2)


def test_encrypted_and_broken_pdfs_are_unreadable():
    with pytest.raises(UnreadableDocument, match="encrypted PDF"):
        read_pdf(_pdf(encrypt="secret"))
    with pytest.raises(UnreadableDocument, match="broken PDF"):
        read_pdf(b"%PDF-1.4\n" + b"garbage" * 10)
    with pytest.raises(UnreadableDocument, match="not a PDF file"):
        read_pdf(b"hello")


def test_render_pages_for_the_viewer():
    images = render_pdf_pages(_pdf(2), 72)
    assert [im.size for im in images] == [(596, 842), (596, 842)]
    assert render_pdf_pages_png(_pdf(1), 36)[0][:8] == b"\x89PNG\r\n\x1a\n"
