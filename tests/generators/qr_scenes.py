"""Generated camera-like frames: an ID card with a QR code on a desk, under bad conditions.

Seeded and deterministic (same seed, same pixels), for the decoder tests and the
benchmark. The texts to encode are given by the caller (synthetic people only); this
module only draws. Every condition is kept within what a person holding the card could
still read: blur stays below about half a module, the darkest frames keep some contrast,
glare never covers a whole finder pattern.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

import cv2
import numpy as np
import numpy.typing as npt

from hardware.camera.interface import Frame
from hardware.camera.simulated import qr_modules  # noqa: F401 - one QR encoder, re-exported

FRAME_WIDTH, FRAME_HEIGHT = 1280, 720
#: The QR code's share of the card's width on a CCCD (about 15 mm of 85.6 mm).
CODE_SHARE_OF_CARD = 0.19
CARD_ASPECT = 85.6 / 54.0


class Condition(enum.StrEnum):
    """What makes a frame hard."""

    CLEAN = "clean"
    SMALL = "small"  # 1.5–2.2 px per module: a card held far from the camera
    ROTATED = "rotated"
    PERSPECTIVE = "perspective"
    BLUR = "blur"  # out of focus
    MOTION_BLUR = "motion_blur"
    DARK = "dark"
    GLARE = "glare"
    NOISE = "noise"
    JPEG = "jpeg"
    OTHER_CODES = "other_codes"  # the card plus a URL or payment code beside it
    OTHER_ONLY = "other_only"  # a URL or payment code, no card
    NO_CODE = "no_code"  # the desk, a card-less scene
    # The harder set (tests.generators.qr_hard_scenes): what a handheld card in front of a
    # counter webcam really gives, beyond what a person could still read comfortably.
    MOTION_HEAVY = "motion_heavy"  # linear motion blur of 4–15 px, any direction
    DEFOCUS = "defocus"  # a disc-shaped out-of-focus blur (the lens, not a Gaussian)
    TINY = "tiny"  # 1.5–2.0 px per module, soft optics, sensor noise
    PHONE_SCREEN = "phone_screen"  # VNeID on a phone: pixel-grid moiré and a glare band
    ANGLED = "angled"  # a card held at a steep angle, slightly soft
    LOOKALIKE = "lookalike"  # no ID code: a card with QR-like patterns, barcodes, blurred


#: The conditions of the first generated set (kept so "no slower than before" is measurable).
BASIC_CONDITIONS = tuple(Condition)[: tuple(Condition).index(Condition.NO_CODE) + 1]
HARD_CONDITIONS = tuple(c for c in Condition if c not in BASIC_CONDITIONS)
#: Conditions whose frames show no ID card code: whatever is read there is a false positive.
WITHOUT_ID_CODE = frozenset({Condition.OTHER_ONLY, Condition.NO_CODE, Condition.LOOKALIKE})


@dataclass(frozen=True, slots=True)
class SceneFrame:
    """A generated frame and what it shows: ``expected`` is the ID card code's text."""

    image: Frame = field(repr=False)
    condition: Condition
    expected: str | None
    others: tuple[str, ...] = ()
    #: Pixels per module of the ID code (0 without one) and the blur drawn, in pixels
    #: (motion length, disc radius or Gaussian sigma; 0 when none): the truth beside it.
    pixels_per_module: float = 0.0
    blur_px: float = 0.0


