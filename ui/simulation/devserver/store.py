"""What the development server holds: files on disk by SHA-256, dossiers in SQLite.

The store enforces the protocol's promises itself, so that tests can ask it whether
anything was duplicated: a file is completed once, a MaHoSo stored once, an
Idempotency-Key answered with the same reply every time.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

READ_BLOCK = 64 << 10


class Readable(Protocol):
    """The request body: ``rfile`` of the handler."""

    def read(self, size: int, /) -> bytes: ...


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    body: Mapping[str, Any] | None = None
    headers: Mapping[str, str] | None = None


class ProtocolStore:
    """Thread-safe state of the server (one lock: a development server, not a product)."""

    def __init__(self, folder: Path) -> None:
        self.files = folder / "files"
        self.files.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._db = sqlite3.connect(
            folder / "dev-server.sqlite3", check_same_thread=False, isolation_level=None
        )
        self._db.executescript(
            """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS dossiers (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                ma_ho_so TEXT NOT NULL UNIQUE,
                content_sha TEXT NOT NULL,
                record_json TEXT NOT NULL,
                reply_json TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS idempotency (
                key TEXT PRIMARY KEY, content_sha TEXT NOT NULL, reply_json TEXT NOT NULL
            );
            -- Every completion and every store, to prove nothing happened twice.
            CREATE TABLE IF NOT EXISTS events (kind TEXT NOT NULL, name TEXT NOT NULL);
            """
        )

    def close(self) -> None:
        self._db.close()

    # -- files -----------------------------------------------------------------------------

    def file_offset(self, sha: str) -> int | None:
        """Bytes held for ``sha`` (its size when complete), None when nothing is held."""
        final, part = self.files / sha, self.files / f"{sha}.part"
        if final.exists():
            return final.stat().st_size
        return part.stat().st_size if part.exists() else None

    def file_receipt(self, sha: str) -> dict[str, str]:
        return {"TepDinhKemId": sha, "DuongDanTaiTepTin": f"/files/{sha}"}

    def write_chunk(
        self,
        sha: str,
        start: int,
        total: int,
        stream: Readable,
        length: int,
        *,
        stop_after: int | None = None,
    ) -> Answer | None:
        """Append ``length`` bytes at ``start``; None when the reading was cut on purpose
        (``stop_after`` bytes) or by the client."""
        with self._lock:  # one writer per server: enough for development
            held = self.file_offset(sha) or 0
            if (self.files / sha).exists():
                _skip(stream, length)
                return Answer(200, self.file_receipt(sha))
            if start != held or start + length > total:
                _skip(stream, length)
                return Answer(416, {"message": "range does not continue"}, _offset(held))
            part = self.files / f"{sha}.part"
            with part.open("ab") as out:
                left = length if stop_after is None else min(length, stop_after)
                while left > 0:
                    block = stream.read(min(READ_BLOCK, left))
                    if not block:
                        return None
                    out.write(block)
                    left -= len(block)
            if stop_after is not None:
                return None
            held = start + length
            if held < total:
                return Answer(308, None, _offset(held))
            return self._complete(sha, part)

    def finish_empty_or_status(self, sha: str, total: int) -> Answer:
        """``Content-Range: bytes */TOTAL``: the file's status (completes an empty file)."""
        with self._lock:
            held = self.file_offset(sha)
            if (self.files / sha).exists():
                return Answer(200, self.file_receipt(sha))
            if total == 0:
                part = self.files / f"{sha}.part"
                part.touch()
                return self._complete(sha, part)
            return Answer(308, None, _offset(held or 0))

    def _complete(self, sha: str, part: Path) -> Answer:
        digest = hashlib.sha256()
        with part.open("rb") as stream:
            while block := stream.read(READ_BLOCK):
                digest.update(block)
        if digest.hexdigest() != sha:
            part.unlink()
            return Answer(422, {"message": "the bytes do not hash to the file name"})
        part.rename(self.files / sha)
        self._db.execute("INSERT INTO events VALUES ('file', ?)", [sha])
        return Answer(201, self.file_receipt(sha))

    # -- dossiers --------------------------------------------------------------------------

    def store_dossier(
        self,
        key: str,
        record: Mapping[str, Any],
        *,
        validate: Callable[[Mapping[str, Any]], str | None],
    ) -> Answer:
        """Store once; the same key or the same content again gets the first reply."""
        content = json.dumps(record, ensure_ascii=False, sort_keys=True)
        content_sha = hashlib.sha256(content.encode("utf-8")).hexdigest()
        code = str(record.get("MaHoSo", ""))
        with self._lock:
            seen = self._db.execute(
                "SELECT content_sha, reply_json FROM idempotency WHERE key = ?", [key]
            ).fetchone()
            if seen is not None:
                if seen[0] != content_sha:
                    return Answer(422, {"message": "Idempotency-Key reused with other content"})
                return Answer(200, json.loads(seen[1]))
            held = self._db.execute(
                "SELECT content_sha, reply_json FROM dossiers WHERE ma_ho_so = ?", [code]
            ).fetchone()
            if held is not None:
                if held[0] != content_sha:
                    return Answer(409, {"message": f"MaHoSo {code} is held with other content"})
                self._remember(key, content_sha, held[1])
                return Answer(200, json.loads(held[1]))
            problem = validate(record)
            if problem is not None:
                return Answer(422, {"error_code": "01", "message": problem})
            missing = [
                str(doc.get("TepDinhKemId"))
                for doc in record.get("TaiLieuNop") or []
                if not (self.files / str(doc.get("TepDinhKemId"))).exists()
            ]
            if missing:
                return Answer(422, {"message": f"unknown file ids: {', '.join(missing)}"})
            self._db.execute("BEGIN IMMEDIATE")
            cursor = self._db.execute(
                "INSERT INTO dossiers (ma_ho_so, content_sha, record_json, reply_json)"
                " VALUES (?, ?, ?, '')",
                [code, content_sha, content],
            )
            reply = {
                "error_code": "00",
                "MaHoSo": code,
                "SoBienNhan": f"DEV-{cursor.lastrowid:06d}",
                "NgayNhan": datetime.now(UTC).strftime("%Y%m%d%H%M%S"),
            }
            reply_text = json.dumps(reply, ensure_ascii=False)
            self._db.execute(
                "UPDATE dossiers SET reply_json = ? WHERE ma_ho_so = ?", [reply_text, code]
            )
            self._remember(key, content_sha, reply_text)
            self._db.execute("INSERT INTO events VALUES ('dossier', ?)", [code])
            self._db.execute("COMMIT")
            return Answer(200, reply)

    def _remember(self, key: str, content_sha: str, reply: str) -> None:
        self._db.execute(
            "INSERT OR IGNORE INTO idempotency VALUES (?, ?, ?)", [key, content_sha, reply]
        )

    # -- for tests and the benchmark -------------------------------------------------------

    def dossier_codes(self) -> list[str]:
        """Stored dossiers in the order they arrived."""
        with self._lock:
            rows = self._db.execute("SELECT ma_ho_so FROM dossiers ORDER BY seq").fetchall()
        return [str(row[0]) for row in rows]

    def record(self, code: str) -> dict[str, Any]:
        with self._lock:
            row = self._db.execute(
                "SELECT record_json FROM dossiers WHERE ma_ho_so = ?", [code]
            ).fetchone()
        return dict(json.loads(row[0]))

    def event_counts(self, kind: str) -> dict[str, int]:
        with self._lock:
            rows = self._db.execute(
                "SELECT name, count(*) FROM events WHERE kind = ? GROUP BY name", [kind]
            ).fetchall()
        return {str(name): int(count) for name, count in rows}


def _offset(held: int) -> dict[str, str]:
    return {"Upload-Offset": str(held)}


def _skip(stream: Readable, length: int) -> None:
    while length > 0:
        block = stream.read(min(READ_BLOCK, length))
        if not block:
            return
        length -= len(block)
