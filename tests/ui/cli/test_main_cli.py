"""The command line: version, self-test, global options."""

from __future__ import annotations

import ctypes.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reception import __version__
from ui.cli import main


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reception", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
        check=False,
    )


def test_version_through_python_dash_m() -> None:
    done = _run("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"reception {__version__}"


def test_self_test_passes_on_a_complete_install(data_dir: Path) -> None:
    done = _run("--data-dir", str(data_dir), "self-test")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    names = [line.split(":")[0].split(maxsplit=1)[1] for line in lines]
    assert names == [
        "Qt platform plugin",
        "zbar",
        "zxing-cpp",
        "PC/SC library",
        "OpenCV",
        "PDFium",
        "qpdf",
        "bundled fonts",
        "translations",
        "database",
        "processing log",
        "clerk accounts",
        "encryption at rest",
        "tesseract OCR (Vietnamese)",
        "SANE",
        "signing token (PKCS#11)",
    ]
    # No clerk account yet, the key in a key file (no OS key store here) and no signing
    # token configured: said as warnings (issues 13 and 14).
    warned = {"clerk accounts", "encryption at rest", "signing token (PKCS#11)"}
    assert all(
        line.startswith("warn " if name in warned else "ok ")
        for line, name in zip(lines, names, strict=True)
    )
    assert (data_dir / "reception.sqlite3").exists()


def test_self_test_names_a_missing_qt_platform_plugin(data_dir: Path) -> None:
    done = _run("--data-dir", str(data_dir), "self-test", env={"QT_QPA_PLATFORM": "nosuchplatform"})
    assert done.returncode == 1
    line = next(line for line in done.stdout.splitlines() if "Qt platform plugin" in line)
    assert line.startswith("FAIL")
    assert "nosuchplatform" in line
    assert "apt-get install" in line


def test_self_test_names_a_missing_native_library(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    real = ctypes.util.find_library
    monkeypatch.setattr(
        ctypes.util, "find_library", lambda name: None if name == "zbar" else real(name)
    )
    status = main(["--data-dir", str(data_dir), "self-test"])
    out = capsys.readouterr().out
    assert status == 1
    [zbar] = [line for line in out.splitlines() if line.startswith("FAIL zbar")]
    assert "apt-get install libzbar0" in zbar
    assert "ok   database" in out  # the other checks still ran


def test_self_test_names_an_unwritable_data_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    status = main(["--data-dir", str(blocker / "data"), "self-test"])
    out = capsys.readouterr().out
    assert status == 1
    [line] = [line for line in out.splitlines() if "database" in line]
    assert line.startswith("FAIL database")
    assert "--data-dir" in line


def test_data_dir_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("RECEPTION_DATA_DIR", str(tmp_path / "from-env"))
    assert main(["self-test"]) == 0
    assert (tmp_path / "from-env" / "reception.sqlite3").exists()
    capsys.readouterr()


def test_an_invalid_config_file_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "reception.toml"
    config.write_text('[unit]\ncode = "bad"\nname = "x"\n', encoding="utf-8")
    status = main(["--config", str(config), "gui"])
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("reception: ")
    assert "unit.code" in err


def test_gui_without_a_display_says_so_instead_of_aborting(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert main(["gui", "--simulate"]) == 2
    assert "no display found" in capsys.readouterr().err


def test_a_missing_optional_piece_warns_without_failing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    from reception.digitising import ocr

    monkeypatch.setattr(ocr, "available_languages", lambda: frozenset({"eng"}))
    status = main(["--data-dir", str(data_dir), "self-test"])
    out = capsys.readouterr().out
    assert status == 0
    [line] = [line for line in out.splitlines() if "tesseract" in line]
    assert line.startswith("warn tesseract OCR (Vietnamese): eng")
    assert "apt-get install tesseract-ocr tesseract-ocr-vie" in line
