"""Page images of a PDF for the order-desk viewer."""

from __future__ import annotations

import io

from PIL import Image

from ingestion.reading.errors import UnreadableDocument

MAX_PIXELS = 20_000_000


def render_pdf_pages(
    data: bytes, dpi: float = 110, *, max_pages: int = 50, max_pixels: int = MAX_PIXELS
) -> list[Image.Image]:
    """Render each page (up to ``max_pages``) as an RGB image at ``dpi`` (lowered per page to stay
    under ``max_pixels``)."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except Exception as exc:
        raise UnreadableDocument(f"PDF cannot be rendered ({exc})"[:200])
    try:
        images = []
        for index in range(min(len(document), max_pages)):
            page = document[index]
            width, height = page.get_size()
            scale = dpi / 72
            if width * height * scale * scale > max_pixels:
                scale = (max_pixels / (width * height)) ** 0.5
            images.append(page.render(scale=scale).to_pil().convert("RGB"))
            page.close()
        return images
    finally:
        document.close()


def render_pdf_pages_png(data: bytes, dpi: float = 110, **kwargs) -> list[bytes]:
    """Same as :func:`render_pdf_pages`, each page encoded as PNG bytes."""
    out = []
    for image in render_pdf_pages(data, dpi, **kwargs):
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=True)
        out.append(buffer.getvalue())
    return out


def image_to_png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
