"""Counts what the fuzz suite tried and prints it in the test summary."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest


@dataclass
class FuzzTally:
    """Cases run, problems found, and the largest peak memory of any case."""

    cases: int = 0
    examples: int = 0
    peak_rss_bytes: int = 0
    worst: str = ""
    problems: list[str] = field(default_factory=list)

    def note(self, label: str, peak: int) -> None:
        self.cases += 1
        if peak > self.peak_rss_bytes:
            self.peak_rss_bytes, self.worst = peak, label


TALLY = FuzzTally()


@pytest.fixture
def tally() -> FuzzTally:
    return TALLY


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not TALLY.cases and not TALLY.examples:
        return
    terminalreporter.write_line(
        f"fuzz: {TALLY.cases} command cases and {TALLY.examples} generated examples run; "
        f"problems {len(TALLY.problems)}; peak memory {TALLY.peak_rss_bytes / 2**20:.0f} MB "
        f"({TALLY.worst})"
    )
