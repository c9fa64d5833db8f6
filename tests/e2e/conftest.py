"""The ``e2e`` marker (``make e2e`` selects it; ``make test`` runs it with the rest)."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "e2e: drives the whole window through two walk-ins to the upload server"
    )
