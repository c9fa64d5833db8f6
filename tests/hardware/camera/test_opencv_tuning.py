"""Focus and exposure for cards: asked for, never required."""

from __future__ import annotations

import cv2

from hardware.camera.opencv import CARD_FOCUS_ABSOLUTE, CaptureProperties, tune_for_cards


class PickyCapture(CaptureProperties):
    """A camera that takes only some properties, like real webcams."""

    def __init__(self, accepted: set[int], raises: bool = False) -> None:
        self.accepted, self.raises = accepted, raises
        self.asked: list[tuple[int, float]] = []

    def set(self, prop: int, value: float) -> bool:
        self.asked.append((prop, value))
        if self.raises:
            raise cv2.error("backend refuses")
        return prop in self.accepted


def test_auto_focus_is_asked_first_and_a_fixed_focus_only_without_it() -> None:
    capture = PickyCapture({cv2.CAP_PROP_AUTOFOCUS, cv2.CAP_PROP_AUTO_EXPOSURE})
    assert dict(tune_for_cards(capture)) == {"autofocus": True, "auto_exposure": True}
    assert (cv2.CAP_PROP_FOCUS, CARD_FOCUS_ABSOLUTE) not in capture.asked

    fixed = PickyCapture({cv2.CAP_PROP_FOCUS})
    assert dict(tune_for_cards(fixed)) == {
        "autofocus": False,
        "focus": True,
        "auto_exposure": False,
    }


def test_a_camera_that_takes_nothing_or_raises_is_still_usable() -> None:
    assert not any(tune_for_cards(cv2.VideoCapture()).values())
    assert not any(tune_for_cards(PickyCapture(set(), raises=True)).values())