class SceneRenderer:
    """Draws scenes with one random generator, so a frame set is one seed."""

    def __init__(self, seed: int) -> None:
        self._rng = np.random.default_rng(seed)

    def uniform(self, low: float, high: float) -> float:
        return float(self._rng.uniform(low, high))

    def choice(self, options: Sequence[str]) -> str:
        return options[int(self._rng.integers(len(options)))]

    # -- building blocks ------------------------------------------------------------

    def desk(self) -> Frame:
        """A desk: a colour, a slow light gradient and wood-like grain."""
        base = self._rng.uniform(70, 170, size=3)
        small = self._rng.normal(0, 10, (FRAME_HEIGHT // 40, FRAME_WIDTH // 40, 1))
        small = small + self._rng.normal(0, 3, (FRAME_HEIGHT // 40, FRAME_WIDTH // 40, 3))
        grain = cv2.resize(small, (FRAME_WIDTH, FRAME_HEIGHT), interpolation=cv2.INTER_CUBIC)
        ramp = np.linspace(-18, 18, FRAME_WIDTH)[None, :, None]
        noise = self._rng.normal(0, 3, (FRAME_HEIGHT, FRAME_WIDTH, 1))
        return cast(Frame, np.clip(base + grain + ramp + noise, 0, 255).astype(np.uint8))

    def card(self, code: Frame | None, code_px: int) -> Frame:
        """A card image with a photo, lines of text and (optionally) the code top right."""
        width = int(code_px / CODE_SHARE_OF_CARD)
        height = int(width / CARD_ASPECT)
        tint = self._rng.uniform(215, 245, size=3)
        card = np.empty((height, width, 3), np.uint8)
        card[:] = tint.astype(np.uint8)
        photo_w = int(width * 0.24)
        cv2.rectangle(
            card,
            (int(width * 0.04), int(height * 0.3)),
            (int(width * 0.04) + photo_w, int(height * 0.3) + int(photo_w * 1.33)),
            tuple(int(v) for v in self._rng.uniform(90, 160, size=3)),
            -1,
        )
        scale = max(0.3, width / 1400)
        for row in range(6):
            words = " ".join(
                self.choice(("HO VA TEN", "NGAY SINH", "QUE QUAN", "NOI THUONG TRU", "NAM"))
                for _ in range(2)
            )
            y = int(height * (0.36 + 0.1 * row))
            cv2.putText(
                card,
                words,
                (int(width * 0.32), y),
                cv2.FONT_HERSHEY_SIMPLEX,
                scale,
                (40, 40, 60),
                max(1, int(scale * 2)),
                cv2.LINE_AA,
            )
        if code is not None:
            side = code_px
            drawn = cv2.resize(code, (side, side), interpolation=cv2.INTER_AREA)
            x, y = width - side - int(width * 0.04), int(height * 0.06)
            card[y : y + side, x : x + side] = cv2.cvtColor(drawn, cv2.COLOR_GRAY2BGR)
        return card

    def place(
        self,
        frame: Frame,
        item: Frame,
        *,
        angle: float,
        tilt: float,
        centre: tuple[float, float],
        scale: float = 1.0,
    ) -> None:
        """Lay ``item`` on ``frame``: rotated by ``angle`` degrees, with a perspective tilt
        (0 = seen from straight above) around ``centre``, shrunk by ``scale``, antialiased
        at its edges. A ``scale`` below 1 resamples fine detail (a screen's pixel grid)
        with linear interpolation, as a sensor does: that is where moiré comes from."""
        h, w = item.shape[:2]
        corners = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
        shrink = np.array([1 - tilt, 1 - tilt, 1, 1], np.float32)  # far edge is shorter
        local = (corners - [w / 2, h / 2]) * np.stack([shrink, 1 - tilt * 0.3 * np.ones(4)], 1)
        local = local * scale
        theta = math.radians(angle)
        rotation = np.array(
            [[math.cos(theta), -math.sin(theta)], [math.sin(theta), math.cos(theta)]], np.float32
        )
        target = (local @ rotation.T + centre).astype(np.float32)
        matrix = cv2.getPerspectiveTransform(corners, target)
        size = (frame.shape[1], frame.shape[0])
        warped = cv2.warpPerspective(item, matrix, size, flags=cv2.INTER_AREA)
        mask = cv2.warpPerspective(
            np.full((h, w), 255, np.uint8), matrix, size, flags=cv2.INTER_LINEAR
        )
        alpha = (mask.astype(np.float32) / 255.0)[..., None]
        frame[:] = (warped * alpha + frame * (1 - alpha)).astype(np.uint8)

    # -- degradations ---------------------------------------------------------------

    def blur(self, frame: Frame, sigma: float) -> Frame:
        return cast(Frame, cv2.GaussianBlur(frame, (0, 0), sigma))

    def motion_blur(self, frame: Frame, length: int, angle: float) -> Frame:
        line = np.zeros((length, length), np.float32)
        line[length // 2, :] = 1.0
        turn = cv2.getRotationMatrix2D((length / 2 - 0.5, length / 2 - 0.5), angle, 1.0)
        turned = cv2.warpAffine(line, turn, (length, length))
        kernel = cast(npt.NDArray[np.float32], turned / max(float(turned.sum()), 1e-6))
        return cast(Frame, cv2.filter2D(frame, -1, kernel))

    def darken(self, frame: Frame, gain: float) -> Frame:
        dark = frame.astype(np.float32) * gain + self._rng.normal(0, 2.5, frame.shape)
        return cast(Frame, np.clip(dark, 0, 255).astype(np.uint8))

    def glare(
        self, frame: Frame, centre: tuple[float, float], radius: float, strength: float
    ) -> Frame:
        """A reflection: it lifts dark ink towards white more than it brightens paper."""
        ys, xs = np.ogrid[0:FRAME_HEIGHT, 0:FRAME_WIDTH]
        d2 = ((xs - centre[0]) ** 2 + (ys - centre[1]) ** 2) / (radius**2)
        light = (strength * np.exp(-d2))[..., None].astype(np.float32)
        lifted = frame + light * (1 - frame / 400.0)
        return cast(Frame, np.clip(lifted, 0, 255).astype(np.uint8))

    def noise(self, frame: Frame, sigma: float) -> Frame:
        noisy = frame + self._rng.normal(0, sigma, frame.shape)
        return cast(Frame, np.clip(noisy, 0, 255).astype(np.uint8))

    def jpeg(self, frame: Frame, quality: int) -> Frame:
        ok, data = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, quality])
        assert ok
        return cast(Frame, cv2.imdecode(data, cv2.IMREAD_COLOR))
