"""Errors of the domain layer.

One root; ``UserError`` subclasses are things a person can act on (fix the input, free
disk space, call the administrator) and carry a stable ``code`` that the UI maps to a
translated message. Anything else that escapes is a bug.
"""

from __future__ import annotations


class ReceptionError(Exception):
    """Root of every error raised on purpose by the domain layer."""

    code = "internal"


class UserError(ReceptionError):
    """An error a person can act on; ``code`` keys the UI's message table."""

    code = "user_error"


class ConfigError(UserError):
    code = "config_invalid"


class StorageError(UserError):
    """The local database cannot be used (disk full, locked, corrupt, not writable).

    ``environment`` says whether the machine failed us (a person can act on it: free disk
    space, close the other program, restore a backup) or our own code is wrong. Every
    ``sqlite3`` error becomes one of the subclasses below
    (:func:`reception.storage.sqlite_errors.storage_error`).
    """

    code = "storage_failed"
    environment = True


class StorageFullError(StorageError):
    """The disk (or the database's size limit) is full."""

    code = "storage_disk_full"


class StorageReadOnlyError(StorageError):
    """The database file or its folder cannot be written (permissions, read-only medium)."""

    code = "storage_read_only"


class StorageLockedError(StorageError):
    """Another program held the database's write lock longer than the busy timeout."""

    code = "storage_locked"


class StorageCorruptError(StorageError):
    """The database file is damaged or is not a database."""

    code = "storage_corrupt"


class StorageIOError(StorageError):
    """The operating system failed a read or write (failing disk, unplugged medium)."""

    code = "storage_io"


class StorageKeyError(StorageError):
    """The storage key cannot be had: the OS key store failed, the key file is unreadable."""

    code = "storage_key"


class StorageWrongKeyError(StorageKeyError):
    """The database is encrypted with another key than this computer's (or its key is lost)."""

    code = "storage_key_wrong"


class StorageBugError(StorageError):
    """SQLite refused what our code asked (bad SQL, a broken constraint): a bug, not the disk."""

    code = "storage_bug"
    environment = False


class DocumentDamagedError(StorageError):
    """A sealed document of the documents folder fails its authentication: changed, cut
    short, or sealed with another data folder's key."""

    code = "document_damaged"


class SequenceExhaustedError(UserError):
    """The workstation's block of dossier sequence numbers is used up for the day."""

    code = "sequence_exhausted"
