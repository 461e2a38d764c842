"""Real tesseract on fax scans: a purchase order printed, faxed at 204 × 98 dpi (CCITT G3,
1-bit), with the fax machine's header line across the top."""

from __future__ import annotations

import io
import shutil

import pytest
from PIL import Image, ImageDraw, ImageFont

from ingestion.faxheader import parse_fax_header
from ingestion.models import DocumentStatus
from ingestion.pipeline import message_process
from ingestion.services import message_store
from tests.conftest import require_service
from tests.ingestion.factories import make_email
from tests.paths import SHARED

pytestmark = pytest.mark.django_db

CONTOSO = SHARED / "corpus/contoso-po/documents/Contoso-PO-Adatum-Adel.pdf"
HEADER = "27/11/2026 14:32   FROM +33 1 23 45 67 89   ADATUM ACHATS   P. 001/001"


def fax_tiff(pdf: bytes, *, header: str = HEADER, compression: str = "group3") -> bytes:
    """The first page of ``pdf`` as a fax machine sends it: 204 × 98 dpi, 1 bit, header on top."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    page = document[0]
    image = page.render(scale=204 / 72).to_pil().convert("L")
    page.close()
    document.close()
    # 98 lines per inch vertically: half the rows of a 196 dpi "fine" fax
    image = image.resize((image.width, round(image.height * 98 / 204)))
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.truetype("DejaVuSansMono.ttf", 24)
    except OSError:
        font = ImageFont.load_default(size=24)
    draw.rectangle((0, 0, image.width, 26), fill=255)
    # the header is printed at the fax's own resolution: squashed vertically like the page
    strip = Image.new("L", (image.width, 52), 255)
    ImageDraw.Draw(strip).text((20, 8), header, fill=0, font=font)
    image.paste(strip.resize((image.width, 26)), (0, 0))
    bilevel = image.point(lambda v: 255 if v > 160 else 0).convert("1")
    buffer = io.BytesIO()
    bilevel.save(buffer, format="TIFF", compression=compression, dpi=(204, 98))
    return buffer.getvalue()


@pytest.fixture
def tesseract():
    require_service(shutil.which("tesseract") is not None, "tesseract")


def test_the_fax_header_line_is_parsed():
    assert parse_fax_header(HEADER) == {
        "line": "27/11/2026 14:32 FROM +33 1 23 45 67 89 ADATUM ACHATS P. 001/001",
        "page": "1",
        "pages": "1",
        "date": "2026-11-27",
        "time": "14:32",
        "sender_number": "+33123456789",
    }


@pytest.mark.skipif(not CONTOSO.exists(), reason="shared corpus not present")
@pytest.mark.parametrize("compression", ["group3", "group4"])
def test_a_faxed_order_is_read_by_tesseract_with_its_header(tenant, tesseract, compression):
    tiff = fax_tiff(CONTOSO.read_bytes(), compression=compression)
    raw = make_email(
        subject="Fax from +33123456789",
        sender="fax@faxprovider.example",
        body="You have received a fax of 1 page.",
        attachments=[("fax-0001.tif", "image/tiff", tiff)],
    )
    message = message_store(tenant=tenant, channel="fax", raw=raw, queue=False)
    message_process(message_id=message.pk, sync=True)
    document = message.documents.get(filename="fax-0001.tif")
    assert document.status in (DocumentStatus.EXTRACTED, DocumentStatus.NOT_AN_ORDER)
    page = document.layout["pages"][0]
    assert page["source"] == "ocr"
    words = [w[0] for w in page["words"]]
    assert "190122" in words  # the PO number of this document (truth file)
    header = document.metadata["fax_header"]
    assert (header["sender_number"], header["date"], header["page"], header["pages"]) == (
        "+33123456789",
        "2026-11-27",
        "1",
        "1",
    )
    message.refresh_from_db()
    assert message.metadata["fax_header"]["sender_number"] == "+33123456789"
    assert document.pages.count() == 1
