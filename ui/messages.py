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
    "signing_failed": QT_TRANSLATE_NOOP(
        "Messages", "The copy could not be signed and was not saved. Check the token and try again."
    ),
    "signing_unavailable": QT_TRANSLATE_NOOP(
        "Messages",
        "No signing token is configured or its PIN was not given: copies are marked, not signed.",
    ),
    "signing_token_unusable": QT_TRANSLATE_NOOP(
        "Messages", "The signing token cannot be used. Check that it is plugged in."
    ),
    "signing_token_absent": QT_TRANSLATE_NOOP(
        "Messages", "The signing token or its key was not found. Plug it in and try again."
    ),
    "signing_pin_refused": QT_TRANSLATE_NOOP("Messages", "The signing token refused the PIN."),
    "source_file_invalid": QT_TRANSLATE_NOOP(
        "Messages", "A file could not be read; the other files were not affected."
    ),
    "capture_cancelled": QT_TRANSLATE_NOOP("Messages", "The capture was cancelled."),
    # Input limits, backups, upload credentials (issue 16).
    "backup_failed": QT_TRANSLATE_NOOP(
        "Messages",
        "The database backup could not be made or used. Check the backup folder or drive.",
    ),
    "input_invalid": QT_TRANSLATE_NOOP(
        "Messages", "The file or value is not valid or is beyond the limits. Nothing was changed."
    ),
    "text_invalid": QT_TRANSLATE_NOOP(
        "Messages", "The text is too long or holds characters that cannot be printed."
    ),
    "birth_date_in_future": QT_TRANSLATE_NOOP("Messages", "The date of birth is in the future."),
    "upload_no_credentials": QT_TRANSLATE_NOOP(
        "Messages",
        "No upload user name and password are set: the dossiers wait in the queue. "
        "Call the administrator.",
    ),
    "internal": QT_TRANSLATE_NOOP("Messages", "Unexpected error. The details are in the log."),
    # Personal data: clerk accounts, sign-in, data subjects' requests (issue 14).
    "sign_in_failed": QT_TRANSLATE_NOOP(
        "Messages", "The name or the password is wrong, or the account is turned off."
    ),
    "sign_in_required": QT_TRANSLATE_NOOP("Messages", "Sign in first."),
    "administrator_required": QT_TRANSLATE_NOOP(
        "Messages", "Only an administrator may do this. Ask an administrator to sign in."
    ),
    "clerk_invalid": QT_TRANSLATE_NOOP(
        "Messages",
        "The account cannot be created or changed like this. Check the name and the password.",
    ),
    "subject_request_invalid": QT_TRANSLATE_NOOP(
        "Messages", "The request cannot be recorded like this. Check the ID number and the dates."
    ),
}


def message_for(code: str) -> str:
    """The translated message for ``code`` (the generic one for an unknown code)."""
    source = _MESSAGES.get(code, _MESSAGES["internal"])
    return QCoreApplication.translate(_CONTEXT, str(source))


_WARNING_CONTEXT = "Warnings"

# Warnings of the identity parsers (``code`` or ``code: English detail``), for the clerk.
_WARNINGS: dict[str, object] = {
    "id_number_malformed": QT_TRANSLATE_NOOP("Warnings", "The ID number is not 12 digits."),
    "id_province_unknown": QT_TRANSLATE_NOOP(
        "Warnings", "The ID number starts with an unknown province code."
    ),
    "id_century_mismatch": QT_TRANSLATE_NOOP(
        "Warnings", "The ID number's century digit does not match the date of birth."
    ),
    "id_sex_mismatch": QT_TRANSLATE_NOOP(
        "Warnings", "The ID number's sex digit does not match the sex."
    ),
    "id_birth_year_mismatch": QT_TRANSLATE_NOOP(
        "Warnings", "The ID number's birth year does not match the date of birth."
    ),
    "date_of_birth_missing": QT_TRANSLATE_NOOP("Warnings", "The date of birth is missing."),
    "date_of_birth_invalid": QT_TRANSLATE_NOOP("Warnings", "The date of birth is not a real date."),
    "date_of_birth_in_future": QT_TRANSLATE_NOOP("Warnings", "The date of birth is in the future."),
    "issue_date_missing": QT_TRANSLATE_NOOP("Warnings", "The issue date is missing."),
    "issue_date_invalid": QT_TRANSLATE_NOOP("Warnings", "The issue date is not a real date."),
    "issue_date_in_future": QT_TRANSLATE_NOOP("Warnings", "The issue date is in the future."),
    "issue_date_before_birth": QT_TRANSLATE_NOOP(
        "Warnings", "The issue date is before the date of birth."
    ),
    "sex_unrecognised": QT_TRANSLATE_NOOP("Warnings", "The sex is neither Nam nor Nữ."),
    "sex_spelling": QT_TRANSLATE_NOOP("Warnings", "The sex was written without diacritics."),
    "old_id_number_invalid": QT_TRANSLATE_NOOP(
        "Warnings", "The old ID (CMND) number is not 9 or 12 digits."
    ),
    "layout_unconfirmed": QT_TRANSLATE_NOOP(
        "Warnings", "This QR layout is not confirmed yet: check every field."
    ),
    "text_garbled": QT_TRANSLATE_NOOP(
        "Warnings", "Some letters look garbled by the scanner: check names and addresses."
    ),
}


def warning_text(warning: str) -> str:
    """The clerk's text for a parser warning; an unknown code is shown as it is."""
    code = warning.split(":", 1)[0].strip()
    source = _WARNINGS.get(code)
    if source is None:
        return warning
    return QCoreApplication.translate(_WARNING_CONTEXT, str(source))
