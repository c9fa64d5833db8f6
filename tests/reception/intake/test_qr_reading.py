"""From decoded texts to an ID payload: the parser decides, harder steps only if needed."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from hardware.camera.interface import Frame
from hardware.qr.cascade import QrCascade, build_cascade
from hardware.qr.interface import DecodeAttempt
from reception.intake.qr_reading import VideoQrScanner, scan_frame, scan_pages
from tests.generators.qr_video import CardVideo, card_video, shaky_burst
from tests.generators.synthetic_people import synthetic_qr_payloads

PAYLOAD = synthetic_qr_payloads(1, seed=2)[0]
URL = "https://dichvucong.gov.vn/"
FRAME: Frame = np.zeros((4, 4), np.uint8)


class ScriptedReader:
    """A reader whose steps yield fixed texts, recording how far it was driven."""

    def __init__(self, *steps: tuple[str, ...]) -> None:
        self.steps = steps
        self.ran = 0

    def attempts(self, image: Frame) -> Iterator[DecodeAttempt]:
        for index, texts in enumerate(self.steps):
            self.ran = index + 1
            if texts:
                yield DecodeAttempt(f"step{index + 1}", texts)


def test_a_url_found_first_does_not_stop_the_search_for_the_card() -> None:
    reader = ScriptedReader((URL,), (), (URL, PAYLOAD), ("never reached",))
    scan = scan_frame(reader, FRAME)
    assert scan.result is not None and scan.result.raw == PAYLOAD
    assert scan.found_by == "step3"
    assert scan.other_codes == (URL,)
    assert scan.other_reasons == ("a web address, not an ID card QR",)
    assert reader.ran == 3


def test_nothing_but_other_codes_gives_no_result_and_every_code_once() -> None:
    scan = scan_frame(ScriptedReader((URL,), (URL, "000201010211")), FRAME)
    assert scan.result is None and scan.found_by is None
    assert scan.other_codes == (URL, "000201010211")


def test_pages_are_searched_in_order_until_one_holds_the_card() -> None:
    class PerPage:
        def __init__(self) -> None:
            self.pages = iter([(URL,), (PAYLOAD,)])

        def attempts(self, image: Frame) -> Iterator[DecodeAttempt]:
            yield DecodeAttempt("plain", next(self.pages))

    scan = scan_pages(PerPage(), [FRAME, FRAME])
    assert scan.result is not None and scan.result.raw == PAYLOAD
    assert scan.other_codes == (URL,)


class CountingReader:
    """Wraps a real reader, counting the images it was given."""

    def __init__(self, inner: QrCascade) -> None:
        self.inner, self.images = inner, 0

    def attempts(self, image: Frame) -> Iterator[DecodeAttempt]:
        self.images += 1
        return self.inner.attempts(image)


@pytest.fixture(scope="module")
def video() -> CardVideo:
    return card_video(PAYLOAD, seed=301, seconds=2.0)


def test_the_generated_video_keeps_its_truth(video: CardVideo) -> None:
    assert video.fps == 30 and len(video.frames) == 60
    assert not video.frames[0].card_shown and video.frames[-1].card_shown
    assert video.frames[0].time_s < video.shown_at_s < video.frames[-1].time_s
    moving = [f.motion_px for f in video.frames if f.card_shown][:3]
    assert max(moving) > 8  # the card comes in fast


def test_the_video_scanner_reads_the_card_and_skips_blurrier_frames(video: CardVideo) -> None:
    reader = CountingReader(build_cascade())
    scanner = VideoQrScanner(reader, max_skipped=2)
    scans = [scanner.offer(frame.image) for frame in video.frames]
    found = [(i, s) for i, s in enumerate(scans) if s.result is not None]
    assert found, "the card is read within the video"
    first, scan = found[0]
    assert scan.result is not None and scan.result.raw == PAYLOAD
    assert video.frames[first].card_shown
    # Not every frame was decoded, and never more than two in a row were left out.
    assert scanner.frames_decoded < len(video.frames)
    assert reader.images == scanner.frames_decoded + scanner.bursts_decoded


def test_the_video_scanner_combines_a_burst_when_single_frames_fail() -> None:
    # Frames of a code no single step of the cheap cascade reads.
    cheap = "zxing, zxing/regions, zxing/regions+sharpen, zxing/regions+binarise"
    payloads = synthetic_qr_payloads(5, seed=1)
    reads = []
    for seed, payload in enumerate(payloads):
        scanner = VideoQrScanner(build_cascade(cheap), burst=4, select_ratio=0.0)
        scans = [scanner.offer(frame) for frame in shaky_burst(payload, seed)]
        assert all(s.result is None for s in scans[:3])
        reads.append(scans[3].found_by)
        assert scans[3].result is None or scans[3].result.raw == payload
    assert sum(step is not None and step.startswith("burst/") for step in reads) >= 2


def test_a_code_that_is_not_utf8_is_reported_as_seen_with_its_bytes() -> None:
    class BytesReader:
        def attempts(self, image: Frame) -> Iterator[DecodeAttempt]:
            yield DecodeAttempt("step1", (), (b"\xd0\xe0 N\xfeng",))

    scan = scan_frame(BytesReader(), FRAME)
    assert scan.result is None and scan.other_codes == ()
    assert scan.undecodable_codes == (b"\xd0\xe0 N\xfeng",)
    assert scan.saw_a_code
    assert not scan_frame(ScriptedReader((), ()), FRAME).saw_a_code
