"""Reading the ID card chip from the window: the card laid down starts the read.

The reader watch comes from the device monitor (``readers_changed``); a card appearing
in a reader starts a read on the card thread with the keys of the QR just scanned, or,
without them (or when they do not open the chip), with keys the clerk types in a dialog.
Progress, the photo and the authenticity verdict show in a dock beside the applicant
panel, which is filled with the chip's data (source CHIP when genuine and the issuer is
verified, CHIP_UNVERIFIED otherwise). Nothing here blocks the GUI thread.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from hardware.card.connection import ReaderInfo, ReaderProvider
from hardware.card.simulated import SimulatedReaderProvider
from hardware.errors import HardwareError
from hardware.icao.authenticity import Authenticity, Check, Verdict
from hardware.icao.csca_store import CscaStore, load_csca_store
from reception.errors import ReceptionError
from reception.identity.written_dates import parse_written_date
from reception.intake.chip_keys import ChipKeys
from reception.intake.chip_reading import ChipReadResult, read_chip
from reception.intake.qr_payload import QrParseResult
from ui.composition import DeviceSet
from ui.gui.applicant_panel import ApplicantPanel
from ui.gui.blocking import stop_thread, worker_thread
from ui.messages import MESSAGES, message_for

log = logging.getLogger(__name__)

PHOTO_WIDTH = 105  # small enough for the window to fit a 1280×720 screen
_ACCESS_DENIED = "icao_access_denied"
_VERDICT_COLOURS = {
    Verdict.GENUINE: "#1b5e20",
    Verdict.GENUINE_ISSUER_UNKNOWN: "#8a5a00",
    Verdict.NOT_GENUINE: "#b3261e",
    Verdict.NOT_CHECKED: "#555555",
}


class ChipReadWorker(QObject):
    """Lives on the card thread; every call into the reader happens here."""

    progressed = Signal(str, int)  # step name, percent
    read_finished = Signal(object)  # reception.intake.chip_reading.ChipReadResult
    failed = Signal(str, str)  # error code, English detail (for the log)

    def __init__(self, readers: ReaderProvider, csca_folder: Path | None = None) -> None:
        super().__init__()
        self._readers = readers
        self._csca_folder = csca_folder
        self._store: CscaStore | None = None

    @Slot(str, object)
    def read(self, reader: str, keys: ChipKeys) -> None:
        """Read the card in ``reader``; ends with ``read_finished`` or ``failed``."""
        try:
            if self._csca_folder is not None and self._store is None:
                self._store = load_csca_store(self._csca_folder)
            with self._readers.connect(reader) as connection:
                result = read_chip(
                    connection,
                    keys,
                    csca_store=self._store,
                    progress=lambda step, done: self.progressed.emit(step, int(done * 100)),
                )
        except (HardwareError, ReceptionError) as exc:
            log.info("chip read failed: %s", exc.code)
            self.failed.emit(exc.code, str(exc))
            return
        except FileNotFoundError as exc:
            self.failed.emit("device_failed", str(exc))
            return
        self.read_finished.emit(result)


class ChipKeysDialog(QDialog):
    """Asks for the ID number and date of birth (and, for old chips, the issue date)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Open the chip"))
        self.id_number = QLineEdit()
        self.id_number.setObjectName("chip_id_number")
        self.id_number.setInputMask("999999999999;_")
        self.date_of_birth = QLineEdit()
        self.date_of_birth.setObjectName("chip_date_of_birth")
        self.date_of_birth.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.issue_date = QLineEdit()
        self.issue_date.setObjectName("chip_issue_date")
        self.issue_date.setPlaceholderText(self.tr("dd/mm/yyyy (only for cards without PACE)"))
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b3261e;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("Type the ID number printed on the card.")))
        form.addRow(self.tr("ID number"), self.id_number)
        form.addRow(self.tr("Date of birth"), self.date_of_birth)
        form.addRow(self.tr("Issue date"), self.issue_date)
        form.addRow(self.problem)
        form.addRow(buttons)
        self.keys: ChipKeys | None = None

    def _on_buttons_accepted(self) -> None:
        birth, issue = (
            parse_written_date(self.date_of_birth.text()),
            parse_written_date(self.issue_date.text()),
        )
        if self.date_of_birth.text().strip() and birth is None:
            self.problem.setText(self.tr("The date of birth must be dd/mm/yyyy."))
            return
        try:
            self.keys = ChipKeys.from_id_number(self.id_number.text(), birth, issue_date=issue)
        except ReceptionError:
            self.problem.setText(self.tr("The ID number must be 12 digits."))
            return
        self.accept()


