"""Moves jobs from the outbox to the server, one at a time, files first, record last.

Used by the window's upload worker (one step per turn of its thread's event loop) and by
``reception queue drain`` (a loop). Only the server's confirmation marks a job sent; any
crash before it leaves a leased job that :meth:`Dispatcher.recover` (at start-up) or the
lease's expiry puts back, and the retry is harmless: files are content-addressed and the
record carries the job's idempotency key.
"""

from __future__ import annotations

import enum
import json
import logging
import os
import random
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import sqlite_utils

from reception.errors import DocumentDamagedError
from reception.privacy.processing_log import Action, ProcessingLog, subject_of_dossier
from reception.storage.document_vault import document_size
from reception.upload import outbox, queue
from reception.upload.backoff import Backoff, RandomSource
from reception.upload.errors import (
    LocalFileError,
    PermanentUploadError,
    RecordInvalidError,
    ServerUnreachableError,
    TransientUploadError,
    UploadCancelledError,
    UploadError,
)
from reception.upload.outbox import Job, JobFile, JobState
from reception.upload.record import (
    DEFAULT_RECORD_VERSION,
    DossierMissingError,
    build_record,
    record_version,
    with_files,
)
from reception.upload.uploader import LocalFile, SyncEnvelope, Uploader

log = logging.getLogger(__name__)

DEFAULT_LEASE_SECONDS = 120.0
LEASE_RENEW_FRACTION = 0.3  # renew when less than 70 % of the lease is left
RECOVER_FRACTION = 0.25  # look for jobs of dead workers four times per lease
UNREACHABLE_FREE_ATTEMPTS = 3  # attempts lost to an unreachable server before backing off


class Outcome(enum.StrEnum):
    SENT = "sent"
    RETRY = "retry"
    ATTENTION = "attention"
    LOST_LEASE = "lost_lease"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class StepResult:
    dossier_code: str
    outcome: Outcome
    error_code: str | None = None


class ProgressListener:
    """Told about the job in hand; the window's worker turns these into Qt signals."""

    def started(self, code: str) -> None:
        """A job was claimed."""

    def file_progress(self, code: str, sent: int, total: int) -> None:
        """Bytes of the job's files the server holds, over all its files."""

    def finished(self, result: StepResult) -> None:
        """The job left the uploading state (or was lost to another worker)."""


def process_owner() -> str:
    """A lease owner naming this host and process, so a dead holder can be recognised."""
    return f"{socket.gethostname()}/{os.getpid()}/{uuid.uuid4().hex[:8]}"


def owner_is_dead(owner: str) -> bool:
    """True when ``owner`` was a process of this host that no longer exists (POSIX only;
    elsewhere the lease's expiry does the job)."""
    host, _, rest = owner.partition("/")
    pid_text = rest.partition("/")[0]
    if os.name != "posix" or host != socket.gethostname() or not pid_text.isdigit():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, someone else's
        return False
    return False


