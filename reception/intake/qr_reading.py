"""From images to an identity: decode, then parse, and never guess."""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from hardware.camera.interface import Frame
from hardware.imaging.frame_stack import combine_burst, sharpness
from hardware.imaging.preprocess import to_grey
from hardware.qr.interface import QrReader
from reception.intake.qr_payload import QrParseResult, QrPayloadError, parse_qr_payload


@dataclass(frozen=True, slots=True)
class FrameScan:
    """What one image gave: an ID card payload, and any other codes seen in it.

    ``found_by`` names the decoding step that found the payload (for figures and logs);
    ``other_reasons`` says, per other code, why it is not an ID card QR;
    ``undecodable_codes`` holds the bytes of codes that were read but are not UTF-8 text
    (no ID card QR: the card's is UTF-8), so that no read code goes unreported.
    """

    result: QrParseResult | None
    other_codes: tuple[str, ...] = ()
    found_by: str | None = None
    other_reasons: tuple[str, ...] = ()
    undecodable_codes: tuple[bytes, ...] = ()

    @property
    def saw_a_code(self) -> bool:
        """Whether any QR code at all was read (an ID card's or not)."""
        return self.result is not None or bool(self.other_codes or self.undecodable_codes)


#: Why a code that is not UTF-8 text is not an ID card QR (a stable phrase, in English).
NOT_UTF8_REASON = "not UTF-8 text (an ID card QR is), so not an ID card QR"


def scan_frame(reader: QrReader, frame: Frame) -> FrameScan:
    """Run ``reader``'s steps until one yields an ID card payload.

    The parser decides what an ID payload is: a URL or a payment code found by a cheap
    step does not stop the search, since the card's code may need a harder step.
    """
    others: list[str] = []
    reasons: list[str] = []
    undecodable: list[bytes] = []
    for attempt in reader.attempts(frame):
        undecodable.extend(d for d in attempt.undecodable if d not in undecodable)
        for text in attempt.texts:
            try:
                result = parse_qr_payload(text)
            except QrPayloadError as exc:
                if text not in others:
                    others.append(text)
                    reasons.append(exc.reason)
                continue
            return FrameScan(
                result, tuple(others), attempt.step, tuple(reasons), tuple(undecodable)
            )
    return FrameScan(None, tuple(others), None, tuple(reasons), tuple(undecodable))


def scan_pages(reader: QrReader, pages: Sequence[Frame]) -> FrameScan:
    """The first ID card payload on any page (a photo has one, a PDF several)."""
    others: list[str] = []
    reasons: list[str] = []
    undecodable: list[bytes] = []
    for page in pages:
        scan = scan_frame(reader, page)
        for text, reason in zip(scan.other_codes, scan.other_reasons, strict=True):
            if text not in others:
                others.append(text)
                reasons.append(reason)
        undecodable.extend(d for d in scan.undecodable_codes if d not in undecodable)
        if scan.result is not None:
            return FrameScan(
                scan.result, tuple(others), scan.found_by, tuple(reasons), tuple(undecodable)
            )
    return FrameScan(None, tuple(others), None, tuple(reasons), tuple(undecodable))


class VideoQrScanner:
    """Decodes a camera's frames as a video of one card, not as unrelated photos.

    - Only frames about as sharp as the sharpest of the last few are decoded (variance of
      the Laplacian): while the hand is still moving, a blurrier frame than the one just
      tried is skipped, and the time goes to the next frame instead. At most
      ``max_skipped`` frames in a row are skipped, so a scene that changed is looked at.
    - When single frames fail, the ``burst`` sharpest recent frames are aligned on the
      code and combined (:func:`hardware.imaging.frame_stack.combine_burst`) and the
      combination decoded, every ``burst`` frames.

    Not thread-safe: one scanner per camera loop. ``found_by`` of a combined read is
    ``burst/<step>``.
    """

    def __init__(
        self,
        reader: QrReader,
        *,
        history: int = 8,
        burst: int = 4,
        select_ratio: float = 0.5,
        max_skipped: int = 2,
    ) -> None:
        self._reader = reader
        self._recent: deque[tuple[float, Frame]] = deque(maxlen=history)
        self._burst = burst
        self._select_ratio = select_ratio
        self._max_skipped = max_skipped
        self._skipped = 0
        self._since_burst = 0
        self.frames_decoded = 0
        self.bursts_decoded = 0

    def reset(self) -> None:
        """Forget the recent frames (a new citizen, or the camera reopened)."""
        self._recent.clear()
        self._skipped = self._since_burst = 0

    def offer(self, frame: Frame) -> FrameScan:
        """Look at the next frame; the scan of whatever was decoded for it (possibly
        nothing when the frame was skipped)."""
        grey = to_grey(frame)
        score = sharpness(grey)
        recent_best = max((s for s, _ in self._recent), default=0.0)
        self._recent.append((score, grey))
        scan = FrameScan(None)
        if score >= self._select_ratio * recent_best or self._skipped >= self._max_skipped:
            self._skipped = 0
            self.frames_decoded += 1
            scan = scan_frame(self._reader, grey)
            if scan.result is not None:
                return scan
        else:
            self._skipped += 1
        self._since_burst += 1
        if len(self._recent) >= self._burst and self._since_burst >= self._burst:
            self._since_burst = 0
            sharpest = sorted(self._recent, key=lambda item: -item[0])[: self._burst]
            combined = combine_burst([g for _, g in sharpest])
            if combined is not None:
                self.bursts_decoded += 1
                burst = scan_frame(self._reader, combined)
                if burst.result is not None:
                    return FrameScan(
                        burst.result,
                        scan.other_codes,
                        f"burst/{burst.found_by}",
                        scan.other_reasons,
                        scan.undecodable_codes,
                    )
        return scan