class ChipResultPanel(QWidget):
    """Photo, verdict banner, progress and the reason, for the last chip read."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.photo = QLabel(self.tr("No photo"))
        self.photo.setObjectName("chip_photo")
        self.photo.setFixedSize(PHOTO_WIDTH, PHOTO_WIDTH * 4 // 3)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setStyleSheet("border: 1px solid #999;")
        self.verdict = QLabel(self.tr("Lay the ID card on the reader"))
        self.verdict.setObjectName("chip_verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setStyleSheet("font-weight: bold; padding: 6px;")
        self.details = QLabel()
        self.details.setObjectName("chip_details")
        self.details.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setObjectName("chip_progress")
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.verdict)
        layout.addWidget(self.progress)
        layout.addWidget(self.details)
        layout.addStretch(1)

    def clear(self) -> None:
        """Back to waiting for a card: no photo, no verdict."""
        self.photo.clear()
        self.photo.setText(self.tr("No photo"))
        self.progress.setVisible(False)
        self.verdict.setText(self.tr("Lay the ID card on the reader"))
        self.verdict.setStyleSheet("font-weight: bold; padding: 6px;")
        self.details.clear()

    def show_reading(self) -> None:
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self._banner(self.tr("Reading the chip… keep the card on the reader"), "#0d47a1")
        self.details.clear()

    def show_progress(self, percent: int) -> None:
        self.progress.setValue(percent)

    def show_result(self, result: ChipReadResult) -> None:
        self.progress.setVisible(False)
        image = result.photo_image
        if image is not None:
            qimage = QImage(
                image.rgb, image.width, image.height, 3 * image.width, QImage.Format.Format_RGB888
            ).copy()
            self.photo.setPixmap(
                QPixmap.fromImage(qimage).scaled(
                    self.photo.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.photo.setText(self.tr("No photo"))
        auth = result.authenticity
        self._banner(self._verdict_text(auth), _VERDICT_COLOURS[auth.verdict])
        self.details.setText(self._reason_text(auth))

    def show_error(self, text: str) -> None:
        self.progress.setVisible(False)
        self._banner(text, _VERDICT_COLOURS[Verdict.NOT_GENUINE])

    def _banner(self, text: str, colour: str) -> None:
        self.verdict.setText(text)
        self.verdict.setStyleSheet(
            f"font-weight: bold; padding: 6px; color: white; background: {colour};"
        )

    def _verdict_text(self, auth: Authenticity) -> str:
        texts = {
            Verdict.GENUINE: self.tr("Chip GENUINE — issuer verified"),
            Verdict.GENUINE_ISSUER_UNKNOWN: self.tr(
                "Chip data intact and signed — issuer NOT verified"
            ),
            Verdict.NOT_GENUINE: self.tr("NOT GENUINE — do not accept this card"),
            Verdict.NOT_CHECKED: self.tr("Authenticity NOT checked"),
        }
        return texts[auth.verdict]

    def _reason_text(self, auth: Authenticity) -> str:
        if auth.hashes is Check.FAILED:
            groups = ", ".join(f"DG{n}" for n in auth.mismatched_data_groups)
            return self.tr("Data changed after the card was issued (%1).").replace("%1", groups)
        if auth.signature is Check.FAILED:
            return self.tr("The signature over the card's data is invalid.")
        if auth.issuer is Check.FAILED:
            return self.tr("The card's signer was not issued by a trusted authority.")
        if auth.active_auth is Check.FAILED:
            return self.tr("The chip failed active authentication (possible copy).")
        if auth.verdict is Verdict.GENUINE_ISSUER_UNKNOWN:
            return self.tr("No certificate of the issuing authority is installed.")
        if auth.verdict is Verdict.NOT_CHECKED:
            return self.tr("The chip has no security object.")
        return ""


class CardReading(QObject):
    """Starts chip reads when a card is laid down, and shows their results."""

    read_requested = Signal(str, object)  # reader, ChipKeys: to the worker's thread
    result_shown = Signal(object)  # ChipReadResult, after the panel and dock show it
    read_failed = Signal(str)  # error code, after the dock shows it

    def __init__(
        self,
        window: QMainWindow,
        applicant: ApplicantPanel,
        devices: DeviceSet,
        csca_folder: Path | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._applicant = applicant
        self._devices = devices
        self._keys: ChipKeys | None = None
        self._with_card: set[str] = set()
        self._busy = False
        self._reader = ""
        self.panel = ChipResultPanel()
        dock = QDockWidget(self.tr("ID card chip"), window)
        dock.setObjectName("chip_dock")
        dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.worker = ChipReadWorker(devices.card_readers, csca_folder)
        self.card_thread = worker_thread(self.worker, "card", self)
        self.read_requested.connect(self.worker.read)
        self.worker.progressed.connect(self._on_worker_progressed)
        self.worker.read_finished.connect(self._on_worker_read_finished)
        self.worker.failed.connect(self._on_worker_failed)
        self.insert_action = QAction(self.tr("Lay the simulated card"), self)
        self.insert_action.setObjectName("insert_simulated_card")
        self.insert_action.setShortcut("F9")
        self.insert_action.setEnabled(devices.simulated_card is not None)
        self.insert_action.setCheckable(True)
        self.insert_action.toggled.connect(self._on_insert_action_toggled)
        if devices.simulated_card is not None:
            toolbar = window.addToolBar(self.tr("Simulated card"))
            toolbar.setObjectName("simulated_card_toolbar")
            toolbar.addAction(self.insert_action)
        self.card_thread.start()

    @Slot(object)
    def remember_qr(self, result: QrParseResult) -> None:
        """Keep the keys of the QR just scanned for the next card laid down."""
        try:
            self._keys = ChipKeys.from_qr(result)
        except ReceptionError:
            self._keys = None

    @Slot(list)
    def on_readers_changed(self, readers: list[ReaderInfo]) -> None:
        """A reader that newly holds a card starts a read."""
        present = {r.name for r in readers if r.card_present}
        laid_down = sorted(present - self._with_card)
        self._with_card = present
        if laid_down and not self._busy:
            self.start_read(laid_down[0])

    @Slot()
    def forget(self) -> None:
        """A new dossier: no keys, photo or verdict of the previous citizen remain."""
        self._keys = None
        self.panel.clear()
        if self.insert_action.isChecked():  # the simulated citizen takes their card back
            self.insert_action.setChecked(False)

    def start_read(self, reader: str, *, ask: bool = False) -> None:
        """Read the card in ``reader`` with the known keys, or ask the clerk for them."""
        keys = self._keys
        if keys is None or ask:
            dialog = ChipKeysDialog(self._window)
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.keys is None:
                return
            keys = self._keys = dialog.keys
        self._busy = True
        self._reader = reader
        self.panel.show_reading()
        self.read_requested.emit(reader, keys)

    def shutdown(self) -> None:
        """Stop the card thread (after the current read)."""
        stop_thread(self.card_thread)

    def _on_insert_action_toggled(self, laid: bool) -> None:
        readers = self._devices.card_readers
        card = self._devices.simulated_card
        if not isinstance(readers, SimulatedReaderProvider) or card is None:
            return
        if laid:
            readers.insert(card)
        else:
            readers.remove()
        # In-memory: no need to wait for the monitor's next poll.
        self.on_readers_changed(readers.readers())

    def _on_worker_progressed(self, _step: str, percent: int) -> None:
        self.panel.show_progress(percent)

    def _on_worker_read_finished(self, result: ChipReadResult) -> None:
        self._busy = False
        self.panel.show_result(result)
        self._applicant.fill_identity(result.identity, result.source, warnings=result.warnings)
        self.result_shown.emit(result)

    def _on_worker_failed(self, code: str, detail: str) -> None:
        self._busy = False
        log.info("chip read failed (%s)", code)
        del detail  # English, for logs only; it never carries personal data
        self.panel.show_error(self._failure_text(code))
        self.read_failed.emit(code)
        if code == _ACCESS_DENIED and self._reader in self._with_card:
            # The QR's keys belong to another card (or there were none): ask the clerk,
            # once the current signal delivery is over.
            QTimer.singleShot(0, lambda: self.start_read(self._reader, ask=True))

    def _failure_text(self, code: str) -> str:
        # A code without its own text is still a chip that could not be read.
        return message_for(code if code in MESSAGES else "icao_failed")
