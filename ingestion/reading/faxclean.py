"""Page-image clean-up before tesseract, tuned on fax scans (1-bit, 204 × 98/196 dpi, skewed).

- :func:`prepare_bilevel`: a 1-bit scan squared, despeckled (lone pixels, and the specks of a
  fine-mode fax: :func:`specks`), deskewed (:func:`bilevel_skew`,
  on the scan's own pixels) and upscaled to ~300 dpi; :func:`skew_angle` for greyscale pages.
- :func:`clean_page`: shaded cells (white on black) inverted, exactly (:func:`dark_mask`);
  ruling lines erased even when a fax broke them into staircases and dashes
  (:func:`rule_mask`), but not the edges of bold text, and not the letter strokes crossing
  them (:func:`crossing_strokes`). Tesseract takes rulings next to numbers for ``|``, ``_``,
  ``(`` or ``1``, ruled columns for pictures, and table junctions for ``+``.
- :func:`scan_image`: the bitmap behind an image-only PDF page, at its own resolution.

Whole-array numpy shifts, no per-pixel Python: ~0.3 s of a page's OCR time.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageFilter

RULE_MIN_INCH = 0.4  # shorter strokes are characters (a dash, an underscore)
RULE_GAP = 3  # pixels: breaks of a skewed 1-bit line bridged when finding it
RULE_ERASE = 3  # pixels around a found line whose ink is erased
DARK_MIN_HEIGHT = 0.08  # inch
DARK_MIN_WIDTH = 0.3  # inch
FINE_DPI = 150  # a fax's fine mode (196-200 dpi): its noise specks are removed before OCR


def otsu(gray: np.ndarray) -> int:
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


def run_mask(mask: np.ndarray, length: int, axis: int) -> np.ndarray:
    """Pixels of ``mask`` in a run of at least ``length`` set pixels along ``axis``.

    A morphological opening with a 1-D structuring element, by doubling shifts.
    """
    if axis == 0:
        return run_mask(mask.T, length, 1).T
    length = max(1, min(length, mask.shape[1]))
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


def grow(mask: np.ndarray, pixels: int, axis: int) -> np.ndarray:
    """Dilate ``mask`` by ``pixels`` both ways along ``axis``."""
    out = mask.copy()
    for s in range(1, pixels + 1):
        if axis == 0:
            out[s:, :] |= mask[:-s, :]
            out[:-s, :] |= mask[s:, :]
        else:
            out[:, s:] |= mask[:, :-s]
            out[:, :-s] |= mask[:, s:]
    return out


def close_gaps(mask: np.ndarray, gap: int, axis: int) -> np.ndarray:
    """Set the pixels of gaps of at most ``gap`` pixels between set pixels along ``axis``."""
    before = mask.copy()  # set pixel within ``gap`` before
    after = mask.copy()  # set pixel within ``gap`` after
    for s in range(1, gap + 1):
        if axis == 0:
            before[s:, :] |= mask[:-s, :]
            after[:-s, :] |= mask[s:, :]
        else:
            before[:, s:] |= mask[:, :-s]
            after[:, :-s] |= mask[:, s:]
    return mask | (before & after)


def rule_mask(
    ink: np.ndarray, dpi: float, *, gaps: tuple[int, int] = (RULE_GAP, RULE_GAP)
) -> tuple[np.ndarray, np.ndarray]:
    """Ruling lines (horizontal and vertical) of an ink mask: (pixels to erase, letter strokes
    crossing the lines, to keep black).

    ``gaps`` are the breaks bridged along horizontal and vertical lines, in pixels: larger
    along an axis the page was upscaled on (a 98 dpi fax row is three rows at 300 dpi).
    """
    # found at half resolution (a quarter of the work), erased at full resolution
    small = _pool2(ink)
    length = max(10, int(dpi * RULE_MIN_INCH / 2))
    side = max(3, int(dpi * 0.035 / 2))
    # (pooling already joins a line's one-pixel steps: no thickening across it here)
    gap_x, gap_y = max(1, gaps[0] // 2), max(1, gaps[1] // 2)
    horizontal = run_mask(close_gaps(small, gap_x, 1), length, 1)
    horizontal = _unpool2(_lines_not_text(horizontal, small, length, side), ink.shape)
    vertical = run_mask(close_gaps(small, gap_y, 0), length, 0)
    vertical = _unpool2(_lines_not_text(vertical.T, small.T, length, side).T, ink.shape)
    h_band = grow(horizontal, RULE_ERASE, 0) if horizontal.any() else None
    v_band = grow(vertical, RULE_ERASE, 1) if vertical.any() else None
    erase = np.zeros_like(ink)
    strokes = np.zeros_like(ink)
    # a letter crossing a line is kept; a line crossing a line (a table's corners and
    # junctions) is not a letter
    if h_band is not None:
        crossing = crossing_strokes(ink if v_band is None else ink & ~v_band, h_band)
        erase |= h_band & ~crossing
        strokes |= crossing
    if v_band is not None:
        crossing = crossing_strokes((ink if h_band is None else ink & ~h_band).T, v_band.T).T
        erase |= v_band & ~crossing
        strokes |= crossing
    return erase & ~strokes, strokes


def _pool2(mask: np.ndarray) -> np.ndarray:
    """Half resolution, a pixel set when any of its 2 × 2 pixels is."""
    h, w = mask.shape
    m = np.pad(mask, ((0, h % 2), (0, w % 2)))
    return m[0::2, 0::2] | m[1::2, 0::2] | m[0::2, 1::2] | m[1::2, 1::2]


def _unpool2(mask: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    return np.repeat(np.repeat(mask, 2, axis=0), 2, axis=1)[: shape[0], : shape[1]]


def _lines_not_text(candidates: np.ndarray, ink: np.ndarray, length: int, side: int):
    """Horizontal runs that are lines, not the x-height band of bold text whose letters touch.

    A line has paper on at least one side: over a window of ``length`` along it, the rows
    ``side`` pixels above and below are not both mostly ink; and it is thin: in most of its
    columns the ink does not go on across it (letters' stems do). Only rows with candidates
    are looked at.
    """
    rows = np.flatnonzero(candidates.any(axis=1))
    if not len(rows):
        return candidates
    height = ink.shape[0]
    above = ink[np.clip(rows - side, 0, height - 1)].astype(np.int32)
    below = ink[np.clip(rows + side, 0, height - 1)].astype(np.int32)

    def window_mean(a: np.ndarray) -> np.ndarray:
        c = np.cumsum(np.pad(a, ((0, 0), (length // 2 + 1, length // 2))), axis=1)
        return (c[:, length:] - c[:, :-length])[:, : a.shape[1]] / length

    dense = (window_mean(above) > 0.25) & (window_mean(below) > 0.25)
    # the top or bottom edge of a row of bold letters: in many of its columns the ink goes
    # on across it further than any line is thick (the letters' stems)
    thick = side  # rulings are thinner than this (up to 0.035 inch)
    up = np.ones((len(rows), ink.shape[1]), dtype=bool)
    down = up.copy()
    extent = np.zeros(up.shape, dtype=np.int32)
    for k in range(1, thick + 1):
        up &= ink[np.clip(rows - k, 0, height - 1)]
        down &= ink[np.clip(rows + k, 0, height - 1)]
        extent += up.astype(np.int32) + down
    stems = (extent >= thick) & ink[rows]
    dense |= window_mean(stems.astype(np.int32)) > 0.3
    if not dense.any():
        return candidates
    out = candidates.copy()
    out[rows] &= ~dense
    return run_mask(out, length, 1)


def crossing_strokes(ink: np.ndarray, band: np.ndarray, *, reach: int = 4) -> np.ndarray:
    """Pixels of the horizontal ``band`` that strokes crossing it vertically run through.

    A fax line error or a ruling drawn through text: the letters' strokes enter the band
    from above and leave it below (within ``reach`` pixels: a transmission error blackens
    the letters under it, and the edge of the band is fuzzy). Those columns of the band are
    letter strokes, to keep (or to restore) when the line is erased. Row by row over the
    band's rows only (a few per line).
    """
    keep = np.zeros_like(ink)
    rows = band.any(axis=1)
    if not rows.any():
        return keep
    edges = np.flatnonzero(np.diff(np.concatenate([[0], rows.astype(np.int8), [0]])))
    height = ink.shape[0]
    for r0, r1 in zip(edges[::2], edges[1::2], strict=True):
        if r0 < reach or r1 + reach > height:
            continue
        inside = band[r0:r1]
        # outside[j] is row r0 - reach + j: ink out of the band
        outside = ink[r0 - reach : r1 + reach] & ~band[r0 - reach : r1 + reach]
        n = r1 - r0
        down = np.zeros_like(inside)
        state = outside[:reach].any(axis=0)
        for i in range(n):
            state = inside[i] & (state | outside[i : i + reach].any(axis=0))
            down[i] = state
        up = np.zeros_like(inside)
        state = outside[n + reach :].any(axis=0)
        for i in range(n - 1, -1, -1):
            state = inside[i] & (state | outside[i + reach + 1 : i + 2 * reach + 1].any(axis=0))
            up[i] = state
        keep[r0:r1] = down & up
    return keep


def dark_mask(image: Image.Image, ink: np.ndarray, dpi: float) -> np.ndarray:
    """Solid dark areas (shaded cells, white text on black), exactly: their text filled in.

    Found on a 4× reduced density map (areas at least DARK_MIN_HEIGHT × DARK_MIN_WIDTH
    inches, mostly ink), then traced at full resolution: the ink there with its white
    letters closed, so that the edge of the area is the edge of the ink, not of the map.
    """
    none = np.zeros(ink.shape, dtype=bool)
    if min(image.size) < 16:
        return none
    small = image.reduce(4)
    density = np.asarray(small.filter(ImageFilter.BoxBlur(4)))
    dark = density < 255 * 0.4
    if not dark.any():
        return none
    small_dpi = dpi / 4
    solid = run_mask(dark, max(2, int(DARK_MIN_HEIGHT * small_dpi)), 0)
    solid = run_mask(solid, max(3, int(DARK_MIN_WIDTH * small_dpi)), 1)
    if not solid.any():
        return none
    hole = max(2, int(0.3 * small_dpi))  # a shaded cell's letters opened holes in it
    solid = close_gaps(close_gaps(solid, hole, 1), hole, 0)
    solid = grow(grow(solid, 3, 0), 3, 1)
    zone = _full_size(solid, image.size)
    core = _full_size(dark & solid, image.size) & ink
    allowed = ink & zone
    gap = max(4, int(dpi * 0.05))  # white strokes of letters up to 0.05 inch
    out = none
    # band by band (runs of rows of the zone): the traced area grows from the core through
    # the ink it touches, then its white letters are closed
    rows = zone.any(axis=1)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], rows.astype(np.int8), [0]])))
    for r0, r1 in zip(edges[::2], edges[1::2], strict=True):
        cols = np.flatnonzero(zone[r0:r1].any(axis=0))
        c0, c1 = cols[0], cols[-1] + 1
        cur = core[r0:r1, c0:c1]
        ok = allowed[r0:r1, c0:c1]
        for _ in range(int(dpi * 0.1)):
            nxt = grow(grow(cur, 1, 0), 1, 1) & ok
            if np.array_equal(nxt, cur):
                break
            cur = nxt
        cur = close_gaps(close_gaps(cur, gap, 1), gap, 0) & zone[r0:r1, c0:c1]
        out[r0:r1, c0:c1] = cur
    return out


def _full_size(mask: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    img = Image.fromarray((mask * 255).astype(np.uint8)).resize(size, Image.Resampling.NEAREST)
    return np.asarray(img) > 0


def clean_page(
    image: Image.Image, dpi: float, *, source_dpi: tuple[float, float] | None = None
) -> Image.Image:
    """The greyscale page ready for tesseract: shaded cells inverted, ruling lines erased.

    ``dpi`` is the page's resolution now, ``source_dpi`` the scan's (x, y) before upscaling.
    """
    gray = np.asarray(image.convert("L"))
    threshold = min(otsu(gray[::3, ::3]), 200)
    ink = gray <= threshold  # otsu: class 0 is the values up to the threshold
    out = gray
    dark = dark_mask(image, ink, dpi)
    if dark.any():
        out = np.where(dark, 255 - gray, gray)
        ink = ink ^ dark
    sx, sy = (dpi / source_dpi[0], dpi / source_dpi[1]) if source_dpi else (1.0, 1.0)
    gaps = (max(RULE_GAP, round(2 * sx)), max(RULE_GAP, round(2 * sy)))
    rules, strokes = rule_mask(ink, dpi, gaps=gaps)
    if rules.any():
        out = np.where(rules & (out < 235), 255, out)
    if strokes.any():
        out = np.where(strokes, np.minimum(out, 60), out)
    return Image.fromarray(out.astype(np.uint8))


def scan_image(page) -> tuple[Image.Image, tuple[float, float]] | None:
    """The scan behind an image-only PDF page, at its own resolution, or None.

    A fax or scanner PDF is one bitmap covering the page (a fax's 204 × 98 dpi kept as is).
    OCRing that bitmap with its real (x, y) dpi, 1-bit when it is black and white, reads
    better than a smoothed rendering of it. ``page`` is a pypdfium2 page; anything else
    than one upright image covering the whole page gives None (render the page instead).
    """
    try:
        import pypdfium2.raw as pdfium_c

        if page.get_rotation() % 360:
            return None
        width, height = page.get_size()
        images = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=1))
        if len(images) != 1:
            return None
        obj = images[0]
        left, bottom, right, top = obj.get_pos()
        if abs(left) > 2 or abs(bottom) > 2 or abs(right - width) > 2 or abs(top - height) > 2:
            return None
        matrix = obj.get_matrix().get()
        if abs(matrix[1]) > 1e-6 or abs(matrix[2]) > 1e-6 or matrix[0] <= 0 or matrix[3] <= 0:
            return None
        image = obj.get_bitmap(render=False).to_pil()
    except Exception:  # a bitmap pdfium cannot hand out as is: render the page
        return None
    px_w, px_h = image.size
    if px_w < 100 or px_h < 100:
        return None
    dpi = (px_w * 72 / width, px_h * 72 / height)
    if min(dpi) < 50 or max(dpi) > 600:
        return None
    if image.mode != "1":
        image = image.convert("L")
        counts = np.bincount(np.asarray(image).ravel(), minlength=256)
        if counts[1:255].sum() == 0:
            image = image.point(lambda v: 255 if v > 127 else 0).convert("1")
    return image, dpi


def _profile_sharpness(ys: np.ndarray, xs: np.ndarray, angle: float) -> float:
    rows = np.rint(ys - xs * np.tan(np.radians(angle))).astype(np.int64)
    hist = np.bincount(rows - rows.min())
    return float(np.var(np.diff(hist)))


def skew_angle(image: Image.Image, *, max_angle: float = 6.0) -> float:
    """Skew in degrees to rotate by (PIL's counter-clockwise positive) to level the text lines.

    The angle whose row profile of the ink is sharpest, on shears of the ink's coordinates
    (no image rotations): every 0.2° on a 4× reduced page, then every 0.025° around the best
    on a 2× reduced page. A fax machine's header line, printed straight across a skewed page,
    is one line among many and does not pull the estimate to 0.
    """
    gray = image.convert("L")
    coarse = np.asarray(gray.reduce(4) if min(gray.size) >= 400 else gray) < 128
    # straight runs over an inch are line errors of the fax transmission (or rulings already
    # level): they would hold the estimate at 0
    streaks = run_mask(coarse, max(8, coarse.shape[1] // 8), 1)
    coarse &= ~streaks
    ys, xs = np.nonzero(coarse)
    if len(ys) < 50:
        return 0.0
    if len(ys) > 60_000:
        keep = np.random.default_rng(0).choice(len(ys), 60_000, replace=False)
        ys, xs = ys[keep], xs[keep]
    angles = np.arange(-max_angle, max_angle + 1e-9, 0.2)
    scores = [_profile_sharpness(ys, xs, a) for a in angles]
    best = float(angles[int(np.argmax(scores))])
    fine = np.asarray(gray.reduce(2) if min(gray.size) >= 200 else gray) < 128
    fine &= ~run_mask(fine, max(16, fine.shape[1] // 8), 1)
    ys, xs = np.nonzero(fine)
    if len(ys) > 200_000:
        keep = np.random.default_rng(0).choice(len(ys), 200_000, replace=False)
        ys, xs = ys[keep], xs[keep]
    angles = np.arange(best - 0.2, best + 0.2 + 1e-9, 0.025)
    scores = [_profile_sharpness(ys, xs, a) for a in angles]
    return round(float(angles[int(np.argmax(scores))]), 3)


# ----------------------------------------------------------------------------------------
# bilevel scans (faxes): square, despeckle, deskew and upscale in one resampling


def isolated_pixels(ink: np.ndarray) -> np.ndarray:
    """Ink pixels without any ink among their 8 neighbours (line noise, dust)."""
    padded = np.pad(ink, 1)
    neighbours = np.zeros(ink.shape, dtype=np.uint8)
    h, w = ink.shape
    for dy in (0, 1, 2):
        for dx in (0, 1, 2):
            if dy == 1 and dx == 1:
                continue
            neighbours += padded[dy : dy + h, dx : dx + w]
    return ink & (neighbours == 0)


def _window_counts(ink: np.ndarray, k: int) -> np.ndarray:
    """Ink pixels in the ``k`` × ``k`` window whose top left corner is each pixel."""
    h, w = ink.shape
    table = np.pad(ink.astype(np.int32), ((1, k), (1, k))).cumsum(0).cumsum(1)
    return table[k : k + h, k : k + w] - table[:h, k : k + w] - table[k : k + h, :w] + table[:h, :w]


def specks(ink: np.ndarray, *, size: int = 2, margin: int = 2) -> np.ndarray:
    """Ink clusters that fit in ``size`` × ``size`` pixels with ``margin`` clear pixels all
    round (the dust and line noise of a fine fax, 200 dpi). A comma or a full stop of text
    is larger or sits beside its digits, within the margin, and stays."""
    h, w = ink.shape
    if h <= size + 2 * margin or w <= size + 2 * margin:
        return np.zeros_like(ink)
    inner = _window_counts(ink, size)
    around = np.zeros_like(inner)
    around[margin:, margin:] = _window_counts(ink, size + 2 * margin)[: h - margin, : w - margin]
    lone = (inner > 0) & (around == inner)
    lone[:margin, :] = False
    lone[:, :margin] = False
    out = np.zeros_like(ink)
    for dy in range(size):
        for dx in range(size):
            out[dy:, dx:] |= lone[: h - dy, : w - dx]
    return ink & out


def _skew_from_points(ys: np.ndarray, xs: np.ndarray, bin_px: float, angles) -> float:
    best, best_score = 0.0, -1.0
    for a in angles:
        rows = np.floor((ys - xs * np.tan(np.radians(a))) / bin_px).astype(np.int64)
        hist = np.bincount(rows - rows.min())
        score = float(np.var(np.diff(hist)))
        if score > best_score:
            best, best_score = float(a), score
    return best


def bilevel_skew(ink: np.ndarray, sx: float, sy: float, *, max_angle: float = 6.0) -> float:
    """Skew (PIL rotate degrees) of a bilevel page whose pixels are ``sx`` × ``sy`` target
    pixels (non-square fax pixels), from its ink coordinates; see :func:`skew_angle`."""
    ink = ink & ~run_mask(close_gaps(ink, 3, 1), max(8, ink.shape[1] // 8), 1)  # streaks
    ys, xs = np.nonzero(ink)
    if len(ys) < 50:
        return 0.0
    rng = np.random.default_rng(0)
    if len(ys) > 200_000:
        keep = rng.integers(0, len(ys), 200_000)
        ys, xs = ys[keep], xs[keep]
    # spread each pixel over its extent: rows of a 98 dpi scan would alias with the bins
    ys = (ys + rng.random(len(ys))) * sy
    xs = (xs + rng.random(len(xs))) * sx
    coarse = rng.integers(0, len(ys), min(len(ys), 60_000))
    best = _skew_from_points(
        ys[coarse], xs[coarse], 4.0, np.arange(-max_angle, max_angle + 1e-9, 0.2)
    )
    best = _skew_from_points(ys, xs, 2.0, np.arange(best - 0.2, best + 0.2 + 1e-9, 0.025))
    return round(best, 3)


def prepare_bilevel(
    image: Image.Image,
    dpi: tuple[float, float],
    *,
    target: float = 300.0,
    max_pixels: int = 40_000_000,
    deskew: bool = True,
) -> tuple[Image.Image, float, bool]:
    """A 1-bit scan (a fax at 204 × 98 dpi) as a square, level, ~``target`` dpi page.

    Isolated dots are removed and the skew measured on the scan's own pixels; the page is
    squared and upscaled (bicubic), smoothed and thresholded back to black on white (the
    staircase edges of fax glyphs rounded), turned level (nearest neighbour, a tenth of the
    cost of a bicubic rotation) and then lightly anti-aliased. Returns the page, its dpi,
    and whether the scan was white on black (inverted here).
    """
    xdpi, ydpi = dpi
    ink = np.asarray(image.convert("L")) < 128
    inverted = bool(ink.mean() > 0.5)
    if inverted:
        ink = ~ink
    ink &= ~isolated_pixels(ink)
    if min(xdpi, ydpi) >= FINE_DPI:
        ink &= ~specks(ink)  # at standard resolution (98 dpi) a full stop is that small
    h, w = ink.shape
    sx, sy = target / xdpi, target / ydpi
    if w * sx * h * sy > max_pixels:
        shrink = (max_pixels / (w * sx * h * sy)) ** 0.5
        sx, sy, target = sx * shrink, sy * shrink, target * shrink
    angle = bilevel_skew(ink, sx, sy) if deskew else 0.0
    source = Image.fromarray(np.where(ink, 0, 255).astype(np.uint8))
    size = (max(1, round(w * sx)), max(1, round(h * sy)))
    page = source.resize(size, Image.Resampling.BICUBIC)
    radius = max(1, round(target / 300))
    page = page.filter(ImageFilter.BoxBlur(radius))
    page = page.point(lambda v: 255 if v > 150 else 0)
    if abs(angle) >= 0.1:
        page = page.rotate(angle, resample=Image.Resampling.NEAREST, expand=True, fillcolor=255)
        # the rotation's one-pixel steps along every edge, smoothed away (on a page that was
        # not turned the same blur costs tesseract accuracy and time)
        page = page.filter(ImageFilter.BoxBlur(radius))
    return page, target, inverted
