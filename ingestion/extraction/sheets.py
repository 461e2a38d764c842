"""Spreadsheet orders (CSV/XLSX): one word per cell, so every cell is a segment of its own.

Key/value rows above the table ("Bestellnummer | 749340", "Lieferanschrift | Name, Street,
12345 City") are read by the same label rules as documents (the value in the next cell), and the
item table by the same table rules (a header row of column titles, one row per item).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ingestion.extraction.extract import extract_from_layout
from ingestion.extraction.model import ExtractedOrder
from ingestion.reading.text import sheet_to_layout


def extract_from_sheet(
    rows: Sequence[Sequence[object]],
    *,
    hints: dict | None = None,
    locale: str = "en",
    sent_date: dt.date | None = None,
    sender_email: str | None = None,
) -> ExtractedOrder:
    """Extract an order from spreadsheet rows (CSV/XLSX, see ``ingestion.reading``)."""
    layout = sheet_to_layout(rows)
    return extract_from_layout(
        layout, hints=hints, locale=locale, sent_date=sent_date, sender_email=sender_email
    )
