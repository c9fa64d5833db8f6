"""A private SANE configuration with only SANE's ``test`` backend, for real-library tests.

``dll.conf`` names only ``test``, and ``test.conf`` draws a grid on a bed as tall as A4;
``SANE_CONFIG_DIR`` points there, so /etc is never touched and the network backends
never slow the tests down. Import the fixture into a test module to use it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from hardware.scanner import sane as sane_module

SYSTEM_TEST_CONF = Path("/etc/sane.d/test.conf")


@pytest.fixture
def sane_test_backend(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    if not sane_module.sane_available() or not SYSTEM_TEST_CONF.exists():
        pytest.skip("SANE is not installed (scripts/system-deps.sh installs it)")
    config = tmp_path / "sane.d"
    config.mkdir()
    (config / "dll.conf").write_text("test\n", encoding="ascii")
    text = SYSTEM_TEST_CONF.read_text(encoding="ascii")
    text = re.sub(r"^test-picture .*$", 'test-picture "Grid"', text, flags=re.MULTILINE)
    text = re.sub(r"^geometry_max .*$", "geometry_max 300.0", text, flags=re.MULTILINE)
    (config / "test.conf").write_text(text, encoding="ascii")
    monkeypatch.setenv("SANE_CONFIG_DIR", str(config))
    sane_module.reset()
    yield
    sane_module.reset()
