"""The rules in force, in the window: the configured legal basis of the forms and the sync
record's shape reach the window's own workers (as the CLI's)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hardware.scanner.interface import ColorMode, ScannedPage
from reception.digitising.model import PageEdit
from reception.forms import FormKind
from reception.identity.citizen import IdentitySource
from reception.upload.credentials import Credentials
from reception.upload.http_uploader import HttpUploader
from reception.workstation.config import Config
from tests.generators.pages import gray, text_page
from tests.reception.forms.helpers import make_dossier
from ui.gui.app import RunningApp, start_app
from ui.gui.receipt_dialog import ReceiptDialog
from ui.gui.upload_worker import UploadWorker
from ui.simulation.person import load_person


@pytest.fixture
def running_2018(
    qtbot: QtBot, qapp: QApplication, example_config: Config, data_dir: Path
) -> Iterator[RunningApp]:
    """The window with the 2025 forms switched on only from 2099: every dossier is 2018."""
    config = dataclasses.replace(
        example_config,
        forms=dataclasses.replace(example_config.forms, basis_2025_from=date(2099, 1, 1)),
    )
    app = start_app(qapp, config, data_dir, simulate=True)
    qtbot.addWidget(app.window)
    app.window.show()
    yield app
    app.shutdown()
    for translator in app.translators:
        QCoreApplication.removeTranslator(translator)


def test_the_window_saves_under_the_configured_basis(
    running_2018: RunningApp, qtbot: QtBot
) -> None:
    window = running_2018.window
    window.applicant.fill_identity(load_person(), IdentitySource.QR)
    window.picker.search.setText("kh")
    window.picker.search.returnPressed.emit()
    code = window.model.walk_in.components[0].code
    page = ScannedPage(image=gray(text_page(dpi=100)), dpi=100, mode=ColorMode.GRAY)
    window.model.add_pages(code, [(page, PageEdit())])
    with qtbot.waitSignal(window.dossier_saved, timeout=60_000) as saved:
        window.save_action.trigger()
    assert saved.args[0].legal_basis == "2018"


@pytest.mark.parametrize("version", ["2018", "2025"])
def test_the_upload_worker_builds_the_configured_record(tmp_path: Path, version: str) -> None:
    worker = UploadWorker(
        tmp_path / "reception.sqlite3",
        unit_code="000.00.01.H49",
        data_dir=tmp_path,
        reconciliation_days=30,
        uploader_factory=lambda: HttpUploader(
            "http://127.0.0.1:9", lambda: Credentials("demo", "demo"), timeout_seconds=1
        ),
        record_version=version,
    )
    worker.start()  # on this thread: only its dispatcher is looked at
    try:
        assert worker._dispatcher is not None
        assert worker._dispatcher.record_version == version
    finally:
        worker.stop()


@pytest.mark.parametrize(
    ("basis", "numbers"),
    [("2018", ["01", "02", "03", "04", "05"]), ("2025", ["01", "02", "03", "04", "05", "06"])],
)
def test_the_receipt_dialog_offers_every_form_of_the_dossiers_basis(
    qtbot: QtBot, basis: str, numbers: list[str]
) -> None:
    dialog = ReceiptDialog(make_dossier(legal_basis=basis))
    qtbot.addWidget(dialog)
    texts = [dialog.form.itemText(row) for row in range(dialog.form.count())]
    assert [text.rsplit("Mẫu ", 1)[1].rstrip(")") for text in texts] == numbers
    kinds = [dialog.form.itemData(row) for row in range(dialog.form.count())]
    assert FormKind.LEDGER.value not in kinds
    assert (FormKind.STOP_NOTICE.value in kinds) is (basis == "2025")
