"""The reuse store: digitised components kept against their owner, offered when they return.

Nghị định 45/2020/NĐ-CP wants a component digitised once and reused; the privacy rules
(one-stop.md) want the local copy kept only for a limited time, the store protected, and
an append-only record of who used whose documents. So every row carries an expiry date,
``purge_expired`` deletes the files past it, files are readable by the app's user only,
and each recording, offer, reuse and deletion is logged (without the document's content).

Blocking (SQLite, files): call from a worker thread.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import sqlite_utils

from reception.digitising.model import ComponentInfo, DigitisedComponent, DigitiseError
from reception.errors import StorageError
from reception.identity.id_number import is_well_formed
from reception.privacy.processing_log import Action, ProcessingLog
from reception.storage.database import transaction
from reception.storage.document_vault import DocumentVault
from reception.upload.shared_store import SharedComponent, checked_pdf, queue_component
from reception.workstation.timezone import now_in_vietnam

log = logging.getLogger(__name__)

DOCUMENTS_FOLDER = "documents"
DEFAULT_RETENTION = timedelta(days=90)
# This store's log actions as the processing log's (an offer shows the clerk the copies).
_PROCESSING_ACTIONS = {
    "digitised": Action.DIGITISE,
    "offered": Action.VIEW,
    "reused": Action.REUSE,
    "expired": Action.PURGE,
    "deleted": Action.PURGE,
}


@dataclass(frozen=True, slots=True)
class StoredComponent:
    """A digitised component in the store (its file under the documents folder)."""

    id: int
    owner_id_number: str | None
    component_code: str
    component_name: str
    procedure_code: str
    dossier_code: str
    path: Path
    sha256: str
    pages: int
    bytes: int
    pdfa: bool
    ocr: bool
    digitised_at: datetime
    expires_at: datetime
    signer: str | None = None


@dataclass(frozen=True, slots=True)
class Attachment:
    """A component file attached to a dossier; ``reused`` when taken from an earlier one."""

    component: StoredComponent
    dossier_code: str
    reused: bool


def documents_dir(data_dir: Path) -> Path:
    """Where component PDFs are kept, made private to the app's user."""
    folder = data_dir / DOCUMENTS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):  # e.g. a FAT-formatted drive; nothing to protect with
        folder.chmod(0o700)
    return folder


