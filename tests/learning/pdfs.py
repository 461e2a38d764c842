"""A customer's purchase order as a one-page PDF, drawn with reportlab (always the same layout)."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas


def purchase_order_pdf(
    *,
    po_label: str = "PO Number:",
    po_number: str,
    order_date: str,
    lines: list[tuple[str, str, str, str, str]],
    total: str,
    buyer: tuple[str, ...] = ("Dupont Industries SARL", "12 rue des Lilas", "69003 Lyon", "France"),
    po_position: str = "label",
    quote: str = "Q-2026-118",
    ship_to: tuple[str, ...] = (),
) -> bytes:
    """``lines``: (customer part number, description, quantity, unit price, amount).

    ``po_position="odd"`` prints the quote it answers first and the PO number under a label
    nobody uses for it (``po_label``, e.g. "Vorgang:"): a layout a first reading gets wrong.
    """
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    width, height = A4
    y = height - 60
    pdf.setFont("Helvetica-Bold", 13)
    pdf.drawString(50, y, buyer[0])
    pdf.setFont("Helvetica", 10)
    for i, text in enumerate(buyer[1:], start=1):
        pdf.drawString(50, y - 14 * i, text)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(330, y, "PURCHASE ORDER")
    pdf.setFont("Helvetica", 10)
    if po_position == "label":
        pdf.drawString(330, y - 24, po_label)
        pdf.drawString(430, y - 24, po_number)
    else:
        pdf.drawString(330, y - 24, "Quote ref.:")
        pdf.drawString(430, y - 24, quote)
        pdf.drawString(330, y - 52, po_label)
        pdf.drawString(430, y - 52, po_number)
    pdf.drawString(330, y - 38, "Order date:")
    pdf.drawString(430, y - 38, order_date)
    if ship_to:
        pdf.setFont("Helvetica-Bold", 10)
        pdf.drawString(50, height - 130, "Ship to:")
        pdf.setFont("Helvetica", 10)
        for i, text in enumerate(ship_to, start=1):
            pdf.drawString(50, height - 130 - 13 * i, text)
    y = height - 230 if ship_to else height - 200
    headers = [
        ("Pos.", 50),
        ("Part No.", 80),
        ("Description", 160),
        ("Qty", 350),
        ("Unit price", 400),
        ("Amount", 480),
    ]
    pdf.setFont("Helvetica-Bold", 10)
    for text, x in headers:
        pdf.drawString(x, y, text)
    pdf.line(50, y - 4, 545, y - 4)
    pdf.setFont("Helvetica", 10)
    for n, (part, description, quantity, price, amount) in enumerate(lines, start=1):
        y -= 18
        pdf.drawString(50, y, str(n))
        pdf.drawString(80, y, part)
        pdf.drawString(160, y, description)
        pdf.drawRightString(380, y, quantity)
        pdf.drawRightString(450, y, price)
        pdf.drawRightString(530, y, amount)
    y -= 30
    pdf.setFont("Helvetica-Bold", 10)
    pdf.drawString(400, y, "Total net:")
    pdf.drawRightString(530, y, total)
    pdf.showPage()
    pdf.save()
    return out.getvalue()
