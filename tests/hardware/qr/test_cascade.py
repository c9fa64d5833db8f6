"""The decoding cascade over the generated camera-like frames, and its order syntax."""

from __future__ import annotations

import numpy as np
import pytest

from hardware.camera.interface import Frame
from hardware.camera.simulated import render_qr_scene
from hardware.qr.cascade import (
    CHEAP_ORDER,
    DEFAULT_ORDER,
    CascadeOrderError,
    QrCascade,
    Scope,
    available_decoders,
    build_cascade,
)
from hardware.qr.interface import QrDecoder
from hardware.qr.zbar import ZbarQrDecoder
from hardware.qr.zxing import ZxingQrDecoder
from reception.intake.qr_reading import scan_frame
from tests.generators.qr_frame_set import generate_frame_set
from tests.generators.qr_scenes import (
    BASIC_CONDITIONS,
    HARD_CONDITIONS,
    WITHOUT_ID_CODE,
    Condition,
    SceneFrame,
)
from tests.generators.synthetic_people import synthetic_qr_payloads

# zbar's charset guess reads this as Shift-JIS ("H蘯｡ Long") unless it runs in binary mode.
SHIFT_JIS_TRAP = "Hạ Long"


class CountingDecoder(QrDecoder):
    """Wraps a real decoder and counts its calls."""

    def __init__(self, inner: QrDecoder, name: str) -> None:
        self.inner, self.name, self.calls = inner, name, 0

    def decode(self, image: Frame) -> list[str]:
        self.calls += 1
        return self.inner.decode(image)


@pytest.fixture(scope="module")
def frames() -> list[SceneFrame]:
    return generate_frame_set(
        synthetic_qr_payloads(12, seed=9), per_condition=3, seed=11, conditions=BASIC_CONDITIONS
    )


@pytest.fixture(scope="module")
def hard_frames() -> list[SceneFrame]:
    return generate_frame_set(
        synthetic_qr_payloads(12, seed=9), per_condition=5, seed=12, conditions=HARD_CONDITIONS
    )


@pytest.mark.parametrize("condition", BASIC_CONDITIONS, ids=str)
def test_the_default_cascade_reads_every_condition_and_never_a_wrong_payload(
    frames: list[SceneFrame], condition: Condition
) -> None:
    cascade = build_cascade()
    for frame in (f for f in frames if f.condition is condition):
        scan = scan_frame(cascade, frame.image)
        found = scan.result.raw if scan.result is not None else None
        assert found == frame.expected
        if frame.expected is None:
            # Codes that are not ID cards are reported, never turned into a person.
            assert set(frame.others) <= set(scan.other_codes)


@pytest.mark.parametrize("condition", HARD_CONDITIONS, ids=str)
def test_the_default_cascade_reads_hard_frames_the_cheap_steps_miss_and_never_a_false_one(
    hard_frames: list[SceneFrame], condition: Condition
) -> None:
    cascade, cheap = build_cascade(), build_cascade(CHEAP_ORDER)
    read = cheap_read = 0
    for frame in (f for f in hard_frames if f.condition is condition):
        scan = scan_frame(cascade, frame.image)
        found = scan.result.raw if scan.result is not None else None
        assert found in (frame.expected, None), "a wrong or false payload"
        read += found == frame.expected
        cheap_scan = scan_frame(cheap, frame.image)
        cheap_read += (cheap_scan.result.raw if cheap_scan.result else None) == frame.expected
    # Deconvolution comes last: it can only add reads. At most one miss in five here;
    # the benchmark gives the rates over more frames.
    assert read >= cheap_read
    assert read >= (5 if condition in WITHOUT_ID_CODE else 4)


def test_deconvolution_rescues_heavy_motion_blur(hard_frames: list[SceneFrame]) -> None:
    cascade = build_cascade()
    steps = [
        scan_frame(cascade, f.image).found_by
        for f in hard_frames
        if f.condition is Condition.MOTION_HEAVY
    ]
    deconvolved = ("zxing-cpp/quick/regions+motion", "zxing-cpp/quick/regions+deconvolve")
    assert sum(step in deconvolved for step in steps) >= 2


def test_zbar_in_binary_mode_does_not_fall_into_the_shift_jis_trap() -> None:
    decoder = ZbarQrDecoder()
    assert decoder.binary_mode
    assert decoder.decode(render_qr_scene(SHIFT_JIS_TRAP)) == [SHIFT_JIS_TRAP]


def test_zxing_reads_the_raw_bytes_as_utf8() -> None:
    assert ZxingQrDecoder().decode(render_qr_scene(SHIFT_JIS_TRAP)) == [SHIFT_JIS_TRAP]


