"""The outbox on its own: transactions, claims, leases, retries, summary, scale."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from reception.errors import SequenceExhaustedError
from reception.storage.database import transaction
from reception.upload import outbox, queue
from reception.upload.backoff import Backoff
from reception.upload.errors import UnknownDossierError
from reception.upload.outbox import JobState
from tests.reception.upload.conftest import Counter, synthetic_draft

NOW = 1_800_000_000.0


def test_saving_a_dossier_enqueues_its_upload_in_the_same_commit(counter: Counter) -> None:
    codes = counter.save(2)
    summary = queue.summary(counter.db)
    assert summary.counts[JobState.QUEUED] == 2
    assert summary.oldest_waiting_code == codes[0]
    keys = {row[0] for row in counter.db.execute("SELECT idempotency_key FROM upload_jobs")}
    assert len(keys) == 2  # one idempotency key per job


def test_a_failed_save_leaves_neither_dossier_nor_job(counter: Counter) -> None:
    counter.store._block = type(counter.store._block)(1, 1)  # a block of one number
    counter.save(1)
    with pytest.raises(SequenceExhaustedError):
        counter.store.save(synthetic_draft(5))
    assert counter.store.count() == 1
    assert queue.count_unsent(counter.db) == 1


def test_enqueue_rolls_back_with_the_callers_transaction(counter: Counter) -> None:
    code = counter.save(1)[0]
    counter.db.execute("DELETE FROM upload_files")
    with pytest.raises(RuntimeError, match="boom"), transaction(counter.db):
        counter.db.execute("DELETE FROM upload_jobs WHERE dossier_code = ?", [code])
        outbox.enqueue(counter.db, code, now=NOW)
        raise RuntimeError("boom")
    assert queue.count_unsent(counter.db) == 1  # the original job, untouched


def test_enqueue_refuses_to_run_outside_a_transaction(counter: Counter) -> None:
    with pytest.raises(RuntimeError, match="transaction"):
        outbox.enqueue(counter.db, "000.00.01.H49-261130-0001", now=NOW)


def test_claims_go_oldest_first_under_a_lease(counter: Counter) -> None:
    codes = counter.save(3)
    now = time.time()
    first = outbox.claim_next(counter.db, "a", now=now, lease_seconds=60)
    second = outbox.claim_next(counter.db, "b", now=now, lease_seconds=60)
    assert first is not None and second is not None
    assert [first.dossier_code, second.dossier_code] == codes[:2]
    assert first.attempts == 1
    # Only the holder of the lease may settle the job.
    assert not outbox.mark_attention(
        counter.db, first.dossier_code, "b", now=now, error_code="x", reason="y"
    )
    assert outbox.mark_retry(
        counter.db, first.dossier_code, "a", now=now, delay=30, error_code="e", reason="r"
    )
    third = outbox.claim_next(counter.db, "a", now=now, lease_seconds=60)
    assert third is not None and third.dossier_code == codes[2]
    assert outbox.claim_next(counter.db, "a", now=now, lease_seconds=60) is None
    assert queue.send_now(counter.db, now=now) == 1
    again = outbox.claim_next(counter.db, "a", now=now, lease_seconds=60)
    assert again is not None and again.dossier_code == codes[0] and again.attempts == 2


def test_jobs_caught_in_flight_are_requeued(counter: Counter) -> None:
    counter.save(3)
    now = time.time()
    for owner, lease in (("expired", 1), ("dead", 600), ("alive", 600)):
        assert outbox.claim_next(counter.db, owner, now=now, lease_seconds=lease) is not None
    count = queue.requeue_stale(counter.db, now=now + 5, owner_is_dead=lambda o: o == "dead")
    assert count == 2
    summary = queue.summary(counter.db)
    assert summary.counts[JobState.QUEUED] == 2 and summary.counts[JobState.UPLOADING] == 1


def test_retry_after_attention_rebuilds_under_a_new_key(counter: Counter) -> None:
    code = counter.save(1)[0]
    job = outbox.claim_next(counter.db, "a", now=time.time(), lease_seconds=60)
    assert job is not None
    outbox.freeze_record(counter.db, code, "a", {"MaHoSo": code})
    outbox.mark_attention(
        counter.db, code, "a", now=NOW, error_code="upload_invalid", reason="ChuHoSo is required"
    )
    summary = queue.summary(counter.db)
    assert summary.last_error is not None and summary.last_error.reason == "ChuHoSo is required"
    assert [v.dossier_code for v in queue.needing_attention(counter.db)] == [code]
    assert queue.retry(counter.db, code, now=time.time()) is JobState.ATTENTION
    again = outbox.claim_next(counter.db, "a", now=time.time(), lease_seconds=60)
    assert again is not None
    assert again.idempotency_key != job.idempotency_key and again.record_json is None
    with pytest.raises(UnknownDossierError):
        queue.retry(counter.db, "000.00.01.H49-261130-9999", now=NOW)


def test_backoff_grows_is_capped_and_jittered() -> None:
    backoff = Backoff(base_seconds=2, cap_seconds=60)
    draw = random.Random(1).random
    delays = [backoff.delay(n, draw) for n in range(1, 12)]
    for n, delay in enumerate(delays, start=1):
        ceiling = min(60, 2 * 2 ** (n - 1))
        assert ceiling / 2 <= delay <= ceiling
    assert max(delays) <= 60
    assert backoff.delay(10_000, draw) <= 60  # no overflow on a very old job


def test_an_unreadable_document_does_not_fail_the_save(counter: Counter, tmp_path: Path) -> None:
    code = counter.save(1)[0]
    outbox.add_files(counter.db, code, [outbox.FileToSend(tmp_path / "gone.pdf", "gone.pdf")])
    job = outbox.claim_next(counter.db, "a", now=time.time(), lease_seconds=60)
    assert job is not None and job.files[0].size == -1


def test_thousands_of_jobs_are_claimed_and_counted_through_indexes(counter: Counter) -> None:
    codes = counter.save(1)
    # Jobs without dossier rows, to keep the test fast: only the queue's indexes matter.
    counter.db.execute("PRAGMA foreign_keys = OFF")
    with transaction(counter.db):
        for n in range(5000):
            counter.db.execute(
                "INSERT INTO upload_jobs (dossier_code, idempotency_key, state, enqueued_at,"
                " next_attempt_at) VALUES (?, ?, 'queued', ?, ?)",
                [f"X-{n:05d}", f"k{n}", NOW + n, NOW + n],
            )
    plans = [
        " ".join(str(r[3]) for r in counter.db.execute(f"EXPLAIN QUERY PLAN {sql}", args))
        for sql, args in (
            (
                "SELECT dossier_code FROM upload_jobs INDEXED BY upload_jobs_fifo"
                " WHERE state = ? AND next_attempt_at <= ? ORDER BY enqueued_at, dossier_code"
                " LIMIT 1",
                ["queued", NOW],
            ),
            ("SELECT min(next_attempt_at) FROM upload_jobs WHERE state = ?", ["queued"]),
        )
    ]
    assert "upload_jobs_fifo" in plans[0] and "upload_jobs_due" in plans[1]
    assert "TEMP B-TREE" not in plans[0]  # no sort of the whole queue per claim
    assert queue.summary(counter.db).counts[JobState.QUEUED] == 5001
    job = outbox.claim_next(counter.db, "a", now=time.time(), lease_seconds=60)
    assert job is not None and job.dossier_code == codes[0]


def test_a_dossier_that_cannot_become_a_record_needs_attention(counter: Counter) -> None:
    from reception.upload.dispatcher import Dispatcher, Outcome
    from reception.upload.uploader import Uploader

    code = counter.save(1)[0]
    counter.db.execute("UPDATE dossiers SET appointment_at = 'soon' WHERE code = ?", [code])

    class NeverCalled(Uploader):
        def send_file(self, file: object, progress: object) -> object:  # type: ignore[override]
            raise AssertionError

        def send_dossier(self, envelope: object, key: str) -> object:  # type: ignore[override]
            raise AssertionError

        def probe(self) -> bool:
            return True

    result = Dispatcher(counter.db, NeverCalled(), unit_code="U").step()
    assert result is not None and result.outcome is Outcome.ATTENTION
    assert result.error_code == "upload_record_invalid"
