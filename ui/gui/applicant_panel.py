"""The applicant panel: who submits the dossier, with where each value came from."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reception.dossiers.applicant import Applicant, ApplicantProblem, check_applicant
from reception.identity.citizen import CitizenIdentity, IdentitySource, Sex
from reception.identity.validity import identity_warnings
from reception.identity.written_dates import parse_written_date
from reception.intake.qr_payload import QrParseResult
from reception.warning import DomainWarning
from reception.workstation.timezone import now_in_vietnam
from ui.gui.representation_panel import RepresentationPanel
from ui.gui.walk_in_model import WalkInModel
from ui.messages import message_for, warning_text

_DATE_FORMAT = "%d/%m/%Y"
_INVALID_STYLE = "QLineEdit { border: 1px solid #b3261e; }"


class ApplicantPanel(QGroupBox):
    """Editable applicant fields, prefilled from a QR (later the chip) and remembered per source."""

    changed = Signal()

    def __init__(self, model: WalkInModel | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Applicant"))
        # The identity and the source of each field live in the model, as read: the boxes
        # only show them, so fields without a box (or verified by the chip) are never lost.
        self.model = model or WalkInModel(self)
        self.model.reset.connect(self.clear)
        # Warnings (an expired card, an abolished district ...) follow the identity.
        self.model.identity_changed.connect(self._show_warnings)
        #: Today, for the card's expiry (a clock tests can set).
        self.today: Callable[[], date] = lambda: now_in_vietnam().date()
        self._edits: dict[str, QLineEdit] = {}
        self._source_labels: dict[str, SourceBadge] = {}
        labels = {
            "id_number": self.tr("ID number"),
            "full_name": self.tr("Full name"),
            "date_of_birth": self.tr("Date of birth"),
            "place_of_residence": self.tr("Place of residence"),
            "issue_date": self.tr("Issue date"),
            "old_id_number": self.tr("Old ID number"),
        }
        form = QFormLayout()
        for name, label in labels.items():
            edit = QLineEdit()
            edit.setObjectName(name)
            if name in ("date_of_birth", "issue_date"):
                edit.setPlaceholderText(self.tr("dd/mm/yyyy"))
            edit.textEdited.connect(lambda _text, field=name: self._on_field_edited(field))
            # The source is a small badge inside the box, at its right end: it takes no
            # width from the field (the long wording is its tooltip).
            source = SourceBadge(edit)
            source.setObjectName(f"{name}_source")
            form.addRow(label, edit)
            self._edits[name] = edit
            self._source_labels[name] = source
        self.sex = QComboBox()
        self.sex.setObjectName("sex")
        self.sex.addItem("", None)
        self.sex.addItem(self.tr("Male"), Sex.MALE)
        self.sex.addItem(self.tr("Female"), Sex.FEMALE)
        self.sex.currentIndexChanged.connect(lambda _i: self._on_field_edited("sex"))
        form.insertRow(3, self.tr("Sex"), self.sex)
        # The address the clerk confirms with the citizen: what the forms print. Filled
        # with the card's; a card issued before the 2025 reform may name a district gone.
        self.current_address = QLineEdit()
        self.current_address.setObjectName("current_address")
        self.current_address.setPlaceholderText(self.tr("as on the card; correct it if it changed"))
        self.current_address.setToolTip(
            self.tr("The current address, confirmed with the citizen: the forms print it")
        )
        self.current_address.textEdited.connect(self._on_address_edited)
        form.insertRow(5, self.tr("Current address"), self.current_address)
        self._build_contact_rows(form)

        self.warnings = QLabel()
        self.warnings.setObjectName("warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #9a5b00;")
        self.raw_payload = QPlainTextEdit()
        self.raw_payload.setObjectName("raw_payload")
        self.raw_payload.setReadOnly(True)
        self.raw_payload.setMaximumHeight(44)
        self.raw_payload.setPlaceholderText(self.tr("Raw QR payload"))

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.representation)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.warnings)
        layout.addWidget(self.raw_payload)

    def _build_contact_rows(self, form: QFormLayout) -> None:
        """Phone, email, representation and the live problem list."""
        self.phone = QLineEdit()
        self.phone.setObjectName("phone")
        self.phone.setPlaceholderText(self.tr("e.g. 0912345678"))
        self.email = QLineEdit()
        self.email.setObjectName("email")
        # Phone and e-mail share a row: the panel fits a 720 px high screen.
        contacts = QHBoxLayout()
        contacts.setContentsMargins(0, 0, 0, 0)
        contacts.addWidget(self.phone, 2)
        contacts.addWidget(QLabel(self.tr("Email")))
        contacts.addWidget(self.email, 3)
        form.addRow(self.tr("Phone"), contacts)
        for contact in (self.phone, self.email):
            contact.textEdited.connect(lambda _text: self._validate())
        self.representation = RepresentationPanel()
        self.representation.changed.connect(self._validate)
        # Shown as the clerk types: what still stops the dossier from being saved.
        self.problems_label = QLabel()
        self.problems_label.setObjectName("problems")
        self.problems_label.setWordWrap(True)
        self.problems_label.setStyleSheet("color: #b3261e;")

    def field_text(self, name: str) -> str:
        return self._edits[name].text().strip()

    def source_of(self, name: str) -> IdentitySource | None:
        return self.model.walk_in.sources.get(name)

    def fill_from_qr(self, result: QrParseResult) -> None:
        """Prefill from a QR read; every filled field is marked as coming from the QR."""
        self.fill_identity(
            result.identity, IdentitySource.QR, raw=result.raw, warnings=result.warnings
        )

    def fill_identity(
        self,
        identity: CitizenIdentity,
        source: IdentitySource,
        *,
        raw: str = "",
        warnings: tuple[DomainWarning, ...] = (),
    ) -> None:
        """Replace the fields with ``identity``; each filled field remembers ``source``."""
        self.clear(keep_representation=True)
        self.model.take_identity(identity, source, raw=raw, warnings=warnings)
        values = {
            "id_number": identity.id_number,
            "full_name": identity.full_name,
            "date_of_birth": _format_date(identity.date_of_birth),
            "place_of_residence": identity.place_of_residence or "",
            "issue_date": _format_date(identity.issue_date),
            "old_id_number": identity.old_id_number or "",
        }
        for name, value in values.items():
            self._edits[name].setText(value)
            self._edits[name].setCursorPosition(0)  # a long address shows its beginning
            self._edits[name].setToolTip(value)
            if value:
                self._show_source(name, source)
        if identity.sex is not None:
            self.sex.blockSignals(True)
            self.sex.setCurrentIndex(self.sex.findData(identity.sex))
            self.sex.blockSignals(False)
        self.current_address.setText(identity.place_of_residence or "")
        self.current_address.setCursorPosition(0)
        self.raw_payload.setPlainText(raw)
        self._show_warnings()
        self._validate()

    def clear(self, *, keep_representation: bool = False) -> None:
        """Empty every field (a new citizen); ``keep_representation`` keeps whom they act
        for, so a card read after the clerk chose "representing" does not undo it."""
        for edit in self._edits.values():
            edit.clear()
        for label in self._source_labels.values():
            label.show_source(None)
        self.sex.blockSignals(True)  # emptying the form is not the clerk typing
        self.sex.setCurrentIndex(0)
        self.sex.blockSignals(False)
        self.phone.clear()
        self.email.clear()
        self.current_address.clear()
        self.warnings.clear()
        self.raw_payload.clear()
        if not keep_representation:
            self.representation.clear()
        self._validate(show=False)

    def problems(self) -> list[str]:
        """What stops the applicant from being saved, in words for the clerk."""
        found = [self._problem_text(p) for p in self._field_problems().values()]
        for name in ("date_of_birth", "issue_date"):
            if self.field_text(name) and parse_written_date(self.field_text(name)) is None:
                found.append(self.tr("Dates are written dd/mm/yyyy."))
                break
        return found

    def applicant(self) -> Applicant:
        """The applicant as entered, with the source of each value; call only when
        :meth:`problems` is empty."""
        self._store_contacts()
        return self.model.walk_in.applicant()

    def _store_contacts(self) -> None:
        """Phone, email and representation are typed: the model takes them as they stand."""
        walk_in = self.model.walk_in
        walk_in.phone = self.phone.text().strip() or None
        walk_in.email = self.email.text().strip() or None
        walk_in.kind = self.representation.current_kind()
        walk_in.principal = self.representation.principal()

    def _identity(self) -> CitizenIdentity:
        return self.model.walk_in.identity or CitizenIdentity(id_number="", full_name="")

    def _field_problems(self) -> dict[str, ApplicantProblem]:
        draft = Applicant(
            identity=self._identity(),
            phone=self.phone.text().strip() or None,
            email=self.email.text().strip() or None,
            kind=self.representation.current_kind(),
            principal=self.representation.principal(),
        )
        return check_applicant(draft)

    def _validate(self, *, show: bool = True) -> None:
        """Mark the fields in error and list the problems; an empty form shows none."""
        problems = self._field_problems() if show else {}
        edits = {
            **self._edits,
            "phone": self.phone,
            "email": self.email,
            "principal_name": self.representation.principal_name,
            "principal_id": self.representation.principal_id,
        }
        for name, edit in edits.items():
            edit.setStyleSheet(_INVALID_STYLE if name in problems else "")
        self.problems_label.setText("\n".join(self._problem_text(p) for p in problems.values()))
        self.changed.emit()

    def warning_texts(self) -> list[str]:
        """The warnings shown: the reading's own, then the identity checks (never blocking)."""
        walk_in = self.model.walk_in
        if walk_in.identity is None:
            return []
        found = list(walk_in.warnings)
        found += identity_warnings(walk_in.applicant().identity, self.today())
        return list(dict.fromkeys(warning_text(w) for w in found))

    def _show_warnings(self) -> None:
        self.warnings.setText("\n".join(self.warning_texts()))

    def _on_address_edited(self, text: str) -> None:
        self.model.confirm_address(text)
        self._validate()

    def _problem_text(self, problem: ApplicantProblem) -> str:
        return message_for(problem.value)

    def show_sources(self) -> None:
        """Badges again from the model (after the sources changed, e.g. to VNeID)."""
        for name, label in self._source_labels.items():
            label.show_source(
                self.model.walk_in.sources.get(name) if self.field_text(name) else None
            )

    def _show_source(self, name: str, source: IdentitySource) -> None:
        label = self._source_labels.get(name)
        if label is not None:
            label.show_source(source)

    def _on_field_edited(self, name: str) -> None:
        if name == "sex":
            self.model.edit_field(name, self.sex.currentData())
        else:
            text = self.field_text(name)
            dated = name in ("date_of_birth", "issue_date")
            self.model.edit_field(name, parse_written_date(text) if dated else text)
            self._show_source(name, IdentitySource.TYPED)
            if name == "place_of_residence" and self.model.walk_in.current_address is None:
                self.current_address.setText(text)  # not confirmed otherwise: follows
        self._validate()


