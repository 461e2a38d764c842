"""Readers: turn PDFs, images, email bodies and spreadsheets into a :class:`~ingestion.layout.Layout`.

- :func:`read_pdf` (digital PDFs, scanned PDFs via OCR, mixed PDFs page by page)
- :func:`read_image` (TIFF incl. multi-page CCITT G3/G4 faxes, PNG, JPEG)
- :func:`text_to_layout`, :func:`sheet_to_layout`, :func:`read_csv`, :func:`read_xlsx`
- :func:`render_pdf_pages` for the order-desk viewer

All of them raise :class:`UnreadableDocument` with a reason on input they cannot read.
"""

from ingestion.reading.errors import UnreadableDocument
from ingestion.reading.ocr import ocr_page_image, read_image
from ingestion.reading.pdf import read_pdf
from ingestion.reading.render import render_pdf_pages, render_pdf_pages_png
from ingestion.reading.text import (
    layout_to_text,
    read_csv,
    read_xlsx,
    sheet_to_layout,
    text_to_layout,
)

__all__ = [
    "UnreadableDocument",
    "layout_to_text",
    "ocr_page_image",
    "read_csv",
    "read_image",
    "read_pdf",
    "read_xlsx",
    "render_pdf_pages",
    "render_pdf_pages_png",
    "sheet_to_layout",
    "text_to_layout",
]
