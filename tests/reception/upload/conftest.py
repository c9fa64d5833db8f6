"""Fixtures for the upload tests: a local database of dossiers, the development server on
127.0.0.1 (any free port), and an HTTP uploader pointed at it."""

from __future__ import annotations

import hashlib
import random
import threading
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
import sqlite_utils

from reception.dossiers.code import SequenceBlock
from reception.dossiers.store import Applicant, DossierDraft, DossierStore
from reception.identity.citizen import CitizenIdentity
from reception.storage.database import open_database
from reception.storage.document_vault import DocumentVault
from reception.upload import outbox
from reception.upload.backoff import Backoff
from reception.upload.credentials import Credentials
from reception.upload.dispatcher import Dispatcher
from reception.upload.http_uploader import HttpUploader
from reception.workstation.timezone import VIETNAM
from ui.simulation.devserver.faults import FaultPlan
from ui.simulation.devserver.server import DevServer

UNIT = "000.00.01.H49"
SYNTHETIC_NAMES = ["NGUYỄN THỊ AN", "TRẦN VĂN BÌNH", "LÊ HOÀNG CƯỜNG", "PHẠM MINH DUNG"]


def synthetic_draft(index: int) -> DossierDraft:
    """A dossier of a made-up person (the ID numbers are not real)."""
    identity = CitizenIdentity(
        id_number=f"0220880{index:05d}",
        full_name=SYNTHETIC_NAMES[index % len(SYNTHETIC_NAMES)],
        date_of_birth=date(1988, 3, 4),
    )
    return DossierDraft(
        procedure_code="1.001193.000.00.00.H49",
        procedure_name="Đăng ký khai sinh",
        applicant=Applicant(identity=identity, phone="0912345678"),
    )


class Counter:
    """A local database with dossiers saved the real way (dossier + job in one commit)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = open_database(path)
        self.store = DossierStore(
            self.db,
            unit_code=UNIT,
            workstation="QUAY-01",
            block=SequenceBlock(1, 9999),
            clock=lambda: datetime(2026, 11, 30, 9, 0, tzinfo=VIETNAM),
        )
        self.documents = path.parent / "documents"
        self.documents.mkdir(exist_ok=True)

    def save(self, count: int, *, files_each: int = 0, file_bytes: int = 3000) -> list[str]:
        codes = []
        for _ in range(count):
            index = self.store.count()
            code = self.store.save(synthetic_draft(index)).code
            files = []
            for n in range(files_each):
                path = self.documents / f"{code}_TP{n}_1.pdf"
                # Distinct bytes per file, so every file is its own object on the server;
                # kept sealed, as the app keeps them (sent plain, in ranges).
                data = hashlib.sha256(f"{code}/{n}".encode()).digest() * (file_bytes // 32)
                DocumentVault(self.documents).write(path, data)
                files.append(outbox.FileToSend(path, path.name, component_code=f"TP{n}"))
            if files:
                outbox.add_files(self.db, code, files)
            codes.append(code)
        return codes


@pytest.fixture
def counter(tmp_path: Path) -> Iterator[Counter]:
    made = Counter(tmp_path / "counter" / "reception.sqlite3")
    yield made
    made.db.conn.close()


ServerFactory = Callable[..., DevServer]


@pytest.fixture
def dev_server(tmp_path: Path) -> Iterator[ServerFactory]:
    """Start development servers (stopped at the end); keyword arguments are FaultPlan's."""
    started: list[DevServer] = []

    def start(port: int = 0, **faults: object) -> DevServer:
        server = DevServer(
            tmp_path / "server",
            port=port,
            faults=FaultPlan(**faults),  # type: ignore[arg-type]
        ).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def make_uploader(url: str, chunk_bytes: int = 1024) -> HttpUploader:
    return HttpUploader(
        url,
        lambda: Credentials("demo", "demo"),
        timeout_seconds=2.0,
        chunk_bytes=chunk_bytes,
    )


def make_dispatcher(
    db: sqlite_utils.Database, uploader: HttpUploader, *, seed: int = 7, **kwargs: object
) -> Dispatcher:
    return Dispatcher(
        db,
        uploader,
        unit_code=UNIT,
        # Short waits: the tests drive failures on purpose and must end quickly.
        backoff=Backoff(base_seconds=0.01, cap_seconds=0.05),
        random_source=random.Random(seed).random,
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.fixture(autouse=True)
def _local_traffic_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Traffic stays on 127.0.0.1 even where the machine has a proxy configured."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.delenv("RECEPTION_SERVER_USERNAME", raising=False)
    monkeypatch.delenv("RECEPTION_SERVER_PASSWORD", raising=False)


@pytest.fixture
def stop_event() -> threading.Event:
    return threading.Event()
