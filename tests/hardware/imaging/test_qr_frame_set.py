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
from tests.generators.qr_hard_scenes import MAX_MOTION_PX, disc_kernel, motion_kernel
from tests.generators.qr_scenes import (
    FRAME_HEIGHT,
    FRAME_WIDTH,
    HARD_CONDITIONS,
    WITHOUT_ID_CODE,
    Condition,
    qr_modules,
)

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
        has_card_code = frame.condition not in WITHOUT_ID_CODE
        assert (frame.expected is not None) == has_card_code
        assert (frame.pixels_per_module > 0) == has_card_code
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


def test_the_hard_set_keeps_its_truth_beside_each_frame() -> None:
    frames = generate_frame_set(PAYLOADS, per_condition=4, seed=8, conditions=HARD_CONDITIONS)
    by_condition = {c: [f for f in frames if f.condition is c] for c in HARD_CONDITIONS}
    assert all(4 <= f.blur_px <= MAX_MOTION_PX for f in by_condition[Condition.MOTION_HEAVY])
    assert all(f.pixels_per_module <= 2.0 for f in by_condition[Condition.TINY])
    assert all(f.expected is None for f in by_condition[Condition.LOOKALIKE])


def test_the_hard_set_is_beyond_a_plain_decoder_and_lookalikes_read_as_nothing() -> None:
    conditions = (Condition.MOTION_HEAVY, Condition.TINY, Condition.LOOKALIKE)
    frames = generate_frame_set(PAYLOADS, per_condition=6, seed=8, conditions=conditions)
    decoder = ZxingQrDecoder()
    read = {
        c: sum(bool(decoder.decode(f.image)) for f in frames if f.condition is c)
        for c in conditions
    }
    assert read[Condition.MOTION_HEAVY] <= 3 and read[Condition.TINY] <= 3
    assert read[Condition.LOOKALIKE] == 0


def test_blur_kernels_keep_brightness_and_have_the_size_asked() -> None:
    line = motion_kernel(15, 30)
    assert abs(float(line.sum()) - 1) < 1e-5
    ys, xs = np.nonzero(line > 1e-4)
    assert 13 <= np.hypot(xs.max() - xs.min(), ys.max() - ys.min()) <= 16
    disc = disc_kernel(3.0)
    assert abs(float(disc.sum()) - 1) < 1e-5 and disc.shape == (9, 9)
