"""A seeded set of 1280×720 camera-like frames, per condition, for tests and ``make bench``.

The caller gives the ID card payloads (synthetic people, see
``tests.generators.synthetic_people``); the other codes a counter meets (web addresses, VietQR
payment codes) are made here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import cv2
import numpy as np

from hardware.camera.interface import Frame
from tests.generators.qr_hard_scenes import render_hard
from tests.generators.qr_scenes import (
    BASIC_CONDITIONS,
    FRAME_HEIGHT,
    FRAME_WIDTH,
    Condition,
    SceneFrame,
    SceneRenderer,
    qr_modules,
)

MAX_CODE_PX = 200  # the card (5× the code) must fit in the frame


def crc16_ccitt(data: bytes) -> int:
    """CRC-16/CCITT-FALSE, the checksum of EMV (VietQR) payment codes."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def vietqr_text(bank_bin: str, account: str, amount: int | None = None) -> str:
    """A well-formed VietQR (EMVCo) transfer code to ``account`` at the bank ``bank_bin``."""

    def tlv(tag: str, value: str) -> str:
        return f"{tag}{len(value):02d}{value}"

    beneficiary = tlv("00", bank_bin) + tlv("01", account)
    merchant = tlv("00", "A000000727") + tlv("01", beneficiary) + tlv("02", "QRIBFTTA")
    body = tlv("00", "01") + tlv("01", "12" if amount else "11") + tlv("38", merchant)
    body += tlv("53", "704") + (tlv("54", str(amount)) if amount else "") + tlv("58", "VN")
    body += "6304"
    return body + f"{crc16_ccitt(body.encode('ascii')):04X}"


def other_code_texts(count: int, seed: int) -> list[str]:
    """Web addresses and VietQR payment codes, as found on posters and receipts."""
    rng = np.random.default_rng(seed)
    texts = []
    for index in range(count):
        if index % 2 == 0:
            code = "".join(str(d) for d in rng.integers(0, 10, 8))
            texts.append(f"https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?ma={code}")
        else:
            account = "".join(str(d) for d in rng.integers(0, 10, 10))
            amount = int(rng.integers(1, 50)) * 10_000
            texts.append(vietqr_text("970436", account, amount))
    return texts


def generate_frame_set(
    id_payloads: Sequence[str],
    *,
    per_condition: int = 10,
    seed: int = 2024,
    conditions: Sequence[Condition] = tuple(Condition),
) -> list[SceneFrame]:
    """``per_condition`` frames of each condition, the ID payloads used in turn."""
    if not id_payloads:
        raise ValueError("at least one ID payload is needed")
    renderer = SceneRenderer(seed)
    others = other_code_texts(max(4, per_condition), seed + 1)
    frames = []
    counter = 0
    for condition in conditions:
        for index in range(per_condition):
            payload = id_payloads[counter % len(id_payloads)]
            other = others[index % len(others)]
            counter += 1
            if condition in BASIC_CONDITIONS:
                frames.append(_render(renderer, condition, payload, other))
            else:
                frames.append(render_hard(renderer, condition, payload, _card_placer(renderer)))
    return frames


def _card_placer(
    renderer: SceneRenderer,
) -> Callable[[Frame, Frame, int, float, float], None]:
    def place_card(frame: Frame, card: Frame, code_px: int, angle: float, tilt: float) -> None:
        centre = _card_centre(renderer, card.shape[:2], code_px, angle)
        renderer.place(frame, card, angle=angle, tilt=tilt, centre=centre)

    return place_card


def _centre(renderer: SceneRenderer, half_w: float, half_h: float) -> tuple[float, float]:
    x_low, x_high = half_w + 10, FRAME_WIDTH - half_w - 10
    y_low, y_high = half_h + 10, FRAME_HEIGHT - half_h - 10
    x = renderer.uniform(x_low, x_high) if x_low < x_high else FRAME_WIDTH / 2
    y = renderer.uniform(y_low, y_high) if y_low < y_high else FRAME_HEIGHT / 2
    return x, y


def _code_centre(
    card_shape: tuple[int, ...], code_px: int, angle: float, card_centre: tuple[float, float]
) -> tuple[float, float]:
    """Where the ID code lies in the frame: it sits at the card's top right."""
    height, width = card_shape[0], card_shape[1]
    dx = width / 2 - code_px / 2 - width * 0.04
    dy = -height / 2 + code_px / 2 + height * 0.06
    theta = math.radians(angle)
    return (
        card_centre[0] + dx * math.cos(theta) - dy * math.sin(theta),
        card_centre[1] + dx * math.sin(theta) + dy * math.cos(theta),
    )


