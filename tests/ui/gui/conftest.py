"""The whole window on simulated devices, started and stopped around a test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from reception.workstation.config import Config
from ui.gui.app import RunningApp, start_app


@pytest.fixture(autouse=True)
def _no_unanswered_modal_box(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal message box nobody answers would hang the test until its timeout: one the
    test did not expect (and answer by patching it) fails the test at once instead."""

    def refuse(parent: QWidget | None, title: str, text: str, *args: object) -> object:
        raise AssertionError(f"unexpected modal box: {title}: {text}")

    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(refuse))


@pytest.fixture
def running(
    qtbot: QtBot, qapp: QApplication, example_config: Config, data_dir: Path
) -> Iterator[RunningApp]:
    app = start_app(qapp, example_config, data_dir, simulate=True)
    qtbot.addWidget(app.window)
    app.window.show()
    yield app
    app.shutdown()
    for translator in app.translators:
        QCoreApplication.removeTranslator(translator)
