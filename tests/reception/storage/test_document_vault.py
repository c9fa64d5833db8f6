"""The documents folder at rest: sealed per file, authenticated, read whole or in ranges."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hardware.input_files import InputFileError
from reception.errors import DocumentDamagedError, StorageKeyError
from reception.storage import encryption, sealed_files
from reception.storage.document_vault import (
    SEALED_MARKER,
    DocumentVault,
    document_digest,
    document_size,
    plain_documents,
    read_document,
    read_document_range,
    seal_plain_documents,
)
from reception.storage.encryption import EncryptionPolicy
from reception.storage.key_store import KEY_FILE

SEGMENT = sealed_files.SEGMENT_BYTES


@pytest.fixture(autouse=True)
def _default_policy() -> object:
    yield
    encryption.configure(EncryptionPolicy())


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "data" / "documents"
    folder.mkdir(parents=True)
    return folder


def _document(size: int, seed: int = 1) -> bytes:
    return (hashlib.sha256(bytes([seed])).digest() * (size // 32 + 1))[:size]


@pytest.mark.parametrize("size", [0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 3 * SEGMENT + 17])
def test_a_document_is_sealed_private_and_read_back(tmp_path: Path, size: int) -> None:
    folder = _folder(tmp_path)
    data = _document(size)
    path = folder / "H49-1.pdf"
    DocumentVault(folder).write(path, data)

    stored = path.read_bytes()
    assert stored.startswith(sealed_files.MAGIC)
    if size >= 16:  # (a byte or two may turn up in the random salt by chance)
        assert data[:64] not in stored
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert read_document(path) == data
    assert document_size(path) == size
    assert document_digest(path) == (hashlib.sha256(data).hexdigest(), size)


@given(
    size=st.integers(0, 3 * SEGMENT),
    bounds=st.tuples(st.integers(0, 3 * SEGMENT), st.integers(0, 3 * SEGMENT)),
)
def test_any_range_reads_the_same_bytes_as_the_plain_document(
    tmp_path_factory: pytest.TempPathFactory, size: int, bounds: tuple[int, int]
) -> None:
    folder = _folder(tmp_path_factory.mktemp("range"))
    data = _document(size, seed=3)
    path = folder / "doc.pdf"
    DocumentVault(folder).write(path, data)
    start, stop = min(bounds), min(max(bounds), size)
    start = min(start, stop)
    assert b"".join(read_document_range(path, start, stop)) == data[start:stop]


@pytest.mark.parametrize(
    "damage",
    ["flip a byte", "cut at a segment", "cut inside", "swap segments", "drop the last"],
)
def test_a_changed_sealed_file_fails_its_check(tmp_path: Path, damage: str) -> None:
    folder = _folder(tmp_path)
    path = folder / "doc.pdf"
    DocumentVault(folder).write(path, _document(3 * SEGMENT + 100))
    stored = bytearray(path.read_bytes())
    head, seg = sealed_files.HEADER_BYTES, SEGMENT + sealed_files.TAG_BYTES
    if damage == "flip a byte":
        stored[head + seg + 5] ^= 1
    elif damage == "cut at a segment":
        del stored[head + 2 * seg :]
    elif damage == "cut inside":
        del stored[-40:]
    elif damage == "swap segments":
        stored[head : head + 2 * seg] = (
            stored[head + seg : head + 2 * seg] + stored[head : head + seg]
        )
    else:
        del stored[head + 3 * seg :]
    path.write_bytes(bytes(stored))

    with pytest.raises(DocumentDamagedError):
        read_document(path)
    with pytest.raises(DocumentDamagedError):
        document_digest(path)


def test_a_file_sealed_under_another_data_folder_is_refused(tmp_path: Path) -> None:
    ours, theirs = _folder(tmp_path / "a"), _folder(tmp_path / "b")
    DocumentVault(theirs).write(theirs / "doc.pdf", b"%PDF-1.7 someone else's")
    DocumentVault(ours).write(ours / "mine.pdf", b"%PDF-1.7 ours")  # our key exists
    (ours / "doc.pdf").write_bytes((theirs / "doc.pdf").read_bytes())

    with pytest.raises(DocumentDamagedError):
        read_document(ours / "doc.pdf")


def test_without_the_key_a_sealed_document_is_not_read(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    DocumentVault(folder).write(folder / "doc.pdf", b"%PDF-1.7")
    (folder.parent / KEY_FILE).unlink()

    with pytest.raises(StorageKeyError):
        read_document(folder / "doc.pdf")


def test_plain_files_are_read_as_they_are_and_sealed_in_place(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    old = {f"old-{n}.pdf": _document(SEGMENT + n, seed=n) for n in range(3)}
    for name, data in old.items():
        (folder / name).write_bytes(data)
    assert read_document(folder / "old-1.pdf") == old["old-1.pdf"]

    assert seal_plain_documents(folder) == 3
    for name, data in old.items():
        assert (folder / name).read_bytes().startswith(sealed_files.MAGIC)
        assert read_document(folder / name) == data
    assert (folder / SEALED_MARKER).exists()
    assert seal_plain_documents(folder) == 0


def test_an_interrupted_sealing_pass_goes_on_at_the_next_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    for n in range(4):
        (folder / f"old-{n}.pdf").write_bytes(_document(100, seed=n))
    real_seal = sealed_files.seal_to
    calls = {"n": 0}

    def power_cut_on_the_third(sink: object, source: object, key: bytes) -> int:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(5, "Input/output error")
        return real_seal(sink, source, key)  # type: ignore[arg-type]

    monkeypatch.setattr(sealed_files, "seal_to", power_cut_on_the_third)
    assert seal_plain_documents(folder) == 3
    assert not (folder / SEALED_MARKER).exists()  # one is still plain
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == [
        f"old-{n}.pdf" for n in range(4)
    ]  # no temporary file left, nothing lost

    monkeypatch.setattr(sealed_files, "seal_to", real_seal)
    assert seal_plain_documents(folder) == 1
    assert all(read_document(folder / f"old-{n}.pdf") == _document(100, seed=n) for n in range(4))


def test_with_encryption_off_documents_stay_plain_and_sealed_ones_still_read(
    tmp_path: Path,
) -> None:
    folder = _folder(tmp_path)
    DocumentVault(folder).write(folder / "sealed.pdf", b"%PDF sealed")
    seal_plain_documents(folder)
    encryption.configure(EncryptionPolicy(encrypt=False))

    DocumentVault(folder).write(folder / "plain.pdf", b"%PDF plain")

    assert (folder / "plain.pdf").read_bytes() == b"%PDF plain"
    assert read_document(folder / "sealed.pdf") == b"%PDF sealed"
    assert not (folder / SEALED_MARKER).exists()  # a later encrypting start looks again
    assert seal_plain_documents(folder) == 0


def test_a_fifo_or_an_oversized_document_is_refused_in_one_line(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    os.mkfifo(folder / "pipe.pdf")
    with pytest.raises(InputFileError, match="pipe"):
        read_document(folder / "pipe.pdf")
    DocumentVault(folder).write(folder / "big.pdf", _document(5000))
    with pytest.raises(InputFileError, match="larger"):
        read_document(folder / "big.pdf", max_bytes=1000)


@given(body=st.binary(max_size=3 * SEGMENT // 2))
def test_any_bytes_behind_the_magic_are_refused_as_damaged_and_nothing_else(
    tmp_path_factory: pytest.TempPathFactory, body: bytes
) -> None:
    folder = _folder(tmp_path_factory.mktemp("hostile"))
    DocumentVault(folder).write(folder / "ours.pdf", b"%PDF")  # the folder has its key
    path = folder / "hostile.pdf"
    path.write_bytes(sealed_files.MAGIC + body)
    with pytest.raises(DocumentDamagedError):
        read_document(path)
    with pytest.raises(DocumentDamagedError):
        document_digest(path)


def test_the_sealing_pass_and_self_tests_count_see_the_same_files(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    outside = tmp_path / "elsewhere.pdf"
    outside.write_bytes(b"%PDF not ours")
    (folder / "link.pdf").symlink_to(outside)
    (folder / "old.pdf").write_bytes(b"%PDF old")
    assert plain_documents(folder) == 1  # the link is not a kept document

    assert seal_plain_documents(folder) == 1

    assert plain_documents(folder) == 0
    assert outside.read_bytes() == b"%PDF not ours"  # what a link points at is left alone
