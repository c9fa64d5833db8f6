"""The documents folder encrypted at rest: every component PDF kept there is sealed
(:mod:`reception.storage.sealed_files`) with its data folder's documents key.

``[storage] encrypt`` (the database's policy, :mod:`reception.storage.encryption`) decides
whether new documents are sealed; a sealed document is always read with its key, a plain
one (made before, or with ``encrypt = false``) as it is. The key of a document is that of
the data folder its documents folder sits in (``<data>/documents/<file>``), derived from
the folder's master key under a label of its own, so it is never the database's key.

Reading goes through this module everywhere a kept document is used (the reuse offers'
previews, uploads in ranges, hashes, exports): callers get the plain bytes, which leave
the app only where they leave it (an export the clerk asked for, an upload).

:func:`seal_plain_documents` encrypts what an older version left plain, one file at a time,
each replaced atomically: interrupted, every file is plain or sealed and the next start
goes on. A marker file says a pass finished, so later starts do not list the folder.

Blocking (files): call from a worker thread.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
from collections.abc import Iterator
from pathlib import Path

from hardware.input_files import InputFileError, read_regular_file
from reception.errors import DocumentDamagedError, StorageError, StorageKeyError
from reception.limits import MAX_COMPONENT_FILE_BYTES
from reception.storage import sealed_files
from reception.storage.atomic_file import write_atomically, write_atomically_with
from reception.storage.encryption import DOCUMENTS_LABEL, current_policy, derive, master_key

log = logging.getLogger(__name__)

#: In the documents folder once every file in it is sealed (removed when a plain one is
#: written, with ``encrypt = false``).
SEALED_MARKER = ".all-sealed-v1"
_READ_BLOCK = 1 << 20


def _sealed_bytes(size: int) -> int:
    """The most a sealed file of a ``size``-byte document can take on disk."""
    return (
        size
        + sealed_files.HEADER_BYTES
        + sealed_files.TAG_BYTES * (size // sealed_files.SEGMENT_BYTES + 1)
    )


def documents_key(data_dir: Path, create: bool = False) -> bytes | None:
    """The key documents kept under ``data_dir`` are sealed with (None: none exists and
    not ``create``)."""
    found = master_key(data_dir, create)
    return None if found is None else derive(found.secret, DOCUMENTS_LABEL)


class DocumentVault:
    """Writes the documents of one documents folder, sealed when the policy says so."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder

    @property
    def folder(self) -> Path:
        return self._folder

    @property
    def seals(self) -> bool:
        """Whether new documents are sealed (``[storage] encrypt``)."""
        return current_policy().encrypt

    def write(self, path: Path, data: bytes) -> None:
        """Keep ``data`` as ``path`` (a file of this folder): written beside it and renamed
        over it with fsync, readable by this user only. Raises ``OSError`` or
        :class:`StorageKeyError`; a failed write leaves ``path`` as it was."""
        if path.parent.resolve() != self._folder.resolve():
            raise ValueError(f"{path.name} is not in the documents folder")
        if not self.seals:
            write_atomically(path, data)
            (self._folder / SEALED_MARKER).unlink(missing_ok=True)
            return
        key = _key_for(self._folder, create=True)
        write_atomically_with(path, lambda sink: sealed_files.seal_to(sink, io.BytesIO(data), key))


def seal_plain_documents(folder: Path) -> int:
    """Seal, in place, every plain file of the documents folder ``folder`` (policy
    permitting); returns how many were sealed. One file failing is logged and left plain
    for the next start; the rest go on."""
    marker = folder / SEALED_MARKER
    if not current_policy().encrypt or marker.exists() or not folder.is_dir():
        return 0
    sealed = failed = 0
    try:
        paths = _kept_files(folder)
    except OSError as exc:
        log.warning("documents folder not listed (%s): sealed at a later start", exc.strerror)
        return 0
    for path in paths:
        try:
            if not _is_sealed_file(path):
                _seal_in_place(path, _key_for(folder, create=True))
                sealed += 1
        except (OSError, StorageError) as exc:
            failed += 1
            log.warning("a document left plain (%s): sealed at a later start", type(exc).__name__)
    if not failed:
        # Without it the next start lists the folder again, finding nothing plain.
        with contextlib.suppress(OSError):
            os.close(os.open(marker, os.O_WRONLY | os.O_CREAT, 0o600))
    if sealed:
        log.info("sealed %d plain document(s) in place", sealed)
    return sealed


