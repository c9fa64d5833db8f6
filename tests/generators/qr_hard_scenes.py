"""The harder frames: heavy motion blur, defocus, tiny codes, phone screens, steep angles,
and look-alike patterns without any ID code.

Each degradation is drawn the way the optics and the sensor make it (a line or a disc as
point spread function, linear resampling of a screen's pixel grid, sensor noise after the
blur), and each frame keeps its truth beside it (pixels per module, blur in pixels), so
the benchmark can say where a reader gives up. Seeded through :class:`SceneRenderer`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import cast

import cv2
import numpy as np
import numpy.typing as npt

from hardware.camera.interface import Frame
from tests.generators.qr_scenes import (
    FRAME_HEIGHT,
    FRAME_WIDTH,
    Condition,
    SceneFrame,
    SceneRenderer,
    qr_modules,
)

MAX_MOTION_PX = 15

#: Lays a card (frame, card, code side in px, angle, tilt) so that its code lies wholly
#: inside the frame; given by the frame set, which knows where the code sits on a card.
PlaceCard = Callable[[Frame, Frame, int, float, float], None]
_SCREEN_OVERSAMPLING = 2.5  # the phone is drawn this much larger, then shrunk by the warp


def motion_kernel(length: float, angle: float, *, ramp: float = 0.0) -> npt.NDArray[np.float32]:
    """A line ``length`` px long at ``angle`` degrees, sampled sub-pixel, summing to 1.

    ``ramp`` (0–1) makes the speed uneven along the path (a hand slowing down), which a
    deblurring step that assumes an even line must tolerate.
    """
    size = math.ceil(length) + 3
    kernel = np.zeros((size, size), np.float32)
    centre = (size - 1) / 2
    dx, dy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    steps = max(8, int(length * 8))
    for i in range(steps):
        t = (i / (steps - 1) - 0.5) * (length - 1)
        weight = 1.0 + ramp * (i / (steps - 1) - 0.5) * 2
        x, y = centre + t * dx, centre + t * dy
        x0, y0 = math.floor(x), math.floor(y)
        fx, fy = x - x0, y - y0
        kernel[y0, x0] += weight * (1 - fx) * (1 - fy)
        kernel[y0, x0 + 1] += weight * fx * (1 - fy)
        kernel[y0 + 1, x0] += weight * (1 - fx) * fy
        kernel[y0 + 1, x0 + 1] += weight * fx * fy
    return cast(npt.NDArray[np.float32], kernel / kernel.sum())


def disc_kernel(radius: float) -> npt.NDArray[np.float32]:
    """A uniform disc of ``radius`` px (out of focus), its edge antialiased by supersampling."""
    half = math.ceil(radius) + 1
    fine = 4
    axis = (np.arange(-half * fine, (half + 1) * fine) + 0.5) / fine - 0.5 / fine
    xs, ys = np.meshgrid(axis, axis)
    inside = ((xs**2 + ys**2) <= radius**2).astype(np.float32)
    size = 2 * half + 1
    kernel = inside[: size * fine, : size * fine].reshape(size, fine, size, fine).mean(axis=(1, 3))
    return cast(npt.NDArray[np.float32], (kernel / kernel.sum()).astype(np.float32))


def convolve(frame: Frame, kernel: npt.NDArray[np.float32]) -> Frame:
    return cast(Frame, cv2.filter2D(frame, -1, kernel, borderType=cv2.BORDER_REFLECT))


def sensor_noise(renderer: SceneRenderer, frame: Frame, sigma: float) -> Frame:
    """Noise after the optics: the blur never smooths it away."""
    return renderer.noise(frame, sigma)


def render_hard(
    renderer: SceneRenderer, condition: Condition, payload: str, place_card: PlaceCard
) -> SceneFrame:
    """One frame of a hard ``condition`` showing ``payload`` (none for LOOKALIKE)."""
    modules = qr_modules(payload)
    n = modules.shape[0]
    if condition is Condition.PHONE_SCREEN:
        return _phone_screen(renderer, payload, modules)
    if condition is Condition.LOOKALIKE:
        return _lookalike(renderer, place_card)
    ppm = {
        Condition.TINY: renderer.uniform(1.5, 2.0),
        Condition.ANGLED: renderer.uniform(3.0, 4.2),
    }.get(condition, renderer.uniform(2.6, 4.0))
    code_px = round(ppm * n)
    ppm = code_px / n
    angle = renderer.uniform(-15, 15)
    tilt = renderer.uniform(0.0, 0.1)
    if condition is Condition.ANGLED:
        angle, tilt = renderer.uniform(0, 360), renderer.uniform(0.35, 0.5)
    card = renderer.card(modules, code_px)
    frame = renderer.desk()
    place_card(frame, card, code_px, angle, tilt)
    blur = 0.0
    if condition is Condition.MOTION_HEAVY:
        blur = renderer.uniform(4.0, MAX_MOTION_PX)
        kernel = motion_kernel(blur, renderer.uniform(0, 360), ramp=renderer.uniform(0, 0.4))
        frame = convolve(frame, kernel)
    elif condition is Condition.DEFOCUS:
        blur = ppm * renderer.uniform(0.5, 0.9)
        frame = convolve(frame, disc_kernel(blur))
    elif condition is Condition.TINY:
        blur = renderer.uniform(0.4, 0.8)
        frame = renderer.blur(frame, blur)
    elif condition is Condition.ANGLED:
        blur = ppm * renderer.uniform(0.15, 0.3)
        frame = renderer.blur(frame, blur)
    frame = sensor_noise(renderer, frame, renderer.uniform(1.5, 3.0))
    return SceneFrame(frame, condition, payload, (), ppm, blur)


def _phone_screen(renderer: SceneRenderer, payload: str, modules: Frame) -> SceneFrame:
    """A phone showing the code (VNeID): bezel, a backlit screen whose pixel grid beats
    with the sensor's (moiré), and a reflected window as a bright band."""
    n = modules.shape[0]
    ppm = renderer.uniform(2.6, 4.0)
    over = _SCREEN_OVERSAMPLING
    code_src = round(ppm * over * n)
    screen_w = int(code_src * 1.35)
    screen_h = int(screen_w * 2.0)
    bezel = int(screen_w * 0.05)
    phone = np.full((screen_h + 2 * bezel, screen_w + 2 * bezel, 3), 25, np.uint8)
    screen = np.empty((screen_h, screen_w, 3), np.uint8)
    screen[:] = np.array([250, 246, 240], np.uint8)  # a slightly blue white (BGR)
    cv2.rectangle(screen, (0, 0), (screen_w, int(screen_h * 0.08)), (160, 90, 200), -1)
    drawn = cv2.resize(modules, (code_src, code_src), interpolation=cv2.INTER_NEAREST)
    x0, y0 = (screen_w - code_src) // 2, int(screen_h * 0.3)
    screen[y0 : y0 + code_src, x0 : x0 + code_src] = cv2.cvtColor(drawn, cv2.COLOR_GRAY2BGR)
    # The pixel grid: dark lines between the display's pixels, a pitch near the sensor's.
    pitch = renderer.uniform(1.9, 2.8)
    ys, xs = np.mgrid[0:screen_h, 0:screen_w].astype(np.float32)
    depth = renderer.uniform(0.2, 0.35)
    grid = 1 - depth * (
        0.5 * (1 + np.cos(2 * np.pi * xs / pitch)) * 0.5
        + 0.5 * (1 + np.cos(2 * np.pi * ys / pitch)) * 0.5
    )
    screen = (screen * grid[..., None]).astype(np.uint8)
    phone[bezel : bezel + screen_h, bezel : bezel + screen_w] = screen
    frame = renderer.desk()
    angle = renderer.uniform(-20, 20)
    # The code sits above the phone's centre: place the phone so the code is in the frame.
    rise = (phone.shape[0] / 2 - (y0 + bezel + code_src / 2)) / over
    theta = math.radians(angle)
    reach = code_src / over * 0.8
    code_x = renderer.uniform(reach, FRAME_WIDTH - reach)
    code_y = renderer.uniform(reach, FRAME_HEIGHT - reach)
    centre = (code_x - rise * math.sin(theta), code_y + rise * math.cos(theta))
    renderer.place(
        frame, phone, angle=angle, tilt=renderer.uniform(0, 0.15), centre=centre, scale=1 / over
    )
    # The reflection of a window or a ceiling light: a broad bright band across the screen.
    band_angle = math.radians(renderer.uniform(0, 180))
    offset = renderer.uniform(-0.3, 0.3) * code_src / over
    yy, xx = np.mgrid[0:FRAME_HEIGHT, 0:FRAME_WIDTH].astype(np.float32)
    distance = (xx - code_x) * math.cos(band_angle) + (yy - code_y) * math.sin(band_angle)
    width = renderer.uniform(0.15, 0.35) * code_src / over
    light = renderer.uniform(60, 120) * np.exp(-(((distance - offset) / width) ** 2))
    lifted = frame + light[..., None] * (1 - frame / 320.0)
    frame = np.clip(lifted, 0, 255).astype(np.uint8)
    frame = renderer.blur(frame, renderer.uniform(0.3, 0.7))
    frame = sensor_noise(renderer, frame, renderer.uniform(1.5, 3.0))
    return SceneFrame(frame, Condition.PHONE_SCREEN, payload, (), ppm, 0.0)


