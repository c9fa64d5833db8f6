"""When to try a job again after a transient failure: exponential, capped, jittered."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class RandomSource(Protocol):
    """``random.Random().random`` or a seeded one in tests."""

    def __call__(self) -> float: ...


@dataclass(frozen=True, slots=True)
class Backoff:
    """``base * 2**(attempt-1)`` seconds, capped, of which the upper half is random.

    The random half spreads the retries of many counters that lost the network together
    (so they do not all hit the recovering server at once); the fixed half keeps a failing
    job from being retried almost at once by an unlucky draw.
    """

    base_seconds: float = 2.0
    cap_seconds: float = 900.0

    def delay(self, attempt: int, random: RandomSource) -> float:
        """The wait before retry number ``attempt`` (1 = after the first failure)."""
        exponent = min(max(attempt, 1) - 1, 32)  # 2**32 * base is past any cap
        ceiling = min(self.cap_seconds, self.base_seconds * 2.0**exponent)
        return ceiling / 2 + random() * ceiling / 2
