"""Creating a dossier (applicant check, appointment, code, insert with its components,
fsync'd) and rendering its receipt (both copies, fonts embedded) and a ledger."""

from __future__ import annotations

import itertools
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from benchmarks.harness import Measure
from reception.dossiers.applicant import Applicant
from reception.dossiers.code import SequenceBlock
from reception.dossiers.store import DossierDraft, DossierStore
from reception.identity.citizen import CitizenIdentity
from reception.procedures.catalogue import load_catalogue
from reception.procedures.working_calendar import WorkingCalendar
from reception.storage.database import open_database
from reception.workstation.config import UnitConfig
from reception.workstation.timezone import VIETNAM

UNIT = UnitConfig(
    "000.00.01.H49", "Bộ phận Tiếp nhận và Trả kết quả", "ỦY BAN NHÂN DÂN", "Hồng Gai"
)
APPLICANT = Applicant(
    CitizenIdentity(
        "022088001234", "TRẦN VĂN BÌNH", place_of_residence="Tổ 5, Khu 3, Phường Hồng Gai, Hạ Long"
    ),
    phone="0912345678",
)


def run(measure: Measure) -> None:
    from reception.forms import FormKind
    from reception.forms.render import render_form, render_ledger_pdf

    draft = DossierDraft.for_procedure(load_catalogue().get("1.004222"), APPLICANT)
    with tempfile.TemporaryDirectory() as folder:
        store = DossierStore(
            open_database(Path(folder) / "db.sqlite3"),
            unit_code=UNIT.code,
            workstation="Q1",
            block=SequenceBlock(1, 9999),
            calendar=WorkingCalendar(),
        )
        days = itertools.count()
        start = datetime(2026, 1, 5, 9, tzinfo=VIETNAM)
        measure.time(
            "dossier",
            "appointment only (7 working days)",
            lambda: store.appointment_for(draft, start + timedelta(days=next(days) % 300)),
            repeat=200,
        )
        measure.time(
            "dossier",
            "create dossier (check, date, code, FULL sync)",
            lambda: store.save(draft, start + timedelta(days=next(days))),
            repeat=100,
        )
        dossier = store.save(draft, start)
        measure.time(
            "dossier",
            "render receipt Mẫu 01 (2 pages)",
            lambda: render_form(FormKind.RECEIPT, dossier, UNIT),
        )
        many = store.list_between(start.date(), (start + timedelta(days=400)).date())[:100]
        measure.time(
            "dossier",
            "render ledger, 100 dossiers",
            lambda: render_ledger_pdf(many, UNIT, start.date(), start.date(), day=start.date()),
            repeat=5,
        )
