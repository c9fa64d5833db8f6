"""From decoded texts to an ID payload: the parser decides, harder steps only if needed."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from hardware.camera.interface import Frame
from hardware.qr.interface import DecodeAttempt
from reception.intake.qr_reading import scan_frame, scan_pages
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
