"""The chip read from the window: a card laid down fills the applicant panel and the verdict."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QDialog, QLineEdit, QMainWindow
from pytestqt.qtbot import QtBot

from hardware.icao.authenticity import Verdict
from hardware.icao.simulated_chip import ChipFaults, SimulatedCccdChip
from reception.identity.citizen import IdentitySource
from reception.intake.chip_keys import ChipKeys
from reception.intake.qr_payload import format_qr_payload, parse_qr_payload
from reception.workstation.config import Config
from ui.composition import build_devices
from ui.gui.app import RunningApp
from ui.gui.applicant_panel import ApplicantPanel
from ui.gui.card_reading import CardReading, ChipKeysDialog
from ui.simulation.person import load_person


def test_qr_then_card_fills_the_panel_from_the_chip(running: RunningApp, qtbot: QtBot) -> None:
    window, reading = running.window, running.card_reading
    assert reading is not None
    person = load_person()
    # The QR just scanned (the camera path is tested with the main window).
    window.qr_read.emit(parse_qr_payload(format_qr_payload(person)))
    with qtbot.waitSignal(reading.result_shown, timeout=20_000) as shown:
        reading.insert_action.trigger()  # the clerk lays the simulated card down
    assert shown.args is not None
    panel = window.applicant
    assert panel.findChild(QLineEdit, "full_name").text() == person.full_name
    # No CSCA is installed: the data is intact but the issuer is not verified.
    assert panel.source_of("full_name") is IdentitySource.CHIP_UNVERIFIED
    assert shown.args[0].authenticity.verdict is Verdict.GENUINE_ISSUER_UNKNOWN
    assert (
        reading.panel.verdict.text()
        == "Dữ liệu chip nguyên vẹn và có chữ ký — CHƯA xác minh cơ quan cấp"
    )
    assert not reading.panel.photo.pixmap().isNull()
    assert not reading.panel.progress.isVisible()


@pytest.fixture
def bare_window(
    qtbot: QtBot, example_config: Config
) -> Iterator[tuple[QMainWindow, ApplicantPanel]]:
    window = QMainWindow()
    panel = ApplicantPanel()
    window.setCentralWidget(panel)
    qtbot.addWidget(window)
    yield window, panel


def _reading(
    window: QMainWindow, panel: ApplicantPanel, config: Config, faults: ChipFaults
) -> CardReading:
    devices = build_devices(config, force_simulate=True)
    card = devices.simulated_card
    assert isinstance(card, SimulatedCccdChip)
    devices = dataclasses.replace(devices, simulated_card=card.with_faults(faults))
    return CardReading(window, panel, devices)


def test_without_a_qr_the_clerk_types_the_keys(
    bare_window: tuple[QMainWindow, ApplicantPanel],
    example_config: Config,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    person = load_person()

    def typed(dialog: ChipKeysDialog) -> int:
        dialog.keys = ChipKeys.from_id_number(person.id_number, person.date_of_birth)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ChipKeysDialog, "exec", typed)
    window, panel = bare_window
    reading = _reading(window, panel, example_config, ChipFaults(no_pace=False))
    try:
        with qtbot.waitSignal(reading.result_shown, timeout=20_000):
            reading.insert_action.trigger()
        assert panel.findChild(QLineEdit, "id_number").text() == person.id_number
    finally:
        reading.shutdown()


def test_a_tampered_card_shows_not_genuine(
    bare_window: tuple[QMainWindow, ApplicantPanel], example_config: Config, qtbot: QtBot
) -> None:
    window, panel = bare_window
    reading = _reading(window, panel, example_config, ChipFaults(tamper_dg13=True))
    person = load_person()
    reading._keys = ChipKeys.from_id_number(person.id_number, person.date_of_birth)
    try:
        with qtbot.waitSignal(reading.result_shown, timeout=20_000) as shown:
            reading.insert_action.trigger()
        assert shown.args is not None
        assert shown.args[0].source is IdentitySource.CHIP_UNVERIFIED
        assert "NOT GENUINE" in reading.panel.verdict.text()
        assert "DG13" in reading.panel.details.text()
    finally:
        reading.shutdown()


def test_a_card_pulled_out_is_reported(
    bare_window: tuple[QMainWindow, ApplicantPanel], example_config: Config, qtbot: QtBot
) -> None:
    window, panel = bare_window
    reading = _reading(window, panel, example_config, ChipFaults(remove_after=10))
    person = load_person()
    reading._keys = ChipKeys.from_id_number(person.id_number, person.date_of_birth)
    try:
        with qtbot.waitSignal(reading.read_failed, timeout=20_000) as failed:
            reading.insert_action.trigger()
        assert failed.args == ["card_removed"]
        assert "removed" in reading.panel.verdict.text()
    finally:
        reading.shutdown()
