"""The clerk at the window: who signed in, checked off the GUI thread.

:class:`ClerkSession` holds the signed-in clerk for every thread (the processing log asks
it for the operator of each entry). :class:`ClerkService` lives on its own thread with
its own database connection: Argon2 is slow on purpose, and the processing log's writes
(reads of a QR or a chip, prints, locks) must not wait on the GUI thread either.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import sqlite_utils
from PySide6.QtCore import QObject, Signal, Slot

from reception.errors import ReceptionError
from reception.privacy.clerks import Clerk, ClerkStore, Role, SignInFailedError
from reception.privacy.processing_log import Action, ProcessingLog
from reception.storage.database import open_database

log = logging.getLogger(__name__)


class ClerkSession:
    """The signed-in clerk (thread-safe); ``default`` names the operator while no account
    exists (the workstation, as before accounts)."""

    def __init__(self, default: str) -> None:
        self._default = default
        self._clerk: Clerk | None = None
        self._lock = threading.Lock()

    @property
    def clerk(self) -> Clerk | None:
        with self._lock:
            return self._clerk

    @property
    def operator(self) -> str:
        with self._lock:
            return self._default if self._clerk is None else self._clerk.name

    @property
    def full_name(self) -> str:
        """The signed-in clerk's full name, as the conversion mark prints it."""
        with self._lock:
            return self._default if self._clerk is None else self._clerk.display_name

    def set(self, clerk: Clerk | None) -> None:
        with self._lock:
            self._clerk = clerk


class ClerkService(QObject):
    """Signs clerks in, manages accounts for an administrator, writes the processing log."""

    signed_in = Signal(object)  # Clerk
    sign_in_failed = Signal(str)  # error code
    clerks_listed = Signal(list)  # list[Clerk]
    clerk_changed = Signal(str)  # name, after an administrator's change
    failed = Signal(str, str)  # error code, English detail

    def __init__(self, database_path: Path, workstation: str, session: ClerkSession) -> None:
        super().__init__()
        self._path = database_path
        self._session = session
        self._log = ProcessingLog(workstation=workstation, operator=lambda: session.operator)
        self._db: sqlite_utils.Database | None = None

    @property
    def processing_log(self) -> ProcessingLog:
        return self._log

    def _database(self) -> sqlite_utils.Database:
        if self._db is None:
            self._db = open_database(self._path)
        return self._db

    @Slot(str, str)
    def sign_in(self, name: str, secret: str) -> None:
        """Check ``name``/``secret``; ``signed_in`` or ``sign_in_failed`` tells the result."""
        try:
            db = self._database()
            clerk = ClerkStore(db).authenticate(name.strip(), secret)
        except SignInFailedError as exc:
            self._record(Action.SIGN_IN_FAILED, operator=_loggable(name), detail="window")
            self.sign_in_failed.emit(exc.code)
            return
        except ReceptionError as exc:
            self.failed.emit(exc.code, str(exc))
            return
        self._session.set(clerk)
        self._record(Action.SIGN_IN, detail="window")
        log.info("a clerk signed in")  # no name: the log stays free of who is where
        self.signed_in.emit(clerk)

    @Slot(str, str, str, str)
    def record(self, action: str, subject_id: str, dossier_code: str, detail: str) -> None:
        """Append a processing-log entry for the window (empty strings for none)."""
        self._record(
            Action(action),
            subject_id=subject_id or None,
            dossier_code=dossier_code or None,
            detail=detail or None,
        )

    @Slot()
    def list_clerks(self) -> None:
        try:
            self.clerks_listed.emit(ClerkStore(self._database()).list())
        except ReceptionError as exc:
            self.failed.emit(exc.code, str(exc))

    @Slot(str, str, str)
    def add_clerk(self, name: str, role: str, secret: str) -> None:
        """An administrator's: create an account."""
        self._administer(lambda store: store.add(name, Role(role), secret), f"users-add:{name}")

    @Slot(str, str)
    def set_secret(self, name: str, secret: str) -> None:
        self._administer(lambda store: store.set_secret(name, secret), f"users-passwd:{name}")

    @Slot(str)
    def disable_clerk(self, name: str) -> None:
        self._administer(lambda store: store.disable(name), f"users-disable:{name}")

    def _administer(self, change: object, detail: str) -> None:
        clerk = self._session.clerk
        try:
            store = ClerkStore(self._database())
            if store.has_clerks() and (clerk is None or not clerk.is_administrator):
                self.failed.emit("administrator_required", "not an administrator")
                return
            assert callable(change)
            change(store)
        except ReceptionError as exc:
            self.failed.emit(exc.code, str(exc))
            return
        self._record(Action.ADMINISTER, detail=detail if _token(detail) else "users")
        self.clerk_changed.emit(detail.partition(":")[2])
        self.list_clerks()

    def _record(self, action: Action, **fields: str | None) -> None:
        try:
            self._log.record(self._database(), action, **fields)
        except ReceptionError as exc:
            self.failed.emit(exc.code, str(exc))

    @Slot()
    def close(self) -> None:
        if self._db is not None:
            self._db.conn.close()
            self._db = None


def _loggable(name: str) -> str:
    name = name.strip()
    return name if 0 < len(name) <= 32 and name.isprintable() else "?"


def _token(text: str) -> bool:
    return len(text) <= 80 and all(c.isalnum() or c in "_.:=,/+-" for c in text)
