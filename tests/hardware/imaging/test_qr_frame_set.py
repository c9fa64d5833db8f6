"""The generated QR frame set: deterministic, camera-sized, labelled truthfully."""

from __future__ import annotations

import numpy as np

from hardware.qr.zxing import ZxingQrDecoder
from tests.generators.qr_frame_set import (
    crc16_ccitt,
    generate_frame_set,
    other_code_texts,
    vietqr_text,
)
from tests.generators.qr_scenes import FRAME_HEIGHT, FRAME_WIDTH, Condition, qr_modules

PAYLOADS = ["001099012345||NGUYỄN VĂN AN|15081999|Nam|Hạ Long|20082021"]


def test_the_same_seed_gives_the_same_pixels_and_another_seed_others() -> None:
    conditions = (Condition.BLUR, Condition.GLARE)
    first = generate_frame_set(PAYLOADS, per_condition=2, seed=5, conditions=conditions)
    again = generate_frame_set(PAYLOADS, per_condition=2, seed=5, conditions=conditions)
    other = generate_frame_set(PAYLOADS, per_condition=2, seed=6, conditions=conditions)
    assert all(np.array_equal(a.image, b.image) for a, b in zip(first, again, strict=True))
    assert not np.array_equal(first[0].image, other[0].image)


def test_every_condition_is_present_with_camera_sized_frames() -> None:
    frames = generate_frame_set(PAYLOADS, per_condition=1, seed=3)
    assert [f.condition for f in frames] == list(Condition)
    for frame in frames:
        assert frame.image.shape == (FRAME_HEIGHT, FRAME_WIDTH, 3)
        assert frame.image.dtype == np.uint8
        has_card_code = frame.condition not in (Condition.OTHER_ONLY, Condition.NO_CODE)
        assert (frame.expected is not None) == has_card_code
        assert bool(frame.others) == (
            frame.condition in (Condition.OTHER_CODES, Condition.OTHER_ONLY)
        )


def test_the_other_codes_are_really_drawn() -> None:
    [frame] = generate_frame_set(PAYLOADS, per_condition=1, conditions=(Condition.OTHER_ONLY,))
    assert ZxingQrDecoder().decode(frame.image) == list(frame.others)


def test_vietqr_codes_carry_a_valid_crc() -> None:
    assert crc16_ccitt(b"123456789") == 0x29B1  # the CRC-16/CCITT-FALSE check value
    text = vietqr_text("970436", "0123456789", 50_000)
    assert text.startswith("000201") and "5802VN" in text
    assert text[-4:] == f"{crc16_ccitt(text[:-4].encode()):04X}"


def test_every_generated_code_is_a_valid_qr_code() -> None:
    decoder = ZxingQrDecoder()
    texts = [*PAYLOADS, *other_code_texts(4, seed=1), "001099012345||NGUYEN VAN AN|15081999|Nam"]
    for text in texts:
        modules = np.pad(qr_modules(text), 4, constant_values=255)
        assert decoder.decode(np.kron(modules, np.ones((3, 3), np.uint8))) == [text]
