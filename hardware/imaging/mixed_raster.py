"""Mixed raster content: a page split into a bilevel text mask and a low-resolution background.

The text (dark, unsaturated marks) goes into a 1-bit mask at a finer resolution than the
scan, thresholded after a cubic enlargement, so glyph edges keep the shape that grey
anti-aliasing gave them (measured: OCR of the stored page is then at least as accurate as
OCR of the scan, where the mask at scan resolution lost diacritics). Everything else —
paper, a red seal, coloured print — stays continuous-tone in the background, with the
text pixels replaced by paper, at a third of the scan's resolution. A page with
photographs or shading in grey is not split (:func:`separate` returns None): the
background's resolution would blur them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import cv2
import numpy as np
import numpy.typing as npt

Image = npt.NDArray[np.uint8]

#: The mask's resolution: this many times the scan's, and at least :data:`MIN_MASK_DPI`.
MASK_FACTOR = 1.5
MIN_MASK_DPI = 300
#: The background's resolution: the scan's divided by this.
BACKGROUND_DIVISOR = 2
#: Share of the page in grey mid-tones outside the text above which it is not split.
PHOTO_LIMIT = 0.015
#: Adaptive threshold offset (grey levels below the local mean that count as ink).
THRESHOLD_OFFSET = 8
#: Saturation above which a pixel is colour (a seal), never text in the mask.
COLOUR_SATURATION = 80


@dataclass(frozen=True, slots=True)
class MixedRaster:
    """The layers of one page; ``mask`` is 0 where ink is painted, 255 elsewhere."""

    mask: Image
    mask_dpi: int
    background: Image  # grey H×W or BGR H×W×3 at ``background_dpi``
    background_dpi: int
    ink: tuple[int, int, int]  # the text's colour, RGB
    preview: Image  # the page as stored, grey, at the scan's resolution (what OCR reads)


def _saturation(image: Image) -> Image | None:
    if image.ndim == 2:
        return None
    return cast(Image, cv2.cvtColor(image, cv2.COLOR_BGR2HSV)[:, :, 1])


def _grey(image: Image) -> Image:
    return image if image.ndim == 2 else cast(Image, cv2.cvtColor(image, cv2.COLOR_BGR2GRAY))


def separate(image: Image, dpi: int) -> MixedRaster | None:
    """Split a cleaned page (paper already white); None when it holds photographs."""
    grey = _grey(image)
    saturation = _saturation(image)
    height, width = grey.shape
    # The text at the scan's resolution, to measure what is left once it is taken out.
    ink = cv2.adaptiveThreshold(
        grey, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY_INV, 31, THRESHOLD_OFFSET
    )
    if saturation is not None:
        ink[saturation > COLOUR_SATURATION] = 0
    around_text = cv2.dilate(ink, np.ones((5, 5), np.uint8)) > 0
    rest = ~around_text
    if saturation is not None:
        rest &= saturation <= COLOUR_SATURATION
    midtones = rest & (grey > 70) & (grey < 190)
    if np.count_nonzero(midtones) > PHOTO_LIMIT * grey.size:
        return None
    core = ink > 0
    if not np.any(core):
        return None  # nothing to mask: the plain page is as small
    mask_dpi = max(MIN_MASK_DPI, round(dpi * MASK_FACTOR))
    factor = mask_dpi / dpi
    size = (round(width * factor), round(height * factor))
    enlarged = cv2.resize(grey, size, interpolation=cv2.INTER_CUBIC)
    block = int(31 * factor) | 1
    mask = cv2.adaptiveThreshold(
        enlarged, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, block, THRESHOLD_OFFSET
    )
    if saturation is not None:
        coloured = cv2.resize(saturation, size, interpolation=cv2.INTER_NEAREST)
        mask[coloured > COLOUR_SATURATION] = 255
    ink_colour = _ink_colour(image, core)
    paper = image.copy()
    paper[around_text] = 255
    small = (max(1, width // BACKGROUND_DIVISOR), max(1, height // BACKGROUND_DIVISOR))
    background = cast(Image, cv2.resize(paper, small, interpolation=cv2.INTER_AREA))
    ink_grey = round(0.299 * ink_colour[0] + 0.587 * ink_colour[1] + 0.114 * ink_colour[2])
    stored = np.where(mask == 0, ink_grey, 255).astype(np.uint8)
    preview = cv2.resize(stored, (width, height), interpolation=cv2.INTER_AREA)
    return MixedRaster(
        mask=cast(Image, mask),
        mask_dpi=mask_dpi,
        background=background,
        background_dpi=max(1, dpi // BACKGROUND_DIVISOR),
        ink=ink_colour,
        preview=cast(Image, preview),
    )


def _ink_colour(image: Image, core: npt.NDArray[np.bool_]) -> tuple[int, int, int]:
    """The text's colour: a dark quantile of the masked pixels (edges are lighter)."""
    if image.ndim == 2:
        value = int(np.percentile(image[core], 10))
        return (value, value, value)
    pixels = image[core]
    blue, green, red = (int(np.percentile(pixels[:, c], 10)) for c in range(3))
    return (red, green, blue)