def _card_centre(
    renderer: SceneRenderer, card_shape: tuple[int, ...], code_px: int, angle: float
) -> tuple[float, float]:
    """A place for the card where its code is wholly in the frame (the card may not be)."""
    cos, sin = abs(math.cos(math.radians(angle))), abs(math.sin(math.radians(angle)))
    extent_w = (card_shape[1] * cos + card_shape[0] * sin) / 2  # of the turned card
    extent_h = (card_shape[1] * sin + card_shape[0] * cos) / 2
    centre = _centre(renderer, extent_w, extent_h)
    reach = code_px * 0.75 + 10
    for _ in range(50):
        x, y = _code_centre(card_shape, code_px, angle, centre)
        if reach < x < FRAME_WIDTH - reach and reach < y < FRAME_HEIGHT - reach:
            break
        centre = (renderer.uniform(0, FRAME_WIDTH), renderer.uniform(0, FRAME_HEIGHT))
    return centre


def _render(renderer: SceneRenderer, condition: Condition, payload: str, other: str) -> SceneFrame:
    frame = renderer.desk()
    modules = qr_modules(payload)
    n = modules.shape[0]
    ppm = {  # pixels per module
        Condition.SMALL: renderer.uniform(1.6, 2.2),
        Condition.JPEG: renderer.uniform(2.6, 3.6),
        Condition.OTHER_CODES: renderer.uniform(2.4, 2.9),  # room for the other code
    }.get(condition, renderer.uniform(2.8, 4.0))
    code_px = min(MAX_CODE_PX, round(ppm * n))
    ppm = code_px / n
    angle = renderer.uniform(-12, 12)
    tilt = renderer.uniform(0.0, 0.08)
    if condition is Condition.ROTATED:
        angle = renderer.uniform(25, 335)
    elif condition is Condition.PERSPECTIVE:
        tilt = renderer.uniform(0.22, 0.4)
        angle = renderer.uniform(-20, 20)

    expected: str | None = payload
    shown_others: tuple[str, ...] = ()
    card_code: Frame | None = modules
    if condition in (Condition.OTHER_ONLY, Condition.NO_CODE):
        expected, card_code = None, None
    card = renderer.card(card_code, code_px)
    card_centre = _card_centre(renderer, card.shape[:2], code_px, angle)
    if condition is Condition.OTHER_CODES:  # the card on the left, the notice on the right
        card_centre = (card.shape[1] / 2 + 20, card_centre[1])
    code_centre = _code_centre(card.shape[:2], code_px, angle, card_centre)
    if condition is not Condition.OTHER_ONLY:
        renderer.place(frame, card, angle=angle, tilt=tilt, centre=card_centre)
    if condition in (Condition.OTHER_CODES, Condition.OTHER_ONLY):
        shown_others = (other,)
        _place_other_code(renderer, frame, other, condition)

    blur = 0.0
    if condition is Condition.BLUR:
        blur = ppm * renderer.uniform(0.3, 0.5)
        frame = renderer.blur(frame, blur)
    elif condition is Condition.MOTION_BLUR:
        length = max(3, round(ppm * renderer.uniform(0.9, 1.4)) | 1)
        blur = float(length)
        frame = renderer.motion_blur(frame, length, renderer.uniform(0, 180))
    elif condition is Condition.DARK:
        frame = renderer.darken(frame, renderer.uniform(0.12, 0.25))
    elif condition is Condition.GLARE:
        shift = code_px * 0.25
        spot = (
            code_centre[0] + renderer.uniform(-shift, shift),
            code_centre[1] + renderer.uniform(-shift, shift),
        )
        frame = renderer.glare(
            frame, spot, code_px * renderer.uniform(0.25, 0.45), renderer.uniform(170, 230)
        )
    elif condition is Condition.NOISE:
        frame = renderer.noise(frame, renderer.uniform(14, 24))
    elif condition is Condition.JPEG:
        frame = renderer.jpeg(frame, int(renderer.uniform(12, 25)))
    return SceneFrame(
        frame, condition, expected, shown_others, ppm if expected is not None else 0.0, blur
    )


def _place_other_code(
    renderer: SceneRenderer,
    frame: Frame,
    text: str,
    condition: Condition,
) -> None:
    """A printed notice with another QR code, on the side of the frame away from the card."""
    modules = qr_modules(text)
    side = min(170, round(modules.shape[0] * renderer.uniform(2.8, 3.6)))
    margin = side // 6
    paper = np.full((side + 2 * margin, side + 2 * margin, 3), 250, np.uint8)
    drawn = cv2.resize(modules, (side, side), interpolation=cv2.INTER_AREA)
    paper[margin : margin + side, margin : margin + side] = cv2.cvtColor(drawn, cv2.COLOR_GRAY2BGR)
    half = paper.shape[0] / 2
    if condition is Condition.OTHER_ONLY:
        centre = _centre(renderer, half, half)
    else:
        centre = (FRAME_WIDTH - half - 15, renderer.uniform(half + 10, FRAME_HEIGHT - half - 10))
    renderer.place(frame, paper, angle=renderer.uniform(-15, 15), tilt=0.0, centre=centre)
