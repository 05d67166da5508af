"""Make the image Tesseract reads: coloured ink lifted out, binarised, speckle and shadows gone.

Only the recognition copy is changed; the colour original is never touched.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

# Ink is at least this much darker than the paper around it (grey levels).
PAPER_CONTRAST = 60
# ... or, on quiet paper, at least this much (faded print).
MIN_PAPER_CONTRAST = 30
# A pixel this far between its brightest and darkest channel is coloured ink.
COLOURED_CHROMA = 45
# Fewer coloured pixels than this are chroma noise, not a seal or a signature.
MIN_COLOURED_PIXELS = 200
# Optical density of each 8-bit level (paper white = 0), clipped at the darkest level.
_DENSITY = -np.log(np.maximum(np.arange(256, dtype=np.float32), 1.0) / 255.0)
# Seals and signatures cover a few per mille of a page; far more colour is something else.
MAX_INK_SHARE = 0.02
_HUE_BINS = 18
_DEFAULT_NEUTRAL_SHARE = 1.0
_INK_QUANTILE = 0.7
# Ink thinned with paper white has up to about twice its colour in neutral density; more
# is print under the ink (or JPEG colour fringes on black print), never the ink itself.
_MAX_NEUTRAL_SHARE = 2.5
# A grey seal is only told from print that is at least this dark (grey level).
SEAL_PRINT_MAX = 90
# Punch holes are centred within this share of the short side from an edge (25 mm on A4).
_HOLE_MARGIN = 0.12


def ink_grey(image: Image.Image, suppress_colour: bool = True) -> NDArray[np.uint8]:
    """Grey levels of the black print alone: red and purple seals, blue signatures lifted out.

    Where coloured ink lies, each pixel's optical density (per channel) is split into a
    neutral part (toner) and a coloured part (the seal's or the pen's ink), as stains are
    separated in colour deconvolution: density adds where inks overlap, so black print
    under a seal keeps its density while the ink alone, however dark or pale, has none
    left. The coloured part is measured along the pixel's own hue, each hue with the
    neutral share its ink has on this page. Elsewhere the grey is the image's own.
    """
    if image.mode == "L":
        return np.asarray(image, dtype=np.uint8)
    rgb = np.asarray(image.convert("RGB"))
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    if not suppress_colour:
        return np.asarray(grey, dtype=np.uint8)
    # OpenCV's saturating uint8 arithmetic: about twenty times faster than numpy here.
    r, g, b = cv2.split(rgb)
    mx = cv2.max(cv2.max(r, g), b)
    chroma = cv2.subtract(mx, cv2.min(cv2.min(r, g), b))
    _, coloured = cv2.threshold(chroma, COLOURED_CHROMA, 255, cv2.THRESH_BINARY)
    n_coloured = cv2.countNonZero(coloured)
    if n_coloured < MIN_COLOURED_PIXELS:
        return np.asarray(grey, dtype=np.uint8)
    if n_coloured > MAX_INK_SHARE * coloured.size:
        # Colour over much of the picture is coloured paper or a photo's surroundings, not
        # ink on paper: its strongly coloured pixels are simply lifted towards white.
        lifted = cv2.max(grey, cv2.add(mx, chroma))
        out = grey.copy()
        cv2.copyTo(lifted, coloured, out)
        return np.asarray(out, dtype=np.uint8)
    # The pixels near coloured ink (its soft, less saturated edges too).
    near = cv2.dilate(coloured, np.ones((5, 5), np.uint8))
    ys, xs = np.nonzero(near)
    density = _DENSITY[rgb[ys, xs]]  # (n, 3)
    mean = density.mean(axis=1)
    cx = (2 * density[:, 0] - density[:, 1] - density[:, 2]) / np.sqrt(6.0)
    cy = (density[:, 1] - density[:, 2]) / np.sqrt(2.0)
    size = np.hypot(cx, cy)
    hue = ((np.arctan2(cy, cx) + np.pi) / (2 * np.pi) * _HUE_BINS).astype(np.int32) % _HUE_BINS
    strong = chroma[ys, xs] > COLOURED_CHROMA
    # Neutral density per unit of colour, for each hue's ink: most of an ink's pixels lie on
    # bare paper, pixels over print have more; a high quantile is the ink's own.
    ratio = np.full(_HUE_BINS, _DEFAULT_NEUTRAL_SHARE, dtype=np.float64)
    share = mean / np.maximum(size, 1e-3)
    for bin_ in range(_HUE_BINS):
        pick = strong & (hue == bin_)
        if int(pick.sum()) >= MIN_COLOURED_PIXELS:
            ratio[bin_] = min(_MAX_NEUTRAL_SHARE,
                              float(np.quantile(share[pick], _INK_QUANTILE)))
    neutral = np.clip(mean - ratio[hue] * size, 0.0, None)
    out = grey.copy()
    lifted = np.clip(255.0 * np.exp(-neutral), 0, 255).astype(np.uint8)
    # Never darker than the image's own grey: the split only takes colour away.
    out[ys, xs] = np.maximum(lifted, grey[ys, xs])
    return np.asarray(out, dtype=np.uint8)


def lift_grey_seals(grey: NDArray[np.uint8], letter_height: float) -> NDArray[np.uint8] | None:
    """A greyscale scan with its seals taken out, or None when no seal shows.

    In grey a red or purple seal is a mid grey, lighter than the print: its strokes have
    mid-grey cores far from any dark pixel, where a letter's mid greys are only its edges.
    Where such cores gather into a seal-sized, roughly square shape (a ring, a stamp's
    frame and its letters), the mid greys are paper and only the darker print stays. A
    seal as dark as the print is left alone: grey alone cannot tell them apart.
    """
    step = 4
    sample = grey[::step, ::step]
    paper = float(np.percentile(sample, 90))
    dark_sample = sample[sample < paper - PAPER_CONTRAST]
    if dark_sample.size < 100:
        return None
    text = float(np.percentile(dark_sample, 20))
    if paper - text < 2 * PAPER_CONTRAST or text > SEAL_PRINT_MAX:
        return None  # faint or faded print: its own greys would pass for a seal's
    split = text + 0.3 * (paper - text)
    top = paper - 0.25 * (paper - text)
    dark = (grey <= split).astype(np.uint8)
    near_dark = cv2.dilate(dark, np.ones((5, 5), np.uint8)) > 0
    cores = ((grey > split) & (grey < top) & ~near_dark).astype(np.uint8)
    if cv2.countNonZero(cores) < MIN_COLOURED_PIXELS:
        return None
    k = max(3, round(letter_height * 0.8) | 1)
    gathered = cv2.morphologyEx(cores, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(gathered, connectivity=8)
    if count <= 1:
        return None
    w = stats[:, cv2.CC_STAT_WIDTH]
    h = stats[:, cv2.CC_STAT_HEIGHT]
    core_count = np.bincount(labels[cores > 0], minlength=count)
    seal = ((np.minimum(w, h) >= 2.5 * letter_height) & (np.maximum(w, h) <= 20 * letter_height)
            & (np.maximum(w, h) <= 3.5 * np.minimum(w, h))
            & (core_count >= 0.02 * w * h))
    seal[0] = False
    if not seal.any():
        return None
    region = seal[labels]
    out = grey.copy()
    out[region & (grey > split)] = 255
    return np.asarray(out, dtype=np.uint8)


def binarise(grey: NDArray[np.uint8]) -> NDArray[np.bool_]:
    """Ink mask by Otsu's threshold on a lightly smoothed copy (sensor noise averaged out).

    The threshold is kept below the paper's own level by a margin that follows the
    paper's noise: on a blank page Otsu would otherwise split the scanner noise in two
    and call half of it ink, while faded thermal print is only a little darker than
    clean paper.
    """
    smooth = cv2.GaussianBlur(grey, (3, 3), 0)
    otsu, _ = cv2.threshold(smooth, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    hist = cv2.calcHist([smooth], [0], None, [256], [0, 256]).ravel()
    cumulative = np.cumsum(hist)
    paper = int(np.searchsorted(cumulative, 0.9 * hist.sum()))  # 90th percentile
    median = int(np.searchsorted(cumulative, 0.5 * hist.sum()))
    # Spread of the paper around its level, from below the median: above it a
    # flattened page is clipped at white.
    lower = int(np.searchsorted(cumulative, 0.25 * hist.sum()))
    noise = max(1.0, (median - lower) / 0.674)
    margin = max(MIN_PAPER_CONTRAST, min(PAPER_CONTRAST, 6.0 * noise))
    threshold = min(float(otsu), paper - margin)
    _, mask = cv2.threshold(smooth, threshold, 255, cv2.THRESH_BINARY_INV)
    return np.asarray(mask > 0)


def stroke_width(ink: NDArray[np.bool_]) -> float:
    """Typical stroke width in pixels: ink area over half its outline length."""
    ink8 = ink.astype(np.uint8)
    inner = int(cv2.erode(ink8, np.ones((3, 3), np.uint8)).sum())
    total = int(ink8.sum())
    edges = total - inner
    return 2.0 * total / edges if edges else 0.0


def remove_specks_and_shadows(ink: NDArray[np.bool_], dpi: int,
                              specks: bool = True) -> NDArray[np.bool_]:
    """Drop dust-sized specks and large blobs that touch the edge (lid shadows, page edges).

    The speck limit follows the stroke width: the dot of an i or a dot-below mark is
    about 1.5 strokes across, so it survives, while toner dust on a photocopy whose
    strokes have thickened is removed. Blobs that size are only removed when there are
    more of them than letters; on other pages they are marks and punctuation.
    """
    count, labels, stats, _ = cv2.connectedComponentsWithStats(
        ink.astype(np.uint8), connectivity=8
    )
    if count <= 1:
        return ink
    h, w = ink.shape
    scale = (dpi / 300.0) ** 2
    area = stats[:, cv2.CC_STAT_AREA]
    left = stats[:, cv2.CC_STAT_LEFT]
    top = stats[:, cv2.CC_STAT_TOP]
    cw = stats[:, cv2.CC_STAT_WIDTH]
    ch = stats[:, cv2.CC_STAT_HEIGHT]
    width = stroke_width(ink)
    limit = max(3.0, min(1.3 * width * width if width else 14 * scale, 60 * scale))
    small = area < limit
    small[0] = False
    # More mark-sized blobs than letters means toner dust: remove up to mark size.
    # Otherwise the small blobs are dots, colons and tone marks, and only dust goes.
    dusty = int(small.sum()) > int((~small).sum()) - 1
    speck = small if dusty else area < max(3.0, 4 * scale)
    if dusty:
        # Marks sit just above or below letters; dust smaller than a dot goes anyway.
        speck &= ~(_beside_letters(np.asarray(labels, dtype=np.int32),
                                   np.asarray(stats, dtype=np.int32), small, ink.shape)
                   & (area >= max(6.0, 0.4 * limit)))
    touches = (left == 0) | (top == 0) | (left + cw >= w) | (top + ch >= h)
    shadow = touches & ((ch > h * 0.2) | (cw > w * 0.2))
    drop = (speck | shadow) if specks else shadow
    drop[0] = False  # label 0 is the background
    if not drop.any():
        return ink
    return np.asarray(ink & ~drop[labels])


def ground_roughness(grey: NDArray[np.uint8], ink: NDArray[np.bool_]) -> float:
    """Spread (standard deviation) of the paper's grey away from the ink, on a sample.

    Scanner noise gives about ten levels; a copier's dot screen or mottled toner far more.
    """
    step = 4
    near = cv2.dilate(ink[::step, ::step].astype(np.uint8), np.ones((3, 3), np.uint8))
    paper = grey[::step, ::step][near == 0]
    return float(paper.std()) if paper.size > 1000 else 0.0


def dust_specks(ink: NDArray[np.bool_], letter_height: float) -> tuple[NDArray[np.bool_], int]:
    """Toner dust, halftone dots and punch holes: ink that is not print, on a photocopy.

    A speck smaller than any printed mark (half a stroke squared) is dust unless it lies
    against a letter (a piece of a broken stroke). One up to a tone mark's size is kept
    only where marks go: above, below or just after a letter, or in a row of its like (a
    dotted leader). A solid round blob larger than a letter, or a ring of one in the
    margin, is a punch hole or a smudge. Returns the components to take away, and how many
    of them lie apart from the text lines.
    """
    count, labels, stats, centres = cv2.connectedComponentsWithStats(
        ink.astype(np.uint8), connectivity=8)
    if count <= 1:
        return np.zeros(ink.shape, dtype=bool), 0
    area = stats[:, cv2.CC_STAT_AREA]
    w = stats[:, cv2.CC_STAT_WIDTH]
    h = stats[:, cv2.CC_STAT_HEIGHT]
    size = float(letter_height)
    sw = stroke_width(ink)
    tiny = area < max(3.0, 0.5 * sw * sw)
    mark = ~tiny & (h < 0.3 * size) & (w < 0.3 * size)
    letter = (h >= 0.35 * size) & (h <= 3.0 * size) & ~tiny & ~mark
    fill = area / np.maximum(1, w * h)
    # Solid and round, like no letter (a bold word merged into one shape is long).
    blob = ((np.minimum(w, h) >= 1.2 * size) & (np.maximum(w, h) <= 3.0 * size)
            & (np.maximum(w, h) <= 1.25 * np.minimum(w, h)) & (fill > 0.7))
    # A punch hole, filled or (once the paper is flattened) a ring, in the outer margin.
    left = stats[:, cv2.CC_STAT_LEFT]
    top = stats[:, cv2.CC_STAT_TOP]
    rows, cols = ink.shape
    band = _HOLE_MARGIN * min(rows, cols)
    mid_x, mid_y = left + w / 2, top + h / 2
    in_margin = ((mid_x < band) | (mid_x > cols - band) | (mid_y < band)
                 | (mid_y > rows - band))
    blob |= (in_margin & (np.maximum(w, h) >= 1.2 * size) & (np.maximum(w, h) <= 3.0 * size)
             & (np.maximum(w, h) <= 1.3 * np.minimum(w, h)))
    letter &= ~blob
    tiny[0] = mark[0] = letter[0] = blob[0] = False
    if not (tiny.any() or mark.any() or blob.any()):
        return np.zeros(ink.shape, dtype=bool), 0
    reach_x = max(2, round(0.5 * size))
    reach_y = max(2, round(0.6 * size))
    near = cv2.dilate(letter[labels].astype(np.uint8),
                      cv2.getStructuringElement(cv2.MORPH_RECT, (2 * reach_x + 1,
                                                                 2 * reach_y + 1)))
    cx = np.clip(centres[:, 0].round().astype(np.int64), 0, ink.shape[1] - 1)
    cy = np.clip(centres[:, 1].round().astype(np.int64), 0, ink.shape[0] - 1)
    beside = near[cy, cx] > 0
    # Pieces of a letter broken by faded print lie against it: only dust apart from letters
    # goes, whatever its size.
    hug = max(2, round(0.12 * size))
    touching = cv2.dilate(letter[labels].astype(np.uint8),
                          cv2.getStructuringElement(cv2.MORPH_RECT, (2 * hug + 1, 2 * hug + 1)))
    tiny &= touching[cy, cx] == 0
    loose = mark & ~beside
    if loose.any():
        # Dots in a row on one baseline are a leader line of a form, not dust.
        row = cv2.dilate(loose[labels].astype(np.uint8),
                         cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, round(size)), 1)))
        groups, glabels, gstats, _ = cv2.connectedComponentsWithStats(row, connectivity=8)
        members = np.bincount(glabels[cy[loose], cx[loose]], minlength=groups)
        flat_row = gstats[:, cv2.CC_STAT_HEIGHT] < 0.4 * size
        group_of = glabels[cy, cx]
        leader = loose & (members[group_of] >= 3) & flat_row[group_of]
        loose &= ~leader
    drop = tiny | loose | blob
    drop[0] = False
    # The count that tells a dusty copy: specks well away from any text line (faded print
    # breaks into pieces too, but within its lines).
    line_zone = cv2.dilate(near, cv2.getStructuringElement(
        cv2.MORPH_RECT, (2 * round(size) + 1, 2 * round(0.5 * size) + 1)))
    apart = drop & (line_zone[cy, cx] == 0)
    return np.asarray(drop[labels]), int(apart.sum())


def _beside_letters(labels: NDArray[np.int32], stats: NDArray[np.int32],
                    small: NDArray[np.bool_], shape: tuple[int, ...]) -> NDArray[np.bool_]:
    """Small blobs just above or below a letter: tone marks and dots, not dust."""
    h = stats[:, cv2.CC_STAT_HEIGHT]
    w = stats[:, cv2.CC_STAT_WIDTH]
    letter = ~small & (h >= 6) & (w <= 3 * h) & (h < shape[0] * 0.2)
    letter[0] = False
    if not letter.any():
        return np.zeros(len(stats), dtype=bool)
    size = float(np.median(h[letter]))
    reach = max(3, round(size * 0.6))
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, reach // 2), 2 * reach + 1))
    near = cv2.dilate(letter[labels].astype(np.uint8), kernel)
    cx = np.clip(stats[:, cv2.CC_STAT_LEFT] + w // 2, 0, shape[1] - 1)
    cy = np.clip(stats[:, cv2.CC_STAT_TOP] + h // 2, 0, shape[0] - 1)
    return np.asarray(near[cy, cx] > 0)


def ink_ratio(ink: NDArray[np.bool_]) -> float:
    """Share of ink pixels inside the page, ignoring a 3% border where scanners leave edges."""
    h, w = ink.shape
    my, mx = max(1, h * 3 // 100), max(1, w * 3 // 100)
    inner = ink[my:h - my, mx:w - mx]
    return float(inner.mean()) if inner.size else 0.0


# A shape at least this long (mm) is a mark, not noise: the smallest printed letters are
# about 1.5 mm high, dust and sensor noise far less (and mostly removed as specks).
MARK_MIN_MM = 1.0
# A page with this many marks is written on, however little ink they hold.
MIN_MARKS = 2


def count_marks(ink: NDArray[np.bool_], dpi: int, margin: float = 0.03) -> int:
    """Ink shapes inside the page's margins at least :data:`MARK_MIN_MM` long: the
    evidence that a page carries something (a letter, a digit, a line, a signature)."""
    h, w = ink.shape
    my, mx = max(1, int(h * margin)), max(1, int(w * margin))
    inner = ink[my:h - my, mx:w - mx]
    if inner.size == 0 or not inner.any():
        return 0
    _, _, stats, _ = cv2.connectedComponentsWithStats(inner.astype(np.uint8), connectivity=8)
    longest = np.maximum(stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT])
    return int((longest >= MARK_MIN_MM * max(dpi, 1) / 25.4).sum())


def is_blank(ink: NDArray[np.bool_], dpi: int, max_ratio: float) -> bool:
    """Blank only on evidence: hardly any ink, and none of it shaped like a mark. A page
    holding one short line is not blank, however little of it is ink."""
    return ink_ratio(ink) < max_ratio and count_marks(ink, dpi) < MIN_MARKS


def to_png(ink: NDArray[np.bool_]) -> bytes:
    """A 1-bit PNG, black ink on white (small enough to store for every page)."""
    ok, buf = cv2.imencode(".png", np.where(ink, 0, 255).astype(np.uint8),
                           [cv2.IMWRITE_PNG_BILEVEL, 1])
    if not ok:  # pragma: no cover - OpenCV only fails on empty arrays
        raise ValueError("PNG encoding failed")
    return bytes(buf.tobytes())


# Character-sized ink at 100 dpi: about 1.3-10 mm high, at most 15 mm wide.
_CHAR_MIN_H, _CHAR_MAX_H, _CHAR_MAX_W = 5, 40, 60
# A page needs this many character-sized shapes, holding this share of its ink,
# to be worth reading.
MIN_TEXT_SHAPES = 3
MIN_TEXT_SHARE = 0.25


def looks_like_text(ink: NDArray[np.bool_], dpi: int) -> bool:
    """Whether the page's ink is mostly character-sized shapes (judged at 100 dpi).

    A page of stripes, a photograph or a scanner's test pattern is not; sending
    such a page to Tesseract costs tens of seconds and reads nothing.
    """
    factor = 100.0 / max(dpi, 1)
    small = cv2.resize(ink.astype(np.uint8) * 255, None, fx=factor, fy=factor,
                       interpolation=cv2.INTER_AREA) > 64
    _, _, stats, _ = cv2.connectedComponentsWithStats(small.astype(np.uint8), connectivity=8)
    widths = stats[1:, cv2.CC_STAT_WIDTH]
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    areas = stats[1:, cv2.CC_STAT_AREA]
    chars = (heights >= _CHAR_MIN_H) & (heights <= _CHAR_MAX_H) & (widths <= _CHAR_MAX_W)
    share = float(areas[chars].sum()) / max(1.0, float(areas.sum()))
    return int(chars.sum()) >= MIN_TEXT_SHAPES and share >= MIN_TEXT_SHARE
