"""Preprocessing for QR decoding: candidate regions and filters."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from hardware.imaging.preprocess import (
    ImageFilter,
    apply_filter,
    crop_region,
    edge_coherence,
    find_code_regions,
    to_grey,
)
from hardware.qr.zxing import ZxingQrDecoder
from tests.generators.qr_frame_set import generate_frame_set
from tests.generators.qr_hard_scenes import convolve, motion_kernel
from tests.generators.qr_scenes import Condition, qr_modules

PAYLOAD = "001099012345||PHẠM THU LINH|15081999|Nữ|Hạ Long|20082021"


def test_a_small_code_is_a_candidate_region_and_reads_once_enlarged() -> None:
    frames = generate_frame_set([PAYLOAD], per_condition=3, conditions=(Condition.SMALL,))
    decoder = ZxingQrDecoder()
    for frame in frames:
        grey = to_grey(frame.image)
        crops = [crop_region(grey, region) for region in find_code_regions(grey)]
        assert crops, "the code must be a candidate"
        assert max(max(c.shape) for c in crops) >= 400  # enlarged
        assert any(decoder.decode(crop) == [PAYLOAD] for crop in crops)


def test_an_empty_desk_has_no_candidate_and_so_costs_no_further_step() -> None:
    [frame] = generate_frame_set([PAYLOAD], per_condition=1, conditions=(Condition.NO_CODE,))
    assert find_code_regions(to_grey(frame.image)) == []
    assert find_code_regions(np.full((720, 1280), 128, np.uint8)) == []


@pytest.mark.parametrize("kind", list(ImageFilter), ids=str)
def test_filters_keep_size_and_type(kind: ImageFilter) -> None:
    grey = np.random.default_rng(1).integers(0, 256, (120, 160), dtype=np.uint8)
    out = apply_filter(grey, kind)
    assert out.shape == grey.shape and out.dtype == np.uint8


def test_edges_running_one_way_tell_bars_and_smeared_codes_from_a_code() -> None:
    code = cv2.resize(qr_modules(PAYLOAD), None, fx=3, fy=3, interpolation=cv2.INTER_NEAREST)
    bars = np.tile(np.repeat(np.random.default_rng(2).integers(0, 2, 60) * 255, 3), (90, 1))
    smeared = convolve(code, motion_kernel(15, 30))
    assert edge_coherence(code) < 0.3
    assert edge_coherence(bars.astype(np.uint8)) > 0.9
    assert edge_coherence(smeared) > 0.6