class ReuseStore:
    """Records, offers, attaches and deletes digitised components."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        folder: Path,
        retention: timedelta = DEFAULT_RETENTION,
        clock: Callable[[], datetime] = now_in_vietnam,
        processing_log: ProcessingLog | None = None,
    ) -> None:
        self._db = db
        self._folder = folder
        self._vault = DocumentVault(folder)
        self._processing_log = processing_log
        self._retention = retention
        self._clock = clock

    @property
    def folder(self) -> Path:
        return self._folder

    @property
    def vault(self) -> DocumentVault:
        """Writes the store's files (sealed, as ``[storage] encrypt`` says)."""
        return self._vault

    def record(self, result: DigitisedComponent, actor: str) -> StoredComponent:
        """Keep a freshly digitised component (its file must be in the store's folder).

        It is attached to its own dossier (not as a reuse) in the same transaction.
        """
        if result.path.parent.resolve() != self._folder.resolve():
            raise DigitiseError(f"{result.path.name} is not in the documents folder")
        with contextlib.suppress(OSError):
            result.path.chmod(0o600)
        info = result.info
        owner = info.owner_id_number if _valid_owner(info) else None
        row = {
            "owner_id_number": owner,
            "component_code": info.component_code,
            "component_name": info.component_name,
            "procedure_code": info.procedure_code,
            "dossier_code": info.dossier_code,
            "file_name": result.path.name,
            "sha256": result.sha256,
            "pages": result.pages,
            "bytes": result.bytes,
            "pdfa": int(result.pdfa),
            "ocr": int(result.ocr),
            "operator": info.operator,
            "signer": result.signer,
            "digitised_at": result.created_at.isoformat(),
            "expires_at": (result.created_at + self._retention).isoformat(),
        }
        with transaction(self._db):
            table = self._db.table("digitised_components")
            new_id = int(table.insert(row).last_rowid or 0)
            self._attach(info.dossier_code, info.component_code, new_id, reused=False)
            self._log(actor, "digitised", new_id, owner)
            if owner is not None:
                # For the province's shared store: sent by the next queue drain.
                queue_component(self._db, new_id, self._clock())
        return self._get(new_id)

    def keep_fetched(self, shared: SharedComponent, data: bytes, actor: str) -> StoredComponent:
        """Keep here a component fetched from the province's shared store (checked against
        its SHA-256), so that a dossier can reuse it like one digitised at this counter.

        Not queued for the shared store (it came from there); kept once per file.
        """
        try:
            checked_pdf(data, shared.sha256)
        except ValueError as exc:
            raise DigitiseError(str(exc)) from exc
        kept = self._db.execute(
            "SELECT id FROM digitised_components WHERE sha256 = ? AND deleted_at IS NULL",
            [shared.sha256],
        ).fetchone()
        if kept is not None and self._get(int(kept[0])).path.is_file():
            return self._get(int(kept[0]))
        path = self._folder / f"shared-{os.path.basename(shared.item_id)}.pdf"
        try:
            self._folder.mkdir(parents=True, exist_ok=True)
            self._vault.write(path, data)
        except (OSError, StorageError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else str(exc)
            raise DigitiseError(f"cannot keep {path.name}: {reason}") from exc
        now = self._clock()
        try:
            digitised_at = datetime.fromisoformat(shared.digitised_at)
        except ValueError:
            digitised_at = now
        owner = shared.owner_id_number if is_well_formed(shared.owner_id_number) else None
        row = {
            "owner_id_number": owner,
            "component_code": shared.component_code,
            "component_name": shared.component_name,
            "procedure_code": shared.procedure_code,
            "dossier_code": shared.dossier_code,
            "file_name": path.name,
            "sha256": shared.sha256,
            "pages": shared.pages,
            "bytes": len(data),
            "pdfa": 1,  # the shared store holds the PDF/A copies the counters made
            "ocr": 0,
            "operator": actor,
            "signer": shared.signer,
            "digitised_at": digitised_at.isoformat(),
            "expires_at": (now + self._retention).isoformat(),
        }
        with transaction(self._db):
            new_id = int(self._db.table("digitised_components").insert(row).last_rowid or 0)
            self._log(actor, "fetched_shared", new_id, owner)
        return self._get(new_id)

    def offers(self, owner_id_number: str, actor: str) -> list[StoredComponent]:
        """The owner's components still kept and intact, newest first (the offer is logged)."""
        now = self._clock().isoformat()
        rows = self._db.execute(
            "SELECT * FROM digitised_components WHERE owner_id_number = ? "
            "AND deleted_at IS NULL AND expires_at > ? ORDER BY digitised_at DESC, id DESC",
            [owner_id_number, now],
        )
        found = [self._from_row(_as_dict(rows.description, r)) for r in rows.fetchall()]
        present = [c for c in found if c.path.is_file()]
        if present:
            with transaction(self._db):
                self._log(actor, "offered", None, owner_id_number)
        return present

    def get(self, component_id: int) -> StoredComponent:
        """One kept component by its id; ``DigitiseError`` when there is none."""
        return self._get(component_id)

    def log_access(self, actor: str, action: str, owner_id_number: str | None) -> None:
        """Log a use of the owner's components held elsewhere (the province's shared
        store: ``offered_shared``, ``fetched_shared``)."""
        with transaction(self._db):
            self._log(actor, action, None, owner_id_number)

    def attach_reused(
        self, dossier_code: str, component_code: str, digitised_id: int, actor: str
    ) -> Attachment:
        """Record that ``dossier_code`` uses an already digitised component instead of a scan."""
        component = self._get(digitised_id)
        if component.path.is_file() is False:
            raise DigitiseError("the digitised component is no longer kept")
        with transaction(self._db):
            self._attach(dossier_code, component_code, digitised_id, reused=True)
            self._log(actor, "reused", digitised_id, component.owner_id_number)
        return Attachment(component, dossier_code, reused=True)

    def attachments(self, dossier_code: str) -> list[Attachment]:
        """The component files of a dossier, digitised for it or reused."""
        rows = self._db.execute(
            "SELECT digitised_id, reused FROM dossier_digitised_components "
            "WHERE dossier_code = ? ORDER BY component_code, attached_at",
            [dossier_code],
        ).fetchall()
        return [Attachment(self._get(int(i)), dossier_code, bool(r)) for i, r in rows]

    def purge_expired(self, actor: str = "retention") -> int:
        """Delete the files past their expiry; returns how many were deleted."""
        rows = self._db.execute(
            "SELECT id FROM digitised_components WHERE deleted_at IS NULL AND expires_at <= ?",
            [self._clock().isoformat()],
        ).fetchall()
        for (component_id,) in rows:
            self._delete(int(component_id), actor, "expired")
        return len(rows)

    def delete_owner(self, owner_id_number: str, actor: str) -> int:
        """Delete every kept component of one person (their request, or the administrator's)."""
        rows = self._db.execute(
            "SELECT id FROM digitised_components WHERE owner_id_number = ? AND deleted_at IS NULL",
            [owner_id_number],
        ).fetchall()
        for (component_id,) in rows:
            self._delete(int(component_id), actor, "deleted")
        return len(rows)

    def _delete(self, component_id: int, actor: str, action: str) -> None:
        component = self._get(component_id)
        try:
            component.path.unlink(missing_ok=True)
        except OSError as exc:
            raise DigitiseError(f"cannot delete {component.path.name}: {exc.strerror}") from exc
        with transaction(self._db):
            self._db.execute(
                "UPDATE digitised_components SET deleted_at = ? WHERE id = ?",
                [self._clock().isoformat(), component_id],
            )
            self._log(actor, action, component_id, component.owner_id_number)
        log.info("digitised component %d %s", component_id, action)

    def _attach(
        self, dossier_code: str, component_code: str, digitised_id: int, reused: bool
    ) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO dossier_digitised_components "
            "(dossier_code, component_code, digitised_id, reused, attached_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [dossier_code, component_code, digitised_id, int(reused), self._clock().isoformat()],
        )

    def _log(self, actor: str, action: str, digitised_id: int | None, owner: str | None) -> None:
        self._db.execute(
            "INSERT INTO digitised_access_log (at, actor, action, digitised_id, owner_id_number) "
            "VALUES (?, ?, ?, ?, ?)",
            [self._clock().isoformat(), actor, action, digitised_id, owner],
        )
        if self._processing_log is not None:
            self._processing_log.record(
                self._db,
                _PROCESSING_ACTIONS.get(action, Action.VIEW),
                subject_id=owner,
                detail=None if digitised_id is None else f"component:{digitised_id}",
                operator=actor,
            )

    def _get(self, component_id: int) -> StoredComponent:
        cursor = self._db.execute("SELECT * FROM digitised_components WHERE id = ?", [component_id])
        row = cursor.fetchone()
        if row is None:
            raise DigitiseError(f"no digitised component {component_id}")
        return self._from_row(_as_dict(cursor.description, row))

    def _from_row(self, row: dict[str, Any]) -> StoredComponent:
        return StoredComponent(
            id=int(row["id"]),
            owner_id_number=row["owner_id_number"],
            component_code=row["component_code"],
            component_name=row["component_name"],
            procedure_code=row["procedure_code"],
            dossier_code=row["dossier_code"],
            path=self._folder / os.path.basename(row["file_name"]),
            sha256=row["sha256"],
            pages=int(row["pages"]),
            bytes=int(row["bytes"]),
            pdfa=bool(row["pdfa"]),
            ocr=bool(row["ocr"]),
            digitised_at=datetime.fromisoformat(row["digitised_at"]),
            expires_at=datetime.fromisoformat(row["expires_at"]),
            signer=row.get("signer"),
        )


def _valid_owner(info: ComponentInfo) -> bool:
    return info.owner_id_number is not None and is_well_formed(info.owner_id_number)


def _as_dict(description: Any, row: tuple[Any, ...]) -> dict[str, Any]:
    return {column[0]: value for column, value in zip(description, row, strict=True)}