def plain_documents(folder: Path) -> int:
    """How many files of the documents folder ``folder`` are not sealed (for ``self-test``)."""
    if not folder.is_dir():
        return 0
    count = 0
    for path in _kept_files(folder):
        with contextlib.suppress(OSError):
            count += not _is_sealed_file(path)
    return count


def _kept_files(folder: Path) -> list[Path]:
    """The documents of ``folder``, in name order: not the temporary files of a write in
    progress or the marker (their names start with a dot), nor links or anything odd."""
    return [
        path
        for path in sorted(folder.iterdir())
        if not path.name.startswith(".") and path.is_file() and not path.is_symlink()
    ]


def read_document(path: Path, max_bytes: int = MAX_COMPONENT_FILE_BYTES) -> bytes:
    """The plain bytes of a kept document (sealed or not): ``InputFileError`` when it cannot
    be read or is too large, :class:`DocumentDamagedError` when it fails authentication."""
    data = read_regular_file(path, _sealed_bytes(max_bytes))
    sealed = sealed_files.is_sealed(data[: len(sealed_files.MAGIC)])
    if (sealed_files.plain_size(len(data)) if sealed else len(data)) > max_bytes:
        raise InputFileError(f"{path}: larger than {max_bytes / 2**20:g} MB")
    return sealed_files.unseal(data, _key_for(path.parent, create=False)) if sealed else data


def document_size(path: Path) -> int:
    """The size of the document kept as ``path`` (its plain size when sealed);
    ``OSError`` when it cannot be read."""
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if not sealed_files.is_sealed(handle.read(len(sealed_files.MAGIC))):
            return size
    return sealed_files.plain_size(size)


def document_digest(path: Path) -> tuple[str, int]:
    """SHA-256 (hex) and size of the document kept as ``path``, one block in memory."""
    digest = hashlib.sha256()
    size = 0
    for block in read_document_range(path, 0, None):
        digest.update(block)
        size += len(block)
    return digest.hexdigest(), size


def read_document_range(path: Path, start: int, stop: int | None) -> Iterator[bytes]:
    """The document's bytes ``[start, stop)`` (``stop`` None: to the end), read from disk
    a block at a time; ``OSError`` when the file cannot be read or became shorter,
    :class:`DocumentDamagedError` when a sealed part fails authentication."""
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if sealed_files.is_sealed(handle.read(len(sealed_files.MAGIC))):
            handle.seek(0)
            reader = sealed_files.open_sealed(handle, size, _key_for(path.parent, create=False))
            end = reader.size if stop is None else stop
            if end > reader.size:
                raise OSError(0, "the file became shorter while it was being sent")
            yield from reader.read_range(start, end)
            return
        handle.seek(start)
        left = (size if stop is None else stop) - start
        while left > 0:
            block = handle.read(min(_READ_BLOCK, left))
            if not block:
                raise OSError(0, "the file became shorter while it was being sent")
            left -= len(block)
            yield block


def _seal_in_place(path: Path, key: bytes) -> None:
    with path.open("rb") as source:
        write_atomically_with(path, lambda sink: sealed_files.seal_to(sink, source, key))


def _is_sealed_file(path: Path) -> bool:
    with path.open("rb") as handle:
        return sealed_files.is_sealed(handle.read(len(sealed_files.MAGIC)))


def _key_for(folder: Path, create: bool) -> bytes:
    """The documents key of the documents folder ``folder``."""
    key = documents_key(folder.resolve().parent, create=create)
    if key is None:
        raise StorageKeyError(
            "the key of the documents folder is missing: put back the data folder's key"
        )
    return key


__all__ = [
    "DocumentDamagedError",
    "DocumentVault",
    "document_digest",
    "document_size",
    "plain_documents",
    "read_document",
    "read_document_range",
    "seal_plain_documents",
]
