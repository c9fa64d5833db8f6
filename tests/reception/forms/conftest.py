"""The ``pdf_text`` fixture: PDF bytes in, ``pdftotext`` text out."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def pdf_text(tmp_path: Path) -> Callable[[bytes], str]:
    """Write PDF bytes to a file and return ``pdftotext`` of it (reading order, no layout)."""
    if shutil.which("pdftotext") is None:  # pragma: no cover - scripts/system-deps.sh test
        pytest.fail("pdftotext missing: apt-get install poppler-utils")

    def extract(data: bytes) -> str:
        path = tmp_path / "form.pdf"
        path.write_bytes(data)
        done = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            check=True,
            text=True,
        )
        return done.stdout

    return extract
