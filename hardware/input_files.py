"""Reading a file someone handed us: only regular files, never more than a stated size.

A FIFO, a terminal or a device given as "the file" would block ``open`` or ``read`` for
ever, and ``/dev/zero`` never ends; a directory cannot be read at all. The file is opened
non-blocking (so a FIFO without a writer cannot hang the open), checked with ``fstat`` on
the open descriptor (not on the name, which could be swapped in between), and read up to
its limit plus one byte, so a file that grows while we read it is still refused.

Standard library only; the limits themselves live in :mod:`hardware.imaging.limits` and
:mod:`reception.limits`.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from hardware.errors import HardwareError


class InputFileError(HardwareError):
    """A file that cannot be read: missing, not a regular file, too large, unreadable."""

    code = "file_unreadable"


class NotRegularFileError(InputFileError):
    """A directory, FIFO, socket or device given where a file was expected."""

    code = "file_not_regular"


class FileTooLargeError(InputFileError):
    """A file above the limit for its kind."""

    code = "file_too_large"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _megabytes(limit: int) -> str:
    return f"{limit / 2**20:g} MB" if limit >= 2**20 else f"{limit} bytes"


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of ``path``; :class:`InputFileError` (naming the file) when it is missing,
    unreadable, not a regular file or larger than ``max_bytes``."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno is not None and os.path.isdir(path):
            raise NotRegularFileError(f"{path}: is a folder, not a file") from exc
        raise InputFileError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFileError(f"{path}: is {_kind(info.st_mode)}, not a regular file")
        if info.st_size > max_bytes:
            raise FileTooLargeError(f"{path}: larger than {_megabytes(max_bytes)}")
        chunks: list[bytes] = []
        remaining = max_bytes + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        if remaining <= 0:
            raise FileTooLargeError(f"{path}: larger than {_megabytes(max_bytes)}")
        return b"".join(chunks)
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)


def check_regular_file(path: Path, max_bytes: int) -> int:
    """The size of ``path`` after the same checks as :func:`read_regular_file`, without
    reading it (for files handed to a library that opens them itself)."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(info.st_mode):
        raise NotRegularFileError(f"{path}: is {_kind(info.st_mode)}, not a regular file")
    if info.st_size > max_bytes:
        raise FileTooLargeError(f"{path}: larger than {_megabytes(max_bytes)}")
    if not os.access(path, os.R_OK):
        raise InputFileError(f"{path}: cannot read: permission denied")
    return info.st_size
