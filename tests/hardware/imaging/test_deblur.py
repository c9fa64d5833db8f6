"""Blur estimation and deconvolution of candidate QR regions."""

from __future__ import annotations

from typing import cast

import cv2
import numpy as np
import pytest

from hardware.camera.interface import Frame
from hardware.imaging.deblur import (
    WienerDeconvolver,
    deblurred_candidates,
    disc_psf,
    estimate_motion,
    gaussian_psf,
    mid_tone_share,
    motion_psf,
)
from hardware.qr.zxing import ZxingQrDecoder
from tests.generators.qr_hard_scenes import disc_kernel, motion_kernel
from tests.generators.qr_scenes import qr_modules

PAYLOAD = "001099012345||PHẠM THU LINH|15081999|Nữ|Số 8 Lê Lợi, Phường Hồng Gai, Hạ Long|20082021"


def blurred_code(kernel: np.ndarray, ppm: float = 3.0, seed: int = 1) -> Frame:
    """The code on white paper, blurred by ``kernel``, with sensor noise after the blur."""
    modules = qr_modules(PAYLOAD)
    side = round(ppm * modules.shape[0])
    paper = np.full((side + 80, side + 80), 235, np.uint8)
    paper[40 : 40 + side, 40 : 40 + side] = cv2.resize(
        modules, (side, side), interpolation=cv2.INTER_AREA
    )
    blurred = cv2.filter2D(paper.astype(np.float32), -1, kernel, borderType=cv2.BORDER_REFLECT)
    noise = np.random.default_rng(seed).normal(0, 2.0, blurred.shape)
    return cast(Frame, np.clip(blurred + noise, 0, 255).astype(np.uint8))


def angle_error(a: float, b: float) -> float:
    difference = abs(a - b) % 180
    return min(difference, 180 - difference)


@pytest.mark.parametrize(("length", "angle"), [(11, 33), (15, 120), (13, 5)])
def test_the_direction_and_length_of_motion_blur_are_found(length: int, angle: float) -> None:
    estimate = estimate_motion(blurred_code(motion_kernel(length, angle)))
    assert angle_error(estimate.angle, angle) <= 6
    assert abs(estimate.length + 1 - length) <= 1.5


@pytest.mark.parametrize(
    "kernel",
    [motion_kernel(15, 33), motion_kernel(9, 160), disc_kernel(2.6)],
    ids=["motion 15 px", "motion 9 px", "defocus r=2.6"],
)
def test_a_code_no_decoder_reads_reads_after_deconvolution(kernel: np.ndarray) -> None:
    image = blurred_code(kernel)
    decoder = ZxingQrDecoder()
    assert decoder.decode(image) == []
    assert any(decoder.decode(c) == [PAYLOAD] for c in deblurred_candidates(image))


def test_deconvolving_by_the_identity_gives_the_image_back() -> None:
    image = blurred_code(gaussian_psf(0.6))
    restored = WienerDeconvolver(image).deconvolve(np.ones((1, 1), np.float32), nsr=1e-6)
    assert restored.shape == image.shape and restored.dtype == np.uint8
    assert np.corrcoef(restored.ravel(), image.ravel())[0, 1] > 0.99


@pytest.mark.parametrize("shape", [(96, 96), (131, 150), (150, 131)], ids=str)
def test_the_packed_restoration_is_the_wiener_filter(shape: tuple[int, int]) -> None:
    # Against the filter written plainly with numpy's complex FFT, on the same padding.
    image = np.random.default_rng(4).integers(0, 256, shape).astype(np.uint8)
    psf, nsr, pad = motion_psf(9, 30, 0.3), 0.01, 12
    restored = WienerDeconvolver(image, pad=pad).restore(psf, nsr)
    height = cv2.getOptimalDFTSize(shape[0] + 2 * pad)
    width = cv2.getOptimalDFTSize(shape[1] + 2 * pad)
    padded = cv2.copyMakeBorder(
        image.astype(np.float32),
        pad,
        height - shape[0] - pad,
        pad,
        width - shape[1] - pad,
        cv2.BORDER_REFLECT,
    )
    kernel = np.zeros(padded.shape)
    kernel[: psf.shape[0], : psf.shape[1]] = psf
    transfer = np.fft.fft2(kernel)
    plain = np.fft.ifft2(np.fft.fft2(padded) * transfer.conj() / (abs(transfer) ** 2 + nsr))
    top, left = pad - psf.shape[0] // 2, pad - psf.shape[1] // 2
    expected = plain.real[top : top + shape[0], left : left + shape[1]]
    assert restored.shape == shape
    assert np.abs(restored - expected).max() < 1e-2 * np.abs(expected).max()


