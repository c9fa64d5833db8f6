"""A form printed or saved as PDF from the window tells whose it was (for the log)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from reception.forms import FormKind
from tests.reception.forms.helpers import UNIT, make_dossier
from ui.gui.form_worker import FormWorker


def test_an_exported_receipt_names_its_dossier_and_applicant(qtbot: QtBot, tmp_path: Path) -> None:
    dossier = make_dossier()
    worker = FormWorker(UNIT)
    rendered: list[bytes] = []
    worker.rendered.connect(lambda _code, _kind, pdf, _pages: rendered.append(pdf))
    worker.render(dossier, FormKind.RECEIPT.value)
    delivered: list[tuple[str, str, str, str]] = []
    worker.delivered.connect(lambda *args: delivered.append(args))
    worker.export(rendered[0], str(tmp_path / "r.pdf"))
    assert delivered == [
        (dossier.code, dossier.applicant.identity.id_number, FormKind.RECEIPT.value, "pdf")
    ]
    # A PDF this worker did not render is not attributed to anyone.
    worker.export(b"%PDF-1.4 other", str(tmp_path / "other.pdf"))
    assert len(delivered) == 1
