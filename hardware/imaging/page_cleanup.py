"""Cleanup of one scanned page: crop, deskew, blank detection, lighting, resolution, modes.

Pure functions over numpy images (grey ``H×W`` or BGR ``H×W×3``, uint8). They work on a
reduced copy where they only need to *measure* (angle, borders, ink), so a 300 dpi A4 page
takes tens of milliseconds, and touch the full-resolution pixels once per transformation.
"""

from __future__ import annotations

from typing import cast

import cv2
import numpy as np
import numpy.typing as npt

Image = npt.NDArray[np.uint8]

#: Measurements are taken on a copy about this wide (pixels).
_MEASURE_WIDTH = 800
#: Angles tried by the deskew search, in degrees; scanners rarely skew a sheet more.
_MAX_SKEW = 5.0
#: The smallest mark (pixels at measuring scale) that counts as ink rather than dust.
_MIN_MARK_AREA = 16
_MIN_MARK_HEIGHT = 5


def to_gray(image: Image) -> Image:
    """A grey copy (a grey image is returned as is)."""
    if image.ndim == 2:
        return image
    return cast(Image, cv2.cvtColor(image, cv2.COLOR_BGR2GRAY))


def reduced_to_width(image: Image, width: int) -> tuple[Image, float]:
    """``image`` shrunk (area averaging) to at most ``width`` pixels wide, and the scale.

    The one down-scaler for measuring a page or a frame cheaply (never enlarges).
    """
    scale = min(1.0, width / image.shape[1])
    if scale == 1.0:
        return image, 1.0
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return cast(Image, small), scale


def _reduced(gray: Image) -> tuple[Image, float]:
    return reduced_to_width(gray, _MEASURE_WIDTH)


def _ink(gray: Image) -> Image:
    """A mask of dark marks (text, lines), robust to uneven paper brightness."""
    return cast(
        Image,
        cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15),
    )


def crop_to_page(image: Image) -> Image:
    """Cut away the dark scanner lid or bed around a lighter sheet, if there is any."""
    small, scale = _reduced(to_gray(image))
    _, paper = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    if float(np.mean(paper)) > 0.97 * 255 or float(np.mean(paper)) < 0.2 * 255:
        return image  # all paper, or no clear sheet: nothing to cut
    contours, _ = cv2.findContours(paper, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return image
    x, y, w, h = cv2.boundingRect(max(contours, key=cv2.contourArea))
    if w * h < 0.25 * small.shape[0] * small.shape[1]:
        return image  # the biggest light region is not a sheet
    x0, y0 = int(x / scale), int(y / scale)
    x1 = min(image.shape[1], int((x + w) / scale))
    y1 = min(image.shape[0], int((y + h) / scale))
    return image[y0:y1, x0:x1].copy()


def skew_angle(image: Image) -> float:
    """The rotation (degrees, counter-clockwise positive) that makes text lines horizontal.

    Projection profiles: the row sums of the ink mask are sharpest when lines are level.
    Coarse 0.5° steps, then 0.1° around the best; 0.0 for a page without enough ink.
    """
    small, _ = _reduced(to_gray(image))
    ink = _ink(small)
    if np.count_nonzero(ink) < 0.002 * ink.size:
        return 0.0
    centre = (ink.shape[1] / 2, ink.shape[0] / 2)

    def sharpness(angle: float) -> float:
        matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
        rotated = cv2.warpAffine(ink, matrix, (ink.shape[1], ink.shape[0]))
        rows = rotated.sum(axis=1, dtype=np.float64)
        return float(np.sum(np.diff(rows) ** 2))

    coarse = np.arange(-_MAX_SKEW, _MAX_SKEW + 0.01, 0.5)
    best = max(coarse, key=sharpness)
    fine = np.arange(best - 0.5, best + 0.51, 0.1)
    return round(float(max(fine, key=sharpness)), 2)


def rotate(image: Image, angle: float, fill: int = 255) -> Image:
    """Rotate by ``angle`` degrees (counter-clockwise) about the centre, same size, ``fill``ed."""
    if abs(angle) < 0.05:
        return image
    centre = (image.shape[1] / 2, image.shape[0] / 2)
    matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
    border = (fill, fill, fill) if image.ndim == 3 else fill
    return cast(
        Image,
        cv2.warpAffine(
            image,
            matrix,
            (image.shape[1], image.shape[0]),
            flags=cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_CONSTANT,
            borderValue=border,
        ),
    )


def rotate_quarter_turns(image: Image, turns: int) -> Image:
    """Rotate by ``turns`` × 90° clockwise (negative: counter-clockwise)."""
    codes = {1: cv2.ROTATE_90_CLOCKWISE, 2: cv2.ROTATE_180, 3: cv2.ROTATE_90_COUNTERCLOCKWISE}
    turns %= 4
    if turns == 0:
        return image
    return cast(Image, cv2.rotate(image, codes[turns]))


def ink_ratio(image: Image, margin: float = 0.06) -> float:
    """The share of the page (inside a ``margin`` frame) covered by marks.

    Only marks the size of a glyph or more count: dust, grain and punch-hole shadows at the
    edge leave a blank sheet blank, while a lone page number does not.
    """
    small, _ = _reduced(to_gray(image))
    h, w = small.shape
    inner = small[int(h * margin) : int(h * (1 - margin)), int(w * margin) : int(w * (1 - margin))]
    if inner.size == 0:
        return 0.0
    ink = _ink(inner)
    # A bleed-through or grain pattern is faint: keep only marks clearly darker than paper.
    paper = float(np.percentile(inner, 90))
    ink[inner > paper - 40] = 0
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    areas = stats[1:count, cv2.CC_STAT_AREA]
    heights = stats[1:count, cv2.CC_STAT_HEIGHT]
    marks = areas[(areas >= _MIN_MARK_AREA) & (heights >= _MIN_MARK_HEIGHT)]
    return float(marks.sum()) / ink.size


def is_blank(image: Image, threshold: float = 0.0002) -> bool:
    """Whether the page carries nothing worth keeping (a blank back side of a duplex scan)."""
    return ink_ratio(image) < threshold


def flatten_lighting(image: Image) -> Image:
    """Divide out the slowly varying paper brightness (shadows, uneven lamps).

    The background estimate is a heavy closing (removes text) then a blur; dividing by it
    turns paper white everywhere, which is also what lets JPEG compress a page small.
    """

    def flatten(channel: Image) -> Image:
        small, _ = _reduced(channel)
        kernel = np.ones((15, 15), np.uint8)
        background = cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel)
        background = cv2.GaussianBlur(background, (0, 0), 8)
        background = cv2.resize(
            background, (channel.shape[1], channel.shape[0]), interpolation=cv2.INTER_LINEAR
        )
        out = cv2.divide(channel, np.maximum(background, 1), scale=255)
        return cast(Image, out)

    if image.ndim == 2:
        return flatten(image)
    channels = [flatten(cast(Image, c)) for c in cv2.split(image)]
    return cast(Image, cv2.merge(channels))


