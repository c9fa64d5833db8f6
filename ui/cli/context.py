"""What every command may need, opened lazily: the configuration and the database."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from reception.digitising.reuse_store import DOCUMENTS_FOLDER
from reception.privacy.clerks import Clerk
from reception.privacy.processing_log import ProcessingLog
from reception.storage.database import DATABASE_FILE, open_database
from reception.storage.document_vault import seal_plain_documents
from reception.workstation.config import Config, load_config
from reception.workstation.paths import default_config_file, default_data_dir
from ui.storage_policy import configure_storage


def configure_backups(config: Config) -> None:
    """The backup policy of ``[storage]``, for every database opened from now on."""
    configure_storage(config)


@dataclass
class CliContext:
    config_file: Path | None = None
    data_dir_option: Path | None = None
    operator_option: str | None = None
    _config: Config | None = field(default=None, init=False)
    _db: sqlite_utils.Database | None = field(default=None, init=False)
    _operator: str | None = field(default=None, init=False)
    #: The clerk who signed in for this command (``ui.cli.sign_in``), once checked.
    signed_in: Clerk | None = field(default=None, init=False)

    @property
    def config_path(self) -> Path:
        return self.config_file or default_config_file()

    @property
    def config(self) -> Config:
        """The configuration; raises ``ConfigError`` (a user error) when it is invalid."""
        if self._config is None:
            self._config = load_config(self.config_path)
        return self._config

    @property
    def data_dir(self) -> Path:
        """``--data-dir``, else the config's ``storage.data_dir``, else the per-user default."""
        if self.data_dir_option is not None:
            return self.data_dir_option
        if not os.environ.get("RECEPTION_DATA_DIR") and self.config.data_dir is not None:
            return self.config.data_dir
        return default_data_dir()

    @property
    def database_path(self) -> Path:
        return self.data_dir / DATABASE_FILE

    @property
    def db(self) -> sqlite_utils.Database:
        if self._db is None:
            configure_backups(self.config)
            self._db = open_database(self.database_path)
            # What an older version kept plain in the documents folder is sealed now.
            seal_plain_documents(self.data_dir / DOCUMENTS_FOLDER)
        return self._db

    @property
    def operator(self) -> str:
        """The clerk this command acts for (see :mod:`ui.cli.sign_in`), resolved once."""
        if self._operator is None:
            from ui.cli.sign_in import resolve_operator

            self._operator = resolve_operator(self)
        return self._operator

    @property
    def processing_log(self) -> ProcessingLog:
        """The processing log, recording against :attr:`operator`."""
        from ui.cli.sign_in import processing_log_for

        return processing_log_for(self)

    def close(self) -> None:
        if self._db is not None:
            self._db.conn.close()
            self._db = None
