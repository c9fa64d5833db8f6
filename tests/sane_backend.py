"""A private SANE configuration with only SANE's ``test`` backend, for real-library tests.

``dll.conf`` names only ``test``, and ``test.conf`` draws a grid on a bed as tall as A4;
``SANE_CONFIG_DIR`` points there, so /etc is never touched and the network backends
never slow the tests down.

libsane reads ``SANE_CONFIG_DIR`` once per process, at the first ``sane_init`` (its
config-path list is cached), so the variable is set for the whole test session by
:func:`use_private_sane_config` from ``tests/conftest.py``, before any test can reach
SANE: a window test that lists document sources would otherwise fix the system's
configuration for every later test. Import the fixture into a test module to use it.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from hardware.scanner import sane as sane_module

SYSTEM_TEST_CONF = Path("/etc/sane.d/test.conf")


def use_private_sane_config() -> None:
    """Point ``SANE_CONFIG_DIR`` at a private folder holding only the ``test`` backend."""
    config = Path(tempfile.mkdtemp(prefix="reception-sane-"))
    atexit.register(shutil.rmtree, config, ignore_errors=True)
    (config / "dll.conf").write_text("test\n", encoding="ascii")
    if SYSTEM_TEST_CONF.exists():
        text = SYSTEM_TEST_CONF.read_text(encoding="ascii")
        text = re.sub(r"^test-picture .*$", 'test-picture "Grid"', text, flags=re.MULTILINE)
        text = re.sub(r"^geometry_max .*$", "geometry_max 300.0", text, flags=re.MULTILINE)
        (config / "test.conf").write_text(text, encoding="ascii")
    os.environ["SANE_CONFIG_DIR"] = str(config)


@pytest.fixture
def sane_test_backend() -> Iterator[None]:
    if not sane_module.sane_available() or not SYSTEM_TEST_CONF.exists():
        pytest.skip("SANE is not installed (scripts/system-deps.sh installs it)")
    sane_module.reset()
    yield
    sane_module.reset()
