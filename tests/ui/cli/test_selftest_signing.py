"""``self-test``'s signing line: a warning, never a failure (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hardware.signing.simulated_token import SimulatedToken
from reception.workstation.paths import resources_dir
from tests.signing_token import simulated_token  # noqa: F401 - a fixture
from tests.ui.cli.test_signing_cli import signing_env
from ui.cli.context import CliContext
from ui.cli.selftest import check_signing


def _context(tmp_path: Path) -> CliContext:
    # The example configuration names no token: only the environment does.
    return CliContext(config_file=resources_dir() / "config" / "reception.example.toml")


def test_no_token_is_a_warning_saying_copies_stay_unsigned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("MODULE", "TOKEN", "KEY", "PIN"):
        monkeypatch.delenv(f"RECEPTION_SIGNING_{name}", raising=False)
    result = check_signing(_context(tmp_path))
    assert not result.ok and result.optional
    assert "marked but not signed" in result.detail


def test_a_configured_token_with_its_pin_is_usable(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    simulated_token: SimulatedToken,  # noqa: F811 - the fixture
) -> None:
    signing_env(monkeypatch, simulated_token, simulated_token.pin)
    result = check_signing(_context(tmp_path))
    assert result.ok and "usable" in result.detail
    assert simulated_token.pin not in result.detail


def test_a_refused_pin_warns_and_a_missing_pin_is_not_tried(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    simulated_token: SimulatedToken,  # noqa: F811 - the fixture
) -> None:
    signing_env(monkeypatch, simulated_token, "000000000")
    refused = check_signing(_context(tmp_path))
    assert not refused.ok and refused.optional and "PIN" in refused.detail
    signing_env(monkeypatch, simulated_token, None)
    untried = check_signing(_context(tmp_path))
    assert untried.ok and "asked" in untried.detail
