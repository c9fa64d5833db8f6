"""The upload queue: what enqueuing adds to a save, and how fast a drain empties the queue
against the development server compared with plain HTTP posts of the same payloads."""

from __future__ import annotations

import http.client
import itertools
import json
import tempfile
import threading
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import sqlite_utils

from benchmarks.harness import Measure
from reception.dossiers.code import SequenceBlock
from reception.dossiers.store import Applicant, DossierDraft, DossierStore
from reception.identity.citizen import CitizenIdentity
from reception.storage.database import open_database, transaction
from reception.upload import outbox
from reception.upload.credentials import Credentials
from reception.upload.dispatcher import Dispatcher
from reception.upload.drain import drain
from reception.upload.http_uploader import HttpUploader
from reception.upload.record import SYNC_SERVICE, build_record
from reception.workstation.timezone import VIETNAM
from ui.simulation.devserver.server import DevServer

UNIT = "000.00.01.H49"
DOSSIERS = 200
DRAFT = DossierDraft(
    procedure_code="1.001193.000.00.00.H49",
    procedure_name="Đăng ký khai sinh",
    applicant=Applicant(
        CitizenIdentity(
            id_number="022088001234", full_name="TRẦN VĂN BÌNH", date_of_birth=date(1988, 3, 4)
        )
    ),
)


def run(measure: Measure) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        _enqueue_cost(measure, root)
        _drain_throughput(measure, root)


def _store(path: Path) -> tuple[sqlite_utils.Database, DossierStore]:
    db = open_database(path)
    return db, DossierStore(db, unit_code=UNIT, workstation="Q1", block=SequenceBlock(1, 9999))


def _enqueue_cost(measure: Measure, root: Path) -> None:
    db, store = _store(root / "enqueue.sqlite3")
    days = itertools.count()
    start = datetime(2026, 1, 1, 9, tzinfo=VIETNAM)
    codes = [store.save(DRAFT, start + timedelta(days=next(days))).code for _ in range(250)]
    db.execute("DELETE FROM upload_jobs")
    pending = iter(codes)

    def enqueue_alone() -> None:
        with transaction(db):
            outbox.enqueue(db, next(pending), now=time.time())

    measure.time("upload", "enqueue alone (own fsync'd transaction)", enqueue_alone, repeat=200)
    measure.time(
        "upload",
        "save dossier, enqueue included (one transaction)",
        lambda: store.save(DRAFT, start + timedelta(days=next(days))),
        repeat=200,
        baseline="enqueue alone (own fsync'd transaction)",
    )


def _drain_throughput(measure: Measure, root: Path) -> None:
    db, store = _store(root / "drain.sqlite3")
    received = datetime(2026, 6, 1, 9, tzinfo=VIETNAM)
    codes = [store.save(DRAFT, received).code for _ in range(DOSSIERS)]
    envelopes = [
        {"madonvi": UNIT, "service": SYNC_SERVICE, "isUpdating": "False",
         "data": [{**build_record(db, code)[0], "TaiLieuNop": []}]}
        for code in codes
    ]  # fmt: skip

    plain_server = DevServer(root / "plain-server").start()
    try:
        started = time.perf_counter()
        _plain_posts(plain_server.url, envelopes)
        plain_rate = DOSSIERS / (time.perf_counter() - started)
    finally:
        plain_server.stop()

    server = DevServer(root / "queue-server").start()
    try:
        uploader = HttpUploader(server.url, lambda: Credentials("demo", "demo"))
        with uploader:
            dispatcher = Dispatcher(db, uploader, unit_code=UNIT)
            started = time.perf_counter()
            report = drain(
                db, dispatcher, until_empty=True, max_seconds=120, wait=threading.Event().wait
            )
            drain_rate = DOSSIERS / (time.perf_counter() - started)
        assert report.exit_status == 0 and len(server.store.dossier_codes()) == DOSSIERS
    finally:
        server.stop()
    baseline = f"plain HTTP POSTs, keep-alive ({DOSSIERS} dossiers)"
    measure.record("upload", baseline, plain_rate, "/s")
    measure.record(
        "upload", "queue drain (claim, send, confirm; fsync'd)", drain_rate, "/s", baseline
    )


def _plain_posts(url: str, envelopes: list[dict[str, object]]) -> None:
    """The same payloads, posted one after another on one connection, nothing recorded."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    connection.request(
        "POST", "/auth/login", json.dumps({"username": "demo", "password": "demo"}).encode()
    )
    token = json.loads(connection.getresponse().read())["session"]
    for envelope in envelopes:
        connection.request(
            "POST",
            "/dossiers",
            json.dumps(envelope, ensure_ascii=False).encode("utf-8"),
            {
                "Authorization": f"Bearer {token}",
                "Idempotency-Key": str(uuid.uuid4()),
                "Content-Type": "application/json",
            },
        )
        answer = connection.getresponse()
        answer.read()
        assert answer.status == 200
    connection.close()
