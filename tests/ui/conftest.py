"""Fixtures of the window and command-line tests: a development server with the shared store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ui.simulation.devserver.server import DevServer


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DevServer]:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("RECEPTION_SERVER_USERNAME", "demo")
    monkeypatch.setenv("RECEPTION_SERVER_PASSWORD", "demo")
    for name in ("MODULE", "TOKEN", "KEY", "PIN"):
        monkeypatch.delenv(f"RECEPTION_SIGNING_{name}", raising=False)
    running = DevServer(tmp_path / "server").start()
    yield running
    running.stop()
