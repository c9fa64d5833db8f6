"""The province's shared store of digitised components: what it holds, how to reach it,
and sending this counter's components there (an outbox, like the dossiers').

A component digitised for reuse is recorded in the local reuse store and, in the same
transaction, queued here (``shared_component_jobs``, schema 7). ``queue drain`` sends the
queued ones: the PDF through the resumable file upload, then its metadata (owner's ID
number, component, procedure, date, pages, SHA-256, signer) under an idempotency key kept
across retries, so a repeated send stores nothing twice. Any counter of the province then
lists the owner's components and fetches one; the local store stays a cache.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from reception.storage.database import transaction
from reception.upload.errors import PermanentUploadError, TransientUploadError
from reception.upload.uploader import LocalFile, Uploader
from reception.workstation.timezone import now_in_vietnam

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SharedComponent:
    """A component held by the shared store, as its list gives it."""

    item_id: str
    owner_id_number: str
    component_code: str
    component_name: str
    procedure_code: str
    dossier_code: str
    digitised_at: str
    pages: int
    bytes: int
    sha256: str
    signer: str | None

    @classmethod
    def from_json(cls, row: Mapping[str, Any]) -> SharedComponent:
        """From the server's JSON; ``ValueError`` when it is not the protocol."""
        try:
            return cls(
                item_id=str(row["item_id"]),
                owner_id_number=str(row["owner_id_number"]),
                component_code=str(row["component_code"]),
                component_name=str(row.get("component_name") or ""),
                procedure_code=str(row["procedure_code"]),
                dossier_code=str(row.get("dossier_code") or ""),
                digitised_at=str(row.get("digitised_at") or ""),
                pages=int(row["pages"]),
                bytes=int(row.get("bytes") or 0),
                sha256=str(row["sha256"]),
                signer=str(row["signer"]) if row.get("signer") else None,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"not a component of the shared store: {exc}") from exc


class ComponentStore(ABC):
    """The shared store's calls (the HTTP protocol implements them beside the uploads)."""

    @abstractmethod
    def store_component(self, metadata: Mapping[str, Any], key: str) -> SharedComponent:
        """Store the metadata of a component whose file the server already holds."""

    @abstractmethod
    def list_components(self, owner_id_number: str) -> list[SharedComponent]:
        """The owner's components the server still keeps, newest first."""

    @abstractmethod
    def show_component(self, item_id: str) -> SharedComponent:
        """One component's metadata (what its file must hash to)."""

    @abstractmethod
    def fetch_component(self, item_id: str) -> bytes:
        """The component's PDF."""


def component_store_of(uploader: object) -> ComponentStore | None:
    """The uploader as the shared store's client, when its protocol has one."""
    return uploader if isinstance(uploader, ComponentStore) else None


@dataclass(frozen=True, slots=True)
class SyncReport:
    sent: int = 0
    waiting: int = 0  # transient failure: tried again at the next drain
    attention: int = 0  # refused by the server: a person must look


def queue_component(db: sqlite_utils.Database, digitised_id: int, now: datetime) -> None:
    """Queue a kept component for the shared store (call inside the recording transaction)."""
    db.execute(
        "INSERT OR IGNORE INTO shared_component_jobs "
        "(digitised_id, idempotency_key, state, created_at) VALUES (?, ?, 'queued', ?)",
        [digitised_id, secrets.token_hex(16), now.isoformat()],
    )


def metadata_of(row: Mapping[str, Any]) -> dict[str, Any]:
    """The metadata the store keeps with a component (from a ``digitised_components`` row)."""
    return {
        "owner_id_number": row["owner_id_number"],
        "component_code": row["component_code"],
        "component_name": row["component_name"],
        "procedure_code": row["procedure_code"],
        "dossier_code": row["dossier_code"],
        "digitised_at": row["digitised_at"],
        "pages": int(row["pages"]),
        "bytes": int(row["bytes"]),
        "sha256": row["sha256"],
        "signer": row["signer"] or "",
        "pdfa": bool(row["pdfa"]),
        "ocr": bool(row["ocr"]),
    }


def pending(db: sqlite_utils.Database) -> int:
    """How many components wait for the shared store."""
    row = db.execute("SELECT count(*) FROM shared_component_jobs WHERE state = 'queued'")
    return int(row.fetchone()[0])


def send_queued(
    db: sqlite_utils.Database,
    uploader: Uploader,
    store: ComponentStore,
    documents: Path,
    *,
    clock: Callable[[], datetime] = now_in_vietnam,
) -> SyncReport:
    """Send every queued component, oldest first; stop at the first transient failure
    (the server is likely down for all of them)."""
    cursor = db.execute(
        "SELECT j.digitised_id, j.idempotency_key, c.* FROM shared_component_jobs j "
        "JOIN digitised_components c ON c.id = j.digitised_id "
        "WHERE j.state = 'queued' ORDER BY j.created_at, j.digitised_id"
    )
    names = [column[0] for column in cursor.description]
    rows = [dict(zip(names, values, strict=False)) for values in cursor.fetchall()]
    sent = attention = 0
    for index, row in enumerate(rows):
        digitised_id, key = int(row["digitised_id"]), str(row["idempotency_key"])
        try:
            if row["deleted_at"] is not None:
                raise PermanentUploadError("the component was deleted before it was sent")
            path = documents / Path(str(row["file_name"])).name
            file = LocalFile(path, str(row["sha256"]), int(row["bytes"]))
            uploader.send_file(file, lambda _sent, _total: None)
            item = store.store_component(metadata_of(row), key)
        except TransientUploadError as exc:
            _failed(db, digitised_id, "queued", str(exc))
            log.info("shared store: component %d waits (%s)", digitised_id, exc.code)
            return SyncReport(sent, len(rows) - index, attention)
        except PermanentUploadError as exc:
            reason = getattr(exc, "reason", "") or str(exc)
            _failed(db, digitised_id, "attention", reason)
            attention += 1
            continue
        with transaction(db):
            db.execute(
                "UPDATE shared_component_jobs SET state = 'sent', item_id = ?, sent_at = ?, "
                "attempts = attempts + 1, last_error = NULL WHERE digitised_id = ?",
                [item.item_id, clock().isoformat(), digitised_id],
            )
        sent += 1
    return SyncReport(sent, 0, attention)


def _failed(db: sqlite_utils.Database, digitised_id: int, state: str, reason: str) -> None:
    with transaction(db):
        db.execute(
            "UPDATE shared_component_jobs SET state = ?, attempts = attempts + 1, "
            "last_error = ? WHERE digitised_id = ?",
            [state, reason[:500], digitised_id],
        )


def checked_pdf(data: bytes, expected_sha256: str) -> bytes:
    """``data`` when it hashes to ``expected_sha256``; ``ValueError`` otherwise."""
    if hashlib.sha256(data).hexdigest() != expected_sha256:
        raise ValueError("the fetched file does not match its SHA-256")
    return data
