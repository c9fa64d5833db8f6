"""From images to an identity: decode, then parse, and never guess."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hardware.camera.interface import Frame
from hardware.qr.interface import QrReader
from reception.intake.qr_payload import QrParseResult, QrPayloadError, parse_qr_payload


@dataclass(frozen=True, slots=True)
class FrameScan:
    """What one image gave: an ID card payload, and any other codes seen in it.

    ``found_by`` names the decoding step that found the payload (for figures and logs);
    ``other_reasons`` says, per other code, why it is not an ID card QR.
    """

    result: QrParseResult | None
    other_codes: tuple[str, ...] = ()
    found_by: str | None = None
    other_reasons: tuple[str, ...] = ()


def scan_frame(reader: QrReader, frame: Frame) -> FrameScan:
    """Run ``reader``'s steps until one yields an ID card payload.

    The parser decides what an ID payload is: a URL or a payment code found by a cheap
    step does not stop the search, since the card's code may need a harder step.
    """
    others: list[str] = []
    reasons: list[str] = []
    for attempt in reader.attempts(frame):
        for text in attempt.texts:
            try:
                result = parse_qr_payload(text)
            except QrPayloadError as exc:
                if text not in others:
                    others.append(text)
                    reasons.append(exc.reason)
                continue
            return FrameScan(result, tuple(others), attempt.step, tuple(reasons))
    return FrameScan(None, tuple(others), None, tuple(reasons))


def scan_pages(reader: QrReader, pages: Sequence[Frame]) -> FrameScan:
    """The first ID card payload on any page (a photo has one, a PDF several)."""
    others: list[str] = []
    reasons: list[str] = []
    for page in pages:
        scan = scan_frame(reader, page)
        for text, reason in zip(scan.other_codes, scan.other_reasons, strict=True):
            if text not in others:
                others.append(text)
                reasons.append(reason)
        if scan.result is not None:
            return FrameScan(scan.result, tuple(others), scan.found_by, tuple(reasons))
    return FrameScan(None, tuple(others), None, tuple(reasons))