def paper_white_point(gray: Image) -> int:
    """The grey level from which the page counts as paper: a little under its median.

    Text pages are mostly paper, so the median is the paper's brightness; the clamp keeps
    a dark, photo-heavy page from being pushed to white.
    """
    small, _ = _reduced(gray)
    return int(np.clip(float(np.median(small)) - 15, 180, 235))


def clean_background(image: Image, white_point: int = 225) -> Image:
    """Push paper to pure white and stretch the ink below it, for smaller JPEGs.

    Values at or above ``white_point`` become 255; below it a linear stretch keeps the
    anti-aliased edges of glyphs that OCR and the eye rely on. Colour images get the same
    curve on each channel.
    """
    lut = np.clip(np.arange(256, dtype=np.float32) * 255.0 / white_point, 0, 255)
    return cast(Image, cv2.LUT(image, lut.astype(np.uint8)))


def resample(image: Image, from_dpi: int, to_dpi: int) -> Image:
    """Change the resolution; area averaging down, cubic up."""
    if from_dpi == to_dpi:
        return image
    factor = to_dpi / from_dpi
    interpolation = cv2.INTER_AREA if factor < 1 else cv2.INTER_CUBIC
    return cast(Image, cv2.resize(image, None, fx=factor, fy=factor, interpolation=interpolation))


def colourfulness(image: Image) -> float:
    """The share of pixels with clear colour (a red seal, a photo); 0.0 for a grey image."""
    if image.ndim == 2:
        return 0.0
    small = cv2.resize(image, (200, max(1, image.shape[0] * 200 // image.shape[1])))
    hsv = cv2.cvtColor(small, cv2.COLOR_BGR2HSV)
    coloured = (hsv[:, :, 1] > 80) & (hsv[:, :, 2] > 60)
    return float(np.count_nonzero(coloured)) / coloured.size


def midtone_ratio(gray: Image) -> float:
    """The share of pixels neither paper nor ink: photos and shading that bilevel would lose."""
    small, _ = _reduced(gray)
    mid = (small > 70) & (small < 190)
    return float(np.count_nonzero(mid)) / mid.size


def binarize(gray: Image) -> Image:
    """Black text on white (values 0/255), thresholded locally so faint strokes survive."""
    return cast(
        Image,
        cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, 31, 12),
    )


def blank_bottom_rows(image: Image) -> int:
    """How many rows at the bottom of the page carry no mark (full-resolution rows).

    A row counts as marked when a few pixels (at measuring scale) are clearly darker than
    the paper, so grain and dust leave a margin blank while a page number does not.
    """
    small, scale = _reduced(to_gray(image))
    paper = float(np.percentile(small, 90))
    dark = np.count_nonzero(small < paper - 60, axis=1)
    marked = np.flatnonzero(dark >= 2)
    if marked.size == 0:
        return int(image.shape[0])
    free_small = small.shape[0] - 1 - int(marked[-1])
    return min(int(image.shape[0]), int(free_small / scale))
