"""The whole window on simulated devices, started and stopped around a test."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from hardware.scanner.interface import ColorMode, ScannedPage
from reception.digitising.model import PageEdit
from reception.identity.citizen import IdentitySource
from reception.workstation.config import Config
from tests.generators.pages import gray, text_page
from ui.gui.app import RunningApp, start_app
from ui.gui.main_window import MainWindow
from ui.simulation.person import load_person


@pytest.fixture(autouse=True)
def _no_unanswered_modal_box(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal message box nobody answers would hang the test until its timeout: one the
    test did not expect (and answer by patching it) fails the test at once instead."""

    def refuse(parent: QWidget | None, title: str, text: str, *args: object) -> object:
        raise AssertionError(f"unexpected modal box: {title}: {text}")

    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(refuse))


@contextmanager
def window_running(
    qtbot: QtBot, qapp: QApplication, config: Config, data_dir: Path, *, active: bool = False
) -> Iterator[RunningApp]:
    """The whole window on the simulators, shown (and the active window when ``active``);
    shut down, its translators removed, however the test ends."""
    app = start_app(qapp, config, data_dir, simulate=True)
    try:
        qtbot.addWidget(app.window)
        app.window.show()
        if active:
            app.window.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is app.window)
        yield app
    finally:
        app.shutdown()
        for translator in app.translators:
            QCoreApplication.removeTranslator(translator)


@pytest.fixture
def running(
    qtbot: QtBot, qapp: QApplication, example_config: Config, data_dir: Path
) -> Iterator[RunningApp]:
    with window_running(qtbot, qapp, example_config, data_dir) as app:
        yield app


def fill_walk_in(window: MainWindow) -> str:
    """The simulated person read from a QR, "kh" and Enter (Đăng ký khai sinh), and one
    page captured into the first component, whose code is returned."""
    window.applicant.fill_identity(load_person(), IdentitySource.QR)
    window.picker.search.setText("kh")
    window.picker.search.returnPressed.emit()
    assert window.model.walk_in.procedure is not None
    code = window.model.walk_in.components[0].code
    page = ScannedPage(image=gray(text_page(dpi=100)), dpi=100, mode=ColorMode.GRAY)
    window.model.add_pages(code, [(page, PageEdit())])
    return code
