"""What the clerk reads for every error and warning code: one table, translated through Qt.

Exceptions carry a stable ``code`` and an English detail for logs; warnings are values
(:class:`reception.warning.DomainWarning`). The clerk's words for both, and for the
applicant checks (:class:`reception.dossiers.applicant.ApplicantProblem`), are here, keyed
by code, in English; the Vietnamese is in ``resources/translations/reception_vi.ts``
(context ``Messages``). Add a new code's text here; ``tests/ui/test_messages.py`` fails
for a code that has none. ``%1`` in a text is replaced by a warning's ``args``.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from reception.warning import DomainWarning

_CONTEXT = "Messages"

_SOURCES: dict[str, object] = {
    # -- errors (the ``code`` of the error classes of reception/, hardware/ and ui/) --------
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
    "processing_log_damaged": QT_TRANSLATE_NOOP(
        "Messages", "The processing log was changed outside the app. Call the administrator."
    ),
    "subject_request_invalid": QT_TRANSLATE_NOOP(
        "Messages", "The request cannot be recorded like this. Check the ID number and the dates."
    ),
    "user_error": QT_TRANSLATE_NOOP(
        "Messages", "The request could not be completed. Check what was entered and try again."
    ),
    "config_invalid": QT_TRANSLATE_NOOP(
        "Messages", "The configuration file is invalid. Call the administrator."
    ),
    "storage_failed": QT_TRANSLATE_NOOP(
        "Messages",
        "The local database cannot be written. Nothing was lost; check the disk and try again.",
    ),
    "storage_disk_full": QT_TRANSLATE_NOOP(
        "Messages", "The disk is full: the dossier was not saved. Free some space and save again."
    ),
    "storage_read_only": QT_TRANSLATE_NOOP(
        "Messages",
        "The local database cannot be written (read-only file or folder). Call the administrator.",
    ),
    "storage_locked": QT_TRANSLATE_NOOP(
        "Messages", "Another program is holding the local database. Close it, then try again."
    ),
    "storage_corrupt": QT_TRANSLATE_NOOP(
        "Messages",
        "The local database file is damaged. Stop receiving dossiers on this computer and "
        "call the administrator to restore the latest backup (reception db restore); "
        "nothing is deleted.",
    ),
    # Encryption at rest (issue 14).
    "storage_key": QT_TRANSLATE_NOOP(
        "Messages",
        "The key of the local database cannot be read (the OS key store or the key file). "
        "Call the administrator.",
    ),
    "storage_key_wrong": QT_TRANSLATE_NOOP(
        "Messages",
        "The local database cannot be read with this computer's key. Call the administrator "
        "to put back this data folder's key or restore a backup made here; nothing is deleted.",
    ),
    "document_damaged": QT_TRANSLATE_NOOP(
        "Messages",
        "A document kept on this computer is damaged or was changed (it fails its check). "
        "Scan the paper again; call the administrator if it happens again.",
    ),
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
    "storage_io": QT_TRANSLATE_NOOP(
        "Messages", "The disk failed a read or write. Check the disk, then try again."
    ),
    "storage_bug": QT_TRANSLATE_NOOP(
        "Messages",
        "The local database refused an operation (a fault in the app). Nothing was saved; the "
        "details are in the log.",
    ),
    "sequence_exhausted": QT_TRANSLATE_NOOP(
        "Messages",
        "This counter has used up its block of dossier numbers for today. Call the administrator.",
    ),
    "calendar_invalid": QT_TRANSLATE_NOOP(
        "Messages", "The local working-day calendar is invalid. Call the administrator."
    ),
    "catalogue_invalid": QT_TRANSLATE_NOOP(
        "Messages", "The procedure catalogue is invalid. Call the administrator."
    ),
    "procedure_unknown": QT_TRANSLATE_NOOP("Messages", "This procedure is not in the catalogue."),
    "applicant_invalid": QT_TRANSLATE_NOOP(
        "Messages", "Some details of the applicant are missing or invalid."
    ),
    "dossier_unknown": QT_TRANSLATE_NOOP("Messages", "No dossier has this code."),
    "component_invalid": QT_TRANSLATE_NOOP(
        "Messages", "A dossier component is not part of this procedure."
    ),
    "date_range_invalid": QT_TRANSLATE_NOOP("Messages", "The date range is invalid."),
    "not_id_qr": QT_TRANSLATE_NOOP("Messages", "This QR code is not the QR of an ID card."),
    "chip_keys_invalid": QT_TRANSLATE_NOOP(
        "Messages", "The keys typed for the chip are invalid: check the ID number and the dates."
    ),
    "device_unavailable": QT_TRANSLATE_NOOP(
        "Messages", "The device is not connected or is in use by another program."
    ),
    "device_busy": QT_TRANSLATE_NOOP("Messages", "Another program is using the device."),
    "device_failed": QT_TRANSLATE_NOOP("Messages", "The device failed."),
    "card_removed": QT_TRANSLATE_NOOP(
        "Messages", "The card was removed before the reading finished. Lay it down again."
    ),
    "card_communication": QT_TRANSLATE_NOOP(
        "Messages", "The card did not answer correctly. Lay it down again."
    ),
    "icao_failed": QT_TRANSLATE_NOOP(
        "Messages", "The chip could not be read. Lay the card down again."
    ),
    "icao_access_denied": QT_TRANSLATE_NOOP(
        "Messages", "The keys do not open this chip: scan the card's QR or type its ID number."
    ),
    "icao_chip_not_authentic": QT_TRANSLATE_NOOP(
        "Messages", "NOT GENUINE: the chip failed chip authentication (possible copy)."
    ),
    "icao_secure_messaging": QT_TRANSLATE_NOOP(
        "Messages", "The chip's answers failed their integrity check. Lay the card down again."
    ),
    "icao_malformed_response": QT_TRANSLATE_NOOP(
        "Messages", "The chip gave an answer that is not valid. Lay the card down again."
    ),
    "icao_unsupported_protocol": QT_TRANSLATE_NOOP(
        "Messages", "The chip uses a protocol this app does not support."
    ),
    "icao_status": QT_TRANSLATE_NOOP(
        "Messages", "The chip refused a command. Lay the card down again."
    ),
    "icao_file_access": QT_TRANSLATE_NOOP(
        "Messages", "A file on the chip could not be read. Lay the card down again."
    ),
    "icao_extended_length": QT_TRANSLATE_NOOP(
        "Messages", "The card reader refused long answers from the chip. Try another reader."
    ),
    "icao_data_group": QT_TRANSLATE_NOOP(
        "Messages", "The data on the chip could not be understood."
    ),
    "capture_cancelled": QT_TRANSLATE_NOOP("Messages", "The capture was cancelled."),
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
    "file_unreadable": QT_TRANSLATE_NOOP("Messages", "The file could not be read."),
    "file_not_regular": QT_TRANSLATE_NOOP(
        "Messages", "This is not a file that can be opened (a folder or a device)."
    ),
    "file_too_large": QT_TRANSLATE_NOOP("Messages", "The file is too large to open."),
    "image_too_large": QT_TRANSLATE_NOOP("Messages", "The image is too large to open."),
    "form_template_unknown": QT_TRANSLATE_NOOP("Messages", "This form is not available."),
    "form_wording_invalid": QT_TRANSLATE_NOOP(
        "Messages", "The corrected wording of a form is invalid. Call the administrator."
    ),
    "form_render_failed": QT_TRANSLATE_NOOP("Messages", "The form could not be prepared."),
    "form_write_failed": QT_TRANSLATE_NOOP(
        "Messages", "The PDF could not be written there. Choose another folder or free some space."
    ),
    "print_failed": QT_TRANSLATE_NOOP(
        "Messages", "The printer could not be opened. Check it and try again."
    ),
    "upload_failed": QT_TRANSLATE_NOOP(
        "Messages", "The dossier could not be sent to the province's system. It stays queued."
    ),
    "upload_transient": QT_TRANSLATE_NOOP(
        "Messages",
        "The province's system did not answer in time. The dossier will be sent again "
        "automatically.",
    ),
    "server_unreachable": QT_TRANSLATE_NOOP(
        "Messages", "The province's system cannot be reached. The counter keeps working offline."
    ),
    "server_unavailable": QT_TRANSLATE_NOOP(
        "Messages",
        "The province's system is temporarily unavailable. The dossier will be sent later.",
    ),
    "upload_rejected": QT_TRANSLATE_NOOP(
        "Messages", "The province's system refused the dossier. See the reason and correct it."
    ),
    "upload_invalid": QT_TRANSLATE_NOOP(
        "Messages",
        "The province's system found the dossier invalid. See the reason and correct it.",
    ),
    "upload_conflict": QT_TRANSLATE_NOOP(
        "Messages",
        "The province's system already holds a different dossier with this code. Call the "
        "administrator.",
    ),
    "upload_auth_refused": QT_TRANSLATE_NOOP(
        "Messages",
        "The province's system refused the counter's credentials. Call the administrator.",
    ),
    "upload_file_missing": QT_TRANSLATE_NOOP(
        "Messages", "A file of the dossier is missing on this computer."
    ),
    "upload_record_invalid": QT_TRANSLATE_NOOP(
        "Messages",
        "The dossier's record cannot be sent as it is (a fault in the app). The details are in "
        "the log.",
    ),
    "upload_cancelled": QT_TRANSLATE_NOOP("Messages", "Sending was stopped."),
    "upload_not_configured": QT_TRANSLATE_NOOP(
        "Messages",
        "The address of the province's system is not configured. Call the administrator.",
    ),
    "upload_unknown_dossier": QT_TRANSLATE_NOOP(
        "Messages", "No dossier with this code is in the upload queue."
    ),
    # -- warnings (reception.warning.WarningCode) ----------------------------------------
    "id_number_malformed": QT_TRANSLATE_NOOP("Messages", "The ID number must have 12 digits."),
    "id_province_unknown": QT_TRANSLATE_NOOP(
        "Messages", "The ID number starts with an unknown province code."
    ),
    "id_century_mismatch": QT_TRANSLATE_NOOP(
        "Messages", "The ID number's century digit does not match the date of birth."
    ),
    "id_sex_mismatch": QT_TRANSLATE_NOOP(
        "Messages", "The ID number's sex digit does not match the sex."
    ),
    "id_birth_year_mismatch": QT_TRANSLATE_NOOP(
        "Messages", "The ID number's birth year does not match the date of birth."
    ),
    "date_of_birth_missing": QT_TRANSLATE_NOOP("Messages", "The date of birth is missing."),
    "date_of_birth_invalid": QT_TRANSLATE_NOOP("Messages", "The date of birth is not a real date."),
    "date_of_birth_in_future": QT_TRANSLATE_NOOP("Messages", "The date of birth is in the future."),
    "issue_date_missing": QT_TRANSLATE_NOOP("Messages", "The issue date is missing."),
    "issue_date_invalid": QT_TRANSLATE_NOOP("Messages", "The issue date is not a real date."),
    "issue_date_in_future": QT_TRANSLATE_NOOP("Messages", "The issue date is in the future."),
    "issue_date_before_birth": QT_TRANSLATE_NOOP(
        "Messages", "The issue date is before the date of birth."
    ),
    "sex_unrecognised": QT_TRANSLATE_NOOP("Messages", "The sex is neither Nam nor Nữ."),
    "sex_spelling": QT_TRANSLATE_NOOP("Messages", "The sex was written without diacritics."),
    "old_id_number_invalid": QT_TRANSLATE_NOOP(
        "Messages", "The old ID (CMND) number is not 9 or 12 digits."
    ),
    "layout_unconfirmed": QT_TRANSLATE_NOOP(
        "Messages", "This QR layout is not confirmed yet: check every field."
    ),
    "text_garbled": QT_TRANSLATE_NOOP(
        "Messages", "Some letters look garbled by the scanner: check names and addresses."
    ),
    "markup_in_text": QT_TRANSLATE_NOOP(
        "Messages",
        "A name or address holds formatting codes (HTML tags): it is shown as plain text, "
        "check it.",
    ),
    "mrz_check_digit_mismatch": QT_TRANSLATE_NOOP(
        "Messages", "The check digits of the chip's MRZ do not match: check the details."
    ),
    "dg13_sex_unknown": QT_TRANSLATE_NOOP(
        "Messages", "The chip records a sex that is neither Nam nor Nữ."
    ),
    "photo_not_decodable": QT_TRANSLATE_NOOP(
        "Messages", "The photo on the chip could not be shown."
    ),
    "open_dossier_exists": QT_TRANSLATE_NOOP(
        "Messages", "This person already has an open dossier for this procedure: %1."
    ),
    # -- the identity on the day (reception.identity.validity) ---------------------------
    "card_expired": QT_TRANSLATE_NOOP(
        "Messages", "The card has expired: it still shows the ID number, ask for a valid paper."
    ),
    "address_names_abolished_district": QT_TRANSLATE_NOOP(
        "Messages",
        "The address names a district abolished in 2025: confirm the current address"
        " (..., phường/xã, tỉnh/thành phố).",
    ),
    # -- applicant checks (reception.dossiers.applicant.ApplicantProblem) ----------------
    "name_missing": QT_TRANSLATE_NOOP("Messages", "Enter the applicant's full name."),
    "address_missing": QT_TRANSLATE_NOOP("Messages", "Enter the address."),
    "phone_malformed": QT_TRANSLATE_NOOP(
        "Messages", "The phone number is not valid (10 digits starting with 0, e.g. 0912345678)."
    ),
    "email_malformed": QT_TRANSLATE_NOOP("Messages", "The email address is not valid."),
    "principal_name_missing": QT_TRANSLATE_NOOP(
        "Messages", "Enter the name of the person or organisation represented."
    ),
    "principal_id_malformed": QT_TRANSLATE_NOOP(
        "Messages", "The represented person's ID number must have 12 digits."
    ),
    "tax_code_malformed": QT_TRANSLATE_NOOP(
        "Messages", "The tax code must have 10 digits (or 10 digits, a dash and 3 digits)."
    ),
}

# The English text of every code (QT_TRANSLATE_NOOP marks it for lupdate, returns it as is).
MESSAGES: dict[str, str] = {code: str(text) for code, text in _SOURCES.items()}


def message_for(code: str) -> str:
    """The translated text for ``code`` (the generic one for an unknown code)."""
    source = MESSAGES.get(code, MESSAGES["internal"])
    return QCoreApplication.translate(_CONTEXT, source)


def warning_text(warning: DomainWarning) -> str:
    """The clerk's text for ``warning``, its ``args`` filled in (an unknown code as it is)."""
    source = MESSAGES.get(warning.code)
    if source is None:
        return str(warning)
    text = QCoreApplication.translate(_CONTEXT, source)
    return text.replace("%1", ", ".join(warning.args)) if "%1" in text else text
