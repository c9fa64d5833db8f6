"""A copy fetched from the shared store is kept once, only when its SHA-256 matches."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

import pytest

from reception.digitising.model import DigitiseError
from reception.digitising.reuse_store import ReuseStore, documents_dir
from reception.storage.database import open_database
from reception.storage.document_vault import read_document
from reception.upload.shared_store import SharedComponent

OWNER = "001099000123"
DATA = b"%PDF-1.7\n% a fetched copy\n"


def _shared(sha256: str) -> SharedComponent:
    return SharedComponent(
        item_id="c0ffee00-1234",
        owner_id_number=OWNER,
        component_code="TP1",
        component_name="Giấy chứng sinh",
        procedure_code="1.001193",
        dossier_code="000.00.01.H49-261201-0001",
        digitised_at="2026-11-02T09:30:00+07:00",
        pages=1,
        bytes=len(DATA),
        sha256=sha256,
        signer="LÊ VĂN THỬ",
    )


def test_a_fetched_copy_is_kept_once_and_offered_with_its_signer(tmp_path: Path) -> None:
    db = open_database(tmp_path / "reception.sqlite3")
    store = ReuseStore(db, documents_dir(tmp_path), timedelta(days=30))
    shared = _shared(hashlib.sha256(DATA).hexdigest())
    kept = store.keep_fetched(shared, DATA, actor="QUAY-02")
    assert read_document(kept.path) == DATA and kept.signer == "LÊ VĂN THỬ"
    assert DATA[:8] not in kept.path.read_bytes()  # kept sealed
    assert kept.digitised_at.date().isoformat() == "2026-11-02"
    assert store.keep_fetched(shared, DATA, actor="QUAY-02").id == kept.id  # once
    assert [c.id for c in store.offers(OWNER, actor="QUAY-02")] == [kept.id]
    attached = store.attach_reused("000.00.01.H49-261201-0002", "TP1", kept.id, actor="QUAY-02")
    assert attached.reused


def test_a_copy_that_does_not_match_its_sha256_is_refused_and_not_written(
    tmp_path: Path,
) -> None:
    db = open_database(tmp_path / "reception.sqlite3")
    store = ReuseStore(db, documents_dir(tmp_path), timedelta(days=30))
    with pytest.raises(DigitiseError, match="SHA-256"):
        store.keep_fetched(_shared("0" * 64), DATA, actor="QUAY-02")
    folder = documents_dir(tmp_path)
    assert not folder.exists() or list(folder.iterdir()) == []
