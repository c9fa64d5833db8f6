"""A page photographed by a document camera or webcam: find it, straighten it, even its light."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import cv2
import numpy as np
import numpy.typing as npt

from hardware.imaging.page_cleanup import flatten_lighting, reduced_to_width

Image = npt.NDArray[np.uint8]
Quad = npt.NDArray[np.float32]  # 4 × 2: top-left, top-right, bottom-right, bottom-left

A4_ASPECT = 297.0 / 210.0
MM_PER_INCH = 25.4
#: A "sheet" filling more of the frame than this is the frame itself (an empty desk).
_MAX_AREA = 0.97


def _order_corners(points: npt.NDArray[np.float32]) -> Quad:
    sums = points.sum(axis=1)
    diffs = np.diff(points, axis=1).ravel()
    return np.array(
        [
            points[np.argmin(sums)],
            points[np.argmin(diffs)],
            points[np.argmax(sums)],
            points[np.argmax(diffs)],
        ],
        dtype=np.float32,
    )


def find_page(frame: Image, min_area: float = 0.15) -> Quad | None:
    """The four corners of the sheet of paper in ``frame``, or None when none is clear.

    The sheet is the largest bright convex quadrilateral covering at least ``min_area`` of
    the frame. Its outline comes from an Otsu threshold after a blur that erases the text,
    so printed lines inside the page never compete with its edge.
    """
    gray = frame if frame.ndim == 2 else cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    small, scale = reduced_to_width(cast(npt.NDArray[np.uint8], gray), 640)
    blurred = cv2.GaussianBlur(small, (0, 0), 3)
    _, paper = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    paper = cv2.morphologyEx(paper, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    contours, _ = cv2.findContours(paper, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    frame_area = small.shape[0] * small.shape[1]
    for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:5]:
        if cv2.contourArea(contour) < min_area * frame_area:
            break
        hull = cv2.convexHull(contour)
        perimeter = cv2.arcLength(hull, True)
        if cv2.contourArea(contour) > _MAX_AREA * frame_area:
            continue  # the whole frame: no sheet stands out from the background
        for tolerance in (0.02, 0.03, 0.05):
            approx = cv2.approxPolyDP(hull, tolerance * perimeter, True)
            if len(approx) == 4:
                corners = approx.reshape(4, 2).astype(np.float32) / scale
                return _order_corners(corners)
    return None


def straighten_page(frame: Image, corners: Quad) -> tuple[Image, int]:
    """The page seen from above, as an A4-proportioned image, and its real resolution.

    The output keeps the detail the camera saw (its long side is the longer measured edge),
    so the returned dpi says honestly how fine the capture is; lighting is flattened.
    """
    top = np.linalg.norm(corners[1] - corners[0])
    bottom = np.linalg.norm(corners[2] - corners[3])
    left = np.linalg.norm(corners[3] - corners[0])
    right = np.linalg.norm(corners[2] - corners[1])
    width_px, height_px = float(max(top, bottom)), float(max(left, right))
    landscape = width_px > height_px
    long_side = max(width_px, height_px)
    short_side = long_side / A4_ASPECT
    width, height = (long_side, short_side) if landscape else (short_side, long_side)
    out_w, out_h = round(width), round(height)
    target = np.array([[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]], np.float32)
    matrix = cv2.getPerspectiveTransform(corners, target)
    warped = cv2.warpPerspective(frame, matrix, (out_w, out_h), flags=cv2.INTER_CUBIC)
    measured_dpi = round(max(out_w, out_h) / (297.0 / MM_PER_INCH))
    return flatten_lighting(cast(Image, warped)), measured_dpi


@dataclass
class StillnessDetector:
    """Says when the page has stopped moving: ``frames`` consecutive frames nearly equal.

    Fed every camera frame; the clerk's hands leaving the page is the usual trigger.
    """

    frames: int = 8
    tolerance: float = 2.0  # mean absolute grey difference between frames, 0..255
    _previous: Image | None = None
    _still_count: int = 0

    def feed(self, frame: Image) -> bool:
        """Add a frame; True once the scene has been still long enough (then resets)."""
        gray = frame if frame.ndim == 2 else cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
        small = cv2.resize(gray, (160, max(1, gray.shape[0] * 160 // gray.shape[1])))
        small = cast(Image, cv2.GaussianBlur(small, (5, 5), 0))
        if self._previous is not None and self._previous.shape == small.shape:
            diff = float(np.mean(cv2.absdiff(small, self._previous)))
            self._still_count = self._still_count + 1 if diff < self.tolerance else 0
        self._previous = small
        if self._still_count >= self.frames:
            self._still_count = 0
            return True
        return False
