"""The values of a dossier: statuses, components, the draft the clerk builds, the saved
dossier. Pure data; :mod:`reception.dossiers.store` stores them."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

from reception.dossiers.applicant import Applicant, applicant_to_json
from reception.procedures.catalogue import ComponentKind, Presentation, Procedure, ProcessingTime


class DossierStatus(enum.StrEnum):
    """Local life cycle. Upload states belong to the upload queue, not here."""

    RECEIVED = "received"


class ComponentStatus(enum.StrEnum):
    """How a dossier component was received."""

    NOT_RECEIVED = "not_received"
    PAPER = "paper"  # handed over on paper
    DIGITISED = "digitised"  # scanned or given as a file
    REUSED = "reused"  # taken from a digitised copy already held (Nghị định 45/2020)


class ResultDelivery(enum.StrEnum):
    """Where the citizen will receive the result (HinhThuc of the sync record)."""

    COUNTER = "counter"
    POST = "post"


@dataclass(frozen=True, slots=True)
class DossierComponent:
    """One component of a dossier, as the procedure lists it, with its status."""

    code: str
    name: str
    kind: ComponentKind
    copies: int
    required: bool
    status: ComponentStatus = ComponentStatus.PAPER
    file_path: str | None = None
    file_sha256: str | None = None
    # Handed in, or only shown and handed back (never listed as submitted).
    presentation: Presentation = Presentation.SUBMIT

    @property
    def shown_only(self) -> bool:
        return self.presentation is Presentation.SHOW_ONLY


@dataclass(frozen=True, slots=True)
class DossierDraft:
    """What the clerk has entered; becomes a :class:`Dossier` when saved.

    Without ``processing_time`` the dossier gets no appointment (a procedure unknown to
    the catalogue); build drafts with :meth:`for_procedure` to carry it over.
    """

    procedure_code: str
    procedure_name: str
    applicant: Applicant
    components: tuple[DossierComponent, ...] = ()
    processing_time: ProcessingTime | None = None
    cutoff: time | None = None
    same_day: bool = False
    delivery: ResultDelivery = ResultDelivery.COUNTER
    sets: int = 1
    note: str | None = None
    # The personal fields the dossier keeps (None: the defaults); the rest is dropped
    # when it is saved (reception.privacy.field_policy).
    personal_fields: tuple[str, ...] | None = None
    # The catalogue entry the draft was made from (kept with the dossier for the sync).
    procedure: Procedure | None = None

    @classmethod
    def for_procedure(
        cls,
        procedure: Procedure,
        applicant: Applicant,
        statuses: dict[str, ComponentStatus] | None = None,
        *,
        files: dict[str, tuple[str, str]] | None = None,
        delivery: ResultDelivery = ResultDelivery.COUNTER,
        sets: int = 1,
        note: str | None = None,
    ) -> DossierDraft:
        """A draft for ``procedure``; ``statuses`` by component code (default: paper for a
        required component, not received for an optional one); ``files`` maps a component
        code to (path, sha256) of its digitised copy."""
        statuses = statuses or {}
        files = files or {}
        components = []
        for c in procedure.components:
            default = ComponentStatus.PAPER if c.required else ComponentStatus.NOT_RECEIVED
            path, digest = files.get(c.code, (None, None))
            status = statuses.get(c.code, ComponentStatus.DIGITISED if path else default)
            components.append(
                DossierComponent(
                    c.code,
                    c.name,
                    c.kind,
                    c.copies,
                    c.required,
                    status,
                    path,
                    digest,
                    c.presentation,
                )
            )
        return cls(
            procedure_code=procedure.code,
            procedure_name=procedure.name,
            applicant=applicant,
            components=tuple(components),
            processing_time=procedure.processing_time,
            cutoff=procedure.cutoff,
            same_day=procedure.same_day,
            delivery=delivery,
            sets=sets,
            note=note,
            personal_fields=procedure.personal_fields,
            procedure=procedure,
        )


@dataclass(frozen=True, slots=True)
class Dossier:
    """A saved dossier: its code, dates and the calendar version that produced them."""

    code: str
    procedure_code: str
    procedure_name: str
    applicant: Applicant
    received_at: datetime
    workstation: str
    status: DossierStatus
    appointment_at: datetime | None = None
    processing_time: ProcessingTime | None = None
    same_day: bool = False
    calendar_version: str | None = None
    components: tuple[DossierComponent, ...] = field(default=())
    delivery: ResultDelivery = ResultDelivery.COUNTER
    sets: int = 1
    ledger_book: str | None = None
    ledger_number: int | None = None
    note: str | None = None
    # The legal basis its forms follow ("2018", "2025"), fixed when it was received.
    legal_basis: str | None = None
    # The clerk who saved it (None: saved without a processing log, or before schema 5).
    operator: str | None = None

    @property
    def submitted_components(self) -> tuple[DossierComponent, ...]:
        """The components actually received (paper, digitised or reused); papers only
        shown at the counter are not among them."""
        return tuple(
            c
            for c in self.components
            if c.status is not ComponentStatus.NOT_RECEIVED and not c.shown_only
        )

    @property
    def shown_components(self) -> tuple[DossierComponent, ...]:
        """Papers shown to be checked and handed back (an ID card "để xuất trình")."""
        return tuple(
            c
            for c in self.components
            if c.shown_only and c.status is not ComponentStatus.NOT_RECEIVED
        )

    def to_json_dict(self) -> dict[str, Any]:
        """JSON values with ISO date-times (the ``dossier show --json`` shape)."""
        processing = self.processing_time
        return {
            "code": self.code,
            "procedure": {"code": self.procedure_code, "name": self.procedure_name},
            "received": self.received_at.isoformat(),
            "appointment": None if self.appointment_at is None else self.appointment_at.isoformat(),
            "processing_time": None
            if processing is None
            else {"value": processing.value, "unit": processing.unit.value},
            "same_day": self.same_day,
            "calendar_version": self.calendar_version,
            "status": self.status.value,
            "workstation": self.workstation,
            "applicant": applicant_to_json(self.applicant),
            "components": [
                {
                    "code": c.code,
                    "name": c.name,
                    "kind": c.kind.value,
                    "copies": c.copies,
                    "required": c.required,
                    "status": c.status.value,
                    "file": c.file_path,
                    "sha256": c.file_sha256,
                    "presentation": c.presentation.value,
                }
                for c in self.components
            ],
            "delivery": self.delivery.value,
            "sets": self.sets,
            "ledger": {"book": self.ledger_book, "number": self.ledger_number},
            "note": self.note,
            "operator": self.operator,
            "legal_basis": self.legal_basis,
        }
