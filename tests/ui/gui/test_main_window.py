"""The walking skeleton on simulators: QR → applicant panel → procedure → save → today's list."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from hardware.discovery import DeviceKind
from reception.identity.citizen import IdentitySource
from ui.gui.app import RunningApp
from ui.simulation.person import load_person


def test_simulated_devices_are_announced(running: RunningApp) -> None:
    status = running.window.status
    assert running.devices.simulated == frozenset(DeviceKind)
    assert status.badge.isVisible()
    assert status.badge.text() == "THIẾT BỊ MÔ PHỎNG"
    reader = status.indicators[DeviceKind.CARD_READER].text()
    assert reader == "Đầu đọc thẻ: mô phỏng"


def test_qr_scan_save_and_list(running: RunningApp, qtbot: QtBot, tmp_path: Path) -> None:
    window = running.window
    person = load_person()
    with qtbot.waitSignal(window.qr_read, timeout=10_000) as read:
        window.scan_action.trigger()
    assert read.args is not None
    panel = window.applicant
    assert panel.findChild(QLineEdit, "id_number").text() == person.id_number
    assert panel.findChild(QLineEdit, "full_name").text() == person.full_name
    assert panel.findChild(QLineEdit, "date_of_birth").text() == "15/08/1999"
    assert panel.source_of("full_name") is IdentitySource.QR
    assert panel.findChild(QLabel, "full_name_source").text() == "QR"

    # The clerk corrects the phone and picks a procedure by words without accents.
    qtbot.keyClicks(panel.phone, "0912345678")
    qtbot.keyClicks(window.picker.search, "khai sinh")
    assert window.picker.results.model().rowCount() >= 1
    first = window.picker.results.model().index(0, 0)
    window.picker.results.setCurrentIndex(first)
    assert window.components.items.count() >= 1

    # Signals of the window, not of the workers: the window handles them on the GUI thread.
    with qtbot.waitSignal(window.dossier_saved, timeout=10_000) as saved:
        window.save_action.trigger()
    dossier = saved.args[0]
    assert dossier.code.startswith(f"{running.window.config.unit.code}-")
    assert dossier.applicant.phone == "0912345678"
    qtbot.waitUntil(lambda: window.dossier_model.rowCount() == 1, timeout=10_000)
    assert window.dossier_model.dossier_at(0).code == dossier.code
    assert window.status.queue.text() == "Chưa gửi: 1"
    # The form is cleared for the next citizen.
    assert panel.findChild(QLineEdit, "full_name").text() == ""
    window.grab().save(str(tmp_path / "main-window.png"))
    assert (tmp_path / "main-window.png").stat().st_size > 10_000


def test_saving_without_a_procedure_is_refused_with_a_reason(
    running: RunningApp, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        "ui.gui.main_window.QMessageBox.warning",
        lambda _parent, _title, text: shown.append(text),
    )
    qtbot.keyClicks(running.window.applicant.findChild(QLineEdit, "full_name"), "LE VAN CUONG")
    running.window.save_action.trigger()
    # The address is required too: it is printed on the receipt.
    assert shown == ["Chọn thủ tục.\nNhập địa chỉ."]
    assert running.window.dossier_model.rowCount() == 0


def test_a_worker_failure_is_shown_without_blocking_the_window(
    running: RunningApp, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(running.window.service_failure_shown, timeout=5_000) as shown:
        running.window.on_service_failed("storage_failed", "disk full")
    assert shown.args == ["storage_failed"]
    box = running.window.findChild(QMessageBox, "service_failure")
    assert box is not None and box.isVisible()
    assert "Chưa mất dữ liệu nào" in box.text()
    box.close()


def test_parser_warnings_reach_the_clerk_in_vietnamese(running: RunningApp) -> None:
    from reception.intake.qr_payload import parse_qr_payload

    # A woman born in 1999 has century/sex digit 1; 0 is a man's.
    result = parse_qr_payload("001099012345||LÊ THỊ MAI|15081999|Nữ|Hạ Long|20082021")
    assert any(w.code == "id_sex_mismatch" for w in result.warnings)
    running.window.applicant.fill_from_qr(result)
    shown = running.window.applicant.warnings.text()
    assert "Chữ số giới tính trong số định danh không khớp với giới tính." in shown
    assert "id_sex_mismatch" not in shown
