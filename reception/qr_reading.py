"""From camera frames to an identity: decode, then parse, and never guess."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hardware.camera.interface import Frame
from hardware.qr.interface import QrDecoder
from reception.qr_payload import QrParseResult, QrPayloadError, parse_qr_payload


@dataclass(frozen=True, slots=True)
class FrameScan:
    """What one frame gave: an ID card payload, and any other codes seen in it."""

    result: QrParseResult | None
    other_codes: tuple[str, ...] = ()


def scan_frame(decoders: Sequence[QrDecoder], frame: Frame) -> FrameScan:
    """Try each decoder in turn until one yields an ID card payload."""
    others: list[str] = []
    for decoder in decoders:
        for text in decoder.decode(frame):
            try:
                return FrameScan(result=parse_qr_payload(text), other_codes=tuple(others))
            except QrPayloadError:
                if text not in others:
                    others.append(text)
    return FrameScan(result=None, other_codes=tuple(others))