def test_a_point_spread_function_wider_than_the_border_is_refused() -> None:
    # The restoration would be cut from the wrong place: refused rather than shifted.
    with pytest.raises(ValueError, match="wider border"):
        WienerDeconvolver(blurred_code(gaussian_psf(0.6)), pad=4).restore(motion_psf(15, 0))


def test_candidates_are_few_and_lazy_on_a_patch_without_any_code() -> None:
    noise = np.random.default_rng(3).integers(0, 256, (150, 150), dtype=np.uint8)
    candidates = list(deblurred_candidates(noise))
    assert 1 <= len(candidates) <= 12
    assert all(c.dtype == np.uint8 and c.shape == (300, 300) for c in candidates)
    assert not any(ZxingQrDecoder().decode(c) for c in candidates)


@pytest.mark.parametrize(
    ("truth", "wrong"),
    [
        (motion_psf(12, 40), [motion_psf(8, 40), motion_psf(16, 40), motion_psf(12, 100)]),
        (disc_psf(2.5), [disc_psf(1.5), disc_psf(4.0)]),
    ],
    ids=["motion", "defocus"],
)
def test_the_right_blur_leaves_the_fewest_mid_tones(
    truth: np.ndarray, wrong: list[np.ndarray]
) -> None:
    probe = WienerDeconvolver(blurred_code(truth))
    right = mid_tone_share(probe.restore(truth))
    assert all(right < mid_tone_share(probe.restore(psf)) for psf in wrong)


def lookalike_pattern() -> Frame:
    """QR-like: three finder squares, random modules (no format, no code), on paper."""
    rng = np.random.default_rng(5)
    n = 33
    modules = np.where(rng.random((n, n)) < 0.5, 0, 255).astype(np.uint8)
    finder = np.zeros((7, 7), np.uint8)
    finder[1:6, 1:6] = 255
    finder[2:5, 2:5] = 0
    for top, left in ((0, 0), (0, n - 7), (n - 7, 0)):
        modules[top : top + 7, left : left + 7] = finder
    side = 3 * n
    paper = np.full((side + 80, side + 80), 235, np.uint8)
    paper[40 : 40 + side, 40 : 40 + side] = cv2.resize(
        modules, (side, side), interpolation=cv2.INTER_NEAREST
    )
    return cast(Frame, paper)


def with_noise(image: np.ndarray, seed: int = 6) -> Frame:
    noise = np.random.default_rng(seed).normal(0, 2.0, image.shape)
    return cast(Frame, np.clip(image + noise, 0, 255).astype(np.uint8))


def test_a_two_toned_pattern_that_does_not_read_gets_one_restoration_only() -> None:
    pattern = lookalike_pattern().astype(np.float32)
    image = with_noise(cv2.filter2D(pattern, -1, disc_kernel(1.8)))  # softly defocused
    candidates = list(deblurred_candidates(image))
    assert len(candidates) == 1
    assert not ZxingQrDecoder().decode(candidates[0])


def test_a_sharp_pattern_is_not_restored_at_all() -> None:
    # Already two-toned: there is no blur to undo, whatever the spectrum shows.
    assert list(deblurred_candidates(with_noise(lookalike_pattern().astype(np.float32)))) == []


def test_a_first_restoration_that_does_not_read_is_followed_by_a_clearly_better_one() -> None:
    # A short motion blur: the spectrum's first line leaves the probe grey, and a later
    # hypothesis leaves clearly fewer mid-tones and reads.
    image = blurred_code(motion_kernel(6, 20))
    assert ZxingQrDecoder().decode(image) == []
    reads = [ZxingQrDecoder().decode(c) == [PAYLOAD] for c in deblurred_candidates(image)]
    assert reads[0] is False and True in reads[1:]


def test_nothing_clearly_better_than_a_first_restoration_that_failed_is_not_restored() -> None:
    noise = np.random.default_rng(3).integers(0, 256, (150, 150), dtype=np.uint8)
    # Random noise: every hypothesis leaves it about as grey, so one restoration is all.
    assert len(list(deblurred_candidates(noise))) == 1
