"""The dossier being received at the counter, before and just after it is saved.

One :class:`WalkIn` holds everything the clerk has gathered for the citizen in front of
them: the identity with where each field came from (kept as read, never rebuilt from
text boxes), contact details, the procedure, each component with its status and the
pages captured for it, and what the save produced. A new citizen is a new ``WalkIn``:
nothing of the previous one can leak into it. Pure data; the window shows it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hardware.scanner.interface import ScannedPage
from reception.digitising.model import PageEdit
from reception.dossiers.applicant import Applicant, ApplicantKind, Principal
from reception.dossiers.model import (
    ComponentStatus,
    Dossier,
    DossierDraft,
    ResultDelivery,
)
from reception.identity.citizen import CitizenIdentity, IdentitySource, Sex
from reception.procedures.catalogue import Procedure
from reception.procedures.procedure import Presentation
from reception.warning import DomainWarning

#: A captured page as the clerk arranged it: the page and the rotation asked for.
CapturedPage = tuple[ScannedPage, PageEdit]

#: Identity fields the clerk may type over; the others keep the value their source gave.
EDITABLE_FIELDS = (
    "id_number",
    "full_name",
    "date_of_birth",
    "sex",
    "place_of_residence",
    "issue_date",
    "old_id_number",
)


@dataclass(frozen=True, slots=True)
class ReusedFile:
    """A copy kept from an earlier dossier, attached instead of scanning again."""

    digitised_id: int
    path: str
    sha256: str


@dataclass(slots=True)
class ComponentInReception:
    """One component of the chosen procedure while the dossier is being received."""

    code: str
    name: str
    required: bool
    status: ComponentStatus
    pages: list[CapturedPage] = field(default_factory=list)
    reused: ReusedFile | None = None
    shown_only: bool = False  # shown to be checked and handed back: nothing to capture

    @property
    def will_be_digitised(self) -> bool:
        """Its pages become a PDF (named by the dossier's code) when the dossier is saved."""
        return self.status is ComponentStatus.DIGITISED and bool(self.pages)


@dataclass(slots=True)
class WalkIn:
    """The one dossier in reception (see the module docstring)."""

    identity: CitizenIdentity | None = None
    sources: dict[str, IdentitySource] = field(default_factory=dict)
    raw_qr: str = ""
    warnings: tuple[DomainWarning, ...] = ()
    phone: str | None = None
    email: str | None = None
    kind: ApplicantKind = ApplicantKind.SELF
    principal: Principal | None = None
    procedure: Procedure | None = None
    components: list[ComponentInReception] = field(default_factory=list)
    current: int = 0
    delivery: ResultDelivery = ResultDelivery.COUNTER
    sets: int = 1
    saved: Dossier | None = None
    #: The current address the clerk confirmed (what the forms print); None: the card's.
    current_address: str | None = None
    #: Only the VNeID verification service's yes sets it (the sync flag).
    vneid_verified: bool = False

    # -- identity --------------------------------------------------------------------------

    def take_identity(self, identity: CitizenIdentity, source: IdentitySource) -> None:
        """Replace the identity by one read from ``source``: every known field comes from it."""
        self.identity = identity
        self.sources = {
            f.name: source
            for f in dataclasses.fields(identity)
            if f.name != "extras" and getattr(identity, f.name) not in (None, "")
        }
        self.current_address = None  # the new reading's address, until the clerk confirms
        self.vneid_verified = False

    def edit_field(self, name: str, value: str | date | Sex | None) -> None:
        """The clerk typed ``value`` into ``name``: only that field changes, marked typed."""
        if name not in EDITABLE_FIELDS:
            raise ValueError(f"{name} is not an editable identity field")
        base = self.identity or CitizenIdentity(id_number="", full_name="")
        if name in ("id_number", "full_name"):
            value = value if isinstance(value, str) else ""
        elif isinstance(value, str):
            value = value or None
        changes: dict[str, Any] = {name: value}  # one field, of the type its name says
        self.identity = dataclasses.replace(base, **changes)
        self.sources[name] = IdentitySource.TYPED

    def mark_shown_on_vneid(self) -> bool:
        """The QR just read was shown on the VNeID app, not printed on a card: its fields
        come from VNeID (same payload layout). False when no field came from a QR."""
        changed = False
        for name, source in self.sources.items():
            if source is IdentitySource.QR:
                self.sources[name] = IdentitySource.VNEID
                changed = True
        return changed

    def applicant(self) -> Applicant:
        """The applicant as gathered; an empty identity when nothing was read or typed.
        A current address the clerk confirmed differently replaces the card's (typed)."""
        identity = self.identity or CitizenIdentity(id_number="", full_name="")
        sources = dict(self.sources)
        address = (self.current_address or "").strip()
        if address and address != (identity.place_of_residence or ""):
            identity = dataclasses.replace(identity, place_of_residence=address)
            sources["place_of_residence"] = IdentitySource.TYPED
        return Applicant(
            identity=identity,
            phone=self.phone,
            email=self.email,
            kind=self.kind,
            principal=self.principal if self.kind is not ApplicantKind.SELF else None,
            sources=sources,
            vneid_verified=self.vneid_verified,
        )

    # -- procedure and components ----------------------------------------------------------

    def choose_procedure(self, procedure: Procedure | None) -> None:
        """List ``procedure``'s components: required ones on paper, optional ones not received.

        Pages already captured for a component of the same code are kept (the clerk may
        pick the procedure after scanning).
        """
        kept = {c.code: c for c in self.components}
        self.procedure = procedure
        self.components = []
        for component in procedure.components if procedure is not None else ():
            before = kept.get(component.code)
            if before is not None:
                self.components.append(before)
                continue
            default = ComponentStatus.PAPER if component.required else ComponentStatus.NOT_RECEIVED
            self.components.append(
                ComponentInReception(
                    component.code,
                    component.name,
                    component.required,
                    default,
                    shown_only=component.presentation is Presentation.SHOW_ONLY,
                )
            )
        self.current = 0

    def component(self, code: str) -> ComponentInReception:
        for component in self.components:
            if component.code == code:
                return component
        raise KeyError(code)

    def current_component(self) -> ComponentInReception | None:
        if 0 <= self.current < len(self.components):
            return self.components[self.current]
        return None

    def add_pages(self, code: str, pages: list[CapturedPage]) -> None:
        """Pages captured into component ``code``: it is now digitised (not reused)."""
        component = self.component(code)
        component.pages.extend(pages)
        component.reused = None
        component.status = ComponentStatus.DIGITISED

    def set_pages(self, code: str, pages: list[CapturedPage]) -> None:
        """The clerk rearranged, rotated or deleted pages of ``code``."""
        component = self.component(code)
        component.pages = list(pages)
        if not pages and component.status is ComponentStatus.DIGITISED:
            component.status = (
                ComponentStatus.PAPER if component.required else ComponentStatus.NOT_RECEIVED
            )

    def reuse(self, code: str, kept: ReusedFile) -> None:
        component = self.component(code)
        component.pages = []
        component.reused = kept
        component.status = ComponentStatus.REUSED

    def set_status(self, code: str, status: ComponentStatus) -> None:
        self.component(code).status = status

    def advance(self) -> None:
        """Move to the next component not yet digitised or reused (after a capture)."""
        for offset in range(1, len(self.components) + 1):
            index = self.current + offset
            if index >= len(self.components):
                break
            candidate = self.components[index]
            if not candidate.shown_only and candidate.status not in (
                ComponentStatus.DIGITISED,
                ComponentStatus.REUSED,
            ):
                self.current = index
                return
        self.current = min(self.current + 1, max(len(self.components) - 1, 0))

    @property
    def pages_captured(self) -> int:
        return sum(len(c.pages) for c in self.components)

    @property
    def has_work(self) -> bool:
        """Something the clerk would lose by starting over (nothing once it is saved)."""
        if self.saved is not None:
            return False
        return (
            self.identity is not None
            or self.procedure is not None
            or self.pages_captured > 0
            or bool(self.phone or self.email)
        )

    # -- the save ---------------------------------------------------------------------------

    def draft(self, files: Mapping[str, tuple[str, str]] | None = None) -> DossierDraft:
        """The draft to save; ``files`` maps a component code to the (path, sha256) of the
        PDF made from its pages. Reused components carry their kept copy's file."""
        if self.procedure is None:
            raise ValueError("no procedure chosen")
        files = dict(files or {})
        statuses = {c.code: c.status for c in self.components}
        for c in self.components:
            if c.status is ComponentStatus.REUSED and c.reused is not None:
                files[c.code] = (c.reused.path, c.reused.sha256)
        return DossierDraft.for_procedure(
            self.procedure,
            self.applicant(),
            statuses,
            files=files,
            delivery=self.delivery,
            sets=self.sets,
        )

    def captures(self) -> tuple[tuple[str, str, tuple[CapturedPage, ...]], ...]:
        """(code, name, pages) of every component whose pages become a PDF at the save."""
        return tuple(
            (c.code, c.name, tuple(c.pages)) for c in self.components if c.will_be_digitised
        )


def with_files(draft: DossierDraft, files: Mapping[str, tuple[str, str]]) -> DossierDraft:
    """``draft`` with each component of ``files`` digitised, its (path, sha256) recorded."""
    components = tuple(
        dataclasses.replace(
            c,
            status=ComponentStatus.DIGITISED,
            file_path=files[c.code][0],
            file_sha256=files[c.code][1],
        )
        if c.code in files
        else c
        for c in draft.components
    )
    return dataclasses.replace(draft, components=components)
