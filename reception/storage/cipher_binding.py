"""SQLCipher, through the ``sqlcipher3`` binding: the only module that imports it.

``sqlcipher3.dbapi2`` is the standard library's ``sqlite3`` module built against SQLCipher:
the same classes, methods and result codes. It is typed here as ``sqlite3`` so that the
rest of the app (and ``sqlite_utils``) sees an ordinary connection. Without a key a
connection reads and writes plain SQLite files, which is how a plain database is read
to be encrypted (:func:`export_encrypted`).

Keys are raw 256-bit keys (``PRAGMA key = "x'..'"``): SQLCipher then skips its password
stretching, which a random key does not need, and opening stays as fast as plain SQLite.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any, cast

import sqlcipher3.dbapi2 as _dbapi

#: The binding's classes, seen as ``sqlite3``'s (they mirror them one for one).
Connection = cast(type[sqlite3.Connection], _dbapi.Connection)
Cursor = cast(type[sqlite3.Cursor], _dbapi.Cursor)
Error = cast(type[sqlite3.Error], _dbapi.Error)
OperationalError = cast(type[sqlite3.OperationalError], _dbapi.OperationalError)
DatabaseError = cast(type[sqlite3.DatabaseError], _dbapi.DatabaseError)

#: The first 16 bytes of every plain SQLite file; an encrypted one starts with random bytes.
PLAIN_HEADER = b"SQLite format 3\x00"
KEY_BYTES = 32


def connect(
    database: str | os.PathLike[str], key: bytes | None, **kwargs: Any
) -> sqlite3.Connection:
    """A connection to ``database`` (a path, or a ``file:`` URI with ``uri=True``), keyed
    with ``key`` (None: a plain file). ``kwargs`` are ``sqlite3.connect``'s."""
    conn = cast(sqlite3.Connection, _dbapi.connect(database, **kwargs))
    try:
        apply_key(conn, key)
    except BaseException:
        conn.close()
        raise
    return conn


def apply_key(conn: sqlite3.Connection, key: bytes | None) -> None:
    """Key ``conn`` before its first read. SQLCipher's own log goes quiet: it would print a
    line on stderr for every page a wrong key fails to decrypt."""
    conn.execute("PRAGMA cipher_log_level = NONE")
    if key is not None:
        conn.execute(f'PRAGMA key = "{key_literal(key)}"')


def key_literal(key: bytes) -> str:
    """``x'<hex>'``: a raw key, as SQLCipher's ``PRAGMA key`` and ``ATTACH ... KEY`` take it."""
    if len(key) != KEY_BYTES:
        raise ValueError("a database key has 32 bytes")
    return f"x'{key.hex()}'"


def is_plain_file(path: Path) -> bool:
    """Whether ``path`` is an unencrypted SQLite file (False when missing or shorter)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(PLAIN_HEADER)) == PLAIN_HEADER
    except OSError:
        return False


def export_encrypted(plain: Path, target: Path, key: bytes) -> None:
    """Write an encrypted copy of the plain database ``plain`` to the new file ``target``
    (schema, rows and ``user_version``), with ``sqlcipher_export``."""
    source = connect(plain, None, isolation_level=None)
    try:
        version = int(source.execute("PRAGMA user_version").fetchone()[0])
        source.execute(
            'ATTACH DATABASE ? AS encrypted KEY "' + key_literal(key) + '"', (str(target),)
        )
        source.execute("SELECT sqlcipher_export('encrypted')")
        source.execute(f"PRAGMA encrypted.user_version = {version}")
        source.execute("DETACH DATABASE encrypted")
    finally:
        source.close()
