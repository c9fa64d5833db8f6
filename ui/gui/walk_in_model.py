"""The dossier in reception as the window shows it: one :class:`WalkIn` and its signals.

Every panel of the window (applicant, procedure, components, capture, chip, camera)
shows this one object and changes it through the methods here; "New dossier" and a
successful save replace it by an empty one and emit :attr:`WalkInModel.reset`, to which
every panel answers by emptying itself (photo, verdict, camera frame, pages, offers).
"""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QObject, Signal

from reception.dossiers.model import ComponentStatus, Dossier
from reception.dossiers.walk_in import CapturedPage, ComponentInReception, ReusedFile, WalkIn
from reception.identity.citizen import CitizenIdentity, IdentitySource, Sex
from reception.procedures.catalogue import Procedure
from reception.warning import DomainWarning


class WalkInModel(QObject):
    """Owns the current :class:`WalkIn`; panels listen to its signals."""

    reset = Signal()  # a new dossier: show nothing of the previous one
    identity_changed = Signal()
    procedure_changed = Signal(object)  # Procedure | None
    components_changed = Signal()  # statuses, pages or the current component
    saved = Signal(object)  # Dossier

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.walk_in = WalkIn()
        #: Identifies this dossier in reception across retries of a failed save.
        self.token = uuid.uuid4().hex

    def start_new(self) -> None:
        """Forget everything of the current dossier (the caller asked the clerk first)."""
        self.walk_in = WalkIn()
        self.token = uuid.uuid4().hex
        self.reset.emit()

    # -- identity --------------------------------------------------------------------------

    def take_identity(
        self,
        identity: CitizenIdentity,
        source: IdentitySource,
        *,
        raw: str = "",
        warnings: tuple[DomainWarning, ...] = (),
    ) -> None:
        self.walk_in.take_identity(identity, source)
        self.walk_in.raw_qr = raw
        self.walk_in.warnings = warnings
        self.identity_changed.emit()

    def edit_field(self, name: str, value: str | date | Sex | None) -> None:
        self.walk_in.edit_field(name, value)
        self.identity_changed.emit()

    def mark_shown_on_vneid(self) -> bool:
        """The QR read was shown on the VNeID app; False when nothing came from a QR."""
        if not self.walk_in.mark_shown_on_vneid():
            return False
        self.walk_in.vneid_verified = False  # until the service answers for this person
        self.identity_changed.emit()
        return True

    def set_vneid_verified(self, id_number: str, verified: bool) -> None:
        """The verification service answered for ``id_number`` (ignored if the person in
        reception changed meanwhile)."""
        identity = self.walk_in.identity
        if identity is not None and identity.id_number == id_number:
            self.walk_in.vneid_verified = verified
            self.identity_changed.emit()

    def confirm_address(self, address: str) -> None:
        """The current address as the clerk confirmed it (what the forms print)."""
        self.walk_in.current_address = address.strip() or None
        self.identity_changed.emit()

    # -- procedure and components ----------------------------------------------------------

    def choose_procedure(self, procedure: Procedure | None) -> None:
        if procedure is self.walk_in.procedure:
            return
        self.walk_in.choose_procedure(procedure)
        self.procedure_changed.emit(procedure)
        self.components_changed.emit()

    def current_component(self) -> ComponentInReception | None:
        return self.walk_in.current_component()

    def set_current(self, index: int) -> None:
        if index != self.walk_in.current and 0 <= index < len(self.walk_in.components):
            self.walk_in.current = index
            self.components_changed.emit()

    def add_pages(self, code: str, pages: list[CapturedPage]) -> None:
        """Pages captured into ``code``; the next component to capture becomes current."""
        self.walk_in.add_pages(code, pages)
        current = self.walk_in.current_component()
        if current is not None and current.code == code:
            self.walk_in.advance()
        self.components_changed.emit()

    def set_pages(self, code: str, pages: list[CapturedPage]) -> None:
        self.walk_in.set_pages(code, pages)
        self.components_changed.emit()

    def reuse(self, code: str, kept: ReusedFile) -> None:
        self.walk_in.reuse(code, kept)
        self.components_changed.emit()

    def set_status(self, code: str, status: ComponentStatus) -> None:
        if self.walk_in.component(code).status is not status:
            self.walk_in.set_status(code, status)
            self.components_changed.emit()

    # -- the save ---------------------------------------------------------------------------

    def mark_saved(self, dossier: Dossier) -> None:
        self.walk_in.saved = dossier
        self.saved.emit(dossier)
