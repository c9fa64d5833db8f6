"""The dossier in reception (WalkIn) and its save with files: the identity as read, pages
per component, the reserved code, and the files recorded with the upload job."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path

import pytest

from hardware.scanner.interface import ColorMode, ScannedPage
from reception.digitising.model import PageEdit
from reception.dossiers.code import SequenceBlock
from reception.dossiers.store import ComponentStatus, DossierStore
from reception.dossiers.walk_in import ReusedFile, WalkIn, with_files
from reception.identity.citizen import CitizenIdentity, IdentitySource
from reception.procedures.catalogue import Procedure, load_active_catalogue
from reception.storage.database import open_database
from reception.workstation.timezone import VIETNAM
from tests.generators.pages import gray, text_page

CHIP_IDENTITY = CitizenIdentity(
    id_number="001099012345",
    full_name="NGUYỄN THỊ THU HƯƠNG",
    date_of_birth=date(1999, 8, 15),
    place_of_residence="Số 12 ngõ 34 phố Mô Phỏng, Hà Nội",
    father_name="NGUYỄN VĂN AN",  # a chip field the window has no box for
)


@pytest.fixture
def procedure(tmp_path: Path) -> Procedure:
    return load_active_catalogue(tmp_path).search("khai sinh")[0]


def _page() -> tuple[ScannedPage, PageEdit]:
    return ScannedPage(image=gray(text_page(dpi=100)), dpi=100, mode=ColorMode.GRAY), PageEdit()


def test_the_identity_keeps_what_the_chip_gave_when_the_clerk_corrects_a_field() -> None:
    walk_in = WalkIn()
    walk_in.take_identity(CHIP_IDENTITY, IdentitySource.CHIP)
    walk_in.edit_field("place_of_residence", "Số 1 Lê Lợi, Hà Nội")
    applicant = walk_in.applicant()
    assert applicant.identity.father_name == "NGUYỄN VĂN AN"
    assert applicant.identity.full_name == CHIP_IDENTITY.full_name
    assert applicant.source_of("full_name") is IdentitySource.CHIP
    assert applicant.source_of("place_of_residence") is IdentitySource.TYPED
    with pytest.raises(ValueError, match="father_name"):
        walk_in.edit_field("father_name", "X")


def test_pages_go_into_components_and_the_draft_says_how_each_was_received(
    procedure: Procedure,
) -> None:
    walk_in = WalkIn()
    assert not walk_in.has_work
    walk_in.choose_procedure(procedure)
    first, second = (c.code for c in procedure.components[:2])
    walk_in.add_pages(first, [_page(), _page()])
    walk_in.advance()
    assert walk_in.current_component().code == second  # type: ignore[union-attr]
    walk_in.reuse(second, ReusedFile(7, "/kept/x.pdf", "ab" * 32))
    assert walk_in.has_work and walk_in.pages_captured == 2
    assert [c[0] for c in walk_in.captures()] == [first]
    draft = walk_in.draft()
    by_code = {c.code: c for c in draft.components}
    assert by_code[first].status is ComponentStatus.DIGITISED and by_code[first].file_path is None
    assert by_code[second].status is ComponentStatus.REUSED
    assert by_code[second].file_path == "/kept/x.pdf"
    done = with_files(draft, {first: ("/docs/a.pdf", "cd" * 32)})
    assert {c.code: c.file_sha256 for c in done.components}[first] == "cd" * 32
    # Pages deleted down to none: the component is paper again (it is required).
    walk_in.set_pages(first, [])
    assert walk_in.component(first).status is ComponentStatus.PAPER


def test_a_reserved_code_is_saved_with_its_files_and_upload_job_together(
    tmp_path: Path, procedure: Procedure
) -> None:
    db = open_database(tmp_path / "db.sqlite3")
    store = DossierStore(
        db,
        unit_code="000.00.01.H49",
        workstation="QUAY-01",
        block=SequenceBlock(1, 999),
        clock=lambda: datetime(2026, 12, 1, 9, 0, tzinfo=VIETNAM),
    )
    reservation = store.reserve()
    pdf = tmp_path / f"{reservation.code}_TP1_1.pdf"
    pdf.write_bytes(b"%PDF-1.7 a component")
    sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
    walk_in = WalkIn()
    walk_in.take_identity(CHIP_IDENTITY, IdentitySource.QR)
    walk_in.choose_procedure(procedure)
    code = procedure.components[0].code
    walk_in.add_pages(code, [_page()])
    saved = store.save(
        with_files(walk_in.draft(), {code: (str(pdf), sha)}), reservation=reservation
    )
    assert saved.code == reservation.code
    assert store.reserve().code != reservation.code  # never handed out twice
    component = next(c for c in store.get(saved.code).components if c.code == code)  # type: ignore[union-attr]
    assert (component.status, component.file_path, component.file_sha256) == (
        ComponentStatus.DIGITISED,
        str(pdf),
        sha,
    )
    rows = db.execute(
        "SELECT component_code, path, sha256 FROM upload_files WHERE dossier_code = ?",
        [saved.code],
    ).fetchall()
    assert [tuple(r) for r in rows] == [(code, str(pdf), sha)]
    db.conn.close()
