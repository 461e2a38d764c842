"""Small documents drawn for tests: text placed at exact positions on a PDF page."""

from __future__ import annotations

import io
from dataclasses import replace

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas


def pdf(
    pages: list[list[tuple[float, float, str]]], *, font_size: float = 9, rules: list[tuple] = ()
) -> bytes:
    """One PDF page per list of (x, y-from-top, text); ``rules`` are (x0, y0, x1, y1) lines on page 1."""
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    width, height = A4
    for n, items in enumerate(pages):
        c.setFont("Helvetica", font_size)
        for x, y, text in items:
            c.drawString(x, height - y, text)
        if n == 0:
            for x0, y0, x1, y1 in rules:
                c.line(x0, height - y0, x1, height - y1)
        c.showPage()
    c.save()
    return buffer.getvalue()


def table(
    x_positions: list[float], top: float, rows: list[list[str]], *, pitch: float = 14
) -> list[tuple[float, float, str]]:
    """Cells of a table, one row per ``pitch`` points, column k at ``x_positions[k]``."""
    out = []
    for r, row in enumerate(rows):
        for x, cell in zip(x_positions, row, strict=False):
            if cell:
                out.append((x, top + r * pitch, cell))
    return out


def as_scan(layout, confidence: float = 0.93):
    """The same words as if OCR had read them from a fax."""
    from ingestion.layout import TextSource

    pages = tuple(
        replace(
            page,
            source=TextSource.OCR,
            words=tuple(replace(w, confidence=confidence) for w in page.words),
        )
        for page in layout.pages
    )
    return replace(layout, pages=pages)


def scanned_page(page, *, confidence=0.9, unsure=(), unsure_confidence=0.3, font_size=9):
    """One page drawn (``pdf``) and read as a fax scan; words in ``unsure`` read with little
    confidence."""
    from ingestion.reading import read_pdf

    scan = as_scan(read_pdf(pdf([page], font_size=font_size)), confidence=confidence)
    pages = tuple(
        replace(
            p,
            words=tuple(
                replace(w, confidence=unsure_confidence) if w.text in unsure else w for w in p.words
            ),
        )
        for p in scan.pages
    )
    return replace(scan, pages=pages)
