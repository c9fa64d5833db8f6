"""User-facing text for error codes: one table, translated through Qt.

Exceptions carry a stable ``code`` and an English detail for logs; what the clerk reads
comes from here, in the UI language.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_CONTEXT = "Messages"

_MESSAGES: dict[str, object] = {
    "config_invalid": QT_TRANSLATE_NOOP(
        "Messages", "The configuration file is invalid. Call the administrator."
    ),
    "storage_failed": QT_TRANSLATE_NOOP(
        "Messages",
        "The local database cannot be written. Nothing was lost; check the disk and try again.",
    ),
    "sequence_exhausted": QT_TRANSLATE_NOOP(
        "Messages",
        "This counter has used up its block of dossier numbers for today. Call the administrator.",
    ),
    "not_id_qr": QT_TRANSLATE_NOOP("Messages", "This QR code is not the QR of an ID card."),
    "device_unavailable": QT_TRANSLATE_NOOP(
        "Messages", "The device is not connected or is in use by another program."
    ),
    "device_busy": QT_TRANSLATE_NOOP("Messages", "Another program is using the device."),
    "card_removed": QT_TRANSLATE_NOOP(
        "Messages", "The card was removed before the reading finished. Lay it down again."
    ),
    "card_communication": QT_TRANSLATE_NOOP(
        "Messages", "The card did not answer correctly. Lay it down again."
    ),
    "device_failed": QT_TRANSLATE_NOOP("Messages", "The device failed."),
    # Digitising dossier components (issue 6).
    "digitise_failed": QT_TRANSLATE_NOOP(
        "Messages", "The PDF of the component could not be made. Check the disk and try again."
    ),
    "digitise_no_pages": QT_TRANSLATE_NOOP(
        "Messages", "Every page is blank or deleted: there is nothing to save."
    ),
    "source_file_invalid": QT_TRANSLATE_NOOP(
        "Messages", "A file could not be read; the other files were not affected."
    ),
    "capture_cancelled": QT_TRANSLATE_NOOP("Messages", "The capture was cancelled."),
    "internal": QT_TRANSLATE_NOOP("Messages", "Unexpected error. The details are in the log."),
}


def message_for(code: str) -> str:
    """The translated message for ``code`` (the generic one for an unknown code)."""
    source = _MESSAGES.get(code, _MESSAGES["internal"])
    return QCoreApplication.translate(_CONTEXT, str(source))
