"""Clerk accounts: roles, hashing, sign-in, the last administrator."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils

from reception.limits import InputError
from reception.privacy.clerks import ClerkError, ClerkStore, Role, SignInFailedError
from reception.storage.database import open_connection, open_database


@pytest.fixture
def store(tmp_path: Path) -> ClerkStore:
    return ClerkStore(open_database(tmp_path / "db.sqlite3"))


def test_first_account_must_be_an_administrator(store: ClerkStore) -> None:
    assert not store.has_clerks()
    with pytest.raises(ClerkError, match="first account"):
        store.add("lan", Role.CLERK, "1234")
    store.add("admin", Role.ADMINISTRATOR, "correct horse")
    lan = store.add("lan", Role.CLERK, "2468")
    assert store.has_clerks() and not lan.is_administrator
    assert [c.name for c in store.list()] == ["admin", "lan"]


def test_passwords_are_stored_as_argon2id_and_checked(store: ClerkStore, tmp_path: Path) -> None:
    store.add("admin", Role.ADMINISTRATOR, "correct horse")
    db = sqlite_utils.Database(open_connection(tmp_path / "db.sqlite3"))  # with the key
    stored = str(db.execute("SELECT password_hash FROM clerks").fetchone()[0])
    assert stored.startswith("$argon2id$") and "correct horse" not in stored
    assert store.authenticate("admin", "correct horse").name == "admin"
    with pytest.raises(SignInFailedError):
        store.authenticate("admin", "wrong horse")
    with pytest.raises(SignInFailedError):
        store.authenticate("nobody", "correct horse")


def test_a_disabled_account_cannot_sign_in_and_a_new_password_works(store: ClerkStore) -> None:
    store.add("admin", Role.ADMINISTRATOR, "correct horse")
    store.add("lan", Role.CLERK, "2468")
    store.set_secret("lan", "1357")
    with pytest.raises(SignInFailedError):
        store.authenticate("lan", "2468")
    assert store.authenticate("lan", "1357").name == "lan"
    store.disable("lan")
    with pytest.raises(SignInFailedError):
        store.authenticate("lan", "1357")
    store.enable("lan")
    assert store.authenticate("lan", "1357").active


def test_the_last_administrator_stays(store: ClerkStore) -> None:
    store.add("admin", Role.ADMINISTRATOR, "correct horse")
    with pytest.raises(ClerkError, match="last active administrator"):
        store.disable("admin")
    with pytest.raises(ClerkError, match="last active administrator"):
        store.set_role("admin", Role.CLERK)
    store.add("chi", Role.ADMINISTRATOR, "another one")
    store.disable("admin")
    assert store.get("admin") is not None and not store.get("admin").active  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "secret", "words"),
    [("Lan Nguyen", "1234", "sign-in name"), ("lan", "123", "password or PIN")],
)
def test_bad_names_and_short_secrets_are_refused(
    store: ClerkStore, name: str, secret: str, words: str
) -> None:
    with pytest.raises(ClerkError, match=words):
        store.add(name, Role.ADMINISTRATOR, secret)


def test_a_full_name_is_kept_for_the_conversion_mark(store: ClerkStore) -> None:
    admin = store.add("admin", Role.ADMINISTRATOR, "correct horse")
    lan = store.add("lan", Role.CLERK, "2468", full_name=" Lê Thị Lan ")
    assert lan.full_name == "Lê Thị Lan" and lan.display_name == "Lê Thị Lan"
    assert admin.full_name is None and admin.display_name == "admin"
    assert store.list()[1].to_json_dict()["full_name"] == "Lê Thị Lan"
    with pytest.raises(InputError):
        store.add("hoa", Role.CLERK, "2468", full_name="Hoa\x1b[2J")
    assert store.get("hoa") is None
