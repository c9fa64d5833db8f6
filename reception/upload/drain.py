"""Drain the queue in the foreground: ``reception queue drain`` and the tests."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import sqlite_utils

from reception.upload import queue
from reception.upload.dispatcher import Dispatcher, Outcome
from reception.upload.outbox import JobState, QueueSummary

PROBE_FIRST_SECONDS = 1.0
PROBE_MAX_SECONDS = 30.0
MIN_WAIT_SECONDS = 0.05


@dataclass(frozen=True, slots=True)
class DrainReport:
    outcomes: Counter[Outcome] = field(default_factory=Counter)
    remaining: QueueSummary | None = None
    timed_out: bool = False

    @property
    def exit_status(self) -> int:
        """0 nothing left to send, 3 dossiers need attention, 1 some are still queued."""
        assert self.remaining is not None
        if self.remaining.to_send:
            return 1
        return 3 if self.remaining.counts[JobState.ATTENTION] else 0


def drain(
    db: sqlite_utils.Database,
    dispatcher: Dispatcher,
    *,
    until_empty: bool,
    max_seconds: float,
    wait: Callable[[float], object],
    probe_first_seconds: float = PROBE_FIRST_SECONDS,
    clock: Callable[[], float] = time.time,
    monotonic: Callable[[], float] = time.monotonic,
) -> DrainReport:
    """Send every due job; with ``until_empty`` also wait for retries and for the server
    to come back, until nothing is left to send or ``max_seconds`` have passed.

    While the server is unreachable no job is tried: the server is probed, at growing
    intervals, and the queue resumes oldest first when it answers. ``wait(seconds)``
    sleeps and may return early (``threading.Event.wait``): there is no busy loop.
    """
    outcomes: Counter[Outcome] = Counter()
    deadline = monotonic() + max_seconds
    probe_pause = probe_first_seconds
    dispatcher.recover()
    while not dispatcher.cancelled:
        if dispatcher.online is not False:
            result = dispatcher.step()
            if result is not None:
                outcomes[result.outcome] += 1
                continue
        remaining = queue.summary(db)
        left = deadline - monotonic()
        if remaining.to_send == 0 or not until_empty or left <= 0:
            return DrainReport(outcomes, remaining, timed_out=remaining.to_send > 0 and left <= 0)
        if dispatcher.online is False:
            wait(min(probe_pause, left))
            if not dispatcher.check_network():
                probe_pause = min(probe_pause * 2, PROBE_MAX_SECONDS)
            else:
                probe_pause = probe_first_seconds
            continue
        pause = PROBE_MAX_SECONDS  # a job leased by another process: its lease will lapse
        if remaining.next_attempt_at is not None:
            pause = remaining.next_attempt_at - clock()
        wait(min(max(pause, MIN_WAIT_SECONDS), PROBE_MAX_SECONDS, left))
    return DrainReport(outcomes, queue.summary(db))
