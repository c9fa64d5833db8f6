"""The clerk's own choices in the window: where the receipt goes on saving, the language.

Kept in ``clerk.ini`` of the data folder (QSettings, INI format), not in the workstation's
configuration file: they are the person's preferences, changed from the window's
Settings menu, and a test's data folder isolates them.
"""

from __future__ import annotations

import enum
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

SETTINGS_FILE = "clerk.ini"


class ReceiptOutput(enum.StrEnum):
    """What saving a dossier does with its receipt."""

    PREVIEW = "preview"  # open the preview; the clerk prints from it
    PRINTER = "printer"  # straight to the default printer
    PDF = "pdf"  # a PDF file in ``receipt_folder`` (no printer at the counter; tests)


class ClerkSettings:
    """Typed access to ``clerk.ini``; every value has a default."""

    def __init__(self, data_dir: Path) -> None:
        self._settings = QSettings(str(data_dir / SETTINGS_FILE), QSettings.Format.IniFormat)

    @property
    def receipt_output(self) -> ReceiptOutput:
        value = str(self._settings.value("receipt/output", ReceiptOutput.PREVIEW.value))
        try:
            return ReceiptOutput(value)
        except ValueError:
            return ReceiptOutput.PREVIEW

    @receipt_output.setter
    def receipt_output(self, value: ReceiptOutput) -> None:
        self._settings.setValue("receipt/output", value.value)
        self._settings.sync()

    @property
    def receipt_folder(self) -> Path | None:
        value = self._settings.value("receipt/folder", "")
        return Path(str(value)) if value else None

    @receipt_folder.setter
    def receipt_folder(self, value: Path | None) -> None:
        self._settings.setValue("receipt/folder", "" if value is None else str(value))
        self._settings.sync()

    @property
    def language(self) -> str | None:
        """ "vi" or "en" chosen in the window; None: the configuration file's."""
        value = str(self._settings.value("window/language", ""))
        return value if value in ("vi", "en") else None

    @language.setter
    def language(self, value: str | None) -> None:
        self._settings.setValue("window/language", value or "")
        self._settings.sync()


def default_export_folder() -> Path:
    """The user's documents folder: where exported forms go unless the clerk says otherwise."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()
