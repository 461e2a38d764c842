"""Documents generated for tests: small order PDFs, images, spreadsheets."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas


def order_pdf(po_number: str = "4500012345", lines: int = 2, pages: int = 1, **encrypt) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True, **encrypt)
    for page in range(pages):
        pdf.setFont("Helvetica", 11)
        pdf.drawString(50, 800, f"PURCHASE ORDER {po_number}")
        pdf.drawString(50, 780, "Order date: 2026-11-27    Page " + str(page + 1))
        for index in range(lines):
            pdf.drawString(
                50, 740 - 18 * index, f"{index + 1}  GT-6MM-BK  Gaffer tape 6mm black  12  EA  3.45"
            )
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def text_image(
    text: str, size=(1700, 2200), mode: str = "L", fmt: str = "PNG", dpi=(200, 200), **save
) -> bytes:
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 42)
    except OSError:
        font = ImageFont.load_default(size=42)
    y = 120
    for line in text.split("\n"):
        draw.text((120, y), line, fill=0, font=font)
        y += 70
    if mode != "L":
        image = image.convert(mode)
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, dpi=dpi, **save)
    return buffer.getvalue()
