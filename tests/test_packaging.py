"""The PyInstaller one-folder build starts and passes its own self-test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.packaging
@pytest.mark.timeout(1200)  # PyInstaller analyses every import: minutes under load
def test_one_folder_build_runs_self_test(tmp_path: Path) -> None:
    dist, work = tmp_path / "dist", tmp_path / "build"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(REPO / "build.spec"),
        ],
        cwd=REPO,
        check=True,
        timeout=900,
    )
    program = dist / "reception" / ("reception.exe" if os.name == "nt" else "reception")
    assert program.is_file()
    bundled = dist / "reception" / "_internal" / "resources"
    assert (bundled / "fonts" / "Tinos-Regular.ttf").is_file()
    assert (bundled / "translations" / "reception_vi.qm").is_file()
    assert (bundled / "procedures" / "catalogue.json").is_file()
    done = subprocess.run(
        [str(program), "--data-dir", str(tmp_path / "data"), "self-test"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 15
    assert [line for line in lines if line.startswith("FAIL")] == []
    # Everything the bundle carries itself must load from it.
    for name in ("Qt platform plugin", "zxing-cpp", "OpenCV", "PDFium", "qpdf", "bundled fonts"):
        assert any(line.startswith(f"ok   {name}:") for line in lines), name
