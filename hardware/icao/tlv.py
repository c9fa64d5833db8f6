"""BER-TLV encoding and decoding of the ISO 7816-4 data objects (DO'87, DO'7C, DO'7F49 …).

Written by hand rather than over :mod:`asn1crypto.parser`: that parser rejects the
two-byte tags of small numbers (5F01 in EF.COM, 5F0E in DG11 ...) as non-minimal DER,
while ISO 7816 and ICAO 9303 use exactly those. ASN.1 structures (CMS, SecurityInfos,
keys) are still parsed with asn1crypto.
"""

from __future__ import annotations

from collections.abc import Iterator

from hardware.icao.errors import MalformedResponseError


def _tag_bytes(tag: int) -> bytes:
    return tag.to_bytes(max(1, (tag.bit_length() + 7) // 8), "big")


def encode_tlv(tag: int, value: bytes) -> bytes:
    """One data object: ``tag`` as its big-endian bytes (0x87, 0x7F49), then length and value.

    The tag bytes are written as given: ISO 7816 / ICAO tags such as 5F01 or 5F0E keep
    their two bytes although strict DER would encode so small a number in one.
    """
    length = len(value)
    if length < 0x80:
        header = bytes([length])
    else:
        size = (length.bit_length() + 7) // 8
        header = bytes([0x80 | size]) + length.to_bytes(size, "big")
    return _tag_bytes(tag) + header + value


def iter_tlv(data: bytes) -> Iterator[tuple[int, bytes, bytes]]:
    """Walk consecutive data objects: (tag as its big-endian bytes, value, whole encoding).

    Any tag form (multi-byte, also the "non-minimal" 5F01 ... of ISO 7816) and definite
    lengths of up to four bytes. Raises :class:`MalformedResponseError` on truncated or
    indefinite-length objects (never used in ISO 7816-4 data objects).
    """
    offset = 0
    while offset < len(data):
        start = offset
        if data[offset] & 0x1F == 0x1F:
            offset += 1
            while offset < len(data) and data[offset] & 0x80:
                offset += 1
        offset += 1
        if offset >= len(data):
            raise MalformedResponseError("malformed BER-TLV data object")
        tag = int.from_bytes(data[start:offset], "big")
        first = data[offset]
        offset += 1
        if first == 0x80:
            raise MalformedResponseError("indefinite-length data object")
        if first > 0x80:
            count = first & 0x7F
            if count > 4 or offset + count > len(data):
                raise MalformedResponseError("malformed BER-TLV length")
            length = int.from_bytes(data[offset : offset + count], "big")
            offset += count
        else:
            length = first
        if offset + length > len(data):
            raise MalformedResponseError("truncated BER-TLV data object")
        value = bytes(data[offset : offset + length])
        offset += length
        yield tag, value, bytes(data[start:offset])


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
