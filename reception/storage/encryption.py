"""Encryption at rest of the database: which key, and the in-place encryption of a plain file.

``[storage] encrypt = true`` (the default): a new database is created encrypted with
SQLCipher, and a plain one found at open is encrypted in place first
(:func:`encrypt_in_place`). With ``encrypt = false`` new databases are plain, and an
already encrypted one is still opened with its key.

The key of a database is derived from its data folder's master key
(:mod:`reception.storage.key_store`) with HMAC-SHA256 under a label of its own, so that the
documents (another label) never share a key with the database.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from reception.errors import StorageCorruptError, StorageError, StorageLockedError
from reception.storage import cipher_binding
from reception.storage.atomic_file import fsync_dir
from reception.storage.key_store import StorageKey, load_key

log = logging.getLogger(__name__)

DATABASE_LABEL = b"reception database key v1"
DOCUMENTS_LABEL = b"reception documents key v1"
#: Beside the database while it is encrypted in place: the encrypted copy being written,
#: and the plain original kept until the encrypted file has passed its check.
ENCRYPTING_SUFFIX = ".encrypting"
PLAIN_ORIGINAL_SUFFIX = ".plain-original"


@dataclass(frozen=True, slots=True)
class EncryptionPolicy:
    """``[storage] encrypt`` and ``key_store`` (auto: the OS key store, else a key file)."""

    encrypt: bool = True
    key_store: str = "auto"


_POLICY: list[EncryptionPolicy] = [EncryptionPolicy()]


def configure(policy: EncryptionPolicy) -> None:
    """Set the policy of every later :func:`~reception.storage.database.open_database`."""
    _POLICY[0] = policy


def current_policy() -> EncryptionPolicy:
    return _POLICY[0]


def derive(master: bytes, label: bytes) -> bytes:
    """A 32-byte key for one use (``label``) from a folder's master key."""
    return hmac.new(master, label, hashlib.sha256).digest()


#: Keys read from the OS key store, per folder and store: asking it (D-Bus, the Windows
#: API, maybe an unlock prompt) once per process is enough. A key file is read each time,
#: so that a replaced file is noticed.
_FROM_OS_STORE: dict[tuple[Path, str], StorageKey] = {}


def master_key(folder: Path, create: bool) -> StorageKey | None:
    """The master key of data folder ``folder`` (see :func:`load_key`)."""
    store = current_policy().key_store
    cached = _FROM_OS_STORE.get((folder.resolve(), store))
    if cached is not None:
        return cached
    found = load_key(folder, store, create=create)
    if found is not None and found.in_os_store:
        _FROM_OS_STORE[(folder.resolve(), store)] = found
    return found


def database_key(database: Path, create: bool = True) -> bytes | None:
    """The SQLCipher key of the database file ``database`` (None: none exists and not
    ``create``)."""
    found = master_key(database.parent, create)
    return None if found is None else derive(found.secret, DATABASE_LABEL)


def key_for_existing(database: Path) -> bytes | None:
    """The key to read the existing file ``database`` with: None for a plain file."""
    if cipher_binding.is_plain_file(database):
        return None
    return database_key(database, create=True)


def key_for_open(database: Path) -> bytes | None:
    """The key :func:`~reception.storage.database.open_database` uses for ``database``
    (after :func:`resume_or_encrypt`): None for a plain file kept plain."""
    exists = database.exists() and database.stat().st_size > 0
    if exists and cipher_binding.is_plain_file(database):
        return None
    if not exists and not current_policy().encrypt:
        return None
    return database_key(database, create=True)


def _side(database: Path, suffix: str) -> Path:
    return database.with_name(database.name + suffix)


def resume_or_encrypt(database: Path) -> None:
    """Finish or undo an interrupted in-place encryption of ``database``, then encrypt it
    when it is plain and the policy says so. Safe to interrupt at any point."""
    original = _side(database, PLAIN_ORIGINAL_SUFFIX)
    pending = original.exists() or _side(database, ENCRYPTING_SUFFIX).exists()
    if not pending and not (current_policy().encrypt and cipher_binding.is_plain_file(database)):
        return  # the usual case: nothing to do, no lock taken
    with _one_process_at_a_time(database):
        _side(database, ENCRYPTING_SUFFIX).unlink(missing_ok=True)  # a copy never checked
        if original.exists():
            _resume(database, original)
        if not current_policy().encrypt:
            return
        if cipher_binding.is_plain_file(database):  # (False for a missing or empty file)
            encrypt_in_place(database)


