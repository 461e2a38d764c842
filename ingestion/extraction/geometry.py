"""Lines and segments of a layout, the units every extractor works on.

A :class:`TextLine` is the words of one visual line; its ``text`` joins them with single spaces
and ``norm`` is the same text lower-cased and accent-folded *character by character*, so that
offsets found by a regex on ``norm`` are offsets in ``text`` too. A line is cut into segments
where the gap between two words is wide (a column gap); a spreadsheet cell is always its own
segment.
"""

from __future__ import annotations

import statistics
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from ingestion.layout import Layout, Page, TextSource, Word
from ingestion.reading.text import group_lines


@lru_cache(maxsize=4096)
def fold_char(c: str) -> str:
    decomposed = unicodedata.normalize("NFKD", c)
    base = [ch for ch in decomposed if not unicodedata.combining(ch)]
    out = (base[0] if len(base) == 1 else c).lower()
    if c in "’‘`´":
        return "'"
    if c in "–—‐‑−":
        return "-"
    return out if len(out) == 1 else c


def fold(text: str) -> str:
    """Lower-case, accent-free, same length as ``text``."""
    return "".join(fold_char(c) for c in text)


@dataclass(eq=False)
class TextLine:
    page: int  # 1-based page number
    index: int  # position in the document's list of lines
    words: list[Word]
    source: TextSource
    text: str = ""
    norm: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)  # char span of each word in text
    segments: list[tuple[int, int]] = field(default_factory=list)  # word index ranges [i, j)
    top: float = 0.0
    bottom: float = 0.0
    x0: float = 0.0
    x1: float = 0.0

    def __post_init__(self) -> None:
        parts, spans, pos = [], [], 0
        for w in self.words:
            spans.append((pos, pos + len(w.text)))
            parts.append(w.text)
            pos += len(w.text) + 1
        self.text = " ".join(parts)
        self.norm = fold(self.text)
        self.spans = spans
        self.top = min(w.top for w in self.words)
        self.bottom = max(w.bottom for w in self.words)
        self.x0 = min(w.x0 for w in self.words)
        self.x1 = max(w.x1 for w in self.words)
        self.segments = self._segments()

    @property
    def height(self) -> float:
        return statistics.median([w.bottom - w.top for w in self.words])

    @property
    def yc(self) -> float:
        return (self.top + self.bottom) / 2

    def char_width(self) -> float:
        widths = [(w.x1 - w.x0) / len(w.text) for w in self.words if w.text and w.x1 > w.x0]
        return statistics.median(widths) if widths else 5.0

    def gap_threshold(self) -> float:
        return 1.5 * self.char_width() if self.source != TextSource.PLAIN else 9.0

    def _segments(self) -> list[tuple[int, int]]:
        if self.source == TextSource.SHEET:
            return [(i, i + 1) for i in range(len(self.words))]
        threshold = self.gap_threshold()
        out, start = [], 0
        # a word ending in a stop or a comma: the mark's ink is narrower than its place in a
        # typewriter's line ("Deliv. date" on a faxed printout)
        mark = 0.6 * self.char_width() if self.source != TextSource.PLAIN else 0.0
        for i in range(1, len(self.words)):
            allowance = mark if self.words[i - 1].text[-1:] in ".," else 0.0
            if self.words[i].x0 - self.words[i - 1].x1 > threshold + allowance:
                out.append((start, i))
                start = i
        out.append((start, len(self.words)))
        return out

    def segment_of(self, word_index: int) -> tuple[int, int]:
        for seg in self.segments:
            if seg[0] <= word_index < seg[1]:
                return seg
        return (word_index, word_index + 1)

    def word_at(self, char_offset: int) -> int:
        """Index of the word containing (or starting after) ``char_offset``."""
        for i, (_start, end) in enumerate(self.spans):
            if char_offset < end:
                return i
        return len(self.words)

    def text_of(self, i: int, j: int) -> str:
        return " ".join(w.text for w in self.words[i:j])

    def bbox(self, i: int = 0, j: int | None = None) -> list[float]:
        ws = self.words[i:j]
        if not ws:
            return [self.x0, self.top, self.x1, self.bottom]
        return [
            round(min(w.x0 for w in ws), 2),
            round(min(w.top for w in ws), 2),
            round(max(w.x1 for w in ws), 2),
            round(max(w.bottom for w in ws), 2),
        ]

    def source_ref(self, i: int = 0, j: int | None = None) -> dict:
        return {"page": self.page, "bbox": self.bbox(i, j), "line": self.index}


def page_lines(page: Page, start_index: int = 0) -> list[TextLine]:
    lines = []
    for words in group_lines(page.words):
        lines.append(
            TextLine(
                page=page.number, index=start_index + len(lines), words=words, source=page.source
            )
        )
    return lines


def document_lines(layout: Layout) -> list[TextLine]:
    out: list[TextLine] = []
    for page in layout.pages:
        out.extend(page_lines(page, len(out)))
    return out


def x_overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))
