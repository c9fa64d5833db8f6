"""The Vietnamese translation is complete, compiled, and current with the code."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TS = REPO / "resources" / "translations" / "reception_vi.ts"
QM = REPO / "resources" / "translations" / "reception_vi.qm"
BIN = Path(sys.executable).parent


def _unfinished(ts: Path) -> list[str]:
    tree = ET.parse(ts)
    return [
        str(message.findtext("source"))
        for message in tree.iter("message")
        if message.find("translation") is not None
        and (
            message.find("translation").get("type") in ("unfinished", "obsolete", "vanished")
            or not (message.findtext("translation") or "").strip()
        )
    ]


def test_every_string_is_translated() -> None:
    assert _unfinished(TS) == []


def test_the_code_has_no_string_missing_from_the_translation(tmp_path: Path) -> None:
    copy = tmp_path / "reception_vi.ts"
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in (REPO / "ui").rglob("*.py"))
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *sources, "-ts", str(copy), "-no-obsolete", "-silent"],
        check=True,
        timeout=120,
    )
    assert _unfinished(copy) == [], "run `make translations` and translate the new strings"


def test_the_compiled_file_matches_the_source(tmp_path: Path) -> None:
    compiled = tmp_path / "reception_vi.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), "-silent", str(TS), "-qm", str(compiled)],
        check=True,
        timeout=120,
    )
    assert compiled.read_bytes() == QM.read_bytes(), "run `make translations`"
