"""The PyInstaller one-folder build starts and passes its own self-test."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

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
    assert len(lines) == 16
    assert [line for line in lines if line.startswith("FAIL")] == []
    # Everything the bundle carries itself must load from it.
    for name in ("Qt platform plugin", "zxing-cpp", "OpenCV", "PDFium", "qpdf", "bundled fonts"):
        assert any(line.startswith(f"ok   {name}:") for line in lines), name


def _bundle_contents() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bundle_contents", REPO / "scripts" / "bundle_contents.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_bundle_leaves_out_what_only_tests_or_pretends() -> None:
    contents = _bundle_contents()
    modules = contents.hidden_imports()
    assert "ui.cli.dev_server" in modules  # the command stays, and says it is not built
    assert {"ui.simulation.person", "ui.simulation.chip", "hardware.camera.simulated"} <= set(
        modules
    )
    assert "reception.storage.database" in modules
    assert [m for m in modules if m.startswith(("tests", "benchmarks"))] == []
    assert [m for m in modules if "devserver" in m] == []
    spec = (REPO / "build.spec").read_text(encoding="utf-8")
    assert "hiddenimports=hidden_imports()" in spec
    assert "*LEFT_OUT" in spec  # PyInstaller's excludes: no import pulls them in either
    assert {"tests", "ui.simulation.devserver"} <= set(contents.LEFT_OUT)


def test_dev_server_says_it_is_not_part_of_a_bundle(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from ui.cli import dev_server, main

    monkeypatch.setattr(dev_server, "devserver_available", lambda: False)
    assert main(["dev-server", "--port", "0", "--data", "x"]) == 2
    assert main(["dev-server"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == ["reception: dev-server: not part of this build"] * 2
