"""Images → Layout through tesseract, with the preprocessing faxes need.

Faxes arrive as 1-bit CCITT G3/G4 TIFFs at 204×98 ("normal") or 204×196 ("fine") dpi, often a
little skewed, sometimes upside down. Each page is: squared (non-square dpi rescaled), upscaled
to ~300 dpi, checked for blankness, deskewed by projection profile, OCRed; when the result is
poor, tesseract's orientation detection decides whether a rotated page reads better.
Word boxes are converted to PDF points (1/72 inch) of the squared page.
"""

from __future__ import annotations

import io
import logging
import os
import re

import numpy as np
from PIL import Image, ImageFilter, ImageOps, ImageSequence, UnidentifiedImageError

from ingestion.layout import Layout, Page, TextSource, Word
from ingestion.reading.errors import UnreadableDocument
from ingestion.reading.faxclean import clean_page, prepare_bilevel, skew_angle
from ingestion.reading.reocr import page_language, reread

os.environ.setdefault(
    "OMP_THREAD_LIMIT", "1"
)  # tesseract: one thread per process, we scale by workers

logger = logging.getLogger(__name__)

DEFAULT_LANG = "eng+fra+deu"
TARGET_DPI = 300
DEFAULT_DPI = 200  # images that do not say their resolution
MAX_PIXELS = 40_000_000
MAX_PAGES = 50
BLANK_INK_RATIO = 0.0015


def _dpi(image: Image.Image) -> tuple[float, float] | None:
    dpi = image.info.get("dpi")
    if not dpi:
        return None
    try:
        x, y = float(dpi[0]), float(dpi[1])
    except (TypeError, ValueError, IndexError):
        return None
    if x < 30 or y < 30 or x > 2400 or y > 2400:
        return None
    return x, y


def _to_gray(image: Image.Image) -> Image.Image:
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, image)
    return image.convert("L")


def _normalise(
    image: Image.Image, dpi: tuple[float, float] | None, max_pixels: int
) -> tuple[Image.Image, float]:
    """Square pixels, grayscale, about TARGET_DPI; returns the image and its dpi."""
    bilevel = image.mode == "1"
    xdpi, ydpi = dpi or (DEFAULT_DPI, DEFAULT_DPI)
    image = _to_gray(image)
    width, height = image.size
    # resample both axes to the target dpi: fixes 204x98 faxes and upscales low resolutions
    target = float(TARGET_DPI)
    new_w, new_h = width * target / xdpi, height * target / ydpi
    if new_w * new_h > max_pixels:
        shrink = (max_pixels / (new_w * new_h)) ** 0.5
        new_w, new_h, target = new_w * shrink, new_h * shrink, target * shrink
    size = (max(1, round(new_w)), max(1, round(new_h)))
    if size != image.size:
        image = image.resize(
            size, Image.Resampling.BICUBIC if bilevel else Image.Resampling.LANCZOS
        )
    if bilevel:
        # smooth the staircase edges of upscaled fax glyphs, then back to clean black on white
        image = image.filter(ImageFilter.GaussianBlur(radius=target / 300))
        image = image.point(lambda v: 255 if v > 150 else 0)
    return image, target


def _ink_ratio(image: Image.Image) -> float:
    small = image.copy()
    small.thumbnail((800, 800))
    arr = np.asarray(small)
    return float((arr < 128).mean())


def _speckle_ratio(image: Image.Image) -> float:
    """Share of the page's pixels that are isolated black dots (fax line noise, dirty scans)."""
    ink = np.asarray(image) < 128
    padded = np.pad(ink, 1).astype(np.uint8)
    neighbours = sum(
        np.roll(np.roll(padded, dy, 0), dx, 1) for dy in (-1, 0, 1) for dx in (-1, 0, 1)
    )[1:-1, 1:-1]
    return float((ink & (neighbours <= 2)).mean())


def _despeckle(image: Image.Image) -> Image.Image:
    """Remove isolated dots (fax line noise) without eating thin strokes."""
    return image.filter(ImageFilter.MedianFilter(3))


def _run_mask(mask: np.ndarray, length: int, axis: int) -> np.ndarray:
    """Pixels that belong to a run of at least ``length`` set pixels along ``axis``.

    A morphological opening with a 1-D structuring element, done by doubling shifts
    (log2(length) whole-array operations instead of a sliding window per pixel).
    """
    if axis == 0:
        return _run_mask(mask.T, length, 1).T
    eroded = mask.copy()
    covered = 1
    while covered < length:
        step = min(covered, length - covered)
        eroded[:, :-step] &= eroded[:, step:]
        eroded[:, -step:] = False
        covered += step
    dilated = eroded.copy()
    covered = 1
    while covered < length:
        step = min(covered, length - covered)
        dilated[:, step:] |= dilated[:, :-step]
        covered += step
    return dilated


