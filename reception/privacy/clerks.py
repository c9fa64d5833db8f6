"""Clerk accounts: who may sign in at the counter, and with which role.

A clerk has a name (the sign-in name, also the operator recorded on dossiers, digitised
copies and forms), a role (clerk or administrator) and a password or PIN kept as an
Argon2id hash. Accounts are disabled, never deleted: the processing log names them.
While no account exists the counter works as before (the operator is the workstation,
see ``ui.cli.sign_in``); the first account must be an administrator.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from reception.errors import UserError
from reception.limits import check_text
from reception.privacy.password_hash import DUMMY_HASH, hash_secret, needs_rehash, secret_matches
from reception.storage.database import transaction
from reception.workstation.timezone import VIETNAM, now_in_vietnam

NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")
MIN_SECRET_LENGTH = 4  # a PIN of four digits at least; an administrator should use more
MAX_SECRET_LENGTH = 256
MAX_FULL_NAME = 120


class Role(enum.StrEnum):
    CLERK = "clerk"
    ADMINISTRATOR = "administrator"


class ClerkError(UserError):
    """A clerk account cannot be created or changed as asked."""

    code = "clerk_invalid"


class SignInFailedError(UserError):
    """Unknown name, wrong password or disabled account (deliberately not told apart)."""

    code = "sign_in_failed"


class AdministratorRequiredError(UserError):
    """The action needs a signed-in administrator."""

    code = "administrator_required"


@dataclass(frozen=True, slots=True)
class Clerk:
    name: str
    role: Role
    created_at: datetime
    disabled_at: datetime | None
    #: As printed in the conversion mark of what the clerk digitises (Nghị định 137/2024).
    full_name: str | None = None

    @property
    def display_name(self) -> str:
        """The full name when one was given, else the account name."""
        return self.full_name or self.name

    @property
    def is_administrator(self) -> bool:
        return self.role is Role.ADMINISTRATOR

    @property
    def active(self) -> bool:
        return self.disabled_at is None

    def to_json_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "role": self.role.value,
            "created": self.created_at.isoformat(),
            "disabled": None if self.disabled_at is None else self.disabled_at.isoformat(),
            "full_name": self.full_name,
        }


class ClerkStore:
    """The ``clerks`` table. Hashing is slow on purpose: call off the GUI thread."""

    def __init__(
        self, db: sqlite_utils.Database, clock: Callable[[], datetime] = now_in_vietnam
    ) -> None:
        self._db = db
        self._clock = clock

    def has_clerks(self) -> bool:
        """Whether any account (even a disabled one) exists: sign-in is then required."""
        return self._db.execute("SELECT 1 FROM clerks LIMIT 1").fetchone() is not None

    def list(self) -> list[Clerk]:
        return [_from_row(row) for row in self._db.query("SELECT * FROM clerks ORDER BY name")]

    def get(self, name: str) -> Clerk | None:
        rows = list(self._db.query("SELECT * FROM clerks WHERE name = ?", [name]))
        return _from_row(rows[0]) if rows else None

    def add(self, name: str, role: Role, secret: str, full_name: str | None = None) -> Clerk:
        """Create an account; the first one must be an administrator."""
        _check_name(name)
        if full_name is not None:
            full_name = check_text(full_name.strip(), "full name", MAX_FULL_NAME) or None
        encoded = hash_secret(_checked_secret(secret))
        now = self._now()
        with transaction(self._db):
            if self.get(name) is not None:
                raise ClerkError(f"a clerk named {name} already exists")
            if not self.has_clerks() and role is not Role.ADMINISTRATOR:
                raise ClerkError("the first account must be an administrator")
            self._db.execute(
                "INSERT INTO clerks"
                " (name, role, password_hash, created_at, password_changed_at, full_name)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [name, role.value, encoded, now, now, full_name],
            )
        clerk = self.get(name)
        assert clerk is not None
        return clerk

    def set_secret(self, name: str, secret: str) -> None:
        """Replace a clerk's password or PIN."""
        encoded = hash_secret(_checked_secret(secret))
        with transaction(self._db):
            cursor = self._db.execute(
                "UPDATE clerks SET password_hash = ?, password_changed_at = ? WHERE name = ?",
                [encoded, self._now(), name],
            )
            if cursor.rowcount != 1:
                raise ClerkError(f"no clerk named {name}")

    def set_role(self, name: str, role: Role) -> None:
        with transaction(self._db):
            clerk = self.get(name)
            if clerk is None:
                raise ClerkError(f"no clerk named {name}")
            if role is not Role.ADMINISTRATOR and clerk.is_administrator:
                self._keep_an_administrator(name)
            self._db.execute("UPDATE clerks SET role = ? WHERE name = ?", [role.value, name])

    def disable(self, name: str) -> None:
        """Disable an account (it stays, named in the log); the last administrator stays."""
        with transaction(self._db):
            clerk = self.get(name)
            if clerk is None:
                raise ClerkError(f"no clerk named {name}")
            if clerk.is_administrator:
                self._keep_an_administrator(name)
            self._db.execute(
                "UPDATE clerks SET disabled_at = ? WHERE name = ? AND disabled_at IS NULL",
                [self._now(), name],
            )

    def enable(self, name: str) -> None:
        with transaction(self._db):
            cursor = self._db.execute("UPDATE clerks SET disabled_at = NULL WHERE name = ?", [name])
            if cursor.rowcount != 1:
                raise ClerkError(f"no clerk named {name}")

    def authenticate(self, name: str, secret: str) -> Clerk:
        """The active clerk ``name`` if ``secret`` is theirs; else :class:`SignInFailedError`."""
        row = self._db.execute(
            "SELECT password_hash FROM clerks WHERE name = ? AND disabled_at IS NULL", [name]
        ).fetchone()
        encoded = DUMMY_HASH if row is None else str(row[0])
        if not secret_matches(encoded, secret) or row is None:
            raise SignInFailedError("the name or the password is wrong, or the account is off")
        if needs_rehash(encoded):
            self.set_secret(name, secret)
        clerk = self.get(name)
        assert clerk is not None
        return clerk

    def _keep_an_administrator(self, leaving: str) -> None:
        others = self._db.execute(
            "SELECT count(*) FROM clerks WHERE role = ? AND disabled_at IS NULL AND name != ?",
            [Role.ADMINISTRATOR.value, leaving],
        ).fetchone()[0]
        if not others:
            raise ClerkError("the last active administrator cannot be removed")

    def _now(self) -> str:
        return self._clock().astimezone(VIETNAM).isoformat()


def _check_name(name: str) -> None:
    if not NAME_PATTERN.match(name):
        raise ClerkError(
            f"{name!r}: a sign-in name is 2-32 lower-case letters, digits, '.', '_' or '-'"
        )


def _checked_secret(secret: str) -> str:
    if not MIN_SECRET_LENGTH <= len(secret) <= MAX_SECRET_LENGTH:
        raise ClerkError(
            f"a password or PIN has {MIN_SECRET_LENGTH} to {MAX_SECRET_LENGTH} characters"
        )
    return secret


def _from_row(row: dict[str, object]) -> Clerk:
    disabled = row.get("disabled_at")
    return Clerk(
        name=str(row["name"]),
        role=Role(str(row["role"])),
        created_at=datetime.fromisoformat(str(row["created_at"])),
        disabled_at=None if disabled is None else datetime.fromisoformat(str(disabled)),
        full_name=None if row.get("full_name") is None else str(row["full_name"]),
    )
