"""Scan-to-folder: files written slowly are taken only when complete, each once.

The writer below appends a chunk per step and the clock is a number the test moves: no
sleeping, and the "printer" can pause for as long as the test likes.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from hardware.errors import DeviceUnavailableError
from hardware.imaging.image_files import ImageFileError
from hardware.scanner.folder import FolderScanner, FolderWatcher
from hardware.scanner.interface import ScannedPage, ScanSettings
from tests.generators.pages import gray, text_page


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(gray(text_page(dpi=100))).save(buffer, format="JPEG", dpi=(200, 200))
    return buffer.getvalue()


class SlowWriter:
    """Writes a file in chunks, one per ``step`` call, with its own modification times."""

    def __init__(self, path: Path, data: bytes, chunks: int) -> None:
        self.path, self.data = path, data
        self.size = len(data) // chunks + 1
        self.written = 0
        path.write_bytes(b"")

    def step(self) -> bool:
        self.written = min(len(self.data), self.written + self.size)
        self.path.write_bytes(self.data[: self.written])
        return self.written == len(self.data)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def test_a_slowly_written_file_is_taken_only_after_it_settles(
    tmp_path: Path, clock: FakeClock
) -> None:
    watcher = FolderWatcher(tmp_path, settle_seconds=2.0, clock=clock)
    writer = SlowWriter(tmp_path / "SCAN_0001.jpg", _jpeg_bytes(), chunks=5)
    done = False
    while not done:
        done = writer.step()
        assert watcher.poll() == []  # it grew since the last poll
        clock.now += 1.5
        assert watcher.poll() == []  # unchanged, but for less than the settle time
        clock.now += 0.4
    clock.now += 0.2
    assert watcher.poll() == [writer.path]  # unchanged for 2.1 s, and it ends as a JPEG ends
    assert writer.path.read_bytes() == writer.data


def test_a_printer_pausing_mid_file_longer_than_the_settle_time_is_waited_for(
    tmp_path: Path, clock: FakeClock
) -> None:
    watcher = FolderWatcher(tmp_path, settle_seconds=2.0, clock=clock)
    writer = SlowWriter(tmp_path / "SCAN_0002.jpg", _jpeg_bytes(), chunks=2)
    writer.step()
    for _ in range(10):  # a 30-second stall of the network share, polled throughout
        assert watcher.poll() == []
        clock.now += 3.0
    writer.step()
    assert watcher.poll() == []
    clock.now += 3.0
    assert watcher.poll() == [writer.path]
    clock.now += 10
    assert watcher.poll() == []  # each file once


def test_empty_temporary_hidden_and_foreign_files_are_ignored(
    tmp_path: Path, clock: FakeClock
) -> None:
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "scan.pdf.part").write_bytes(b"%PDF-1.7")
    (tmp_path / ".hidden.jpg").write_bytes(b"x")
    (tmp_path / "~lock.tif").write_bytes(b"x")
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / "sub.jpg").mkdir()
    watcher = FolderWatcher(tmp_path, settle_seconds=1.0, clock=clock)
    for _ in range(3):
        assert watcher.poll() == []
        clock.now += 5


def test_a_file_still_held_by_its_writer_is_waited_for(tmp_path: Path, clock: FakeClock) -> None:
    held = {"locked": True}
    path = tmp_path / "a.png"
    path.write_bytes(b"\x89PNG....")
    watcher = FolderWatcher(
        tmp_path, settle_seconds=1.0, clock=clock, readable=lambda _p: not held["locked"]
    )
    watcher.poll()
    clock.now += 2
    assert watcher.poll() == []
    held["locked"] = False
    assert watcher.poll() == [path]


def test_the_folder_scanner_gives_pages_moves_files_and_skips_broken_ones(
    tmp_path: Path, clock: FakeClock
) -> None:
    (tmp_path / "1.jpg").write_bytes(_jpeg_bytes())
    (tmp_path / "2.jpg").write_bytes(b"\xff\xd8\xff broken but ended \xff\xd9")
    watcher = FolderWatcher(tmp_path, settle_seconds=1.0, clock=clock)
    scanner = FolderScanner(watcher)
    with pytest.raises(DeviceUnavailableError):
        scanner.scan(ScanSettings())  # first sight: nothing settled yet
    clock.now += 2
    pages = scanner.scan(ScanSettings())
    assert len(pages) == 1 and pages[0].dpi == 200 and pages[0].jpeg is not None
    assert (tmp_path / "imported" / "1.jpg").exists()
    assert [p.name for p, _ in scanner.failed] == ["2.jpg"]
    assert (tmp_path / "2.jpg").exists()


def test_an_injected_reader_handles_pdfs(tmp_path: Path, clock: FakeClock) -> None:
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7 ... %%EOF")
    seen: list[Path] = []

    def reader(path: Path) -> list[ScannedPage]:
        seen.append(path)
        raise ImageFileError("not a scanned image")

    scanner = FolderScanner(FolderWatcher(tmp_path, 1.0, clock), reader)
    with pytest.raises(DeviceUnavailableError):
        scanner.scan(ScanSettings())
    clock.now += 2
    with pytest.raises(DeviceUnavailableError):
        scanner.scan(ScanSettings())
    assert seen == [tmp_path / "scan.pdf"]


def test_a_missing_folder_is_a_device_error(tmp_path: Path) -> None:
    with pytest.raises(DeviceUnavailableError):
        FolderWatcher(tmp_path / "nowhere").poll()
