"""BER-TLV encoding and decoding of the ISO 7816-4 data objects (DO'87, DO'7C, DO'7F49 …).

A thin typed layer over :mod:`asn1crypto.parser`, which does the actual BER work.
"""

from __future__ import annotations

from collections.abc import Iterator

from asn1crypto import parser  # type: ignore[import-untyped, unused-ignore]

from hardware.icao.errors import MalformedResponseError


def _split_tag(tag: int) -> tuple[int, int, int]:
    """(class, method, number) of a BER tag given as its big-endian bytes, e.g. 0x7F49."""
    raw = tag.to_bytes(max(1, (tag.bit_length() + 7) // 8), "big")
    first = raw[0]
    class_, method = first >> 6, (first >> 5) & 1
    if len(raw) == 1:
        return class_, method, first & 0x1F
    number = 0
    for byte in raw[1:]:
        number = (number << 7) | (byte & 0x7F)
    return class_, method, number


def encode_tlv(tag: int, value: bytes) -> bytes:
    """One data object: ``tag`` as its big-endian bytes (0x87, 0x7F49), then length and value."""
    class_, method, number = _split_tag(tag)
    return bytes(parser.emit(class_, method, number, value))


def iter_tlv(data: bytes) -> Iterator[tuple[int, bytes, bytes]]:
    """Walk consecutive data objects: (tag as its big-endian bytes, value, whole encoding).

    Raises :class:`MalformedResponseError` on truncated or indefinite-length objects.
    """
    offset = 0
    while offset < len(data):
        try:
            _class, _method, _number, header, value, trailer = parser.parse(data[offset:])
        except ValueError as exc:
            raise MalformedResponseError("malformed BER-TLV data object") from exc
        if trailer:
            # Indefinite length never occurs in ISO 7816-4 secure messaging.
            raise MalformedResponseError("indefinite-length data object")
        header_bytes = bytes(header)
        tag_length = 1
        if header_bytes[0] & 0x1F == 0x1F:
            while header_bytes[tag_length] & 0x80:
                tag_length += 1
            tag_length += 1
        tag = int.from_bytes(header_bytes[:tag_length], "big")
        whole = header_bytes + bytes(value)
        yield tag, bytes(value), whole
        offset += len(whole)


def find_tlv(data: bytes, tag: int) -> bytes | None:
    """The value of the first data object with ``tag`` among the top-level objects, if any."""
    for found, value, _whole in iter_tlv(data):
        if found == tag:
            return value
    return None


def require_tlv(data: bytes, tag: int) -> bytes:
    """Like :func:`find_tlv`, but a missing object raises :class:`MalformedResponseError`."""
    value = find_tlv(data, tag)
    if value is None:
        raise MalformedResponseError(f"data object {tag:02X} missing")
    return value
