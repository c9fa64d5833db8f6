"""Several video frames of one card: pick the sharpest, and combine aligned frames.

A hand holding a card shakes in a different direction from one frame to the next, so
each frame's blur destroys different spatial frequencies. Aligned frames are combined
frequency by frequency, each weighted by how much of that frequency it kept (|F|^p, the
"Fourier burst accumulation" of Delbracio and Sapiro, 2015): a sharp frequency in any one
frame survives in the combination, and noise averages out.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import cast

import cv2
import numpy as np
import numpy.typing as npt

from hardware.camera.interface import Frame
from hardware.imaging.preprocess import Region, crop_region, find_code_regions, native_crop

#: The exponent of the per-frequency weights: large keeps, per frequency, mostly the frame
#: that kept it best; 0 would be a plain average.
BURST_EXPONENT = 11.0
#: Extra margin around the code when cropping the burst, for the hand's drift between frames.
BURST_MARGIN = 0.45


def sharpness(grey: Frame) -> float:
    """Variance of the Laplacian on a half-size copy: larger is sharper. Cheap (< 1 ms on
    720p), meant to rank frames of the same scene, not to compare scenes."""
    height, width = grey.shape[:2]
    small = cv2.resize(grey, (width // 2, height // 2), interpolation=cv2.INTER_AREA)
    laplacian = cv2.Laplacian(small, cv2.CV_32F)
    _, deviation = cv2.meanStdDev(laplacian)
    return float(deviation[0, 0]) ** 2


def _align_to(reference: npt.NDArray[np.float32], image: npt.NDArray[np.float32]) -> Frame:
    """``image`` shifted (whole pixels and fractions) onto ``reference``."""
    window = cv2.createHanningWindow(reference.shape[::-1], cv2.CV_32F)
    (dx, dy), _ = cv2.phaseCorrelate(reference, image, window)
    shift = np.array([[1, 0, dx], [0, 1, dy]], np.float32)
    # Phase correlation is thrown off by blurs of different directions; ECC on smoothed
    # copies (where the blurs differ less) refines the shift to a fraction of a pixel.
    smooth_ref = cast(npt.NDArray[np.float32], cv2.GaussianBlur(reference, (0, 0), 2.0))
    smooth_img = cast(npt.NDArray[np.float32], cv2.GaussianBlur(image, (0, 0), 2.0))
    criteria = (cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_COUNT, 30, 1e-4)
    with contextlib.suppress(cv2.error):  # ECC did not converge: keep phase correlation's
        _, found = cv2.findTransformECC(
            smooth_ref, smooth_img, shift, cv2.MOTION_TRANSLATION, criteria
        )
        shift = np.asarray(found, np.float32)
    size = (reference.shape[1], reference.shape[0])
    flags = cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP
    return cast(
        Frame, cv2.warpAffine(image, shift, size, flags=flags, borderMode=cv2.BORDER_REFLECT)
    )


def combine_aligned(crops: Sequence[Frame], exponent: float = BURST_EXPONENT) -> Frame:
    """Crops of the same code (same size, greyscale) aligned on the first and combined by
    Fourier burst accumulation (see the module docstring)."""
    if not crops:
        raise ValueError("nothing to combine")
    reference = crops[0].astype(np.float32)
    spectra = np.stack(
        [
            np.fft.fft2(reference if i == 0 else _align_to(reference, crop.astype(np.float32)))
            for i, crop in enumerate(crops)
        ]
    )
    # |F|^p relative to the best frame at each frequency, in logs: |F| reaches 1e7 and
    # its 11th power would overflow.
    log_magnitude = np.log(np.abs(spectra) + 1e-6)
    weights = np.exp(exponent * (log_magnitude - log_magnitude.max(axis=0)))
    combined = np.real(np.fft.ifft2((weights * spectra).sum(axis=0) / weights.sum(axis=0)))
    return cast(Frame, np.clip(combined, 0, 255).astype(np.uint8))


def combine_burst(greys: Sequence[Frame]) -> Frame | None:
    """The code of a burst of frames (sharpest first), combined and enlarged for decoding;
    ``None`` when the sharpest frame shows no candidate region."""
    if not greys:
        return None
    regions = find_code_regions(greys[0], limit=1)
    if not regions:
        return None
    region = regions[0]
    crops = [native_crop(grey, region, margin=BURST_MARGIN) for grey in greys]
    shape = crops[0].shape
    crops = [crop for crop in crops if crop.shape == shape]
    combined = combine_aligned(crops)
    # Enlarged as the cascade enlarges candidate regions (small codes get big modules).
    height, width = combined.shape[:2]
    return crop_region(combined, Region(0, 0, width, height), margin=0.0)
