"""Where QR payloads from every source (camera, scanner gun, file) reach the applicant panel.

Camera and serial guns deliver real UTF-8; keyboard-wedge guns may garble Vietnamese
letters. For those the text integrity check says which fields to distrust: reversible
mojibake is repaired, the rest is shown to the clerk to retype, and what was read intact
(ID number, dates, sex) is kept.
"""

from __future__ import annotations

import enum
import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLineEdit

from reception.intake.qr_payload import QrParseResult, QrPayloadError, parse_qr_payload
from reception.intake.wedge_garbling import TextIntegrity, assess_text_integrity
from reception.warning import WarningCode, without
from ui.gui.applicant_panel import ApplicantPanel

log = logging.getLogger(__name__)


class QrSource(enum.StrEnum):
    CAMERA = "camera"
    KEYBOARD_WEDGE = "keyboard_wedge"
    SERIAL_GUN = "serial_gun"
    FILE = "file"


class QrIntake(QObject):
    """Parses scanned text, checks it, fills the panel, and says what happened."""

    # A payload filled the panel: the parse result (identity as read, raw kept).
    payload_accepted = Signal(object)
    # Scanned text that is not an ID card QR: the clerk's message.
    payload_refused = Signal(str)
    # The clerk's note about fields to check (empty when none), after a fill.
    integrity_noted = Signal(str)

    def __init__(self, panel: ApplicantPanel) -> None:
        super().__init__(panel)
        self._panel = panel
        self._field_labels = {
            "full_name": self.tr("full name"),
            "place_of_residence": self.tr("place of residence"),
            "sex": self.tr("sex"),
        }

    def accept_text(self, text: str, source: QrSource) -> None:
        """Parse ``text`` as scanned by ``source`` and fill the panel, or refuse it."""
        try:
            result = parse_qr_payload(text)
        except QrPayloadError as exc:
            log.info("scanned text from %s is not an ID card QR", source.value)
            self._panel.raw_payload.setPlainText(text)
            self.payload_refused.emit(
                self.tr("This QR code is not the QR of an ID card (%1).").replace("%1", exc.reason)
            )
            return
        self.accept_result(result, source)

    def accept_result(self, result: QrParseResult, source: QrSource) -> None:
        """Fill the panel from a parsed payload, repairing or flagging garbled text."""
        integrity = assess_text_integrity(result)
        identity = integrity.repaired_identity or result.identity
        warnings = result.warnings
        if identity.sex is not None and result.identity.sex is None:
            # The repair recovered the sex: the parser's complaint no longer applies.
            warnings = without(warnings, WarningCode.SEX_UNRECOGNISED)
        self._panel.fill_from_qr(QrParseResult(result.raw, identity, result.layout, warnings))
        note = self._note(integrity, source)
        if note:
            current = self._panel.warnings.text()
            self._panel.warnings.setText(f"{note}\n{current}" if current else note)
        for suspect in integrity.suspect_fields:
            edit = self._panel.findChild(QLineEdit, suspect.field)
            if edit is not None and suspect.needs_check:
                edit.setToolTip(self.tr("Check this field: the scanner may have garbled it."))
        log.info(
            "ID card QR read from %s (%d fields to check)",
            source.value,
            len(integrity.fields_to_check),
        )
        self.integrity_noted.emit(note)
        self.payload_accepted.emit(result)

    def _note(self, integrity: TextIntegrity, source: QrSource) -> str:
        if integrity.is_clean:
            return ""
        to_check = [self._label(name) for name in integrity.fields_to_check]
        repaired = [self._label(f.field) for f in integrity.suspect_fields if not f.needs_check]
        parts = []
        if source is QrSource.KEYBOARD_WEDGE:
            parts.append(self.tr("The scanner typed Vietnamese letters wrongly."))
        if repaired:
            parts.append(self.tr("Repaired: %1.").replace("%1", ", ".join(repaired)))
        if to_check:
            parts.append(
                self.tr("Check and retype: %1. The ID number and dates are correct.").replace(
                    "%1", ", ".join(to_check)
                )
            )
        return " ".join(parts)

    def _label(self, name: str) -> str:
        return self._field_labels.get(name, name)
