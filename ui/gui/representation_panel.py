"""For whom the applicant submits: themselves, another person, or an organisation."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from reception.dossiers.applicant import ApplicantKind, Principal


class RepresentationPanel(QWidget):
    """A kind selector and, unless the applicant acts for themselves, whom they represent."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        self.kind.setObjectName("applicant_kind")
        # Plain strings as item data: QComboBox.findData cannot match Python enum members.
        self.kind.addItem(self.tr("For themselves"), ApplicantKind.SELF.value)
        self.kind.addItem(
            self.tr("Representing another person"), ApplicantKind.REPRESENTATIVE.value
        )
        self.kind.addItem(self.tr("Representing an organisation"), ApplicantKind.ORGANISATION.value)
        self.principal_name = QLineEdit()
        self.principal_name.setObjectName("principal_name")
        self.principal_id = QLineEdit()
        self.principal_id.setObjectName("principal_id")
        self.principal_address = QLineEdit()
        self.principal_address.setObjectName("principal_address")
        self._form = QFormLayout(self)
        self._form.setContentsMargins(0, 0, 0, 0)
        self._form.addRow(self.tr("Submits"), self.kind)
        self._form.addRow(self.tr("Represented"), self.principal_name)
        self._form.addRow(self.tr("ID number"), self.principal_id)
        self._form.addRow(self.tr("Address"), self.principal_address)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        for edit in (self.principal_name, self.principal_id, self.principal_address):
            edit.textEdited.connect(lambda _text: self.changed.emit())
        self._on_kind_changed()

    def current_kind(self) -> ApplicantKind:
        data = self.kind.currentData()
        return ApplicantKind(data) if data else ApplicantKind.SELF

    def set_kind(self, kind: ApplicantKind) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind.value))

    def principal(self) -> Principal | None:
        """Whom the applicant represents, or ``None`` when they act for themselves."""
        if self.current_kind() is ApplicantKind.SELF:
            return None
        return Principal(
            name=self.principal_name.text().strip(),
            id_number=self.principal_id.text().strip() or None,
            address=self.principal_address.text().strip() or None,
        )

    def clear(self) -> None:
        self.kind.setCurrentIndex(0)
        for edit in (self.principal_name, self.principal_id, self.principal_address):
            edit.clear()

    def _on_kind_changed(self) -> None:
        kind = self.current_kind()
        acting_for_other = kind is not ApplicantKind.SELF
        for edit in (self.principal_name, self.principal_id, self.principal_address):
            self._form.setRowVisible(edit, acting_for_other)
        organisation = kind is ApplicantKind.ORGANISATION
        self._form.labelForField(self.principal_name).setProperty(
            "text", (self.tr("Organisation") if organisation else self.tr("Represented person"))
        )
        self._form.labelForField(self.principal_id).setProperty(
            "text", (self.tr("Tax code") if organisation else self.tr("ID number"))
        )
        self.changed.emit()
