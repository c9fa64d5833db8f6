"""The development server's shared store of digitised components (the citizen's store).

``POST /components`` stores a component's metadata (its PDF uploaded first through
``/files/{sha256}``), ``GET /components?owner=ID12`` lists an owner's components still
kept, ``GET /components/{item_id}`` gives one's metadata and ``.../file`` its PDF. Every
call needs a session; each account's access is checked (``allowed`` accounts, every
account when None) and every access, allowed or not, is written to an append-only log
(``access_log``: account, action, item, owner, outcome), as a province's store must keep.
Items expire after ``retention_days``: retention is the server's, the counters only cache.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ui.simulation.devserver.store import Answer

PREFIX = "/components"
_ITEM = re.compile(r"^/components/([0-9a-z-]{8,64})(/file)?$")
_ID12 = re.compile(r"^\d{12}$")
_SHA = re.compile(r"^[0-9a-f]{64}$")
_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.\-]{0,63}$")
REQUIRED = ("owner_id_number", "component_code", "procedure_code", "sha256", "pages")


@dataclass(frozen=True, slots=True)
class FileAnswer:
    """A PDF to send back as it is (``application/pdf``)."""

    path: Path
    size: int


class SharedComponents:
    """Thread-safe; its own SQLite file beside the protocol store's."""

    def __init__(
        self,
        folder: Path,
        files: Path,
        *,
        allowed: frozenset[str] | None = None,
        retention_days: float = 3650.0,
    ) -> None:
        self._files = files
        self.allowed = allowed
        self._retention = timedelta(days=retention_days)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(
            folder / "shared-components.sqlite3", check_same_thread=False, isolation_level=None
        )
        self._db.executescript(
            """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS items (
                item_id TEXT PRIMARY KEY,
                idempotency_key TEXT NOT NULL UNIQUE,
                owner_id_number TEXT NOT NULL,
                metadata_json TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                stored_by TEXT NOT NULL,
                stored_at TEXT NOT NULL,
                expires_at TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS items_owner ON items (owner_id_number);
            CREATE TABLE IF NOT EXISTS access_log (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                at TEXT NOT NULL,
                account TEXT NOT NULL,
                action TEXT NOT NULL,
                item_id TEXT,
                owner_id_number TEXT,
                outcome INTEGER NOT NULL
            );
            CREATE TRIGGER IF NOT EXISTS access_log_append_only
                BEFORE UPDATE ON access_log
                BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
            CREATE TRIGGER IF NOT EXISTS access_log_no_delete
                BEFORE DELETE ON access_log
                BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
            """
        )

    def close(self) -> None:
        self._db.close()

    # -- the calls -------------------------------------------------------------------------

    def handle(
        self, method: str, path: str, account: str, body: object, key: str
    ) -> Answer | FileAnswer:
        """Answer one authenticated call under ``/components``."""
        parts = urlsplit(path)
        if method == "POST" and parts.path == PREFIX:
            return self._store(account, key, body)
        if method == "GET" and parts.path == PREFIX:
            owner = (parse_qs(parts.query).get("owner") or [""])[0]
            return self._list(account, owner)
        item = _ITEM.match(parts.path)
        if method == "GET" and item is not None:
            return self._fetch(account, item.group(1), file=item.group(2) is not None)
        return Answer(404, {"message": "no such resource"})

    def _permitted(self, account: str) -> bool:
        return self.allowed is None or account in self.allowed

    def _store(self, account: str, key: str, body: object) -> Answer:
        owner = body.get("owner_id_number") if isinstance(body, dict) else None
        owner_text = owner if isinstance(owner, str) else None
        if not self._permitted(account):
            self._log(account, "store", None, owner_text, 403)
            return Answer(403, {"message": "this account may not use the shared store"})
        if not key:
            return Answer(400, {"message": "Idempotency-Key required"})
        problem = _metadata_problem(body)
        if problem is not None or not isinstance(body, dict):
            self._log(account, "store", None, owner_text, 422)
            return Answer(422, {"message": problem or "expected a JSON object"})
        if not (self._files / str(body["sha256"])).is_file():
            self._log(account, "store", None, owner_text, 422)
            return Answer(422, {"message": "the file must be uploaded first (PUT /files/{sha256})"})
        metadata = {k: body[k] for k in sorted(body)}
        with self._lock:
            held = self._db.execute(
                "SELECT item_id, metadata_json FROM items WHERE idempotency_key = ?", [key]
            ).fetchone()
            if held is not None:
                if json.loads(held[1]) != metadata:
                    return Answer(422, {"message": "Idempotency-Key reused with other content"})
                self._log(account, "store", held[0], owner_text, 200)
                return Answer(200, _item(held[0], metadata))
            item_id = "cmp-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]
            now = datetime.now(UTC)
            self._db.execute(
                "INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    item_id,
                    key,
                    owner_text,
                    json.dumps(metadata, ensure_ascii=False),
                    metadata["sha256"],
                    account,
                    now.isoformat(timespec="seconds"),
                    (now + self._retention).isoformat(timespec="seconds"),
                ],
            )
            self._log(account, "store", item_id, owner_text, 201)
        return Answer(201, _item(item_id, metadata))

    def _list(self, account: str, owner: str) -> Answer:
        if not self._permitted(account):
            self._log(account, "list", None, owner or None, 403)
            return Answer(403, {"message": "this account may not use the shared store"})
        if not _ID12.match(owner):
            return Answer(400, {"message": "owner must be a 12-digit ID number"})
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._lock:
            rows = self._db.execute(
                "SELECT item_id, metadata_json FROM items WHERE owner_id_number = ? "
                "AND expires_at > ? ORDER BY stored_at DESC, item_id",
                [owner, now],
            ).fetchall()
            self._log(account, "list", None, owner, 200)
        return Answer(200, {"items": [_item(i, json.loads(m)) for i, m in rows]})

    def _fetch(self, account: str, item_id: str, *, file: bool) -> Answer | FileAnswer:
        action = "fetch" if file else "show"
        with self._lock:
            row = self._db.execute(
                "SELECT owner_id_number, metadata_json, sha256, expires_at FROM items "
                "WHERE item_id = ?",
                [item_id],
            ).fetchone()
            owner = row[0] if row is not None else None
            if not self._permitted(account):
                self._log(account, action, item_id, owner, 403)
                return Answer(403, {"message": "this account may not use the shared store"})
            expired = row is not None and row[3] <= datetime.now(UTC).isoformat(timespec="seconds")
            if row is None or expired:
                self._log(account, action, item_id, owner, 404)
                return Answer(404, {"message": "no such component (or no longer kept)"})
            self._log(account, action, item_id, owner, 200)
        if not file:
            return Answer(200, _item(item_id, json.loads(row[1])))
        path = self._files / row[2]
        return FileAnswer(path, path.stat().st_size)

    def _log(
        self, account: str, action: str, item_id: str | None, owner: str | None, outcome: int
    ) -> None:
        self._db.execute(
            "INSERT INTO access_log (at, account, action, item_id, owner_id_number, outcome) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [datetime.now(UTC).isoformat(), account, action, item_id, owner, outcome],
        )

    # -- for tests -------------------------------------------------------------------------

    def access_log(self) -> list[dict[str, Any]]:
        """Every access in order (account, action, item_id, owner_id_number, outcome)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT account, action, item_id, owner_id_number, outcome FROM access_log "
                "ORDER BY seq"
            ).fetchall()
        keys = ("account", "action", "item_id", "owner_id_number", "outcome")
        return [dict(zip(keys, row, strict=True)) for row in rows]


def _item(item_id: str, metadata: Mapping[str, Any]) -> dict[str, Any]:
    return {"item_id": item_id, **metadata, "DuongDanTaiTepTin": f"{PREFIX}/{item_id}/file"}


def _metadata_problem(body: object) -> str | None:
    if not isinstance(body, dict):
        return "expected a JSON object"
    for name in REQUIRED:
        if name not in body:
            return f"{name} is required"
    if not isinstance(body["owner_id_number"], str) or not _ID12.match(body["owner_id_number"]):
        return "owner_id_number must be a 12-digit ID number"
    for name in ("component_code", "procedure_code"):
        if not isinstance(body[name], str) or not _CODE.match(body[name]):
            return f"{name} must be a code"
    if not isinstance(body["sha256"], str) or not _SHA.match(body["sha256"]):
        return "sha256 must be 64 lowercase hex digits"
    pages = body["pages"]
    if not isinstance(pages, int) or isinstance(pages, bool) or not 1 <= pages <= 10_000:
        return "pages must be a number of pages"
    return None


def send_file(handler: Any, answer: FileAnswer) -> None:
    """Write a PDF answer on the handler's connection, then let it be closed."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/pdf")
    handler.send_header("Content-Length", str(answer.size))
    handler.end_headers()
    with answer.path.open("rb") as stream:
        while block := stream.read(64 << 10):
            handler.wfile.write(block)
    handler.close_connection = True
