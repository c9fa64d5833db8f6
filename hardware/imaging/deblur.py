"""Undo the blur of a candidate QR region: estimate the blur, then deconvolve.

A handheld card in front of a webcam is blurred in two ways: the hand moves during the
exposure (a line-shaped point spread function: a direction, a length, and more light
where the hand moved slowly) and the card is nearer than the focus (a disc: a radius); a
small code is also softened by the lens (roughly a Gaussian).

- Direction: linear motion of length L multiplies the spectrum by a sinc whose zeros are
  lines perpendicular to the motion, spaced N/L apart. Projecting the log spectrum on each
  direction and taking the cosine component of period N/L of that profile (a cepstrum
  along one axis) finds the directions where the stripes are (:func:`estimate_motion`).
- Length, weighting, radius, sigma: each hypothesis is restored (Wiener filter) on a probe
  window and scored by :func:`mid_tone_share`; a QR code is two-toned, so the right point
  spread function leaves the fewest grey pixels (too short leaves blur, too long rings).

:func:`deblurred_candidates` then restores the whole region under the best hypotheses and
yields them lazily: the cascade decodes each and stops at the first that reads. A QR
code's Reed–Solomon check keeps a wrong hypothesis from giving a wrong text; it just gives
none.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol, cast

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
_ANGLE_STEP = 3
#: Directions (spectral peaks) and lengths tried on the probe window.
MOTION_DIRECTIONS_TRIED = 3
PROBED_LENGTHS = tuple(float(n) for n in range(3, 18, 2))
#: Centre of the region on which hypotheses are compared (cheap: ~0.2 ms each).
PROBE_SIDE = 96
#: Reflected border of the probe window, wider than half the longest line probed:
#: 96 + 2·16 = 128, a size the FFT likes (112 + 2·20 read the same heavy motion blurs at
#: 1.6× the cost; a border of 12 lost long blurs).
PROBE_PAD = 16
#: How uneven a hand's speed along the blur is assumed to be, for the weighted lines.
UNEVEN_SPEED = 0.3
#: How many fewer mid-tones a weighted line must leave to be preferred to the even one:
#: a weighting fits the ringing of an even blur a little better too (0.008 on a code
#: that only the even line read).
UNEVEN_MARGIN = 0.015
#: Restorations handed to the decoder, best-scored first.
RESTORATIONS_DECODED = 3
#: Spectral strengths (:class:`MotionEstimate`) above which a motion blur is clear enough
#: to be tried first, and below which discs and Gaussians are tried first (measured on
#: the generated hard frames: heavy motion 8.7–25 but for two in 50, defocus, tiny and
#: angled codes 3–7.4; look-alike patterns anywhere).
CLEAR_MOTION_STRENGTH = 8.0
#: A peak at right angles this strong, relative to the best, marks a module grid.
GRID_LIKENESS = 0.8
FAINT_MOTION_STRENGTH = 6.0
#: Lengths probed around a direction's spectral length, which comes out short by 0–2.5 px
#: (the code's own structure and an uneven speed shift the sinc zeros): a guided search
#: needs half the probes of a scan over every length.
GUIDED_LENGTHS = (0.0, 1.0, 2.0, 3.0)
#: A first hypothesis scoring below this leaves the probe two-toned: the blur is explained,
#: and a region that still does not read is no code more hypotheses would rescue (a
#: QR-like pattern, a damaged code), so the search stops there. On the generated hard
#: frames every code that needed more than the first restoration scored 0.46 or more,
#: and three look-alike patterns in four below 0.43.
EXPLAINED_SCORE = 0.43
#: A region whose centre, unrestored, leaves fewer mid-tones than this is not blurred:
#: nothing is restored (sharp look-alike patterns 0.18–0.22 on the generated hard frames,
#: codes that deconvolution or a sharpening filter read 0.36 and more; a sharp code a
#: plain pass missed is no case for either).
SHARP_SCORE = 0.2
#: When the first restoration did not read, a later hypothesis is restored only if it
#: leaves clearly fewer mid-tones: on the generated hard frames, the one heavy motion blur
#: the first stage missed was read by a hypothesis 0.13 better, while look-alike patterns
#: went on to hypotheses no better than the first (0.05 worse).
CLEARER_BY = 0.03
#: How far above the failed restoration a family's coarse probes may score and still be
#: searched whole: a line's best length and weighting can lie between its coarse probes
#: (on the generated frames, lines 0.011 and 0.025 worse than the failed disc, coarsely,
#: read at 0.37–0.42 once refined).
COARSE_SLACK = 0.05
DEFOCUS_RADII = tuple(1.5 + 0.25 * i for i in range(19))
#: Reflected border of a region before it is restored: at least half the widest point
#: spread function tried (a line of 20.5 px: 24 px wide), no more (the FFT grows with it).
RESTORATION_PAD = 12


@dataclass(frozen=True, slots=True)
class MotionEstimate:
    """A linear motion blur: ``angle`` in degrees (0–180, image x axis, y down), ``length``
    in pixels, and ``strength``, how clearly the spectrum shows it (larger is clearer)."""

    angle: float
    length: float
    strength: float
    #: Directions the spectrum allows, best first (``angle`` among them): the code's own
    #: structure can outweigh a short blur, so more than one is worth a try.
    angles: tuple[float, ...] = ()
    #: The length the spectrum gives along each of ``angles``, and how clearly.
    lengths: tuple[float, ...] = ()
    strengths: tuple[float, ...] = ()

    @property
    def clear(self) -> bool:
        """Whether the spectrum shows a motion blur clearly enough to try it first: strong
        (:data:`CLEAR_MOTION_STRENGTH`), and not matched at right angles by a peak about
        as strong at about the same length, which is a grid of square modules (a sharp or
        defocused code's own structure), not a hand's motion (heavy motion blurs of the
        generated set: at most 0.65 as strong there, at other lengths)."""
        if self.strength < CLEAR_MOTION_STRENGTH:
            return False
        for angle, length, strength in zip(
            self.angles[1:], self.lengths[1:], self.strengths[1:], strict=True
        ):
            turn = abs(angle - self.angle) % 180
            if (
                min(turn, 180 - turn) >= 90 - 2 * _ANGLE_STEP
                and strength >= GRID_LIKENESS * self.strength
                and abs(length - self.length) <= 1.0
            ):
                return False
        return True


def _window(grey: Frame, side: int = ANALYSIS_SIDE) -> Float:
    """The centre ``side``² of ``grey`` as float, padded by reflection when smaller, mean
    removed and Hann-windowed (the window keeps the crop's edges out of the spectrum)."""
    h, w = grey.shape[:2]
    y0, x0 = max(0, (h - side) // 2), max(0, (w - side) // 2)
    centre = grey[y0 : y0 + side, x0 : x0 + side].astype(np.float32)
    crop = cast(
        Float,
        cv2.copyMakeBorder(
            centre, 0, side - centre.shape[0], 0, side - centre.shape[1], cv2.BORDER_REFLECT
        ),
    )
    crop -= float(crop.mean())
    hann = np.hanning(side).astype(np.float32)
    return cast(Float, crop * np.outer(hann, hann))


def log_spectrum(grey: Frame, side: int = ANALYSIS_SIDE) -> Float:
    """log(1 + |FFT|) of the windowed centre of ``grey``, zero frequency in the middle."""
    spectrum = cv2.dft(_window(grey, side), flags=cv2.DFT_COMPLEX_OUTPUT)
    magnitude = cv2.magnitude(spectrum[..., 0], spectrum[..., 1])
    return cast(Float, np.fft.fftshift(np.log1p(magnitude)).astype(np.float32))


#: Rows of the rotated spectrum averaged into each direction's profile: every
#: ``_BAND_STEP``-th of the band, the spectrum first smoothed by ``_BAND_SMOOTHING`` so
#: that the rows skipped still count (a quarter of the samples, the same peaks).
_BAND_STEP = 4
_BAND_SMOOTHING = 1.5


@functools.cache
def _direction_maps(side: int) -> tuple[Float, Float]:
    """Where each direction's band of rows samples a ``side``² spectrum: for every angle
    ``_ANGLE_STEP`` apart, the spectrum turned by it (as ``cv2.warpAffine`` would turn
    it), rows near the horizontal axis; stacked, so that one ``cv2.remap`` turns all."""
    band = side // 4  # rows near the axis: the corners of the spectrum are mostly noise
    theta = np.radians(np.arange(0, 180, _ANGLE_STEP, dtype=np.float32))[:, None, None]
    across = np.arange(-band, band, _BAND_STEP, dtype=np.float32)[None, :, None]
    along = (np.arange(side, dtype=np.float32) - side / 2)[None, None, :]
    cos, sin = np.cos(theta), np.sin(theta)
    xs = side / 2 + along * cos - across * sin
    ys = side / 2 + along * sin + across * cos
    rows = theta.shape[0] * across.shape[1]
    return (
        cast(Float, xs.reshape(rows, side).astype(np.float32)),
        cast(Float, ys.reshape(rows, side).astype(np.float32)),
    )


def _direction_scores(spectrum: Float) -> tuple[Float, Float]:
    """For every direction ``_ANGLE_STEP`` apart: how clearly ``spectrum`` shows the sinc
    zeros of a motion that way, and the length their spacing gives (sub-pixel)."""
    side = spectrum.shape[0]
    xs, ys = _direction_maps(side)
    smoothed = cv2.GaussianBlur(spectrum, (0, 0), _BAND_SMOOTHING)
    sampled = cv2.remap(smoothed, xs, ys, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
    directions = 180 // _ANGLE_STEP
    profiles = sampled.reshape(directions, -1, side).mean(axis=1)
    trend = cv2.blur(profiles, (15, 1), borderType=cv2.BORDER_REFLECT)
    profiles = profiles - trend
    profiles[:, side // 2 - 2 : side // 2 + 3] = 0  # the DC peak says nothing about blur
    # Zeros every side/L bins: a negative cosine component at index L.
    cepstra = -np.fft.rfft(profiles, axis=1).real
    lengths = np.arange(int(MIN_MOTION_PX), int(MAX_MOTION_PX) + 2)
    scores = cepstra[:, lengths]
    best = np.argmax(scores, axis=1)
    rows = np.arange(directions)
    strength = scores[rows, best]
    length = lengths[best].astype(np.float64)
    # Parabolic peak (sub-pixel length) where the best is not at either end.
    inner = (best > 0) & (best < len(lengths) - 1)
    left = np.where(inner, scores[rows, np.maximum(best - 1, 0)], 0.0)
    right = np.where(inner, scores[rows, np.minimum(best + 1, len(lengths) - 1)], 0.0)
    denominator = left - 2 * strength + right
    curved = inner & (denominator < 0)
    safe = np.where(curved, denominator, -1.0)
    length += np.where(curved, 0.5 * (left - right) / safe, 0.0)
    return cast(Float, strength.astype(np.float32)), cast(Float, length.astype(np.float32))


def estimate_motion(grey: Frame) -> MotionEstimate:
    """The most likely linear motion blur of ``grey`` (see the module docstring).

    Every direction ``_ANGLE_STEP`` degrees apart is scored in one pass (one resampling of
    the spectrum, one FFT per profile); the best local maxima over directions, which wrap
    around at 180°, are the directions worth trying."""
    strengths, lengths = _direction_scores(log_spectrum(grey))
    count = len(strengths)
    peaks = [
        i
        for i in range(count)
        if strengths[i] >= strengths[i - 1] and strengths[i] >= strengths[(i + 1) % count]
    ]
    peaks.sort(key=lambda i: -float(strengths[i]))
    chosen = peaks[:MOTION_DIRECTIONS_TRIED]
    best = chosen[0]
    return MotionEstimate(
        angle=float(best * _ANGLE_STEP),
        length=float(lengths[best]),
        strength=float(strengths[best]),
        angles=tuple(float(i * _ANGLE_STEP) for i in chosen),
        lengths=tuple(float(lengths[i]) for i in chosen),
        strengths=tuple(float(strengths[i]) for i in chosen),
    )


def motion_psf(length: float, angle: float, ramp: float = 0.0) -> Float:
    """A line of ``length`` px at ``angle`` degrees, sampled sub-pixel, summing to 1.

    ``ramp`` (−1 to 1) weighs one end more than the other: a hand that speeds up or
    slows down during the exposure leaves more light where it moved slowly.
    """
    size = math.ceil(length) + 3
    centre = (size - 1) / 2
    steps = max(8, int(length * 6))
    share = np.arange(steps) / (steps - 1)
    ts = (share - 0.5) * max(length - 1, 0.0)
    weights = 1.0 + ramp * (2 * share - 1)
    xs = centre + ts * math.cos(math.radians(angle))
    ys = centre + ts * math.sin(math.radians(angle))
    x0, y0 = np.floor(xs).astype(np.intp), np.floor(ys).astype(np.intp)
    fx, fy = xs - x0, ys - y0
    psf = np.zeros((size, size), np.float64)
    # Each sample shared bilinearly between its four neighbouring pixels.
    np.add.at(psf, (y0, x0), weights * (1 - fx) * (1 - fy))
    np.add.at(psf, (y0, x0 + 1), weights * fx * (1 - fy))
    np.add.at(psf, (y0 + 1, x0), weights * (1 - fx) * fy)
    np.add.at(psf, (y0 + 1, x0 + 1), weights * fx * fy)
    return cast(Float, (psf / psf.sum()).astype(np.float32))


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

    def __init__(self, grey: Frame, pad: int = RESTORATION_PAD) -> None:
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
        # Spectra are kept packed (OpenCV's CCS layout: a real image's spectrum is
        # symmetric, so half of it is stored): half the work of complex ones.
        self._spectrum = cv2.dft(padded)

    def deconvolve(self, psf: Float, nsr: float = WIENER_NSR) -> Frame:
        """``grey`` restored under ``psf``, stretched back to 0–255."""
        core = self.restore(psf, nsr)
        # Stretched to mean ± 2.5 σ: ringing beyond that is clipped (a percentile would
        # be as good and costs a sort).
        mean, deviation = cv2.meanStdDev(core)
        low = float(mean[0, 0]) - 2.5 * float(deviation[0, 0])
        scale = 255.0 / max(5.0 * float(deviation[0, 0]), 1e-3)
        return cast(Frame, np.clip((core - low) * scale, 0, 255).astype(np.uint8))

    def restore(self, psf: Float, nsr: float = WIENER_NSR) -> Float:
        """``grey`` restored under ``psf``, as float (not stretched)."""
        kh, kw = psf.shape
        if max(kh, kw) // 2 > self._pad:
            raise ValueError(f"a point spread function of {kw}×{kh} px needs a wider border")
        kernel = np.zeros(self._shape, np.float32)
        kernel[:kh, :kw] = psf  # not centred: the output shifts by (kh//2, kw//2) instead
        # Only the kernel's first rows are not zero, and only the rows down to the end of
        # the core are wanted back: OpenCV skips the rest of both transforms.
        h = cv2.dft(kernel, nonzeroRows=kh)
        # G · conj(H) / (|H|² + nsr)
        numerator = cast(Float, cv2.mulSpectrums(self._spectrum, h, 0, conjB=True))
        power = _both_parts(cast(Float, cv2.mulSpectrums(h, h, 0, conjB=True))) + nsr
        top, left = self._pad - kh // 2, self._pad - kw // 2
        restored = cv2.idft(
            numerator / power,
            flags=cv2.DFT_SCALE | cv2.DFT_REAL_OUTPUT,
            nonzeroRows=top + self._core[0],
        )
        return cast(Float, restored[top : top + self._core[0], left : left + self._core[1]])


def _both_parts(power: Float) -> Float:
    """A packed (CCS) spectrum of real values |H|², which ``mulSpectrums`` leaves in the
    real parts only, copied into the imaginary parts too: dividing a packed spectrum by
    it then divides each complex value by its |H|².

    CCS layout (OpenCV's ``dft`` of a real image): within each row, columns 2k−1 and 2k
    hold the real and imaginary parts of one value; the first column (and the last, for
    an even width) holds real values, paired the same way down its rows instead."""
    both = power.copy()
    rows, columns = power.shape
    end = columns - 1 if columns % 2 == 0 else columns
    both[:, 2:end:2] = power[:, 1 : end - 1 : 2]
    last_row = rows - 1 if rows % 2 == 0 else rows
    for column in (0, columns - 1) if columns % 2 == 0 else (0,):
        both[2:last_row:2, column] = power[1 : last_row - 1 : 2, column]
    return both


def _enlarge(image: Frame, factor: float) -> Frame:
    if factor <= 1.05:
        return image
    return cast(Frame, cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC))


def mid_tone_share(restored: Float) -> float:
    """The share of pixels between dark and light once stretched to the 5th–95th
    percentiles: a QR code is two-toned, so the right point spread function leaves fewest
    grey pixels (too short leaves blur, too long rings), whatever the code says."""
    values = restored[::2, ::2].ravel()  # every fourth pixel: as telling, four times cheaper
    # The two ranks by one partial sort (np.percentile's interpolation cost 5× as much).
    last = values.size - 1
    ranks = (round(0.05 * last), round(0.95 * last))
    low, high = (float(v) for v in np.partition(values, ranks)[list(ranks)])
    span = max(high - low, 1e-3)
    return float(np.count_nonzero(np.abs(values - (low + high) / 2) < span / 4)) / values.size


def _centre(grey: Frame, side: int) -> Frame:
    h, w = grey.shape[:2]
    y0, x0 = max(0, (h - side) // 2), max(0, (w - side) // 2)
    return grey[y0 : y0 + side, x0 : x0 + side]


@dataclass(frozen=True, slots=True)
class BlurHypothesis:
    """One explanation of a region's blur: its point spread function, the Wiener noise
    ratio to restore it with, and its score (lower is better, :func:`mid_tone_share`)."""

    score: float
    psf: Float = field(repr=False)
    nsr: float


class Family(Protocol):
    """A family of hypotheses (lines at one angle, discs, Gaussians): its best member."""

    def __call__(self, *, coarse: bool = False) -> BlurHypothesis: ...


class _HypothesisSearch:
    """Scores blur hypotheses for one region on its centre (see :func:`blur_hypotheses`),
    family by family, sharing the probe window's spectrum across all of them."""

    def __init__(self, grey: Frame, motion: MotionEstimate | None = None) -> None:
        self._probe = WienerDeconvolver(_centre(grey, PROBE_SIDE), pad=PROBE_PAD)
        self._grey = grey
        self._motion = motion
        self._scored: dict[tuple[float, ...], BlurHypothesis] = {}

    def _score(self, psf: Float, nsr: float = WIENER_NSR) -> BlurHypothesis:
        return BlurHypothesis(mid_tone_share(self._probe.restore(psf, nsr)), psf, nsr)

    def _line(self, length: float, angle: float, ramp: float = 0.0) -> BlurHypothesis:
        """A line scored once, however many searches probe it (a coarse one, then whole)."""
        key = (length, angle, ramp)
        if key not in self._scored:
            self._scored[key] = self._score(motion_psf(length, angle, ramp))
        return self._scored[key]

    def _disc(self, radius: float) -> BlurHypothesis:
        key = (-1.0, radius)
        if key not in self._scored:
            self._scored[key] = self._score(disc_psf(radius))
        return self._scored[key]

    @property
    def motion(self) -> MotionEstimate:
        if self._motion is None:
            self._motion = estimate_motion(self._grey)
        return self._motion

    def motion_family(
        self, angle: float, guess: float | None = None, *, coarse: bool = False
    ) -> BlurHypothesis:
        """The best line at ``angle``: lengths 2 px apart, refined by 1 then 0.5 px around
        the best (or, given the spectrum's ``guess``, 1 px apart from it up, refined by
        0.5 px: half the probes), then weighed towards either end. ``coarse``: the first
        lengths only (a bound on what the whole family scores, for a quarter of it)."""
        probed = PROBED_LENGTHS
        if guess is not None:
            probed = tuple(
                min(MAX_MOTION_PX, max(MIN_MOTION_PX, guess + extra)) for extra in GUIDED_LENGTHS
            )
        lines = {length: self._line(length, angle) for length in probed}
        if coarse:
            return min(lines.values(), key=lambda item: item.score)
        steps = (1.0, 0.5) if guess is None else (0.5,)
        for step in steps:  # refine around the best length so far
            centre = min(lines, key=lambda length: lines[length].score)
            for length in (centre - step, centre + step):
                if length >= MIN_MOTION_PX - 1 and length not in lines:
                    lines[length] = self._line(length, angle)
        length = min(lines, key=lambda length: lines[length].score)
        # Uneven speed, either way along the line: the spectrum cannot tell which, the
        # probe can (the right weighting leaves clearly fewer mid-tones).
        ramps = {0.0: lines[length]}
        for ramp in (-UNEVEN_SPEED, UNEVEN_SPEED):
            ramps[ramp] = self._line(length, angle, ramp)
        ramp = min(ramps, key=lambda r: ramps[r].score)
        if ramps[ramp].score > ramps[0.0].score - UNEVEN_MARGIN:
            ramp = 0.0  # a weighting must earn its place: an even line reads more often
        return ramps[ramp]

    def defocus_family(self, *, coarse: bool = False) -> BlurHypothesis:
        return min(
            (self._disc(radius) for radius in DEFOCUS_RADII[:: 6 if coarse else 3]),
            key=lambda item: item.score,
        )

    def softness_family(self, *, coarse: bool = False) -> BlurHypothesis:
        del coarse  # two probes: no cheaper bound
        return min(
            (self._score(gaussian_psf(sigma), 0.01) for sigma in (0.7, 1.0)),
            key=lambda item: item.score,
        )


def blur_hypotheses(grey: Frame) -> list[BlurHypothesis]:
    """The best explanation of each kind for ``grey``'s blur, best first.

    Each is tried on the centre of the region and scored by :func:`mid_tone_share`: for
    each of the spectrum's likely motion directions, lines 2 px apart in length, refined
    by 1 and then 0.5 px around the best; out-of-focus discs; lens-softness Gaussians.
    Only the best of each family (a direction, the discs, the Gaussians) is kept, so the
    decoder is handed different explanations rather than near-copies of one.
    """
    search = _HypothesisSearch(grey)
    families = [search.motion_family(angle) for angle in search.motion.angles]
    families += [search.defocus_family(), search.softness_family()]
    families.sort(key=lambda item: item.score)
    return families


def already_two_toned(grey: Frame) -> bool:
    """Whether the centre of a region leaves, unrestored, fewer mid-tones than
    :data:`SHARP_SCORE`: it is not blurred, so no restoration or sharpening helps it."""
    return mid_tone_share(_centre(grey, PROBE_SIDE).astype(np.float32)) < SHARP_SCORE


def deblurred_candidates(
    grey: Frame,
    *,
    enlarge: float = 2.0,
    count: int = RESTORATIONS_DECODED,
    motion: MotionEstimate | None = None,
) -> Iterator[Frame]:
    """Restorations of a candidate region ``grey`` (at the frame's own resolution), each
    enlarged by ``enlarge``; lazy: the caller stops at the first that decodes. ``motion``
    is :func:`estimate_motion` of ``grey`` when the caller already has it.

    The search is staged so that the usual case pays for one stage only. How clearly the
    spectrum shows a motion (:attr:`MotionEstimate.strength`) picks the first stage: the
    strongest direction alone when it is clear, the discs and Gaussians alone when it is
    faint (short motion blurs are then read as Gaussians too), all three in between. Its
    best is restored; only when that does not read, and its score says the blur is not
    yet explained (:data:`EXPLAINED_SCORE`), is the rest scored, and the best
    ``count - 1`` families not yet restored follow, as long as each leaves clearly fewer
    mid-tones than the first (:data:`CLEARER_BY`)."""
    if already_two_toned(grey):
        return  # no blur to undo, and a code this sharp would have read
    search = _HypothesisSearch(grey, motion)
    stages = _stages(search)
    deconvolver = WienerDeconvolver(grey)

    def restored(psf: Float, nsr: float) -> Frame:
        # Restored with half the noise ratio the probe used: sharper modules read better,
        # while the ranking needs the smoother, steadier version.
        return _enlarge(deconvolver.deconvolve(psf, nsr / 2), enlarge)

    pending: list[BlurHypothesis] = []
    budget = count
    first: float | None = None  # the score of the first restoration, which did not read
    for index, stage in enumerate(stages):
        if first is None:
            pending += [family() for family in stage]
        else:
            # Bounded cheaply first: only a family whose coarse probes come near the
            # restoration that failed is worth its whole search (look-alike patterns
            # reach this stage, and no family does better there).
            pending += [
                family() for family in stage if family(coarse=True).score < first + COARSE_SLACK
            ]
        pending.sort(key=lambda item: item.score)
        take = 1 if index == 0 else budget
        while pending and take > 0 and budget > 0:
            best = pending.pop(0)
            if first is not None and best.score > first - CLEARER_BY:
                return  # nothing left explains the blur clearly better than what failed
            take -= 1
            budget -= 1
            yield restored(best.psf, best.nsr)
            if first is None:
                if best.score < EXPLAINED_SCORE:
                    return  # two-toned once restored, yet unread: not a blur the rest would fix
                first = best.score


def _stages(search: _HypothesisSearch) -> list[list[Family]]:
    """The families :func:`deblurred_candidates` scores, stage by stage."""
    motion = search.motion
    lines: list[Family] = [
        functools.partial(search.motion_family, angle, length)
        for angle, length in zip(motion.angles, motion.lengths, strict=True)
    ]
    if motion.length / 2 >= MIN_MOTION_PX:
        # The spectrum can take the zeros' second harmonic for the first (the code's own
        # period lies near it): half the length along the best direction, a family apart.
        lines.insert(1, functools.partial(search.motion_family, motion.angle, motion.length / 2))
    focus: list[Family] = [search.defocus_family, search.softness_family]
    stages: list[list[Family]]
    if motion.clear:
        # The direction is trusted: what may be wrong is the length (its half); other
        # directions, discs and Gaussians rescued no clear motion blur of the generated
        # sets (a clear spectrum is no defocus: those stayed below 7.4).
        stages = [lines[:1], lines[1:2]]
    elif motion.strength < FAINT_MOTION_STRENGTH:
        stages = [focus, lines]
    else:
        stages = [focus + lines[:1], lines[1:]]
    return stages
