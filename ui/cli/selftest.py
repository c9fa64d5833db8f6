"""``reception self-test``: check every native piece the app needs, one line each."""

from __future__ import annotations

import argparse
import ctypes.util
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reception.errors import ReceptionError, StorageCorruptError
from reception.storage.database import open_database, transaction
from reception.workstation.paths import resources_dir
from ui.cli.context import CliContext
from ui.cli.gui import display_available

QT_PROBE_TIMEOUT_S = 60

FONT_FILES = ("Tinos-Regular.ttf", "Tinos-Bold.ttf", "Tinos-Italic.ttf", "Tinos-BoldItalic.ttf")


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str
    remedy: str = ""
    #: An optional piece: missing, it is reported ("warn") but the app still works.
    optional: bool = False


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "self-test", help="check the native libraries, fonts and data folder the app needs"
    )
    parser.set_defaults(handler=run)
    hidden = subparsers.add_parser("_qt-probe")  # run by the Qt check in a child process
    hidden.set_defaults(handler=_qt_probe)


def run(args: argparse.Namespace, context: CliContext) -> int:
    checks: list[Callable[[], CheckResult]] = [
        check_qt_platform,
        check_zbar,
        check_zxing,
        check_pcsc,
        check_opencv,
        check_pdfium,
        check_qpdf,
        check_fonts,
        check_translations,
        lambda: check_database(context),
        # Personal data (issue 14); imported here: that module imports this one.
        lambda: _privacy_checks().check_processing_log(context),
        lambda: _privacy_checks().check_clerk_accounts(context),
        lambda: _privacy_checks().check_encryption_at_rest(context),
        check_tesseract,
        check_sane,
        lambda: check_signing(context),
    ]
    failed = 0
    for check in checks:
        result = check()
        mark = "ok  " if result.ok else ("warn" if result.optional else "FAIL")
        line = f"{mark} {result.name}: {result.detail}"
        if not result.ok:
            failed += 0 if result.optional else 1
            if result.remedy:
                line += f" — {result.remedy}"
        print(line, flush=True)
    if failed:
        print(f"self-test: {failed} check(s) failed", file=sys.stderr)
        return 1
    return 0


def check_qt_platform() -> CheckResult:
    """Load the Qt platform plugin in a child process: a missing one aborts the process."""
    platform = os.environ.get("QT_QPA_PLATFORM", "default")
    if getattr(sys, "frozen", False):
        command = [sys.executable, "_qt-probe"]
    else:
        command = [sys.executable, "-m", "reception", "_qt-probe"]
    try:
        probe = subprocess.run(
            command, capture_output=True, text=True, timeout=QT_PROBE_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        return CheckResult("Qt platform plugin", False, f"{platform}: the probe hung")
    if probe.returncode == 0 and probe.stdout.strip():
        return CheckResult("Qt platform plugin", True, probe.stdout.strip())
    last = (probe.stderr.strip().splitlines() or ["no output"])[-1]
    if not display_available():
        return CheckResult(
            "Qt platform plugin",
            False,
            "no display (DISPLAY and WAYLAND_DISPLAY are unset)",
            "run from a desktop session, or set QT_QPA_PLATFORM=offscreen",
        )
    return CheckResult(
        "Qt platform plugin",
        False,
        f"{platform}: {last}",
        "install the libraries Qt needs: apt-get install libegl1 libgl1 libxkbcommon0 "
        "libfontconfig1 libglib2.0-0 libdbus-1-3 libxkbcommon-x11-0 libxcb-cursor0 "
        "(or set QT_QPA_PLATFORM=offscreen on a machine without a display)",
    )


def _qt_probe(args: argparse.Namespace, context: CliContext) -> int:
    from PySide6.QtCore import qVersion
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])
    print(f"{app.platformName()} (Qt {qVersion()})")
    return 0


def check_zbar() -> CheckResult:
    if not _library_present("zbar"):
        return CheckResult("zbar", False, "libzbar not found", "apt-get install libzbar0")
    try:
        from hardware.qr.zbar import ZbarQrDecoder

        ZbarQrDecoder()
    except Exception as exc:
        return CheckResult("zbar", False, str(exc), "apt-get install libzbar0")
    return CheckResult("zbar", True, "libzbar loaded")


def check_zxing() -> CheckResult:
    try:
        from hardware.qr.zxing import zxing_version
    except ImportError as exc:
        return CheckResult("zxing-cpp", False, str(exc), "pip install zxing-cpp")
    return CheckResult("zxing-cpp", True, f"version {zxing_version()}")


def check_pcsc() -> CheckResult:
    remedy = "apt-get install pcscd libpcsclite1 (Windows has WinSCard built in)"
    if sys.platform.startswith("linux") and not _library_present("pcsclite"):
        return CheckResult("PC/SC library", False, "libpcsclite not found", remedy)
    from hardware.card.pcsc import pcsc_available

    if not pcsc_available():
        return CheckResult("PC/SC library", False, "pyscard cannot load", remedy)
    return CheckResult("PC/SC library", True, "loaded (readers are listed in the window)")


def check_opencv() -> CheckResult:
    try:
        from hardware.camera.opencv import opencv_version
    except ImportError as exc:
        return CheckResult(
            "OpenCV", False, str(exc), "pip install opencv-python-headless (and libgl1)"
        )
    return CheckResult("OpenCV", True, f"version {opencv_version()}")


