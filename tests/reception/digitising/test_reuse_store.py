"""The reuse store: recording, offering to the same citizen, reuse, retention, deletion."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import sqlite_utils

from hardware.scanner.interface import ColorMode, ScannedPage
from reception.digitising.model import (
    ComponentInfo,
    DigitisedComponent,
    DigitiseError,
    DigitiseOptions,
)
from reception.digitising.pipeline import digitise, next_component_path
from reception.digitising.reuse_store import ReuseStore, documents_dir
from reception.errors import StorageBugError
from reception.storage.database import open_database
from tests.generators.pages import gray, text_page

START = datetime.fromisoformat("2026-11-02T08:00:00+07:00")


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def db(tmp_path: Path) -> Iterator[sqlite_utils.Database]:
    database = open_database(tmp_path / "r.sqlite3")
    yield database
    database.conn.close()


def _digitise(folder: Path, info: ComponentInfo, clock: Clock) -> DigitisedComponent:
    page = ScannedPage(image=gray(text_page(dpi=100)), dpi=100, mode=ColorMode.GRAY)
    path = next_component_path(folder, info)
    return digitise([page], info, path, options=DigitiseOptions(ocr=False), clock=clock)


def test_a_returning_citizen_is_offered_their_components_and_reuse_is_recorded(
    tmp_path: Path, db: sqlite_utils.Database, info: ComponentInfo
) -> None:
    clock = Clock()
    store = ReuseStore(db, documents_dir(tmp_path), timedelta(days=30), clock)
    first = store.record(_digitise(store.folder, info, clock), actor="QUAY-01")
    other = replace(
        info,
        owner_id_number="001199000777",
        dossier_code="000.00.01.H49-261102-0002",
        component_code="TP1",
    )
    store.record(_digitise(store.folder, other, clock), actor="QUAY-01")
    assert (first.path.stat().st_mode & 0o777) == 0o600

    clock.now = START + timedelta(days=10)
    offers = store.offers("001099000123", actor="QUAY-02")
    assert [o.id for o in offers] == [first.id]
    assert offers[0].component_code == "TP2" and offers[0].digitised_at == START
    assert offers[0].pages == 1 and offers[0].pdfa

    new_dossier = "000.00.01.H49-261112-0003"
    store.attach_reused(new_dossier, "TP2", first.id, actor="QUAY-02")
    (attachment,) = store.attachments(new_dossier)
    assert attachment.reused and attachment.component.id == first.id
    own = store.attachments(info.dossier_code)
    assert [(a.component.id, a.reused) for a in own] == [(first.id, False)]
    actions = [r[0] for r in db.execute("SELECT action FROM digitised_access_log ORDER BY id")]
    assert actions == ["digitised", "digitised", "offered", "reused"]


def test_expired_components_are_not_offered_and_are_purged(
    tmp_path: Path, db: sqlite_utils.Database, info: ComponentInfo
) -> None:
    clock = Clock()
    store = ReuseStore(db, documents_dir(tmp_path), timedelta(days=30), clock)
    kept = store.record(_digitise(store.folder, info, clock), actor="QUAY-01")
    clock.now = START + timedelta(days=31)
    assert store.offers("001099000123", actor="QUAY-01") == []
    assert store.purge_expired() == 1
    assert not kept.path.exists()
    assert store.purge_expired() == 0
    with pytest.raises(DigitiseError):
        store.attach_reused("000.00.01.H49-261203-0001", "TP2", kept.id, actor="QUAY-01")


def test_deleting_a_persons_components_removes_the_files(
    tmp_path: Path, db: sqlite_utils.Database, info: ComponentInfo
) -> None:
    clock = Clock()
    store = ReuseStore(db, documents_dir(tmp_path), clock=clock)
    a = store.record(_digitise(store.folder, info, clock), actor="QUAY-01")
    b = store.record(_digitise(store.folder, info, clock), actor="QUAY-01")
    assert b.path.name.endswith("_TP2_2.pdf")
    assert store.delete_owner("001099000123", actor="admin") == 2
    assert not a.path.exists() and not b.path.exists()
    assert store.offers("001099000123", actor="QUAY-01") == []


def test_a_missing_or_malformed_owner_is_stored_but_never_offered(
    tmp_path: Path, db: sqlite_utils.Database, info: ComponentInfo
) -> None:
    clock = Clock()
    store = ReuseStore(db, documents_dir(tmp_path), clock=clock)
    anonymous = replace(info, owner_id_number="12345")
    stored = store.record(_digitise(store.folder, anonymous, clock), actor="QUAY-01")
    assert stored.owner_id_number is None
    assert store.offers("12345", actor="QUAY-01") == []


def test_the_access_log_is_append_only(
    tmp_path: Path, db: sqlite_utils.Database, info: ComponentInfo
) -> None:
    clock = Clock()
    store = ReuseStore(db, documents_dir(tmp_path), clock=clock)
    store.record(_digitise(store.folder, info, clock), actor="QUAY-01")
    with pytest.raises(StorageBugError, match="append-only"):
        db.execute("DELETE FROM digitised_access_log")
    with pytest.raises(StorageBugError, match="append-only"):
        db.execute("UPDATE digitised_access_log SET actor = 'x'")


def test_a_file_outside_the_store_is_refused(
    tmp_path: Path, db: sqlite_utils.Database, info: ComponentInfo
) -> None:
    clock = Clock()
    store = ReuseStore(db, documents_dir(tmp_path), clock=clock)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    with pytest.raises(DigitiseError):
        store.record(_digitise(outside, info, clock), actor="QUAY-01")
