"""What the clerk should know before saving: the appointment a dossier would get now, and
whether the same person already has an open dossier for the same procedure."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from reception.procedures.catalogue import Procedure, TimeUnit
from reception.procedures.working_calendar import WorkingCalendar
from reception.workstation.timezone import now_in_vietnam

REFRESH_MS = 30_000  # the cut-off (15:00) can pass while a citizen is at the counter


class DossierChecks(QWidget):
    """The appointment line and the duplicate warning, under the components."""

    duplicates_shown = Signal(list)  # the open dossier codes now shown (maybe none)

    def __init__(self, calendar: WorkingCalendar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._calendar = calendar
        self._procedure: Procedure | None = None
        self._key: tuple[str, str] | None = None
        self.appointment = QLabel()
        self.appointment.setObjectName("appointment")
        self.appointment.setWordWrap(True)
        self.duplicate = QLabel()
        self.duplicate.setObjectName("duplicate_warning")
        self.duplicate.setWordWrap(True)
        self.duplicate.setStyleSheet("color: #9a5b00; font-weight: bold;")
        self.duplicate.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.appointment)
        layout.addWidget(self.duplicate)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()

    def show_procedure(self, procedure: Procedure | None) -> None:
        self._procedure = procedure
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Recompute the appointment for a dossier received now (pure computation)."""
        procedure = self._procedure
        if procedure is None:
            self.appointment.setText("")
            return
        processing = procedure.processing_time
        due = self._calendar.appointment(
            now_in_vietnam(),
            processing.value,
            processing.unit.value,
            procedure.cutoff,
            procedure.same_day,
        )
        if procedure.same_day:
            limit = self.tr("same day")
        elif processing.unit is TimeUnit.WORKING_HOURS:
            limit = self.tr("%1 working hours").replace("%1", str(processing.value))
        else:
            limit = self.tr("%1 working days").replace("%1", str(processing.value))
        self.appointment.setText(
            self.tr("Processing time: %1. If saved now, the result is due at %2.")
            .replace("%1", limit)
            .replace("%2", due.strftime("%H:%M %d/%m/%Y"))
        )

    def expect_open_dossiers(self, id_number: str, procedure_code: str) -> None:
        """Forget the previous warning; the answer for this key will come to
        :meth:`show_open_dossiers`."""
        self._key = (id_number, procedure_code)
        self.duplicate.hide()

    @Slot(str, str, list)
    def show_open_dossiers(self, id_number: str, procedure_code: str, codes: list[str]) -> None:
        if (id_number, procedure_code) != self._key:
            return  # the clerk has moved on
        self.duplicate.setVisible(bool(codes))
        self.duplicate.setText(
            self.tr("This person already has an open dossier for this procedure: %1").replace(
                "%1", ", ".join(codes)
            )
        )
        self.duplicates_shown.emit(codes)

    def clear_duplicate(self) -> None:
        self._key = None
        self.duplicate.hide()
