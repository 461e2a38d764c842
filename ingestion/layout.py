"""The one text model every reader produces and every extractor reads.

A ``Layout`` is the words of each page with their boxes, whatever the source:
pdfplumber for PDFs that carry text, tesseract for scans and images, plain text
for email bodies (one pseudo-page, one word per token, lines as rows). Coordinates
are in PDF points (1/72 inch) from the top-left corner of the page, so that a
fax at 98 dpi and a digital PDF are measured alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class TextSource(StrEnum):
    PDF_TEXT = "pdf_text"  # words read from the PDF's own text layer
    OCR = "ocr"  # words recognised by tesseract on a page image
    PLAIN = "plain"  # an email body or another text without geometry
    SHEET = "sheet"  # a CSV/XLSX sheet: one word per cell, rows as lines


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float = 1.0  # 0..1; OCR words carry tesseract's confidence

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class Line:
    """A horizontal rectangle or ruling line drawn on the page (table borders)."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True, slots=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    words: tuple[Word, ...]
    source: TextSource
    rulings: tuple[Line, ...] = ()
    rotation: int = 0  # degrees the reader turned the page to read it upright
    image_name: str = ""  # storage name of the rendered page image, if kept


@dataclass(frozen=True, slots=True)
class Layout:
    pages: tuple[Page, ...]
    meta: dict[str, str] = field(default_factory=dict)  # e.g. fax header fields

    @property
    def text(self) -> str:
        from ingestion.reading.text import layout_to_text

        return layout_to_text(self)

    def to_json(self) -> dict:
        return {
            "meta": dict(self.meta),
            "pages": [
                {
                    "number": p.number,
                    "width": p.width,
                    "height": p.height,
                    "source": str(p.source),
                    "rotation": p.rotation,
                    "image_name": p.image_name,
                    "words": [
                        [
                            w.text,
                            round(w.x0, 2),
                            round(w.top, 2),
                            round(w.x1, 2),
                            round(w.bottom, 2),
                            round(w.confidence, 3),
                        ]
                        for w in p.words
                    ],
                    "rulings": [[r.x0, r.top, r.x1, r.bottom] for r in p.rulings],
                }
                for p in self.pages
            ],
        }

    @classmethod
    def from_json(cls, data: dict) -> Layout:
        return cls(
            pages=tuple(
                Page(
                    number=p["number"],
                    width=p["width"],
                    height=p["height"],
                    source=TextSource(p["source"]),
                    rotation=p.get("rotation", 0),
                    image_name=p.get("image_name", ""),
                    words=tuple(Word(*w) for w in p["words"]),
                    rulings=tuple(Line(*r) for r in p.get("rulings", [])),
                )
                for p in data["pages"]
            ),
            meta=dict(data.get("meta", {})),
        )
