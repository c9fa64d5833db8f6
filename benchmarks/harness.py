"""A small harness: repeat a function, keep the median, print a table with ratios."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    group: str
    name: str
    value: float
    unit: str
    baseline: str | None = None


class Measure:
    def __init__(self) -> None:
        self.figures: list[Figure] = []

    def time(
        self,
        group: str,
        name: str,
        function: Callable[[], object],
        *,
        repeat: int = 20,
        baseline: str | None = None,
    ) -> float:
        """Median wall time of ``function`` in milliseconds over ``repeat`` runs (one warm-up)."""
        function()
        samples = []
        for _ in range(repeat):
            start = time.perf_counter()
            function()
            samples.append((time.perf_counter() - start) * 1000)
        value = statistics.median(samples)
        self.record(group, name, value, "ms", baseline)
        return value

    def record(
        self, group: str, name: str, value: float, unit: str, baseline: str | None = None
    ) -> None:
        self.figures.append(Figure(group, name, value, unit, baseline))

    def report(self) -> str:
        by_name = {(f.group, f.name): f for f in self.figures}
        lines = [f"{'group':<14} {'figure':<46} {'value':>12}  {'vs baseline':>12}"]
        for figure in self.figures:
            ratio = ""
            if figure.baseline is not None:
                base = by_name.get((figure.group, figure.baseline))
                if base is not None and base.value:
                    ratio = f"{figure.value / base.value:.2f}x"
            lines.append(
                f"{figure.group:<14} {figure.name:<46} {figure.value:>9.3f} {figure.unit:<3}"
                f" {ratio:>12}"
            )
        return "\n".join(lines)