class SourceBadge(QLabel):
    """Where a field's value came from, drawn inside the right end of its box."""

    def __init__(self, edit: QLineEdit) -> None:
        super().__init__(edit)
        self._edit = edit
        self.setStyleSheet(
            "QLabel { font-size: 8pt; color: white; background: #607d8b;"
            " border-radius: 3px; padding: 0 3px; }"
        )
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, False)
        self.hide()
        edit.installEventFilter(self)

    def show_source(self, source: IdentitySource | None) -> None:
        if source is None:
            self.clear()
            self.setToolTip("")
            self.hide()
            self._edit.setTextMargins(0, 0, 0, 0)
            return
        short, long, colour = {
            IdentitySource.QR: (self.tr("QR"), self.tr("read from the ID card QR"), "#1565c0"),
            IdentitySource.TYPED: (self.tr("typed"), self.tr("typed by the clerk"), "#607d8b"),
            IdentitySource.VNEID: (
                self.tr("VNeID"),
                self.tr("read from the QR shown on the VNeID app"),
                "#c62828",
            ),
            IdentitySource.CHIP: (
                self.tr("chip ✓"),
                self.tr("read from the chip, issuer verified"),
                "#2e7d32",
            ),
            IdentitySource.CHIP_UNVERIFIED: (
                self.tr("chip ?"),
                self.tr("read from the chip, issuer not verified"),
                "#8a5a00",
            ),
        }[source]
        self.setText(short)
        self.setToolTip(long)
        self.setStyleSheet(
            f"QLabel {{ font-size: 8pt; color: white; background: {colour};"
            " border-radius: 3px; padding: 0 3px; }"
        )
        self.adjustSize()
        self.show()
        self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self._edit and event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def _place(self) -> None:
        if self.isHidden():
            return
        hint = self.sizeHint()
        x = self._edit.width() - hint.width() - 4
        self.setGeometry(x, (self._edit.height() - hint.height()) // 2, hint.width(), hint.height())
        self._edit.setTextMargins(0, 0, hint.width() + 4, 0)


def _format_date(value: date | None) -> str:
    return value.strftime(_DATE_FORMAT) if value else ""