@contextmanager
def _one_process_at_a_time(database: Path) -> Iterator[None]:
    """Two processes starting at once: one encrypts, the other waits and finds it done."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: one app process per counter PC
        yield
        return
    fd = os.open(_side(database, ".encrypt-lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _resume(database: Path, original: Path) -> None:
    if database.exists() and not cipher_binding.is_plain_file(database):
        key = database_key(database, create=False)
        if key is not None and not _problems(database, key):
            _drop_plain(original)  # stopped after the switch: only the clean-up was left
            return
        log.warning("in-place encryption stopped half-way: the plain database is put back")
    elif database.exists():
        # Stopped before the switch: ``database`` is still the plain original (the kept
        # one is a second name of the same file).
        original.unlink()
        fsync_dir(database.parent)
        return
    os.replace(original, database)
    for suffix in ("-wal", "-shm"):
        side = _side(original, suffix)
        if side.exists():
            os.replace(side, _side(database, suffix))
    fsync_dir(database.parent)


def encrypt_in_place(database: Path) -> None:
    """Replace the plain database ``database`` by an encrypted copy of it.

    The copy is written beside it, fsync'd and checked; the original gets a second name
    (``.plain-original``), the copy is renamed over ``database``, checked again, and only
    then the original goes. Interrupted anywhere, :func:`resume_or_encrypt` either finds
    the plain file in place or the checked encrypted one with the original beside it.
    """
    key = database_key(database, create=True)
    assert key is not None
    encrypting = _side(database, ENCRYPTING_SUFFIX)
    original = _side(database, PLAIN_ORIGINAL_SUFFIX)
    log.info("encrypting the database in place")
    try:
        _checkpoint_plain(database)
        fd = os.open(encrypting, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.close(fd)
        cipher_binding.export_encrypted(database, encrypting, key)
        with open(encrypting, "rb+") as handle:
            os.fsync(handle.fileno())
        problems = _problems(encrypting, key)
        if problems:
            raise StorageCorruptError(
                f"{database}: the encrypted copy failed its check ({problems[0]}); "
                "the plain database is unchanged"
            )
        _keep_original(database, original)
        fsync_dir(database.parent)
        os.replace(encrypting, database)
        fsync_dir(database.parent)
    except (OSError, cipher_binding.Error) as exc:
        encrypting.unlink(missing_ok=True)
        if "locked" in str(exc) or "busy" in str(exc):
            raise StorageLockedError(
                f"{database}: cannot be encrypted while another program has it open; "
                "close it and start again"
            ) from exc
        raise StorageError(f"{database}: cannot encrypt the database ({exc})") from exc
    except BaseException:
        encrypting.unlink(missing_ok=True)
        raise
    if _problems(database, key):
        _resume(database, original)  # puts the plain original back
        raise StorageCorruptError(f"{database}: the encrypted database failed its check")
    _drop_plain(original)
    log.info("database encrypted in place")


def _checkpoint_plain(database: Path) -> None:
    """Fold the plain database's write-ahead log into it, so that one file holds it all."""
    conn = cipher_binding.connect(database, None, isolation_level=None, timeout=10)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        # Refused ("locked") while another program has the file open: its later writes
        # would go to the plain original, so the encryption waits for the next start.
        mode = str(conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]).lower()
        if mode != "delete":
            raise StorageLockedError(f"{database}: in use by another program ({mode})")
    finally:
        conn.close()


def _keep_original(database: Path, original: Path) -> None:
    if original.exists():
        original.unlink()
    try:
        os.link(database, original)
    except OSError:  # no hard links here: a full copy instead
        with open(database, "rb") as source, open(original, "wb") as copy:
            while chunk := source.read(1 << 20):
                copy.write(chunk)
            copy.flush()
            os.fsync(copy.fileno())
        os.chmod(original, 0o600)


def _drop_plain(original: Path) -> None:
    for path in (original, _side(original, "-wal"), _side(original, "-shm")):
        path.unlink(missing_ok=True)
    fsync_dir(original.parent)


def _problems(path: Path, key: bytes) -> list[str]:
    from reception.storage.integrity import check_database_file

    return check_database_file(path, key, reception_tables=False)
