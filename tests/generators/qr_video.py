"""A simulated video of a card shown to the counter webcam: the truth at every frame.

The desk alone, then the hand brings the card in: fast at first (long motion blur along
the way it moves), then slowing to a shaky hold (short blur in changing directions),
while the auto-focus hunts (a defocus disc that shrinks as the lens settles). Seeded;
synthetic people only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import cast

import cv2

from hardware.camera.interface import Frame
from tests.generators.qr_hard_scenes import convolve, disc_kernel, motion_kernel, sensor_noise
from tests.generators.qr_scenes import FRAME_HEIGHT, FRAME_WIDTH, SceneRenderer, qr_modules

FPS = 30.0
EXPOSURE_S = 1 / 30  # an indoor webcam's exposure at counter light: a moving hand smears


@dataclass(frozen=True, slots=True)
class VideoFrame:
    """One frame and its truth: whether the card is in view, and the blur drawn on it."""

    image: Frame = field(repr=False)
    time_s: float
    card_shown: bool
    motion_px: float
    defocus_px: float


@dataclass(frozen=True, slots=True)
class CardVideo:
    frames: tuple[VideoFrame, ...]
    payload: str
    fps: float
    shown_at_s: float  # when the card's code first lies wholly in the frame


def card_video(
    payload: str,
    *,
    seed: int,
    seconds: float = 2.5,
    desk_seconds: float = 0.4,
    settle_seconds: float = 0.8,
    focus_seconds: float = 1.0,
) -> CardVideo:
    """The video of ``payload``'s card being shown (see the module docstring)."""
    renderer = SceneRenderer(seed)
    modules = qr_modules(payload)
    ppm = renderer.uniform(2.6, 3.6)
    code_px = round(ppm * modules.shape[0])
    card = renderer.card(modules, code_px)
    desk = renderer.desk()
    base_angle = renderer.uniform(-12, 12)
    # Where the card comes to rest: its code (top right of the card) near the frame's middle.
    offset = _code_offset(card.shape[:2], code_px, base_angle)
    code_rest = (renderer.uniform(520, 760), renderer.uniform(280, 440))
    rest = (code_rest[0] - offset[0], code_rest[1] - offset[1])
    entry_angle = renderer.uniform(0, 2 * math.pi)
    start = (rest[0] + 420 * math.cos(entry_angle), rest[1] + 260 * math.sin(entry_angle))
    start_defocus = renderer.uniform(2.5, 3.5)
    frames = []
    count = round(seconds * FPS)
    for index in range(count):
        t = index / FPS
        if t < desk_seconds:
            image = sensor_noise(renderer, desk.copy(), 2.0)
            frames.append(VideoFrame(image, t, False, 0.0, 0.0))
            continue
        # Position eases into the rest point; speed (px/s) gives the blur of the exposure.
        progress = min(1.0, (t - desk_seconds) / settle_seconds)
        ease = 1 - (1 - progress) ** 3
        speed_share = 3 * (1 - progress) ** 2 / settle_seconds  # d(ease)/dt
        travel = (rest[0] - start[0], rest[1] - start[1])
        centre = (start[0] + ease * travel[0], start[1] + ease * travel[1])
        tremor = (renderer.uniform(-3, 3), renderer.uniform(-3, 3))
        centre = (centre[0] + tremor[0], centre[1] + tremor[1])
        velocity = (speed_share * travel[0], speed_share * travel[1])
        motion = math.hypot(*velocity) * EXPOSURE_S
        direction = math.degrees(math.atan2(velocity[1], velocity[0]))
        if motion < 6:  # held: the tremor smears a few pixels in changing directions
            motion, direction = renderer.uniform(2.0, 11.0), renderer.uniform(0, 360)
        focus_progress = min(1.0, (t - desk_seconds) / focus_seconds)
        defocus = start_defocus * (1 - focus_progress) + 0.6 * focus_progress
        image = desk.copy()
        renderer.place(image, card, angle=base_angle, tilt=0.05, centre=centre)
        image = convolve(image, disc_kernel(defocus))
        image = convolve(image, motion_kernel(min(motion, 25.0), direction))
        image = sensor_noise(renderer, image, 2.0)
        code_x, code_y = centre[0] + offset[0], centre[1] + offset[1]
        reach = code_px * 0.6
        shown = reach < code_x < FRAME_WIDTH - reach and reach < code_y < FRAME_HEIGHT - reach
        frames.append(VideoFrame(image, t, shown, motion, defocus))
    shown_at = next((f.time_s for f in frames if f.card_shown), seconds)
    return CardVideo(tuple(frames), payload, FPS, shown_at)


def _code_offset(card_shape: tuple[int, ...], code_px: int, angle: float) -> tuple[float, float]:
    """From the card's centre to its code's centre, the card turned by ``angle`` degrees."""
    height, width = card_shape[0], card_shape[1]
    dx = width / 2 - code_px / 2 - width * 0.04
    dy = -height / 2 + code_px / 2 + height * 0.06
    theta = math.radians(angle)
    return (
        dx * math.cos(theta) - dy * math.sin(theta),
        dx * math.sin(theta) + dy * math.cos(theta),
    )


def shaky_burst(payload: str, seed: int) -> list[Frame]:
    """Four frames of a card held still-ish: 14 px of blur, a new direction each frame,
    and a few pixels of drift."""
    renderer = SceneRenderer(seed)
    modules = qr_modules(payload)
    card = renderer.card(modules, round(2.7 * modules.shape[0]))
    desk = renderer.desk()
    frames = []
    for k, angle in enumerate((0, 50, 100, 150)):
        frame = desk.copy()
        renderer.place(frame, card, angle=5, tilt=0.03, centre=(640 + 3 * k, 360 - 2 * k))
        frame = convolve(frame, motion_kernel(14, angle + seed * 7))
        grey = cv2.cvtColor(sensor_noise(renderer, frame, 2.0), cv2.COLOR_BGR2GRAY)
        frames.append(cast(Frame, grey))
    return frames
