"""Where the storage key lives: the OS key store through ``keyring`` (the only module that
imports it), or a key file readable by the app's user only.

One random 256-bit key per data folder; the database key and the documents key are derived
from it (:mod:`reception.storage.encryption`). The OS key store is the Secret Service on
Linux and the Credential Manager on Windows. Where there is none (a server, CI, a session
without a keyring daemon) the key is the file ``reception.key`` in the data folder, 0600:
it then protects a copied database file, not a copied data folder, and ``self-test`` says
so. A key file already there is always used first: the database was encrypted with it.

The key is never logged and never put in a message.
"""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

import keyring
import keyring.errors

from reception.errors import StorageKeyError

log = logging.getLogger(__name__)

KEY_FILE = "reception.key"
KEYRING_SERVICE = "reception"
KEY_BYTES = 32
#: ``[storage] key_store`` (and ``RECEPTION_KEY_STORE``, which wins: tests use ``file``).
KEY_STORES = ("auto", "keyring", "file")


@dataclass(frozen=True, slots=True)
class StorageKey:
    """The master key of a data folder and where it is kept (for ``self-test``)."""

    secret: bytes = field(repr=False)
    where: str
    in_os_store: bool


def key_store_choice(configured: str) -> str:
    chosen = os.environ.get("RECEPTION_KEY_STORE") or configured
    if chosen not in KEY_STORES:
        raise StorageKeyError(f"unknown key store {chosen!r}: expected auto, keyring or file")
    return chosen


def load_key(folder: Path, store: str = "auto", create: bool = True) -> StorageKey | None:
    """The key of data folder ``folder``; a new one when there is none and ``create``
    (else None). Raises :class:`StorageKeyError` when the key store fails."""
    choice = key_store_choice(store)
    key_file = folder / KEY_FILE
    if choice != "keyring" and key_file.exists():
        return _read_key_file(key_file)
    if choice != "file":
        backend = _usable_backend()
        if backend is not None:
            return _from_keyring(folder, backend, create)
        if choice == "keyring":
            raise StorageKeyError("no OS key store is available (configured: key_store = keyring)")
    if not create:
        return None
    return _create_key_file(key_file)


def os_key_store_name() -> str | None:
    """The OS key store ``keyring`` would use here, None when there is none."""
    backend = _usable_backend()
    return None if backend is None else backend


def _usable_backend() -> str | None:
    try:
        backend = keyring.get_keyring()
        priority = float(getattr(backend, "priority", 0))
    except Exception as exc:  # a backend's own errors (D-Bus, Windows API): none usable
        log.info("no OS key store (%s)", type(exc).__name__)
        return None
    name = type(backend).__module__ + "." + type(backend).__name__
    if priority <= 0 or "fail" in name or "null" in name:
        return None
    if name.startswith("keyring.backends.chainer") and not getattr(backend, "backends", None):
        return None
    return str(getattr(backend, "name", name))


def _account(folder: Path) -> str:
    return f"storage-key:{folder.resolve()}"


def _from_keyring(folder: Path, backend: str, create: bool) -> StorageKey | None:
    account = _account(folder)
    where = f"the OS key store ({backend})"
    try:
        stored = keyring.get_password(KEYRING_SERVICE, account)
        if stored is None:
            if not create:
                return None
            stored = secrets.token_hex(KEY_BYTES)
            keyring.set_password(KEYRING_SERVICE, account, stored)
    except keyring.errors.KeyringError as exc:
        raise StorageKeyError(f"the OS key store failed: {type(exc).__name__}") from exc
    return StorageKey(_decode(stored, where), where, in_os_store=True)


def _read_key_file(path: Path) -> StorageKey:
    try:
        text = path.read_text(encoding="ascii")
        mode = path.stat().st_mode & 0o777
    except (OSError, UnicodeError) as exc:
        raise StorageKeyError(f"{path}: the key file cannot be read") from exc
    if os.name != "nt" and mode & 0o077:
        # Readable by others: narrowed at once (the key itself may already have been read).
        log.warning("key file was readable by other users: made private")
        os.chmod(path, 0o600)
    return StorageKey(_decode(text, f"the key file {path}"), f"the key file {path}", False)


def _create_key_file(path: Path) -> StorageKey:
    """Write a new key to ``path``, 0600, never over an existing one: written under a
    temporary name and linked into place, so two processes starting at once share one."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(KEY_BYTES) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass  # another process was first: its key is the one
        except OSError:
            if not path.exists():  # no hard links on this file system
                os.replace(temporary, path)
    except OSError as exc:
        raise StorageKeyError(f"{path}: cannot write the key file ({exc.strerror})") from exc
    finally:
        temporary.unlink(missing_ok=True)
    log.info("new storage key written to a key file (no OS key store)")
    return _read_key_file(path)


def _decode(text: str, where: str) -> bytes:
    try:
        secret = bytes.fromhex(text.strip())
    except ValueError:
        secret = b""
    if len(secret) != KEY_BYTES:
        raise StorageKeyError(f"{where}: not a storage key")
    return secret