class Dispatcher:
    """Claims and sends jobs for one process (the lease ``owner``)."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        uploader: Uploader,
        *,
        unit_code: str,
        owner: str | None = None,
        lease_seconds: float = DEFAULT_LEASE_SECONDS,
        backoff: Backoff | None = None,
        clock: Callable[[], float] = time.time,
        random_source: RandomSource = random.random,
        listener: ProgressListener | None = None,
        cancel: threading.Event | None = None,
        processing_log: ProcessingLog | None = None,
    ) -> None:
        self._db = db
        self._processing_log = processing_log
        self._uploader = uploader
        self._unit_code = unit_code
        # The sync record version ([server] record) of records built from now on.
        self.record_version = DEFAULT_RECORD_VERSION
        self.owner = owner or process_owner()
        self._lease = lease_seconds
        self._backoff = backoff or Backoff()
        self._clock = clock
        self._random = random_source
        self._listener = listener or ProgressListener()
        self._cancel = cancel or threading.Event()
        self.online: bool | None = None  # None until the first contact
        self._recovered_at = -float("inf")

    def recover(self) -> int:
        """Requeue jobs caught in flight by a process that died or a lease that lapsed."""
        self._recovered_at = self._clock()
        count = queue.requeue_stale(self._db, now=self._recovered_at, owner_is_dead=owner_is_dead)
        if count:
            log.info("requeued %d upload job(s) caught in flight", count)
        return count

    def check_network(self) -> bool:
        """Probe the server; when it answers again after an outage, make every job due."""
        was_online = self.online
        self.online = self._uploader.probe()
        if self.online and was_online is False:
            woken = queue.send_now(self._db, now=self._clock())
            log.info("server reachable again; %d job(s) due now", woken)
        return self.online

    def step(self) -> StepResult | None:
        """Send the oldest due job; None when no job is due."""
        # Looking for stale leases is a write transaction: a few times per lease, not per job.
        if self._clock() - self._recovered_at >= self._lease * RECOVER_FRACTION:
            self.recover()
        job = outbox.claim_next(self._db, self.owner, now=self._clock(), lease_seconds=self._lease)
        if job is None:
            return None
        self._listener.started(job.dossier_code)
        result = self._send(job)
        self._listener.finished(result)
        return result

    def _send(self, job: Job) -> StepResult:
        code = job.dossier_code
        try:
            job = self._prepared(job)
            self._send_files(job)
            job = outbox.reload_job(self._db, code)
            frozen = _frozen(job)
            record = with_files(frozen, job.files)
            receipt = self._uploader.send_dossier(
                SyncEnvelope(self._unit_code, record, record_version(frozen)),
                job.idempotency_key,
            )
        except _LeaseLostError:
            return StepResult(code, Outcome.LOST_LEASE)
        except UploadCancelledError:
            outbox.release(self._db, code, self.owner, now=self._clock())
            return StepResult(code, Outcome.CANCELLED)
        except TransientUploadError as exc:
            unreachable = isinstance(exc, ServerUnreachableError)
            self.online = not unreachable
            # An unreachable server is the link's fault, not the job's: the job keeps its
            # place at the head of the queue (oldest first) and the caller waits for the
            # network. Only a job that keeps failing while others could go is pushed back.
            penalised = job.attempts - UNREACHABLE_FREE_ATTEMPTS if unreachable else job.attempts
            delay = self._backoff.delay(penalised, self._random) if penalised > 0 else 0.0
            outbox.mark_retry(
                self._db,
                code,
                self.owner,
                now=self._clock(),
                delay=delay,
                error_code=exc.code,
                reason=exc.reason,
            )
            log.info("upload failed (%s), retry in %.0f s", exc.code, delay)
            return StepResult(code, Outcome.RETRY, exc.code)
        except PermanentUploadError as exc:
            self.online = True
            outbox.mark_attention(
                self._db,
                code,
                self.owner,
                now=self._clock(),
                error_code=exc.code,
                reason=exc.reason,
            )
            log.warning("upload refused (%s); the dossier needs attention", exc.code)
            return StepResult(code, Outcome.ATTENTION, exc.code)
        self.online = True
        outbox.mark_sent(
            self._db, code, self.owner, now=self._clock(), confirmation=receipt.confirmation
        )
        if self._processing_log is not None:
            self._processing_log.record(
                self._db,
                Action.UPLOAD,
                subject_id=subject_of_dossier(self._db, code),
                dossier_code=code,
            )
        return StepResult(code, Outcome.SENT)

    def _prepared(self, job: Job) -> Job:
        """Build and freeze the record on the first attempt (attaching component files)."""
        if job.record_json is not None:
            return job
        try:
            record, component_files = build_record(self._db, job.dossier_code, self.record_version)
        except DossierMissingError as exc:
            raise LocalFileError("the dossier is not in the local database") from exc
        except (ValueError, TypeError, KeyError) as exc:
            raise RecordInvalidError(
                f"record not buildable: {type(exc).__name__}",
                reason="a stored value of the dossier is not in the expected format",
            ) from exc
        known = {f.path for f in job.files}
        extra = [f for f in component_files if f.path not in known]
        if extra and not outbox.attach_component_files(
            self._db, job.dossier_code, self.owner, extra
        ):
            raise _LeaseLostError("lease lost")
        if not outbox.freeze_record(self._db, job.dossier_code, self.owner, record):
            raise _LeaseLostError("lease lost")
        return outbox.reload_job(self._db, job.dossier_code)

    def _send_files(self, job: Job) -> None:
        total = sum(max(f.size, 0) for f in job.files)
        done = sum(f.size for f in job.files if f.file_id is not None)
        for item in job.files:
            if item.file_id is not None:
                continue  # the server confirmed it on an earlier attempt
            _check_local(item)
            progress = _Progress(self, job.dossier_code, base=done, total=total)
            receipt = self._uploader.send_file(
                LocalFile(item.path, item.sha256, item.size), progress
            )
            outbox.record_file_sent(
                self._db,
                job.dossier_code,
                item.position,
                self.owner,
                file_id=receipt.file_id,
                download_path=receipt.download_path,
            )
            done += item.size

    def renew(self, code: str) -> None:
        """Extend the lease while a long upload makes progress; stop if it was lost."""
        if self._cancel.is_set():
            raise UploadCancelledError("stopping")
        if not outbox.renew_lease(
            self._db, code, self.owner, now=self._clock(), lease_seconds=self._lease
        ):
            raise _LeaseLostError("lease lost")

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def listener(self) -> ProgressListener:
        return self._listener

    @property
    def lease_seconds(self) -> float:
        return self._lease

    @property
    def clock(self) -> Callable[[], float]:
        return self._clock


class _LeaseLostError(UploadError):
    """Another worker took the job over; leave it to them."""


class _Progress:
    """Forwards byte counts and renews the lease now and then (not on every block)."""

    def __init__(self, dispatcher: Dispatcher, code: str, *, base: int, total: int) -> None:
        self._dispatcher = dispatcher
        self._code = code
        self._base = base
        self._total = total
        self._renewed_at = dispatcher.clock()

    def __call__(self, sent: int, total: int) -> None:
        now = self._dispatcher.clock()
        if now - self._renewed_at > self._dispatcher.lease_seconds * LEASE_RENEW_FRACTION:
            self._dispatcher.renew(self._code)
            self._renewed_at = now
        elif self._dispatcher.cancelled:
            raise UploadCancelledError("stopping")
        self._dispatcher.listener.file_progress(self._code, self._base + sent, self._total)


def _frozen(job: Job) -> dict[str, object]:
    record = json.loads(job.record_json or "{}")
    assert isinstance(record, dict)
    return record


def _check_local(item: JobFile) -> None:
    try:
        size = document_size(item.path)
    except OSError as exc:
        raise LocalFileError(
            f"document {item.name} missing", reason=f"document {item.name} is missing"
        ) from exc
    except DocumentDamagedError as exc:
        raise LocalFileError(
            f"document {item.name} damaged", reason=f"document {item.name} is damaged"
        ) from exc
    if item.size < 0 or size != item.size:
        raise LocalFileError(
            f"document {item.name} changed", reason=f"document {item.name} changed after saving"
        )


__all__ = ["Dispatcher", "JobState", "Outcome", "ProgressListener", "StepResult"]
