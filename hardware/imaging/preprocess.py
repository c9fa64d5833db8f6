"""Image preprocessing that rescues QR codes a plain decoding pass misses.

Every function takes and returns 8-bit greyscale. They are cheap enough to run on a
region of a frame, and some (contrast, binarise) on a whole frame; the cascade decides
which to try, and only after the plain pass found nothing.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import cast

import cv2
import numpy as np

from hardware.camera.interface import Frame
from hardware.imaging.deblur import deblurred_candidates

#: Candidate regions are enlarged until their longer side has this many pixels, so a code
#: with modules of 1.5 px gets modules of 4–6 px, which both decoders read reliably (560
#: read no more frames of either generated set, at twice the cost of every filter).
REGION_TARGET_SIDE = 420
MAX_UPSCALE = 4.0
MAX_CANDIDATES = 3


class ImageFilter(enum.StrEnum):
    """A transformation of a greyscale image before decoding."""

    PLAIN = "plain"
    CONTRAST = "contrast"  # CLAHE: dark frames, glare, washed-out prints
    SHARPEN = "sharpen"  # unsharp mask: focus blur, slight motion blur
    BINARISE = "binarise"  # denoise then adaptive threshold: noise, uneven light
    DEBLUR = "deblur"  # strong unsharp mask after a median: motion blur along a line
    # Estimate the blur and deconvolve (hardware.imaging.deblur): heavy motion blur,
    # defocus, soft tiny codes. Works on the region at the frame's own resolution and gives
    # several restorations, so the cascade handles it apart (see ``deconvolved_regions``).
    DECONVOLVE = "deconvolve"
    # Deconvolve only regions whose spectrum shows a clear motion blur (the same search):
    # early in the order, so a hand's blur does not first pay for every cheap filter.
    MOTION = "motion"


@dataclass(frozen=True, slots=True)
class Region:
    """A rectangle of the frame, in pixels."""

    x: int
    y: int
    width: int
    height: int


def to_grey(image: Frame) -> Frame:
    """Greyscale view of a BGR frame (returned as is when already grey)."""
    if image.ndim == 2:
        return image
    return cast(Frame, cv2.cvtColor(image, cv2.COLOR_BGR2GRAY))


def apply_filter(grey: Frame, kind: ImageFilter) -> Frame:
    """``grey`` transformed by ``kind``."""
    if kind is ImageFilter.PLAIN:
        return grey
    if kind in (ImageFilter.DECONVOLVE, ImageFilter.MOTION):
        return next(deblurred_candidates(grey, enlarge=1.0), grey)  # the most likely one
    if kind is ImageFilter.CONTRAST:
        low, high = int(grey.min()), int(grey.max())
        scale = 255.0 / max(1, high - low)
        stretched = cv2.convertScaleAbs(grey, alpha=scale, beta=-low * scale)
        # One CLAHE object per call: OpenCV algorithm objects are not safe to share
        # between threads (the camera worker and a file decode may run at once).
        clahe = cv2.createCLAHE(clipLimit=3.0, tileGridSize=(8, 8))
        return cast(Frame, clahe.apply(stretched))
    if kind is ImageFilter.SHARPEN:
        return _unsharp(grey, sigma=1.5, amount=1.5)
    if kind is ImageFilter.DEBLUR:
        return _unsharp(cast(Frame, cv2.medianBlur(grey, 3)), sigma=3.0, amount=3.0)
    # BINARISE: a median removes sensor noise that adaptive thresholding would amplify.
    smoothed = cv2.medianBlur(grey, 3)
    block = max(15, (min(grey.shape[:2]) // 20) | 1)
    return cast(
        Frame,
        cv2.adaptiveThreshold(
            smoothed, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, block, 5
        ),
    )


def _unsharp(grey: Frame, sigma: float, amount: float) -> Frame:
    blurred = cv2.GaussianBlur(grey, (0, 0), sigma)
    return cast(Frame, cv2.addWeighted(grey, 1 + amount, blurred, -amount, 0))


def find_code_regions(grey: Frame, limit: int = MAX_CANDIDATES) -> list[Region]:
    """Regions that may hold a QR code, most likely first; possibly none.

    A QR code is a compact patch where edges run densely in both directions. Found on a
    half-size image: dense edges (morphological gradient), closed into blobs, kept when
    roughly square and of plausible size, ranked by how much edge they hold.
    """
    height, width = grey.shape[:2]
    if min(height, width) < 2 * 21:
        return []  # the half-size image could not hold a QR code's 21 modules a side
    small = cv2.resize(grey, (width // 2, height // 2), interpolation=cv2.INTER_AREA)
    kernel3 = cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3))
    gradient = cv2.morphologyEx(small, cv2.MORPH_GRADIENT, kernel3)
    # Otsu on the gradient adapts to dark and low-contrast frames.
    _, edges = cv2.threshold(gradient, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    closed = cv2.morphologyEx(
        edges, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9))
    )
    opened = cv2.morphologyEx(
        closed, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (7, 7))
    )
    contours, _ = cv2.findContours(opened, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    scored: list[tuple[float, Region]] = []
    min_side, max_side = 14, min(small.shape[:2])
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        if min(w, h) < min_side or max(w, h) > max_side or max(w, h) > 2.2 * min(w, h):
            continue
        fill = cv2.contourArea(contour) / float(w * h)
        if fill < 0.45:
            continue
        density = float(np.count_nonzero(edges[y : y + h, x : x + w])) / float(w * h)
        if density < 0.2:
            continue
        scored.append((density * fill, Region(2 * x, 2 * y, 2 * w, 2 * h)))
    scored.sort(key=lambda item: item[0], reverse=True)
    return [region for _, region in scored[:limit]]


def edge_coherence(grey: Frame) -> float:
    """How much the edges of ``grey`` run one way: near 0 for a QR code (edges both ways,
    at right angles), near 1 for a 1D barcode's bars (or a code smeared by a long motion
    blur). The coherence of the gradients' structure tensor over the whole patch."""
    patch = grey.astype(np.float32)
    gx = cv2.Sobel(patch, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(patch, cv2.CV_32F, 0, 1, ksize=3)
    xx, yy, xy = (
        float(cv2.mean(gx * gx)[0]),
        float(cv2.mean(gy * gy)[0]),
        float(cv2.mean(gx * gy)[0]),
    )
    return float(np.hypot(xx - yy, 2 * xy) / max(xx + yy, 1e-9))


def native_crop(grey: Frame, region: Region, margin: float = 0.2) -> Frame:
    """``region`` with a quiet-zone margin, at the frame's own resolution."""
    height, width = grey.shape[:2]
    pad_x, pad_y = int(region.width * margin) + 4, int(region.height * margin) + 4
    x0, y0 = max(0, region.x - pad_x), max(0, region.y - pad_y)
    x1 = min(width, region.x + region.width + pad_x)
    y1 = min(height, region.y + region.height + pad_y)
    return grey[y0:y1, x0:x1]


def enlargement(crop: Frame) -> float:
    """How much :func:`crop_region` enlarges ``crop`` (1.0: not at all)."""
    return min(MAX_UPSCALE, REGION_TARGET_SIDE / max(1, int(crop.shape[0]), int(crop.shape[1])))


def crop_region(grey: Frame, region: Region, margin: float = 0.2) -> Frame:
    """``region`` with a quiet-zone margin, enlarged so that small codes get big modules."""
    crop = native_crop(grey, region, margin)
    scale = enlargement(crop)
    if scale <= 1.05:
        return np.ascontiguousarray(crop)
    return cast(
        Frame,
        cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC),
    )
