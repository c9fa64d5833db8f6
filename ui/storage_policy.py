"""The database backup policy of ``[storage]``, applied once by the window and the CLI.

Kept apart from :mod:`ui.composition` so that text commands do not import the devices.
"""

from __future__ import annotations

from reception.storage import backups, encryption
from reception.workstation.config import Config


def configure_storage(config: Config) -> None:
    """Apply ``[storage]``'s backup folder, interval and count, and its encryption
    (``encrypt``, ``key_store``), to every database opened from now on
    (:func:`reception.storage.database.open_database`)."""
    storage = config.storage
    backups.configure(
        backups.BackupPolicy(
            folder=storage.backup_folder,
            interval_seconds=storage.backup_interval_hours * 3600,
            keep=storage.backup_keep,
        )
    )
    encryption.configure(
        encryption.EncryptionPolicy(encrypt=storage.encrypt, key_store=storage.key_store)
    )