def test_later_steps_run_only_when_the_earlier_ones_found_nothing_useful() -> None:
    payload = synthetic_qr_payloads(1)[0]
    first = CountingDecoder(ZxingQrDecoder(), "first")
    second = CountingDecoder(ZxingQrDecoder(), "second")
    cascade = QrCascade.from_order(
        "first, second/regions+sharpen", {"first": first, "second": second}
    )
    scan = scan_frame(cascade, render_qr_scene(payload))
    assert scan.result is not None and scan.found_by == "first"
    assert (first.calls, second.calls) == (1, 0)


def test_orders_are_read_from_text_and_name_their_steps() -> None:
    cascade = build_cascade(DEFAULT_ORDER)
    assert cascade.order == DEFAULT_ORDER.replace("zxing", "zxing-cpp").replace(
        "zxing-cpp-global", "zxing-cpp/global"
    ).replace("zxing-cpp-quick", "zxing-cpp/quick")
    assert cascade.steps[0].scope is Scope.FRAME
    assert any(step.scope is Scope.REGIONS for step in cascade.steps)


@pytest.mark.parametrize(
    "order", ["zxing, nope", "zxing/everywhere", "zxing+magic", " , "], ids=repr
)
def test_a_bad_order_is_refused_with_a_typed_error(order: str) -> None:
    with pytest.raises(CascadeOrderError):
        build_cascade(order)


def test_steps_of_a_missing_decoder_are_left_out() -> None:
    decoders = {**available_decoders(), "zbar": None}
    cascade = QrCascade.from_order("zxing, zbar, zbar/regions", decoders)
    assert [step.name for step in cascade.steps] == ["zxing-cpp"]


def code_of_bytes(data: bytes, scale: int = 4) -> Frame:
    """A clean image of a QR code holding exactly ``data`` (any bytes, no ECI)."""
    import zxingcpp  # tests may use zxing-cpp's writer; the app only reads

    image = np.array(
        zxingcpp.create_barcode(data, zxingcpp.BarcodeFormat.QRCode).to_image(scale=scale)
    )
    return np.pad(image, 40, constant_values=255)


# "Đà Nẵng" in Windows-1258, the legacy Vietnamese code page (ă, then a combining tilde):
# not UTF-8.
CP1258_BYTES = b"\xd0\xe0 N\xe3\xdeng"


@pytest.mark.parametrize("decoder", [ZxingQrDecoder(), ZbarQrDecoder()], ids=lambda d: d.name)
def test_a_code_that_is_not_utf8_is_read_with_its_bytes_never_guessed(decoder: QrDecoder) -> None:
    image = code_of_bytes(CP1258_BYTES)
    assert decoder.decode(image) == []  # no text is made up
    if isinstance(decoder, ZbarQrDecoder) and not decoder.binary_mode:
        pytest.skip("this zbar has no binary mode: non-ASCII bytes are not the code's")
    [symbol] = decoder.read(image)
    assert symbol.data == CP1258_BYTES and symbol.text is None


def test_the_cascade_reports_undecodable_codes_apart_from_texts() -> None:
    attempts = list(build_cascade().attempts(code_of_bytes(CP1258_BYTES)))
    assert attempts[0].texts == ()
    assert attempts[0].undecodable == (CP1258_BYTES,)


def test_a_light_on_dark_code_is_still_read_after_the_quick_passes() -> None:
    # The first pass skips zxing-cpp's inverted pass (half the cost on every frame); the
    # cascade still makes it before giving up, so it never reads less than zxing-cpp.
    payload = synthetic_qr_payloads(1)[0]
    negative = 255 - render_qr_scene(payload)
    scan = scan_frame(build_cascade(), negative)
    assert scan.result is not None and scan.result.raw == payload
    assert scan.found_by == "zxing-cpp"


def test_a_sharp_pattern_that_does_not_read_gets_no_sharpening_filter() -> None:
    # QR-like modules and finder squares, sharp, on a plain frame: the plain region read
    # fails, and a region already two-toned is not worth sharpening or thresholding.
    rng = np.random.default_rng(5)
    modules = np.where(rng.random((33, 33)) < 0.5, 0, 255).astype(np.uint8)
    for top, left in ((0, 0), (0, 26), (26, 0)):
        modules[top : top + 7, left : left + 7] = 0
        modules[top + 1 : top + 6, left + 1 : left + 6] = 255
        modules[top + 2 : top + 5, left + 2 : left + 5] = 0
    frame = np.full((720, 1280), 200, np.uint8)
    frame[300:399, 600:699] = np.kron(modules, np.ones((3, 3), np.uint8))
    plain = CountingDecoder(ZxingQrDecoder(quick=True), "plain")
    sharpen = CountingDecoder(ZxingQrDecoder(quick=True), "sharpen")
    cascade = QrCascade.from_order(
        "plain/regions, sharpen/regions+sharpen, sharpen/regions+binarise",
        {"plain": plain, "sharpen": sharpen},
    )
    assert list(cascade.attempts(frame)) == []
    assert plain.calls >= 1 and sharpen.calls == 0
