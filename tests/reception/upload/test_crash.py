"""Crash tests: ``reception queue drain`` killed with SIGKILL at random (seeded) moments,
restarted, many times; the server must end with every dossier and every file exactly
once, and the local database consistent."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from reception.upload import queue
from reception.upload.outbox import JobState
from tests.reception.upload.conftest import Counter, ServerFactory

KILLS = 10
RUN_LIMIT_SECONDS = 60  # any one drain process; the test ends well before in practice

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")


def drain_process(counter: Counter, url: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "RECEPTION_DATA_DIR": str(counter.path.parent),
        "RECEPTION_SERVER_USERNAME": "demo",
        "RECEPTION_SERVER_PASSWORD": "demo",
        "NO_PROXY": "127.0.0.1,localhost",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "reception", "queue", "drain", "--server", url,
         "--until-empty", "--max-seconds", "30"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip


def test_a_drain_killed_at_random_moments_still_delivers_exactly_once(
    counter: Counter, dev_server: ServerFactory
) -> None:
    codes = counter.save(12, files_each=2, file_bytes=200_000)
    # Slow answers and lost confirmations widen the windows a kill can land in.
    server = dev_server(slow_rate=0.5, slow_seconds=0.03, lose_confirmation_rate=0.2, seed=5)
    draw = random.Random(2026)
    kills = 0
    for _ in range(KILLS):
        process = drain_process(counter, server.url)
        # Python needs ~0.4 s to start; kill anywhere from start-up to well into sending.
        time.sleep(draw.uniform(0.3, 1.2))  # the moment of the crash, not a wait for a thread
        if process.poll() is not None:
            break  # it finished everything before this kill
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=RUN_LIMIT_SECONDS)
        kills += 1
    final = drain_process(counter, server.url)
    assert final.wait(timeout=RUN_LIMIT_SECONDS) == 0
    assert kills >= 3, "the kills must land before the queue is empty to mean anything"

    # The server: every dossier and file, each exactly once.
    assert sorted(server.store.dossier_codes()) == sorted(codes)
    assert set(server.store.event_counts("dossier").values()) == {1}
    files = server.store.event_counts("file")
    assert len(files) == 2 * len(codes) and set(files.values()) == {1}
    assert not list(server.store.files.glob("*.part"))

    # The counter's database: intact, every job sent with the server's own confirmation.
    db = counter.db
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    summary = queue.summary(db)
    assert summary.counts[JobState.SENT] == len(codes) and summary.unsent == 0
    views = queue.job_views(db, codes)
    for code in codes:
        confirmation = views[code].confirmation
        assert confirmation is not None and confirmation["MaHoSo"] == code
    receipts = {str(v.confirmation["SoBienNhan"]) for v in views.values() if v.confirmation}
    assert len(receipts) == len(codes)
    leftovers = db.execute(
        "SELECT count(*) FROM upload_jobs WHERE lease_owner IS NOT NULL"
    ).fetchone()[0]
    assert leftovers == 0
