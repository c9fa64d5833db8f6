"""The storage key: the OS key store when there is one, else a private key file."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.core
import pytest

from reception.errors import StorageKeyError
from reception.storage.database import open_database
from reception.storage.key_store import KEY_FILE, load_key


class MemoryKeyring(keyring.backend.KeyringBackend):
    """An OS key store that lives in this test's memory."""

    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)


@pytest.fixture
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    # Patched rather than set with keyring.set_keyring: the real backends (D-Bus, files)
    # are never initialised, and nothing is left behind for later tests.
    backend = MemoryKeyring()
    monkeypatch.setattr(keyring, "get_keyring", lambda: backend)
    monkeypatch.setattr(keyring.core, "get_keyring", lambda: backend)
    monkeypatch.setenv("RECEPTION_KEY_STORE", "auto")
    yield backend


def test_the_os_key_store_holds_the_key_when_there_is_one(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    path = tmp_path / "data" / "reception.sqlite3"
    open_database(path).conn.close()
    assert not (path.parent / KEY_FILE).exists()
    [(service, account)] = memory_keyring.entries
    assert service == "reception"
    assert account.endswith(str(path.parent.resolve()))
    key = load_key(path.parent, create=False)
    assert key is not None and key.in_os_store
    assert "OS key store" in key.where
    assert key.secret.hex() not in repr(key)  # never shown
    open_database(path).conn.close()  # read again with the same key


def test_without_an_os_key_store_a_private_key_file(tmp_path: Path) -> None:
    key = load_key(tmp_path / "data", "auto")
    assert key is not None and not key.in_os_store
    assert stat.S_IMODE((tmp_path / "data" / KEY_FILE).stat().st_mode) == 0o600
    assert load_key(tmp_path / "data") == key  # the same key next time


def test_a_key_file_readable_by_others_is_made_private(tmp_path: Path) -> None:
    key = load_key(tmp_path)
    (tmp_path / KEY_FILE).chmod(0o644)
    assert load_key(tmp_path) == key
    assert stat.S_IMODE((tmp_path / KEY_FILE).stat().st_mode) == 0o600


def test_a_damaged_key_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / KEY_FILE).write_text("not a key")
    with pytest.raises(StorageKeyError, match="not a storage key") as caught:
        load_key(tmp_path)
    assert caught.value.code == "storage_key"


def test_key_store_keyring_without_one_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECEPTION_KEY_STORE", "keyring")
    monkeypatch.setattr("reception.storage.key_store._usable_backend", lambda: None)
    with pytest.raises(StorageKeyError, match="no OS key store"):
        load_key(tmp_path)
