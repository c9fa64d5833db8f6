"""DG2: the face image, inside a biometric information template and an ISO/IEC 19794-5 record.

``75 { 7F61 { 02 count, 7F60 { A1 header, 5F2E or 7F2E biometric data block } } }``; the
block is a facial record (``FAC\\0``) whose image data is JPEG or JPEG 2000. The record
header is parsed properly; a record that does not follow it is searched for an image
signature as a last resort, because the image is what the clerk needs.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from hardware.icao.errors import DataGroupError, MalformedResponseError
from hardware.icao.tlv import iter_tlv

TAG_DG2 = 0x75
_TAG_GROUP_TEMPLATE = 0x7F61
_TAG_TEMPLATE = 0x7F60
_TAG_BLOCKS = (0x5F2E, 0x7F2E)
_FACIAL_RECORD = b"FAC\x00"
_RECORD_HEADER = 14  # format id 4, version 4, record length 4, number of faces 2
_INFORMATION_BLOCK = 20
_FEATURE_POINT = 8
_IMAGE_INFORMATION = 12
_JPEG_SOI = b"\xff\xd8\xff"
_JP2_SIGNATURE = bytes.fromhex("0000000C6A5020200D0A870A")
_J2K_CODESTREAM = bytes.fromhex("FF4FFF51")


class ImageFormat(enum.StrEnum):
    """The encodings of a face image on an eMRTD."""

    JPEG = "jpeg"
    JPEG2000 = "jpeg2000"


@dataclass(frozen=True, slots=True)
class FaceImage:
    """The encoded face image and what the record says about it."""

    format: ImageFormat
    data: bytes = field(repr=False)
    width: int | None = None
    height: int | None = None


def parse_dg2(data: bytes) -> FaceImage:
    """The first face image of DG2; :class:`DataGroupError` when there is none."""
    try:
        block = _first_block(data)
    except MalformedResponseError as exc:
        raise DataGroupError("DG2 is not valid BER") from exc
    if block is None:
        raise DataGroupError("DG2 holds no biometric data block")
    image = _from_record(block)
    return image if image is not None else _by_signature(block)


def _first_block(data: bytes) -> bytes | None:
    for tag, value, _ in iter_tlv(data):
        if tag in _TAG_BLOCKS:
            return value
        if tag in (TAG_DG2, _TAG_GROUP_TEMPLATE, _TAG_TEMPLATE):
            found = _first_block(value)
            if found is not None:
                return found
    return None


def _from_record(block: bytes) -> FaceImage | None:
    if not block.startswith(_FACIAL_RECORD) or len(block) < _RECORD_HEADER + _INFORMATION_BLOCK:
        return None
    start = _RECORD_HEADER
    block_length = int.from_bytes(block[start : start + 4], "big")
    points = int.from_bytes(block[start + 4 : start + 6], "big")
    info = start + _INFORMATION_BLOCK + points * _FEATURE_POINT
    image_start = info + _IMAGE_INFORMATION
    image_end = start + block_length
    if image_end > len(block) or image_start >= image_end:
        return None
    width = int.from_bytes(block[info + 2 : info + 4], "big")
    height = int.from_bytes(block[info + 4 : info + 6], "big")
    image = block[image_start:image_end]
    # The data-type byte (0 JPEG, 1 JPEG 2000) is not trusted over the bytes themselves.
    detected = _detect(image)
    if detected is None:
        return None
    return FaceImage(detected, image, width or None, height or None)


def _detect(image: bytes) -> ImageFormat | None:
    if image.startswith(_JPEG_SOI):
        return ImageFormat.JPEG
    if image.startswith(_JP2_SIGNATURE) or image.startswith(_J2K_CODESTREAM):
        return ImageFormat.JPEG2000
    return None


def _by_signature(block: bytes) -> FaceImage:
    candidates = [
        (block.find(signature), image_format)
        for signature, image_format in (
            (_JPEG_SOI, ImageFormat.JPEG),
            (_JP2_SIGNATURE, ImageFormat.JPEG2000),
            (_J2K_CODESTREAM, ImageFormat.JPEG2000),
        )
    ]
    found = sorted((pos, fmt) for pos, fmt in candidates if pos >= 0)
    if not found:
        raise DataGroupError("DG2 holds no JPEG or JPEG 2000 image")
    position, image_format = found[0]
    return FaceImage(image_format, block[position:])


def build_dg2(image: bytes, image_format: ImageFormat, width: int, height: int) -> bytes:
    """DG2 holding one face image (for the simulated chip)."""
    from hardware.icao.tlv import encode_tlv

    info = bytes(_INFORMATION_BLOCK - 4)  # no feature points, properties unspecified
    image_info = bytes([1, 0 if image_format is ImageFormat.JPEG else 1])
    image_info += width.to_bytes(2, "big") + height.to_bytes(2, "big") + bytes(6)
    facial_block = info + image_info + image
    facial_block = (4 + len(facial_block)).to_bytes(4, "big") + facial_block
    record = _FACIAL_RECORD + b"010\x00"
    record += (_RECORD_HEADER + len(facial_block)).to_bytes(4, "big") + b"\x00\x01"
    record += facial_block
    header = encode_tlv(0x80, b"\x01\x01") + encode_tlv(0x87, b"\x01\x01")
    template = encode_tlv(0xA1, header) + encode_tlv(0x5F2E, record)
    group = encode_tlv(0x02, b"\x01") + encode_tlv(_TAG_TEMPLATE, template)
    return encode_tlv(TAG_DG2, encode_tlv(_TAG_GROUP_TEMPLATE, group))