def _otsu(gray: np.ndarray) -> int:
    hist = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    levels = np.arange(256)
    weight0 = np.cumsum(hist)
    mean0 = np.cumsum(hist * levels)
    weight1 = total - weight0
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean0[-1] * weight0 - mean0 * total) ** 2 / (weight0 * weight1)
    between = np.nan_to_num(between)
    return int(np.argmax(between))


def clean_for_ocr(image: Image.Image, dpi: float) -> Image.Image:
    """Make table scans readable for tesseract.

    White-on-black cells (shaded table headers) are inverted, and ruling lines longer than
    0.4 inch are erased: tesseract's page segmentation otherwise takes ruled columns for
    pictures and drops their numbers.
    """
    gray = np.asarray(image)
    ink = gray < min(_otsu(gray), 200)
    small = image.reduce(4) if min(image.size) >= 16 else image
    density = np.asarray(small.filter(ImageFilter.BoxBlur(4)))
    dark_small = Image.fromarray(((density < 255 * 0.4) * 255).astype(np.uint8))
    dark = (
        np.asarray(
            dark_small.filter(ImageFilter.MaxFilter(3)).resize(image.size, Image.Resampling.NEAREST)
        )
        > 0
    )
    out = gray.copy()
    if dark.any():
        out = np.where(dark, 255 - gray, gray)
        ink = ink ^ dark
    length = max(20, int(dpi * 0.4))
    rules = _run_mask(ink, length, 1) | _run_mask(ink, length, 0)
    if rules.any():
        out = np.where(rules, 255, out)
    return Image.fromarray(out.astype(np.uint8))


def estimate_skew(image: Image.Image, *, max_angle: float = 6.0) -> float:
    """Skew in degrees (counter-clockwise positive) maximising the row-profile variance."""
    small = image.copy()
    small.thumbnail((1000, 1000))
    inverted = ImageOps.invert(small)

    def score(angle: float) -> float:
        rotated = inverted.rotate(
            angle, resample=Image.Resampling.NEAREST, expand=False, fillcolor=0
        )
        rows = np.asarray(rotated, dtype=np.float32).sum(axis=1)
        return float(np.var(np.diff(rows)))

    best_angle, best = 0.0, score(0.0)
    for angle in np.arange(-max_angle, max_angle + 0.01, 0.5):
        s = score(float(angle))
        if s > best * 1.0001:
            best_angle, best = float(angle), s
    centre = best_angle
    for angle in np.arange(centre - 0.45, centre + 0.46, 0.1):
        s = score(float(angle))
        if s > best * 1.0001:
            best_angle, best = float(angle), s
    return round(best_angle, 2)


_JUNK = re.compile(r"^[|\[\]{}~_¦!/\\\"'`’‘‚·•.,:;—–-]+$")


def _tesseract_words(image: Image.Image, *, lang: str, psm: int, scale: float) -> list[Word]:
    import pytesseract

    data = pytesseract.image_to_data(
        image,
        lang=lang,
        config=f"--oem 1 --psm {psm} -c preserve_interword_spaces=1",
        output_type=pytesseract.Output.DICT,
    )
    words = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip().strip('|"“”„')
        try:
            conf = float(data["conf"][i])
        except (TypeError, ValueError):
            conf = -1
        if not text or conf < 0 or _JUNK.match(text):
            continue
        x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        words.append(
            Word(
                text=text,
                x0=x * scale,
                top=y * scale,
                x1=(x + w) * scale,
                bottom=(y + h) * scale,
                confidence=max(0.0, min(1.0, conf / 100)),
            )
        )
    return words


def _quality(words: list[Word]) -> float:
    """How well a page read: confident words of several letters count, junk does not."""
    good = [w for w in words if len(w.text) >= 3 and any(c.isalnum() for c in w.text)]
    if not good:
        return 0.0
    return sum(w.confidence for w in good) / len(good) * min(1.0, len(good) / 20)


def _osd_rotation(image: Image.Image) -> int:
    import pytesseract

    try:
        osd = pytesseract.image_to_osd(image, config="--psm 0", output_type=pytesseract.Output.DICT)
    except Exception:  # too little text for OSD
        return 0
    if float(osd.get("orientation_conf", 0)) < 1.5:
        return 0
    return int(osd.get("rotate", 0)) % 360