def check_pdfium() -> CheckResult:
    """PDFium renders receipts for preview and printing, and PDF pages for QR codes."""
    try:
        from hardware.imaging.pdf_pages import pdfium_version

        version = pdfium_version()
    except (ImportError, OSError) as exc:
        return CheckResult("PDFium", False, str(exc), "pip install pypdfium2")
    return CheckResult("PDFium", True, f"version {version}")


def check_qpdf() -> CheckResult:
    """qpdf (through pikepdf) assembles the PDF/A files of digitised components."""
    try:
        from reception.digitising.pdfa import qpdf_version

        version = qpdf_version()
    except (ImportError, OSError) as exc:
        return CheckResult("qpdf", False, str(exc), "pip install pikepdf")
    return CheckResult("qpdf", True, f"version {version}")


def check_tesseract() -> CheckResult:
    """OCR gives digitised components a text layer; without it they are images only."""
    from reception.digitising.ocr import available_languages

    languages = available_languages()
    if "vie" not in languages:
        found = ", ".join(sorted(languages)) or "tesseract not found"
        return CheckResult(
            "tesseract OCR (Vietnamese)",
            False,
            f"{found}: PDFs will not be searchable",
            "apt-get install tesseract-ocr tesseract-ocr-vie",
            optional=True,
        )
    return CheckResult("tesseract OCR (Vietnamese)", True, "vie installed")


def check_sane() -> CheckResult:
    """SANE drives flatbed and feeder scanners on Linux (Windows uses WIA)."""
    if not sys.platform.startswith("linux"):
        return CheckResult("SANE", True, "not used on this system (WIA)")
    from hardware.scanner.sane import sane_available

    if not sane_available():
        return CheckResult(
            "SANE",
            False,
            "libsane or python-sane missing: scanners unavailable",
            "apt-get install libsane1 sane-utils",
            optional=True,
        )
    return CheckResult("SANE", True, "loaded")


def check_signing(context: CliContext) -> CheckResult:
    """The signing token (issue 13): optional, a counter without one marks copies unsigned."""
    from reception.digitising.signing import SigningError, pin_from_environment
    from ui.composition import build_signing

    name = "signing token (PKCS#11)"
    try:
        service = build_signing(context.config)
    except ReceptionError as exc:
        return CheckResult(name, False, str(exc), optional=True)
    if service is None:
        return CheckResult(
            name,
            False,
            "not configured: copies are marked but not signed",
            "[signing] module, token_label, key_label (or RECEPTION_SIGNING_*)",
            optional=True,
        )
    module = service.settings.module
    if module is None or not module.is_file():
        return CheckResult(
            name, False, f"module {module} not found: copies will not be signed", optional=True
        )
    pin = pin_from_environment()
    if pin is None:
        return CheckResult(name, True, f"configured ({module.name}); the PIN is asked at signing")
    try:
        service.unlock(pin)
    except SigningError as exc:
        return CheckResult(name, False, f"{exc}: copies will not be signed", optional=True)
    finally:
        service.lock()
    return CheckResult(name, True, f"usable ({module.name}), the PIN accepted")


def check_fonts() -> CheckResult:
    folder = resources_dir() / "fonts"
    missing = [name for name in FONT_FILES if not (folder / name).is_file()]
    if missing:
        return CheckResult(
            "bundled fonts",
            False,
            f"missing {', '.join(missing)} in {folder}",
            "reinstall the app (the fonts ship in resources/fonts)",
        )
    try:
        from reportlab.pdfbase.ttfonts import TTFont

        for name in FONT_FILES:
            TTFont(name.removesuffix(".ttf"), str(folder / name))
    except Exception as exc:  # reportlab raises its own TTFError and others
        return CheckResult("bundled fonts", False, f"cannot load: {exc}", "reinstall the app")
    return CheckResult("bundled fonts", True, f"{len(FONT_FILES)} Tinos faces")


def check_translations() -> CheckResult:
    path = resources_dir() / "translations" / "reception_vi.qm"
    if not path.is_file():
        return CheckResult(
            "translations", False, f"{path} missing", "run `make translations` or reinstall"
        )
    return CheckResult("translations", True, "Vietnamese compiled")


def check_database(context: CliContext) -> CheckResult:
    """Open the real database and write in a rolled-back transaction."""
    try:
        path = context.database_path
        db = open_database(path)
        try:
            with tempfile.TemporaryFile(dir=path.parent):
                pass  # the folder takes new files (documents go beside the database)
            try:
                with transaction(db):
                    db.execute("CREATE TABLE _self_test (x)")
                    raise _RollbackError
            except _RollbackError:
                pass
        finally:
            db.conn.close()
    except StorageCorruptError as exc:
        # Damaged, truncated or lost (the quick check at open): writable or not, it must
        # not be used; the message says how to restore a backup.
        return CheckResult("database", False, str(exc), "reception db restore FILE")
    except (ReceptionError, OSError) as exc:
        return CheckResult(
            "database",
            False,
            str(exc),
            "choose a writable folder with --data-dir or RECEPTION_DATA_DIR",
        )
    return CheckResult("database", True, f"{path} writable, quick integrity check ok")


class _RollbackError(Exception):
    pass


def _privacy_checks() -> Any:
    from ui.cli import privacy_checks

    return privacy_checks


def _library_present(name: str) -> bool:
    return ctypes.util.find_library(name) is not None
