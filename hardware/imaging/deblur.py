"""Undo the blur of a candidate QR region: estimate the blur, then deconvolve.

A handheld card in front of a webcam is blurred in two ways: the hand moves during the
exposure (a line-shaped point spread function: a direction and a length) and the card is
nearer than the focus (a disc: a radius); a small code is also softened by the lens
(roughly a Gaussian). Both leave their mark in the spectrum of the region:

- linear motion of length L multiplies the spectrum by a sinc whose zeros are lines
  perpendicular to the motion, spaced N/L apart. Projecting the log spectrum on each
  direction and taking the cosine component of period N/L of that profile (a cepstrum
  along one axis) finds the direction where the stripes are, and L;
- a disc of radius r puts zero rings at the zeros of J1(2πrf); the radial profile of the
  log spectrum, matched against that pattern, gives r.

The estimate is never exact, so :func:`deblurred_candidates` yields a few deconvolutions
(Wiener filter, most likely hypothesis first) lazily: the cascade decodes each and stops at
the first that reads. A QR code's Reed–Solomon check keeps a wrong hypothesis from giving a
wrong text; it just gives none.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

import cv2
import numpy as np
import numpy.typing as npt

from hardware.camera.interface import Frame

Float = npt.NDArray[np.float32]

#: Side of the window whose spectrum is analysed (a 41-module code at 3 px per module
#: plus some quiet zone); larger regions are analysed at their centre.
ANALYSIS_SIDE = 160
MIN_MOTION_PX, MAX_MOTION_PX = 3.0, 20.0
#: Noise-to-signal ratio of the Wiener filter: low, since frames are 8-bit with little
#: noise after the cheap steps failed; a higher value smooths away the modules.
WIENER_NSR = 0.006
#: Deconvolved regions are enlarged so modules get ~6 px, which zxing-cpp reads best.
TARGET_MODULE_PX = 6.0
_ANGLE_STEP = 3
DEFOCUS_RADII = tuple(1.5 + 0.25 * i for i in range(19))


@dataclass(frozen=True, slots=True)
class MotionEstimate:
    """A linear motion blur: ``angle`` in degrees (0–180, image x axis, y down), ``length``
    in pixels, and ``strength``, how clearly the spectrum shows it (larger is clearer)."""

    angle: float
    length: float
    strength: float
    #: Other lengths the spectrum allows at that angle (a weaker cepstral peak), best first.
    other_lengths: tuple[float, ...] = ()


def _window(grey: Frame, side: int = ANALYSIS_SIDE) -> Float:
    """The centre ``side``² of ``grey`` as float, padded by reflection when smaller, mean
    removed and Hann-windowed (the window keeps the crop's edges out of the spectrum)."""
    h, w = grey.shape[:2]
    y0, x0 = max(0, (h - side) // 2), max(0, (w - side) // 2)
    crop = grey[y0 : y0 + side, x0 : x0 + side].astype(np.float32)
    crop = cv2.copyMakeBorder(
        crop, 0, side - crop.shape[0], 0, side - crop.shape[1], cv2.BORDER_REFLECT
    )
    crop -= float(crop.mean())
    hann = np.hanning(side).astype(np.float32)
    return cast(Float, crop * np.outer(hann, hann))


def log_spectrum(grey: Frame, side: int = ANALYSIS_SIDE) -> Float:
    """log(1 + |FFT|) of the windowed centre of ``grey``, zero frequency in the middle."""
    spectrum = cv2.dft(_window(grey, side), flags=cv2.DFT_COMPLEX_OUTPUT)
    magnitude = cv2.magnitude(spectrum[..., 0], spectrum[..., 1])
    return cast(Float, np.fft.fftshift(np.log1p(magnitude)).astype(np.float32))


def estimate_motion(grey: Frame) -> MotionEstimate:
    """The most likely linear motion blur of ``grey`` (see the module docstring)."""
    spectrum = log_spectrum(grey)
    side = spectrum.shape[0]
    centre = (side / 2, side / 2)
    band = side // 4  # rows near the axis: the corners of the spectrum are mostly noise
    lengths = np.arange(int(MIN_MOTION_PX), int(MAX_MOTION_PX) + 2)
    best = (-math.inf, 0.0, 0.0)
    best_scores = np.zeros(len(lengths))
    for angle in range(0, 180, _ANGLE_STEP):
        turn = cv2.getRotationMatrix2D(centre, angle, 1.0)
        turned = cv2.warpAffine(spectrum, turn, (side, side), flags=cv2.INTER_LINEAR)
        profile = turned[side // 2 - band : side // 2 + band].mean(axis=0)
        trend = cv2.blur(profile[None, :], (15, 1), borderType=cv2.BORDER_REFLECT)[0]
        profile = profile - trend
        profile[side // 2 - 2 : side // 2 + 3] = 0  # the DC peak says nothing about blur
        # Zeros every side/L bins: a negative cosine component at index L.
        cepstrum = -np.fft.rfft(profile).real
        scores = cepstrum[lengths]
        index = int(np.argmax(scores))
        if scores[index] > best[0]:
            length = float(lengths[index])
            if 0 < index < len(scores) - 1:  # parabolic peak: sub-pixel length
                left, mid, right = scores[index - 1], scores[index], scores[index + 1]
                denominator = left - 2 * mid + right
                if denominator < 0:
                    length += 0.5 * float(left - right) / float(denominator)
            best = (float(scores[index]), float(angle), length)
            best_scores = scores
    strength, angle, length = best
    peaks = [
        i
        for i in range(1, len(best_scores) - 1)
        if best_scores[i] >= best_scores[i - 1]
        and best_scores[i] >= best_scores[i + 1]
        and abs(float(lengths[i]) - length) > 1.5
    ]
    peaks.sort(key=lambda i: -float(best_scores[i]))
    others = tuple(float(lengths[i]) for i in peaks[:1])
    return MotionEstimate(angle=angle, length=length, strength=strength, other_lengths=others)


def _radial_profile(spectrum: Float) -> npt.NDArray[np.float64]:
    """Mean of ``spectrum`` (zero frequency in the middle) per integer radius, detrended."""
    side = spectrum.shape[0]
    ys, xs = np.indices(spectrum.shape)
    rho = np.hypot(xs - side / 2, ys - side / 2).astype(np.int32).ravel()
    counts = np.bincount(rho)
    radial = np.bincount(rho, spectrum.ravel()) / np.maximum(counts, 1)
    profile = radial[3 : side // 2 - 4]
    detrended: npt.NDArray[np.float64] = profile - np.convolve(profile, np.ones(9) / 9, "same")
    return detrended[4:-4]


@functools.lru_cache(maxsize=64)
def _disc_template(radius: float, side: int) -> npt.NDArray[np.float64]:
    """The detrended radial log spectrum a disc of ``radius`` imposes (its zero rings)."""
    psf = disc_psf(radius)
    plane = np.zeros((side, side), np.float32)
    plane[: psf.shape[0], : psf.shape[1]] = psf
    otf = np.abs(np.fft.fftshift(np.fft.fft2(plane))).astype(np.float32)
    return _radial_profile(np.log(otf + 0.02).astype(np.float32))


def estimate_defocus(grey: Frame) -> list[float]:
    """Disc radii (1.5–6 px) whose zero rings best match ``grey``'s spectrum, best first."""
    spectrum = log_spectrum(grey)
    profile = _radial_profile(spectrum)
    scores = []
    for radius in DEFOCUS_RADII:
        template = _disc_template(radius, spectrum.shape[0])
        scores.append(float(np.dot(profile, template)) / float(np.linalg.norm(template) + 1e-6))
    order = np.argsort(scores)[::-1]
    return [DEFOCUS_RADII[i] for i in order]


def motion_psf(length: float, angle: float) -> Float:
    """A line of ``length`` px at ``angle`` degrees, sampled sub-pixel, summing to 1."""
    size = math.ceil(length) + 3
    psf = np.zeros((size, size), np.float32)
    centre = (size - 1) / 2
    dx, dy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    steps = max(8, int(length * 6))
    ts = (np.arange(steps) / (steps - 1) - 0.5) * max(length - 1, 0.0)
    for t in ts:
        x, y = centre + t * dx, centre + t * dy
        x0, y0 = math.floor(x), math.floor(y)
        fx, fy = x - x0, y - y0
        psf[y0, x0] += (1 - fx) * (1 - fy)
        psf[y0, x0 + 1] += fx * (1 - fy)
        psf[y0 + 1, x0] += (1 - fx) * fy
        psf[y0 + 1, x0 + 1] += fx * fy
    return cast(Float, psf / psf.sum())


def disc_psf(radius: float) -> Float:
    """A uniform disc of ``radius`` px, antialiased at its edge."""
    half = math.ceil(radius) + 1
    fine = 4
    axis = (np.arange((2 * half + 1) * fine) + 0.5) / fine - (half + 0.5)
    xs, ys = np.meshgrid(axis, axis)
    inside = ((xs**2 + ys**2) <= radius**2).astype(np.float32)
    size = 2 * half + 1
    psf = inside.reshape(size, fine, size, fine).mean(axis=(1, 3))
    return cast(Float, (psf / psf.sum()).astype(np.float32))


def gaussian_psf(sigma: float) -> Float:
    half = max(1, math.ceil(3 * sigma))
    line = cv2.getGaussianKernel(2 * half + 1, sigma).astype(np.float32)
    return cast(Float, line @ line.T)


class WienerDeconvolver:
    """Deconvolves one image by several point spread functions, sharing its spectrum."""

    def __init__(self, grey: Frame, pad: int = 24) -> None:
        self._pad = pad
        # Padded by reflection (no edge for the filter to ring on), to a size the FFT likes.
        height = cv2.getOptimalDFTSize(grey.shape[0] + 2 * pad)
        width = cv2.getOptimalDFTSize(grey.shape[1] + 2 * pad)
        self._core = grey.shape[:2]
        padded = cv2.copyMakeBorder(
            grey.astype(np.float32),
            pad,
            height - grey.shape[0] - pad,
            pad,
            width - grey.shape[1] - pad,
            cv2.BORDER_REFLECT,
        )
        self._shape = padded.shape
        self._spectrum = cv2.dft(padded, flags=cv2.DFT_COMPLEX_OUTPUT)

    def deconvolve(self, psf: Float, nsr: float = WIENER_NSR) -> Frame:
        """``grey`` restored under ``psf``, stretched back to 0–255."""
        kernel = np.zeros(self._shape, np.float32)
        kh, kw = psf.shape
        kernel[:kh, :kw] = psf
        kernel = np.roll(kernel, (-(kh // 2), -(kw // 2)), axis=(0, 1))
        h = cv2.dft(kernel, flags=cv2.DFT_COMPLEX_OUTPUT)
        power = h[..., 0] ** 2 + h[..., 1] ** 2 + nsr
        # G · conj(H) / (|H|² + nsr), written out on the real and imaginary planes.
        g = self._spectrum
        real = (g[..., 0] * h[..., 0] + g[..., 1] * h[..., 1]) / power
        imag = (g[..., 1] * h[..., 0] - g[..., 0] * h[..., 1]) / power
        restored = cv2.idft(np.dstack([real, imag]), flags=cv2.DFT_SCALE | cv2.DFT_REAL_OUTPUT)
        pad = self._pad
        core = restored[pad : pad + self._core[0], pad : pad + self._core[1]]
        # Stretched to mean ± 2.5 σ: ringing beyond that is clipped (a percentile would
        # be as good and costs a sort).
        mean, deviation = cv2.meanStdDev(core)
        low = float(mean[0, 0]) - 2.5 * float(deviation[0, 0])
        scale = 255.0 / max(5.0 * float(deviation[0, 0]), 1e-3)
        return cast(Frame, np.clip((core - low) * scale, 0, 255).astype(np.uint8))


def _enlarge(image: Frame, factor: float) -> Frame:
    if factor <= 1.05:
        return image
    return cast(Frame, cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC))


def deblurred_candidates(grey: Frame, *, enlarge: float = 2.0) -> Iterator[Frame]:
    """Restorations of a candidate region ``grey`` (at the frame's own resolution), most
    likely first, each enlarged by ``enlarge``: motion hypotheses around the estimate when
    the spectrum shows stripes, then out-of-focus discs, then a lens-softness Gaussian for
    tiny codes. Lazy: each costs one FFT product and an inverse FFT."""
    deconvolver = WienerDeconvolver(grey)
    motion = estimate_motion(grey)
    if motion.length >= MIN_MOTION_PX + 0.5:
        # The estimate's spacing of zeros corresponds to a line one pixel longer than the
        # distance between its ends (the ends are spread over a pixel).
        hypotheses = [(motion.length + 1, 0.0), (motion.length + 1.7, 0.0)]
        hypotheses += [(motion.length + 0.3, 0.0), (motion.length + 1, 3.0)]
        hypotheses += [(motion.length + 1, -3.0)]
        hypotheses += [(other + 1, 0.0) for other in motion.other_lengths]
        for length, d_angle in hypotheses:
            psf = motion_psf(length, motion.angle + d_angle)
            yield _enlarge(deconvolver.deconvolve(psf), enlarge)
    for radius in estimate_defocus(grey)[:2]:
        yield _enlarge(deconvolver.deconvolve(disc_psf(radius)), enlarge)
    yield _enlarge(deconvolver.deconvolve(gaussian_psf(0.9), nsr=0.01), enlarge)
