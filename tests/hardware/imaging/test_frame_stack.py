"""Frames of one card: sharpness ranking and the aligned burst combination."""

from __future__ import annotations

from typing import cast

import cv2
import numpy as np

from hardware.camera.interface import Frame
from hardware.imaging.frame_stack import combine_burst, sharpness
from hardware.qr.cascade import build_cascade
from reception.intake.qr_reading import scan_frame
from tests.generators.qr_scenes import SceneRenderer
from tests.generators.qr_video import shaky_burst
from tests.generators.synthetic_people import synthetic_qr_payloads

#: The cascade without deconvolution: what a single frame of the burst defeats.
CHEAP = "zxing, zxing/regions, zxing/regions+sharpen, zxing/regions+binarise, zxing/regions+deblur"


def test_a_blurred_frame_is_less_sharp_than_the_same_frame_in_focus() -> None:
    grey = cast(Frame, cv2.cvtColor(SceneRenderer(1).desk(), cv2.COLOR_BGR2GRAY))
    grey[200:400, 300:500] = np.kron(np.indices((20, 20)).sum(0) % 2 * 255, np.ones((10, 10)))
    blurred = cast(Frame, cv2.GaussianBlur(grey, (0, 0), 2.0))
    assert sharpness(blurred) < 0.5 * sharpness(grey)


def test_a_burst_reads_where_no_single_frame_does() -> None:
    cheap = build_cascade(CHEAP)
    burst_reads = 0
    for seed, payload in enumerate(synthetic_qr_payloads(5, seed=1)):
        frames = shaky_burst(payload, seed)
        assert all(scan_frame(cheap, f).result is None for f in frames)
        combined = combine_burst(frames)
        assert combined is not None
        scan = scan_frame(cheap, combined)
        assert scan.result is None or scan.result.raw == payload
        burst_reads += scan.result is not None
    assert burst_reads >= 2


def test_a_burst_without_a_code_region_gives_nothing() -> None:
    flat = np.full((720, 1280), 128, np.uint8)
    assert combine_burst([flat, flat]) is None
    assert combine_burst([]) is None
