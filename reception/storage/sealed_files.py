"""The sealed-file format: one file encrypted and authenticated on its own, readable in parts.

A document of the documents folder is kept as::

    MAGIC (8 bytes) | salt (16 random bytes) | segment 0 | segment 1 | ... | last segment

Each segment is up to :data:`SEGMENT_BYTES` of the document encrypted with AES-256-GCM
(16-byte tag appended) under a key of the file's own, derived with HKDF-SHA256 from the
documents key and the salt; segment ``i``'s nonce is ``i`` (11 bytes, big-endian) and one
byte that is 1 only on the last segment, and the header is the associated data of every
segment. So a changed byte, a segment moved, dropped or taken from another file, and a
file cut short at a segment boundary all fail authentication; and a range of the
document (a resumable upload's chunk) is decrypted without reading the rest. A new salt
per file means a nonce is never used twice under one key.

This module is the only one that imports ``cryptography`` in ``reception.storage``.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from reception.errors import DocumentDamagedError

MAGIC = b"RCPSEAL1"
SALT_BYTES = 16
HEADER_BYTES = len(MAGIC) + SALT_BYTES
SEGMENT_BYTES = 64 * 1024
TAG_BYTES = 16
_STORED_SEGMENT = SEGMENT_BYTES + TAG_BYTES
_INFO = b"reception sealed file v1"


def is_sealed(prefix: bytes) -> bool:
    """Whether a file starting with ``prefix`` (its first bytes) is in this format."""
    return prefix.startswith(MAGIC)


def plain_size(sealed_size: int) -> int:
    """The document's size in a sealed file of ``sealed_size`` bytes."""
    body = sealed_size - HEADER_BYTES
    if body < TAG_BYTES:
        raise DocumentDamagedError("the sealed file is cut short")
    segments = _segment_count(body)
    size = body - segments * TAG_BYTES
    if size < 0 or (segments > 1 and body - (segments - 1) * _STORED_SEGMENT <= TAG_BYTES):
        raise DocumentDamagedError("the sealed file has an impossible length")
    return size


def _segment_count(body: int) -> int:
    # Every segment but the last is full; the last holds at least its tag (an empty
    # document is one empty segment).
    return max(1, -(-body // _STORED_SEGMENT))


def seal_to(sink: BinaryIO, source: BinaryIO, key: bytes) -> int:
    """Write ``source`` (read to its end, a segment at a time) sealed with ``key`` to
    ``sink``; returns the document's size."""
    salt = os.urandom(SALT_BYTES)
    header = MAGIC + salt
    cipher = AESGCM(_file_key(key, salt))
    sink.write(header)
    size = index = 0
    block = source.read(SEGMENT_BYTES)
    while True:
        following = source.read(SEGMENT_BYTES) if len(block) == SEGMENT_BYTES else b""
        last = not following
        sink.write(cipher.encrypt(_nonce(index, last), block, header))
        size += len(block)
        if last:
            return size
        block, index = following, index + 1


def open_sealed(handle: BinaryIO, size: int, key: bytes) -> SealedReader:
    """A reader of the sealed file open as ``handle`` (``size`` bytes on disk)."""
    header = handle.read(HEADER_BYTES)
    if len(header) != HEADER_BYTES or not is_sealed(header):
        raise DocumentDamagedError("not a sealed file")
    return SealedReader(handle, header, plain_size(size), key)


class SealedReader:
    """Decrypts the segments of one open sealed file; every byte given out is authentic."""

    def __init__(self, handle: BinaryIO, header: bytes, size: int, key: bytes) -> None:
        self._handle = handle
        self._header = header
        self._cipher = AESGCM(_file_key(key, header[len(MAGIC) :]))
        self._segments = max(1, -(-size // SEGMENT_BYTES))
        self.size = size

    def read_range(self, start: int, stop: int) -> Iterator[bytes]:
        """The document's bytes ``[start, stop)``, one segment in memory at a time."""
        stop = min(stop, self.size)
        if start >= stop:
            return
        for index in range(start // SEGMENT_BYTES, (stop - 1) // SEGMENT_BYTES + 1):
            plain = self._segment(index)
            base = index * SEGMENT_BYTES
            yield plain[max(start - base, 0) : min(stop - base, len(plain))]

    def read_all(self) -> bytes:
        return b"".join(self.read_range(0, self.size)) if self.size else self._empty()

    def _empty(self) -> bytes:
        self._segment(0)  # an empty document is still checked
        return b""

    def _segment(self, index: int) -> bytes:
        self._handle.seek(HEADER_BYTES + index * _STORED_SEGMENT)
        stored = self._handle.read(_STORED_SEGMENT)
        last = index == self._segments - 1
        try:
            return self._cipher.decrypt(_nonce(index, last), stored, self._header)
        except InvalidTag as exc:
            raise DocumentDamagedError(
                "the document was changed or damaged, or sealed with another key"
            ) from exc


def _file_key(key: bytes, salt: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_INFO).derive(key)


def _nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def unseal(data: bytes, key: bytes) -> bytes:
    """The document in the sealed file ``data`` (read whole)."""
    return open_sealed(io.BytesIO(data), len(data), key).read_all()
