"""Replacing a file so that a crash or a power cut leaves the old content or the new one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, rename it over ``path``
    and fsync the folder. Raises ``OSError``; a failed write leaves no temporary file."""
    write_atomically_with(path, lambda tmp: tmp.write(data))


def write_atomically_with(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Like :func:`write_atomically`, the content written by ``write`` into the open
    temporary file (readable by this user only). Whatever ``write`` raises leaves no
    temporary file and ``path`` unchanged."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as tmp:
            write(tmp)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    # A rename is durable only once the directory entry is; Windows cannot open a
    # directory for this and does not need it.
    if os.name == "nt":  # pragma: no cover
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


#: For other writers that rename into place (backups).
fsync_dir = _fsync_dir
