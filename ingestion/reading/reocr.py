"""A second look, by tesseract, at the few places of a page its line finding got wrong.

Tesseract reads a page as one block of text lines (``--psm 6``: tables come out row by row).
Where two columns of different line pitch sit side by side (a letterhead beside a block of
"Date / Delivery date / Contact" fields), it can fit one text line across two rows: the words
come out twice as tall as the page's text, doubled ("Cont" + "ontact") or cut ("Dat",
"e102"). Those places are cropped to their own column (up to a white gutter on each side)
and read again as a block of their own, all in one more tesseract call; the new words
replace the old ones when tesseract is surer of them.

Numbers and codes tesseract was unsure of (a fax's "CMD909072" read "CMDoooo72" at 28 %) are
read again the same way: on their own, out of the page's block, the line finder no longer
bends them into the next row and tesseract reads most of them right.
"""

from __future__ import annotations

import statistics

import numpy as np
from PIL import Image

from ingestion.layout import Word

TALL = 1.7  # a word this many times the page's median word height spans two rows
NARROW = 0.5  # letter width / word height of a tall word made of normal-size letters
GUTTER = 2.0  # a white gap of this many word heights separates two columns
UNSURE = 0.6  # a word with digits read with less confidence than this is read again
MAX_REGIONS = 12


def _overlap(a: Word, b: Word) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.bottom, b.bottom) - max(a.top, b.top)
    if w <= 0 or h <= 0:
        return 0.0
    smaller = min((a.x1 - a.x0) * (a.bottom - a.top), (b.x1 - b.x0) * (b.bottom - b.top))
    return w * h / smaller if smaller > 0 else 0.0


def suspicious_words(words: list[Word]) -> list[Word]:
    """Words spanning two text rows, words that overlap another word (read twice), and
    numbers or codes read with little confidence."""
    heights = [w.bottom - w.top for w in words if len(w.text) >= 3]
    if len(heights) < 10:
        return []
    median = statistics.median(heights)
    out = [
        w
        for w in words
        if w.bottom - w.top > TALL * median  # tall, yet with narrow letters: not a title
        and (w.x1 - w.x0) / max(1, len(w.text)) < NARROW * (w.bottom - w.top)
        or w.confidence < UNSURE
        and len(w.text) >= 3
        and any(c.isdigit() for c in w.text)
    ]
    ordered = sorted(words, key=lambda w: w.x0)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b.x0 >= a.x1:
                break
            if _overlap(a, b) > 0.5:
                out.extend((a, b))
    return out


def _regions(image: Image.Image, words: list[Word], bad: list[Word], scale: float):
    """Pixel boxes (x0, y0, x1, y1) around the suspicious words, each within its column."""
    heights = [w.bottom - w.top for w in words if len(w.text) >= 3]
    median_px = statistics.median(heights) / scale
    ink = np.asarray(image) < 128
    h, w = ink.shape
    boxes: list[list[int]] = []
    for word in bad:
        y0 = max(0, int(word.top / scale - 0.6 * median_px))
        y1 = min(h, int(word.bottom / scale + 0.6 * median_px))
        x0, x1 = int(word.x0 / scale), int(word.x1 / scale)
        columns = ink[y0:y1].any(axis=0)
        gutter = max(4, int(GUTTER * median_px))
        left = x0
        white = 0
        while left > 0 and white < gutter:
            left -= 1
            white = white + 1 if not columns[left] else 0
        right = x1
        white = 0
        while right < w - 1 and white < gutter:
            right += 1
            white = white + 1 if not columns[right] else 0
        box = [max(0, left), y0, min(w, right), y1]
        for other in boxes:
            if box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]:
                other[:] = [min(box[0], other[0]), min(box[1], other[1]),
                            max(box[2], other[2]), max(box[3], other[3])]  # fmt: skip
                break
        else:
            boxes.append(box)
    return boxes[:MAX_REGIONS]


def reread(image: Image.Image, words: list[Word], *, read, scale: float) -> list[Word]:
    """``words`` with the suspicious places read again; ``read(image) -> words in pixels``
    (scale 1) is the page's own tesseract call."""
    bad = suspicious_words(words)
    if not bad:
        return words
    boxes = _regions(image, words, bad, scale)
    if not boxes:
        return words
    pad = 20
    width = max(b[2] - b[0] for b in boxes) + 2 * pad
    height = sum(b[3] - b[1] + 2 * pad for b in boxes)
    sheet = Image.new("L", (width, height), 255)
    offsets = []
    y = 0
    for x0, y0, x1, y1 in boxes:
        sheet.paste(image.crop((x0, y0, x1, y1)), (pad, y + pad))
        offsets.append((y, y + y1 - y0 + 2 * pad, x0 - pad, y0 - pad - y))
        y += y1 - y0 + 2 * pad
    again = read(sheet)
    out = list(words)
    for (s0, s1, dx, dy), box in zip(offsets, boxes, strict=True):
        new = [
            Word(
                text=w.text,
                x0=(w.x0 + dx) * scale,
                top=(w.top + dy) * scale,
                x1=(w.x1 + dx) * scale,
                bottom=(w.bottom + dy) * scale,
                confidence=w.confidence,
            )
            for w in again
            if s0 <= (w.top + w.bottom) / 2 < s1
        ]
        x0, y0, x1, y1 = (v * scale for v in box)
        old = [
            w for w in out if x0 <= (w.x0 + w.x1) / 2 <= x1 and y0 <= (w.top + w.bottom) / 2 <= y1
        ]
        if new and _surer(new, old):
            kept = [w for w in out if w not in old]
            out = kept + new
    return out


def _surer(new: list[Word], old: list[Word]) -> bool:
    def score(ws: list[Word]) -> float:
        letters = sum(len(w.text) for w in ws)
        return sum(w.confidence * len(w.text) for w in ws) / letters if letters else 0.0

    return score(new) > score(old) and len(suspicious_words(new + [])) == 0


MARKS_FOR_LANGUAGE = 8
_MARKS = {
    "deu": set("äöüÄÖÜß"),
    "fra": set("éèêàâçôûîëïÉÈÊÀÇ"),
}


def page_language(words: list[Word], lang: str) -> str:
    """One of the ``lang`` models (``eng+fra+deu``) for the second look: the page's language
    by its accented letters. Loading one model instead of three is most of a small call."""
    models = lang.split("+")
    if len(models) == 1:
        return lang
    counts = {m: sum(c in _MARKS.get(m, ()) for w in words for c in w.text) for m in models}
    best = max(models, key=lambda m: counts[m])
    # a few accents are an address (ours: "Frères Lumière"), not the page's language
    return best if counts[best] >= MARKS_FOR_LANGUAGE else models[0]
