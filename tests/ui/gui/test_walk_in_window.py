"""The dossier in reception in the whole window: it fits small screens, a failed save keeps
it (and its code) and says why, starting over asks first, and a save starts afresh."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox
from pytestqt.qtbot import QtBot

from hardware.discovery import DeviceKind
from reception.dossiers.store import DossierStore, Reservation
from reception.errors import StorageFullError
from tests.ui.gui.conftest import fill_walk_in
from ui.gui.app import RunningApp


@pytest.mark.parametrize("screen", [(1280, 720), (1366, 768)])
def test_the_window_fits_a_laptop_screen(running: RunningApp, screen: tuple[int, int]) -> None:
    hint = running.window.minimumSizeHint()
    assert hint.width() <= screen[0] and hint.height() <= screen[1]


@pytest.mark.parametrize("screen", [(1280, 720), (1366, 768)])
def test_every_components_status_is_in_view_without_scrolling_sideways(
    running: RunningApp, qtbot: QtBot, screen: tuple[int, int]
) -> None:
    window = running.window
    window.resize(*screen)
    window.show()
    qtbot.waitExposed(window)
    fill_walk_in(running.window)
    items = window.components.items
    qtbot.waitUntil(lambda: items.count() > 0)
    QApplication.processEvents()
    viewport = items.viewport()
    assert not items.horizontalScrollBar().isVisible()
    for index in range(items.count()):
        row = items.itemWidget(items.item(index))
        assert row is not None
        box = row.findChild(QComboBox)
        assert box is not None
        right = box.mapTo(viewport, box.rect().topRight()).x()
        assert 0 < right <= viewport.width(), f"row {index}: status ends at {right}"
        # The whole status text fits its box.
        assert box.width() >= box.minimumSizeHint().width()


def test_every_action_is_in_a_menu_with_its_shortcut(running: RunningApp) -> None:
    window = running.window
    in_menus = {
        action.objectName()
        for menu in window.menuBar().findChildren(type(window.applicant_menu))
        for action in menu.actions()
    }
    for action in (window.new_action, window.save_action, window.scan_action):
        assert action.objectName() in in_menus and not action.shortcut().isEmpty()
    assert window.capture.capture_action.shortcut().toString() == "F4"


def test_a_failed_save_says_why_and_keeps_the_dossier_and_its_code(
    running: RunningApp, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = running.window
    fill_walk_in(running.window)
    reserved: list[Reservation] = []
    real_reserve, real_save = DossierStore.reserve, DossierStore.save

    def reserve(self: DossierStore, *args: Any) -> Reservation:
        reserved.append(real_reserve(self, *args))
        return reserved[-1]

    def full(*_args: Any, **_kwargs: Any) -> Any:
        raise StorageFullError("the disk is full")

    monkeypatch.setattr(DossierStore, "reserve", reserve)
    monkeypatch.setattr(DossierStore, "save", full)
    with qtbot.waitSignal(window.save_failure_shown, timeout=60_000) as shown:
        window.save_action.trigger()
    assert shown.args == ["storage_disk_full"]
    box = window.findChild(QMessageBox, "save_failure")
    assert box is not None and "không mất gì" in box.text()
    box.close()
    assert window.save_action.isEnabled()
    assert window.model.walk_in.identity is not None
    assert window.model.walk_in.pages_captured == 1

    monkeypatch.setattr(DossierStore, "save", real_save)
    with qtbot.waitSignal(window.dossier_saved, timeout=60_000) as saved:
        window.save_action.trigger()
    assert len(reserved) == 1 and saved.args[0].code == reserved[0].code
    # Saved: the next citizen starts from nothing, without being asked.
    assert window.model.walk_in.identity is None and not window.model.walk_in.has_work
    assert window.applicant.field_text("full_name") == ""


def test_starting_over_with_unsaved_work_asks_first(
    running: RunningApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = running.window
    fill_walk_in(running.window)
    answers = [False, True]
    monkeypatch.setattr(window, "confirm_discard", lambda: answers.pop(0))
    window.new_action.trigger()
    assert window.model.walk_in.pages_captured == 1  # "no": nothing dropped
    window.new_action.trigger()
    assert window.model.walk_in.pages_captured == 0
    assert window.model.walk_in.identity is None
    assert window.components.items.count() == 0


def test_todays_dossier_opens_read_only_with_enter_to_reprint_and_resend(
    running: RunningApp, qtbot: QtBot
) -> None:
    window = running.window
    fill_walk_in(running.window)
    with qtbot.waitSignal(window.dossier_saved, timeout=60_000) as saved:
        window.save_action.trigger()
    dossier = saved.args[0]
    qtbot.waitUntil(lambda: window.dossier_model.rowCount() == 1, timeout=10_000)
    table = window.dossier_table
    table.setFocus()
    table.selectRow(0)
    with qtbot.waitSignal(window.dossier_view_opened, timeout=10_000) as opened:
        QTest.keyClick(table, Qt.Key.Key_Return)
    view = opened.args[0]
    assert view.dossier.code == dossier.code
    digitised = dossier.components[0]
    assert view.components.item(0, 2).text() == Path(str(digitised.file_path)).name
    with qtbot.waitSignal(window.retry_upload_requested, timeout=10_000) as retried:
        view.retry_button.click()
    assert retried.args == [dossier.code]
    with qtbot.waitSignal(window.receipts.dialog_opened, timeout=10_000):
        view.reprint_button.click()
    window.receipts.dialog.close()  # type: ignore[union-attr]
    view.close()


def test_a_source_failing_mid_work_shows_in_the_status_bar(
    running: RunningApp, qtbot: QtBot
) -> None:
    window = running.window
    fill_walk_in(running.window)
    capture = window.capture
    capture.source.addItem("Scan folder (not configured)", "folder")
    capture.source.setCurrentIndex(capture.source.count() - 1)
    with qtbot.waitSignal(capture.device_failed, timeout=20_000):
        capture.capture_action.trigger()
    indicator = window.status.indicators[DeviceKind.SCANNER]
    assert "b3261e" in indicator.styleSheet() and indicator.toolTip()
    # Another source works: the indicator is back to normal, the clerk carried on.
    capture.source.setCurrentIndex(capture.source.findData("simulated"))
    with qtbot.waitSignal(capture.pages_captured, timeout=20_000):
        capture.capture_action.trigger()
    assert indicator.styleSheet() == ""
