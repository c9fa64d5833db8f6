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
    """The local database cannot be used (disk full, locked, corrupt, not writable)."""

    code = "storage_failed"


class SequenceExhaustedError(UserError):
    """The workstation's block of dossier sequence numbers is used up for the day."""

    code = "sequence_exhausted"
