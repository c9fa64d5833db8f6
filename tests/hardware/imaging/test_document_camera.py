"""Finding and straightening a page photographed on a cluttered desk."""

from __future__ import annotations

import numpy as np

from hardware.imaging.document_camera import StillnessDetector, find_page, straighten_page
from tests.generators.pages import photo_of_page, text_page


def test_the_page_is_found_despite_perspective_shadow_and_clutter() -> None:
    frame, truth = photo_of_page(text_page(dpi=150))
    corners = find_page(frame)
    assert corners is not None
    assert np.max(np.linalg.norm(corners - truth, axis=1)) < 20


def test_the_straightened_page_is_a4_upright_and_evenly_lit() -> None:
    page = text_page(dpi=150)
    frame, _ = photo_of_page(page)
    corners = find_page(frame)
    assert corners is not None
    flat, dpi = straighten_page(frame, corners)
    height, width = flat.shape[:2]
    assert height / width == np.float64(height / width)
    assert abs(height / width - 297 / 210) < 0.02
    assert 80 < dpi < 200
    grey = flat.mean(axis=2)
    # The shadow made the left edge half as bright; after flattening the paper is even.
    left, right = np.median(grey[:, 10:60]), np.median(grey[:, -60:-10])
    assert abs(float(left) - float(right)) < 10
    # The title line is at the top: the top fifth holds more ink than the bottom fifth.
    ink = grey < 128
    assert ink[: height // 5].sum() > ink[-height // 5 :].sum()


def test_no_page_in_an_empty_desk() -> None:
    desk = np.full((720, 1280, 3), (60, 85, 110), np.uint8)
    assert find_page(desk) is None


def test_stillness_is_reported_after_enough_equal_frames_and_not_while_moving() -> None:
    frame, _ = photo_of_page(text_page(dpi=100), frame_size=(640, 480))
    detector = StillnessDetector(frames=3)
    moving = [np.roll(frame, 25 * i, axis=1) for i in range(6)]
    assert not any(detector.feed(f) for f in moving)
    results = [detector.feed(frame) for _ in range(4)]
    assert results == [False, False, False, True]
