"""Every ``sqlite3`` error becomes the app's :class:`~reception.errors.StorageError`.

:func:`storage_error` names the cause by SQLite's result code: the environment (disk full,
read-only, locked, corrupt, I/O) or a bug. :class:`GuardedConnection` (the connection
factory of :func:`reception.storage.database.open_database`) applies it to every call that
reaches SQLite, after the database is open too: statements, fetches, commits.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, ParamSpec, TypeVar

from reception.errors import (
    StorageBugError,
    StorageCorruptError,
    StorageError,
    StorageFullError,
    StorageIOError,
    StorageLockedError,
    StorageReadOnlyError,
)
from reception.storage import cipher_binding

if TYPE_CHECKING:
    _CursorBase = sqlite3.Cursor
    _ConnectionBase = sqlite3.Connection
else:  # the SQLCipher binding's classes, which mirror sqlite3's one for one
    _CursorBase = cipher_binding.Cursor
    _ConnectionBase = cipher_binding.Connection

#: The errors of both bindings (the standard library's and SQLCipher's: same names, codes).
DATABASE_ERRORS: tuple[type[sqlite3.Error], ...] = (sqlite3.Error, cipher_binding.Error)

_P = ParamSpec("_P")
_T = TypeVar("_T")

# SQLite's primary result code (the low byte of an extended one) -> (error class, reason).
_BY_RESULT_CODE: Mapping[int, tuple[type[StorageError], str]] = {
    sqlite3.SQLITE_FULL: (StorageFullError, "the disk is full"),
    sqlite3.SQLITE_READONLY: (StorageReadOnlyError, "the database file cannot be written"),
    sqlite3.SQLITE_PERM: (StorageReadOnlyError, "the database file cannot be written"),
    sqlite3.SQLITE_CANTOPEN: (
        StorageReadOnlyError,
        "the database file cannot be opened for writing",
    ),
    sqlite3.SQLITE_BUSY: (StorageLockedError, "the database is locked by another program"),
    sqlite3.SQLITE_LOCKED: (StorageLockedError, "the database is locked by another program"),
    sqlite3.SQLITE_CORRUPT: (StorageCorruptError, "the database file is damaged"),
    sqlite3.SQLITE_NOTADB: (StorageCorruptError, "the database file is damaged"),
    sqlite3.SQLITE_IOERR: (StorageIOError, "the disk failed a read or write"),
    sqlite3.SQLITE_PROTOCOL: (StorageIOError, "the disk failed a read or write"),
    sqlite3.SQLITE_NOLFS: (StorageIOError, "the disk failed a read or write"),
    sqlite3.SQLITE_NOMEM: (StorageIOError, "the computer is out of memory"),
}


def storage_error(exc: sqlite3.Error, where: object) -> StorageError:
    """The app's error for ``exc``, its message naming ``where`` (the file) and the cause.

    Errors without a result code that says "environment" (bad SQL, a broken constraint,
    misuse of the API) are :class:`~reception.errors.StorageBugError`.
    """
    result_code = getattr(exc, "sqlite_errorcode", None)
    found = _BY_RESULT_CODE.get(result_code & 0xFF) if isinstance(result_code, int) else None
    if found is None and "disk is full" in str(exc):
        found = _BY_RESULT_CODE[sqlite3.SQLITE_FULL]
    if found is None and isinstance(exc.__cause__, OSError):
        if exc.__cause__.errno == errno.ENOSPC:
            found = _BY_RESULT_CODE[sqlite3.SQLITE_FULL]
        else:
            found = _BY_RESULT_CODE[sqlite3.SQLITE_IOERR]
    if found is None:
        return StorageBugError(f"{where}: {exc}")
    if found[0] is StorageIOError and _disk_nearly_full(where):
        # On a full disk SQLite often reports an I/O error (growing the WAL index fails).
        found = _BY_RESULT_CODE[sqlite3.SQLITE_FULL]
    error_class, reason = found
    return error_class(f"{where}: {reason} ({exc})")


class GuardedCursor(_CursorBase):
    """A cursor whose every SQLite call raises :class:`StorageError` instead of ``sqlite3``'s."""

    def _guard(self, call: Callable[_P, _T], *args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            return call(*args, **kwargs)
        except DATABASE_ERRORS as exc:
            raise storage_error(exc, _where(self.connection)) from exc

    def execute(self, sql: str, parameters: Any = (), /) -> GuardedCursor:
        self._guard(super().execute, sql, parameters)
        return self

    def executemany(self, sql: str, seq_of_parameters: Iterable[Any], /) -> GuardedCursor:
        self._guard(super().executemany, sql, seq_of_parameters)
        return self

    def executescript(self, sql_script: str, /) -> GuardedCursor:
        self._guard(super().executescript, sql_script)
        return self

    def fetchone(self) -> Any:
        return self._guard(super().fetchone)

    def fetchmany(self, size: int | None = 1) -> list[Any]:
        return self._guard(super().fetchmany, size if size is not None else self.arraysize)

    def fetchall(self) -> list[Any]:
        return self._guard(super().fetchall)

    def __iter__(self) -> GuardedCursor:
        return self

    def __next__(self) -> Any:
        return self._guard(super().__next__)


class GuardedConnection(_ConnectionBase):
    """A connection (``cipher_binding.connect(..., factory=GuardedConnection)``) whose statements,
    cursors, commits and rollbacks raise :class:`StorageError` instead of ``sqlite3``'s."""

    def __init__(self, database: str | os.PathLike[str], *args: Any, **kwargs: Any) -> None:
        super().__init__(database, *args, **kwargs)
        self.label = str(database)

    def cursor(self, factory: Any = GuardedCursor) -> Any:
        return super().cursor(factory)

    def _guarded_cursor(self) -> GuardedCursor:
        cursor = super().cursor(GuardedCursor)
        assert isinstance(cursor, GuardedCursor)
        return cursor

    def execute(self, sql: str, parameters: Any = (), /) -> GuardedCursor:
        return self._guarded_cursor().execute(sql, parameters)

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> GuardedCursor:
        return self._guarded_cursor().executemany(sql, parameters)

    def executescript(self, sql_script: str, /) -> GuardedCursor:
        return self._guarded_cursor().executescript(sql_script)

    def commit(self) -> None:
        try:
            super().commit()
        except DATABASE_ERRORS as exc:
            raise storage_error(exc, _where(self)) from exc

    def rollback(self) -> None:
        try:
            super().rollback()
        except DATABASE_ERRORS as exc:
            raise storage_error(exc, _where(self)) from exc

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
        /,
    ) -> Literal[False]:
        try:
            return super().__exit__(exc_type, exc, traceback)
        except DATABASE_ERRORS as error:
            raise storage_error(error, _where(self)) from error


def _disk_nearly_full(where: object) -> bool:
    """Whether the disk holding the file ``where`` has less than 1 MiB free."""
    folder = os.path.dirname(str(where)) or "."
    try:
        stats = os.statvfs(folder)
    except (OSError, AttributeError):  # no statvfs on Windows
        return False
    return stats.f_bavail * stats.f_frsize < 2**20


def _where(conn: sqlite3.Connection) -> str:
    """The database file of ``conn``, for the message."""
    return str(getattr(conn, "label", "the database"))
