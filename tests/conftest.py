"""Fixtures shared by every test: an isolated data folder, Qt offscreen, pcscd on demand."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# Before any Qt import: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from reception.workstation.config import Config, load_config
from reception.workstation.paths import resources_dir
from tests.sane_backend import use_private_sane_config

# Before any test reaches SANE (see tests/sane_backend.py).
use_private_sane_config()

REPO = Path(__file__).resolve().parent.parent

# One Hypothesis profile for every property test. No deadline: a loaded 2-core machine
# makes single examples slow without anything being wrong. Derandomised, and no example
# database, so a run is the same on every machine and every time; `explore`
# (HYPOTHESIS_PROFILE=explore) searches anew, with more examples, when hunting for bugs.
# Health checks stay on: a strategy that is too slow or filters too much is fixed (see
# tests/strategies.py), or its test says why it may be slow.
settings.register_profile("ci", deadline=None, derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", deadline=None, max_examples=1000, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The fuzz suite is marked (``make test-quick`` leaves it out) and given more time."""
    fuzz = REPO / "tests" / "fuzz"
    for item in items:
        if item.path.is_relative_to(fuzz):
            item.add_marker(pytest.mark.fuzz)
            if item.get_closest_marker("timeout") is None:
                item.add_marker(pytest.mark.timeout(600))


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real per-user folders."""
    monkeypatch.setenv("RECEPTION_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("RECEPTION_CONFIG", str(tmp_path / "no-config.toml"))
    # Storage keys in a key file of the test's data folder, never in the OS key store.
    monkeypatch.setenv("RECEPTION_KEY_STORE", "file")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def example_config() -> Config:
    return load_config(resources_dir() / "config" / "reception.example.toml")


def _pcscd_running() -> bool:
    return (
        Path("/run/pcscd/pcscd.comm").exists()
        and subprocess.run(["pgrep", "-x", "pcscd"], capture_output=True, check=False).returncode
        == 0
    )


@pytest.fixture(scope="session")
def pcscd() -> Iterator[None]:
    """A running pcscd with the vpcd driver: the one already running, or one started here."""
    if _pcscd_running():
        yield
        return
    binary = shutil.which("pcscd") or "/usr/sbin/pcscd"
    if not Path(binary).exists():
        pytest.skip("pcscd is not installed (apt-get install pcscd vsmartcard-vpcd)")
    if os.geteuid() != 0:
        pytest.skip("pcscd is not running and only root can start it here")
    process = subprocess.Popen([binary, "-f"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # pcscd is another process: wait (bounded) until its socket answers.
    from hardware.card.pcsc import PcscReaderProvider

    deadline = time.monotonic() + 20
    while True:
        try:
            if PcscReaderProvider().readers():
                break
        except Exception:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            pytest.fail("pcscd did not start with the vpcd reader (vsmartcard-vpcd installed?)")
        time.sleep(0.1)
    yield
    process.terminate()
    process.wait(timeout=10)