def ocr_page_image(
    image: Image.Image,
    *,
    number: int = 1,
    dpi: float | tuple[float, float] | None = None,
    lang: str = DEFAULT_LANG,
    max_pixels: int = MAX_PIXELS,
    deskew: bool = True,
    orientation: bool = True,
    psm: int = 6,
) -> Page:
    """OCR one page image into a Page whose coordinates are PDF points.

    ``dpi`` overrides the image's own (a rendered PDF page knows it, a fax TIFF carries it).
    A blank page gives a Page without words.
    """
    if isinstance(dpi, int | float):
        dpi_xy: tuple[float, float] | None = (float(dpi), float(dpi))
    else:
        dpi_xy = dpi or _dpi(image)
    bilevel = image.mode == "1"  # a fax: squared, despeckled, deskewed in one go
    if bilevel:
        image, eff_dpi, _ = prepare_bilevel(
            image,
            dpi_xy or (DEFAULT_DPI, DEFAULT_DPI),
            target=TARGET_DPI,
            max_pixels=max_pixels,
            deskew=deskew,
        )
    else:
        image, eff_dpi = _normalise(image, dpi_xy, max_pixels)
    scale = 72.0 / eff_dpi
    width_pt, height_pt = image.size[0] * scale, image.size[1] * scale
    ink = _ink_ratio(image)
    if ink < BLANK_INK_RATIO:
        return Page(
            number=number, width=width_pt, height=height_pt, words=(), source=TextSource.OCR
        )
    if ink > 0.5:  # white on black
        image = ImageOps.invert(image)
    if not bilevel and _speckle_ratio(image) > 0.0001:
        image = _despeckle(image)
    rotation = 0
    if deskew and not bilevel:
        angle = skew_angle(image)
        if abs(angle) >= 0.1:
            image = image.rotate(
                angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255
            )
    image = clean_page(image, eff_dpi, source_dpi=dpi_xy)
    words = _tesseract_words(image, lang=lang, psm=psm, scale=scale)
    second = page_language(words, lang)
    words = reread(  # rows tesseract fitted across two columns, read again column by column
        image,
        words,
        read=lambda im: _tesseract_words(im, lang=second, psm=psm, scale=1.0),
        scale=scale,
    )
    if orientation and _quality(words) < 0.6:
        turn = _osd_rotation(image)
        if turn:
            turned = image.rotate(-turn, expand=True, fillcolor=255)
            turned_words = _tesseract_words(turned, lang=lang, psm=psm, scale=scale)
            if _quality(turned_words) > _quality(words):
                image, words, rotation = turned, turned_words, turn
    width_pt, height_pt = image.size[0] * scale, image.size[1] * scale
    return Page(
        number=number,
        width=width_pt,
        height=height_pt,
        words=tuple(words),
        source=TextSource.OCR,
        rotation=rotation,
    )


def read_image(
    data: bytes,
    *,
    max_pages: int = MAX_PAGES,
    max_pixels: int = MAX_PIXELS,
    lang: str = DEFAULT_LANG,
) -> Layout:
    """OCR an image file (TIFF, multi-page and CCITT fax included, PNG, JPEG) into a Layout."""
    previous_guard = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        try:
            image = Image.open(io.BytesIO(data))
            image.size  # noqa: B018 - header parsed
        except (UnidentifiedImageError, OSError, ValueError) as exc:
            raise UnreadableDocument(f"not a readable image ({type(exc).__name__})")
        except Image.DecompressionBombError:
            raise UnreadableDocument(f"image larger than the limit of {max_pixels} pixels")
        pages = []
        meta = {}
        try:
            for index, frame in enumerate(ImageSequence.Iterator(image)):
                if index >= max_pages:
                    raise UnreadableDocument(f"image has more than {max_pages} pages")
                if frame.size[0] * frame.size[1] > max_pixels:
                    raise UnreadableDocument(f"image larger than the limit of {max_pixels} pixels")
                dpi = _dpi(frame)
                frame.load()
                pages.append(
                    ocr_page_image(
                        frame.copy(), number=index + 1, dpi=dpi, lang=lang, max_pixels=max_pixels
                    )
                )
                if index == 0:
                    meta = _tiff_meta(frame)
        except UnreadableDocument:
            raise
        except (OSError, ValueError, SyntaxError) as exc:
            if not pages:
                raise UnreadableDocument(f"broken image ({type(exc).__name__}: {exc})"[:200])
            logger.warning("image truncated after %s pages: %s", len(pages), exc)
        return Layout(pages=tuple(pages), meta=meta)
    finally:
        Image.MAX_IMAGE_PIXELS = previous_guard


def _tiff_meta(frame: Image.Image) -> dict[str, str]:
    """Fax header fields TIFF files often carry (sender station id, description)."""
    meta = {}
    tags = getattr(frame, "tag_v2", None)
    if not tags:
        return meta
    for tag, name in ((270, "description"), (305, "software"), (306, "datetime"), (315, "artist")):
        value = tags.get(tag)
        if isinstance(value, str) and value.strip():
            meta[name] = value.strip()[:200]
    return meta