def _lookalike(renderer: SceneRenderer, place_card: PlaceCard) -> SceneFrame:
    """A card whose corner holds a QR-like pattern (finder squares, random modules: no
    valid code), a 1D barcode beside it, then blurred like the hard frames."""
    n = 33 + 4 * int(renderer.uniform(0, 4))
    rng = np.random.default_rng(int(renderer.uniform(0, 2**31)))
    pattern = np.where(rng.random((n, n)) < 0.5, 0, 255).astype(np.uint8)
    for top, left in ((0, 0), (0, n - 7), (n - 7, 0)):
        finder = np.zeros((7, 7), np.uint8)
        finder[1:6, 1:6] = 255
        finder[2:5, 2:5] = 0
        pattern[top : top + 7, left : left + 7] = finder
    ppm = renderer.uniform(2.6, 4.0)
    code_px = round(ppm * n)
    card = renderer.card(pattern, code_px)
    bars = np.repeat(np.where(rng.random(60) < 0.5, 0, 255).astype(np.uint8), 3)
    strip = np.tile(bars, (code_px // 3, 1))
    height, width = card.shape[:2]
    y = height - strip.shape[0] - 8
    x = int(width * 0.32)
    card[y : y + strip.shape[0], x : x + strip.shape[1]] = cv2.cvtColor(strip, cv2.COLOR_GRAY2BGR)[
        :, : width - x
    ]
    frame = renderer.desk()
    place_card(frame, card, code_px, renderer.uniform(-30, 30), renderer.uniform(0, 0.2))
    kind = int(renderer.uniform(0, 3))
    blur = 0.0
    if kind == 1:
        blur = renderer.uniform(4.0, MAX_MOTION_PX)
        frame = convolve(frame, motion_kernel(blur, renderer.uniform(0, 360)))
    elif kind == 2:
        blur = ppm * renderer.uniform(0.5, 0.9)
        frame = convolve(frame, disc_kernel(blur))
    frame = sensor_noise(renderer, frame, renderer.uniform(1.5, 3.0))
    return SceneFrame(frame, Condition.LOOKALIKE, None, (), 0.0, blur)
