import io

import pypdfium2
import pytest
from PIL import Image

from ingestion.extraction import extract_from_layout
from ingestion.layout import TextSource
from ingestion.reading import UnreadableDocument, read_image, read_pdf
from ingestion.reading.ocr import estimate_skew
from tests.extraction.docs import pdf, table
from tests.paths import SHARED

BLANK_FAX = str(
    SHARED / "corpus/fax-tiff/src__test__resources__data__images__tiff__3__1pagefax.tif"
)


def _order_pdf() -> bytes:
    return pdf(
        [
            [
                (40, 40, "PURCHASE ORDER"),
                (300, 40, "PO Number: 4500012345"),
                (300, 56, "Order date: 27/11/2026"),
                *table(
                    [40, 120, 330, 400, 480],
                    120,
                    [
                        ["Item", "Description", "Qty", "Unit price", "Amount"],
                        ["A-778", "Heat shrink sleeve", "12", "3.45", "41.40"],
                    ],
                ),
            ]
        ],
        font_size=11,
    )


def _fax(pdf_bytes: bytes, *, angle: float = 0.0, upside_down: bool = False) -> bytes:
    """Render like a 'normal' fax: 204x98 dpi, 1 bit, CCITT G3, a little skewed."""
    page = pypdfium2.PdfDocument(pdf_bytes)[0]
    image = page.render(scale=204 / 72, grayscale=True).to_pil()
    image = image.crop((0, 0, image.width, image.height // 3))
    image = image.resize((image.width, round(image.height * 98 / 204)), Image.Resampling.BOX)
    if angle:
        image = image.rotate(angle, fillcolor=255)
    if upside_down:
        image = image.rotate(180)
    image = image.point(lambda v: 255 if v > 160 else 0).convert("1")
    buffer = io.BytesIO()
    image.save(buffer, format="TIFF", compression="group3", dpi=(204, 98))
    return buffer.getvalue()


def test_a_blank_fax_page_gives_an_empty_page():
    with open(BLANK_FAX, "rb") as fh:
        layout = read_image(fh.read())
    (page,) = layout.pages
    assert (page.words, page.source) == ((), TextSource.OCR)
    assert extract_from_layout(layout).is_order is False


@pytest.mark.slow
def test_a_skewed_low_resolution_fax_is_read_in_pdf_points():
    layout = read_image(_fax(_order_pdf(), angle=1.2))
    (page,) = layout.pages
    # 204x98 dpi squared and converted to points; deskewing widens the page a little
    assert 595 <= page.width < 612
    order = extract_from_layout(layout)
    assert order.po_number.value == "4500012345"
    assert [(ln.customer_sku, str(ln.quantity), str(ln.unit_price)) for ln in order.lines] == [
        ("A-778", "12", "3.45")
    ]


@pytest.mark.slow
def test_an_upside_down_fax_is_turned():
    layout = read_image(_fax(_order_pdf(), upside_down=True))
    assert layout.pages[0].rotation == 180
    assert extract_from_layout(layout).po_number.value == "4500012345"


@pytest.mark.slow
def test_a_scanned_pdf_page_is_ocred():
    image = Image.open(io.BytesIO(_fax(_order_pdf()))).convert("L")
    buffer = io.BytesIO()
    image.save(buffer, format="PDF", resolution=150)
    layout = read_pdf(buffer.getvalue())
    assert layout.pages[0].source == TextSource.OCR
    assert extract_from_layout(layout).po_number.value == "4500012345"


def test_skew_is_estimated_from_the_text_lines():
    image = Image.new("L", (800, 600), 255)
    for y in range(100, 500, 40):
        image.paste(0, (100, y, 700, y + 8))
    assert estimate_skew(image.rotate(2.0, fillcolor=255)) == -2.0


def test_images_over_the_pixel_limit_and_junk_are_unreadable():
    buffer = io.BytesIO()
    Image.new("1", (3000, 3000), 1).save(buffer, format="PNG")
    with pytest.raises(UnreadableDocument, match="larger than the limit"):
        read_image(buffer.getvalue(), max_pixels=1_000_000)
    with pytest.raises(UnreadableDocument, match="not a readable image"):
        read_image(b"not an image")


def test_a_code_read_with_little_confidence_is_read_again_on_its_own():
    """A fax's "CMD909072" came out of the page's block as "CMDoooo72" at 28 %: out of the
    block, on its own, tesseract reads it right, and the surer reading replaces the first."""
    from PIL import ImageDraw

    from ingestion.layout import Word
    from ingestion.reading.ocr import _tesseract_words
    from ingestion.reading.reocr import reread

    image = Image.new("L", (1400, 420), 255)
    draw = ImageDraw.Draw(image)
    rows = [
        "Bestellung Nummer CMD909072 vom Montag",
        "Lieferanschrift Zentrallager Hamburg Billstrasse",
        "Warenannahme Montag bis Freitag morgens",
    ]
    for i, row in enumerate(rows):
        draw.text((40, 40 + 120 * i), row, fill=0, font_size=40)
    words = _tesseract_words(image, lang="eng", psm=6, scale=0.5)
    assert any(w.text == "CMD909072" for w in words), [w.text for w in words]
    misread = [
        Word("CMDoooo72", w.x0, w.top, w.x1, w.bottom, confidence=0.28)
        if w.text == "CMD909072"
        else w
        for w in words
    ]

    again = reread(
        image,
        misread,
        read=lambda im: _tesseract_words(im, lang="eng", psm=6, scale=1.0),
        scale=0.5,
    )

    texts = [w.text for w in again]
    assert "CMD909072" in texts
    assert "CMDoooo72" not in texts
    assert sorted(texts) == sorted(w.text for w in words)
