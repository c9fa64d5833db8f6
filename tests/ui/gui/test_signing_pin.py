"""The token's PIN in the window: asked once, asked again when refused, cancel = unsigned."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from hardware.signing.simulated_token import HOLDER, SimulatedToken
from reception.workstation.config import Config, SigningConfig
from tests.signing_token import simulated_token  # noqa: F401 - a fixture
from ui.gui.app import RunningApp
from ui.gui.digitising_service import DigitisingService
from ui.gui.signing_pin import PinDialog, SigningSession, SigningState


@pytest.fixture
def service(
    example_config: Config,
    data_dir: Path,
    simulated_token: SimulatedToken,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[DigitisingService]:
    for name in ("MODULE", "TOKEN", "KEY", "PIN"):
        monkeypatch.delenv(f"RECEPTION_SIGNING_{name}", raising=False)
    token = simulated_token
    config = replace(
        example_config, signing=SigningConfig(token.module, token.token_label, token.key_label)
    )
    made = DigitisingService(config, data_dir)
    yield made
    made.close()


def _session(qtbot: QtBot, service: DigitisingService) -> tuple[QMainWindow, SigningSession]:
    window = QMainWindow()
    qtbot.addWidget(window)
    session = SigningSession(service.needs_pin, window)
    session.connect_service(service)
    return window, session


def _type(session: SigningSession, pin: str) -> PinDialog:
    dialog = session.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.pin.setText(pin)
    dialog.accept()
    return dialog


def test_the_pin_is_asked_once_and_again_only_when_refused(
    qtbot: QtBot,
    service: DigitisingService,
    simulated_token: SimulatedToken,  # noqa: F811
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    _window, session = _session(qtbot, service)
    saves: list[str] = []
    assert session.state is SigningState.LOCKED
    session.ensure_unlocked(lambda: saves.append("first"))
    assert saves == []  # the save waits for the PIN
    refused = _type(session, "000000000")
    assert refused.pin.text() == ""  # the field does not keep it
    qtbot.waitUntil(lambda: session.dialog is not None)
    assert session.dialog is not None and session.dialog.problem.isVisibleTo(session.dialog)
    assert saves == [] and session.state is SigningState.LOCKED
    with qtbot.waitSignal(service.signing_unlocked):
        _type(session, simulated_token.pin)
    assert saves == ["first"] and session.state is SigningState.UNLOCKED
    assert HOLDER in session.state_text
    # Once per session: the next save goes straight on.
    session.ensure_unlocked(lambda: saves.append("second"))
    assert saves == ["first", "second"] and session.dialog is None
    assert not service.needs_pin
    assert simulated_token.pin not in caplog.text and "000000000" not in caplog.text


def test_cancelled_the_copies_are_marked_unsigned_and_the_status_bar_says_so(
    qtbot: QtBot, service: DigitisingService
) -> None:
    window, session = _session(qtbot, service)
    saves: list[str] = []
    session.ensure_unlocked(lambda: saves.append("save"))
    assert session.dialog is not None
    session.dialog.reject()
    assert saves == ["save"] and session.state is SigningState.DECLINED
    assert "not signed" in window.statusBar().currentMessage()
    assert "unsigned" in session.state_text
    assert service.needs_pin  # the service signs nothing: the PIN was never given
    # Not asked again at the next save of the session; the menu action asks again.
    session.ensure_unlocked(lambda: saves.append("again"))
    assert saves == ["save", "again"] and session.dialog is None
    assert session.unlock_action.isEnabled()
    session.unlock_action.trigger()
    assert session.dialog is not None and session.state is SigningState.LOCKED


def test_without_a_token_nothing_is_asked(
    qtbot: QtBot, example_config: Config, data_dir: Path
) -> None:
    service = DigitisingService(replace(example_config, signing=SigningConfig()), data_dir)
    try:
        _window, session = _session(qtbot, service)
        saves: list[str] = []
        session.ensure_unlocked(lambda: saves.append("save"))
        assert saves == ["save"] and session.dialog is None
        assert session.state is SigningState.NO_TOKEN and not session.unlock_action.isEnabled()
    finally:
        service.close()


def test_the_window_has_the_session_and_its_menu_action(running: RunningApp) -> None:
    window = running.window
    assert window.signing is not None
    assert window.signing.unlock_action in window.settings_menu.actions()
    # The example configuration names no token: saves never wait for a PIN.
    assert window.signing.state is SigningState.NO_TOKEN
