"""The faults the development server can inject, drawn from one seeded generator."""

from __future__ import annotations

import enum
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field


class Fault(enum.StrEnum):
    NONE = "none"
    ERROR = "error"  # 503 before doing anything
    DROP_REQUEST = "drop_request"  # read part of the request body, then hang up
    DROP_AFTER_HEADERS = "drop_after_headers"  # do the work, send the headers, hang up
    DROP_MID_BODY = "drop_mid_body"  # do the work, send half the answer, hang up
    LOSE_CONFIRMATION = "lose_confirmation"  # store the dossier, hang up without a word
    # Counted only (not drawn per request): what the plan's other switches did.
    SLOW = "slow"
    DOWN = "down"
    SESSION_EXPIRED = "session_expired"


@dataclass(frozen=True, slots=True)
class FaultPlan:
    """Rates are fractions of requests (0..1); ``downtime`` holds (start, end) seconds
    since the server started during which every connection is cut at once."""

    error_rate: float = 0.0
    slow_rate: float = 0.0
    slow_seconds: float = 0.5
    drop_request_rate: float = 0.0
    drop_after_headers_rate: float = 0.0
    drop_mid_body_rate: float = 0.0
    lose_confirmation_rate: float = 0.0
    downtime: tuple[tuple[float, float], ...] = ()
    token_ttl_seconds: float = 3600.0
    #: A session ends after this many authorised requests (0: never), as a server that
    #: ends sessions early would: the same fault as an expiry, on no clock.
    session_requests: int = 0
    refuse_procedures: frozenset[str] = field(default_factory=frozenset)
    seed: int = 0

    def __post_init__(self) -> None:
        rates = (
            self.error_rate,
            self.slow_rate,
            self.drop_request_rate,
            self.drop_after_headers_rate,
            self.drop_mid_body_rate,
            self.lose_confirmation_rate,
        )
        if any(not 0.0 <= rate <= 1.0 for rate in rates):
            raise ValueError("fault rates are fractions between 0 and 1")
        if self.session_requests < 0:
            raise ValueError("session requests must be 0 (no limit) or more")


class FaultInjector:
    """Decides, per request, which fault (if any) to inject. Thread-safe."""

    def __init__(self, plan: FaultPlan, clock: Callable[[], float] = time.monotonic) -> None:
        self.plan = plan
        self._random = random.Random(plan.seed)
        self._lock = threading.Lock()
        self._clock = clock
        self._started = clock()
        self._forced_down = False
        self.injected: dict[Fault, int] = dict.fromkeys(Fault, 0)

    def set_down(self, down: bool) -> None:
        """Switch a downtime on or off by hand (tests, demos)."""
        self._forced_down = down

    def is_down(self) -> bool:
        elapsed = self._clock() - self._started
        down = self._forced_down or any(a <= elapsed < b for a, b in self.plan.downtime)
        if down:
            self.count(Fault.DOWN)
        return down

    def delay(self) -> float:
        """Seconds to stall this answer (0 most of the time)."""
        with self._lock:
            slow = self._random.random() < self.plan.slow_rate
        if slow:
            self.count(Fault.SLOW)
        return self.plan.slow_seconds if slow else 0.0

    def count(self, fault: Fault) -> None:
        with self._lock:
            self.injected[fault] += 1

    def draw(self, *, has_body: bool, stores_dossier: bool) -> Fault:
        """One fault for this request, or ``Fault.NONE``."""
        plan = self.plan
        choices = [
            (Fault.ERROR, plan.error_rate),
            (Fault.DROP_REQUEST, plan.drop_request_rate if has_body else 0.0),
            (Fault.DROP_AFTER_HEADERS, plan.drop_after_headers_rate),
            (Fault.DROP_MID_BODY, plan.drop_mid_body_rate),
            (Fault.LOSE_CONFIRMATION, plan.lose_confirmation_rate if stores_dossier else 0.0),
        ]
        with self._lock:
            for fault, rate in choices:
                if rate and self._random.random() < rate:
                    self.injected[fault] += 1
                    return fault
        return Fault.NONE
