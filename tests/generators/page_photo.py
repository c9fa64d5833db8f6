"""Generated camera photos of a page: for the document-camera simulator and its tests.

A sheet lying on a cluttered desk, seen in perspective, with a soft shadow across it —
what a webcam over the counter sees, made reproducible by a seed.
"""

from __future__ import annotations

from typing import cast

import cv2
import numpy as np
import numpy.typing as npt

Image = npt.NDArray[np.uint8]
Quad = npt.NDArray[np.float32]

#: Where the sheet's corners land, as fractions of the frame (TL, TR, BR, BL).
DEFAULT_CORNERS = ((0.30, 0.10), (0.72, 0.13), (0.77, 0.93), (0.25, 0.89))


def photograph_page(
    page: Image,
    frame_size: tuple[int, int] = (1600, 1200),
    corners: tuple[tuple[float, float], ...] = DEFAULT_CORNERS,
    shadow: float = 0.45,
    seed: int = 11,
) -> tuple[Image, Quad]:
    """A BGR frame of ``page`` on a desk and the sheet's true corners in that frame.

    ``shadow`` is how much darker the left edge of the scene is (0: no shadow).
    """
    rng = np.random.default_rng(seed)
    width, height = frame_size
    desk = np.zeros((height, width, 3), np.uint8)
    desk[:] = (60, 85, 110)
    desk = np.clip(desk + rng.normal(0, 8, desk.shape), 0, 255).astype(np.uint8)
    # Clutter away from the sheet: a pen, a sticky note, a mug seen from above.
    cv2.line(desk, (40, 60), (300, 120), (20, 20, 180), 9)
    cv2.rectangle(desk, (width - 230, 30), (width - 60, 190), (90, 230, 240), -1)
    cv2.circle(desk, (120, height - 140), 90, (200, 200, 205), 14)
    h, w = page.shape[:2]
    source = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    target = np.array([[x * width, y * height] for x, y in corners], np.float32)
    matrix = cv2.getPerspectiveTransform(source, target)
    colour = page if page.ndim == 3 else cv2.cvtColor(page, cv2.COLOR_GRAY2BGR)
    warped = cv2.warpPerspective(colour, matrix, (width, height))
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), matrix, (width, height))
    frame = np.where(mask[:, :, None] > 0, warped, desk)
    ramp = np.clip(np.linspace(1.0 - shadow, 1.0 + shadow, width), 0.0, 1.0)
    shaded = frame.astype(np.float32) * ramp.astype(np.float32)[None, :, None]
    return cast(Image, np.clip(shaded, 0, 255).astype(np.uint8)), target
