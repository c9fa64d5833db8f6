from __future__ import annotations

import multiprocessing
from datetime import date
from pathlib import Path

import pytest

from reception.dossiers.code import CODE_PATTERN, SequenceBlock, allocate_sequence, format_code
from reception.errors import SequenceExhaustedError
from reception.storage.database import open_database, transaction

UNIT = "000.00.01.H49"
DAY = date(2026, 11, 30)


def test_format_follows_circular_01_2018() -> None:
    code = format_code(UNIT, DAY, 7)
    assert code == "000.00.01.H49-261130-0007"
    match = CODE_PATTERN.match(code)
    assert match is not None
    assert match["unit"] == UNIT
    assert match["sequence"] == "0007"


def test_sequences_run_through_the_block_then_stop(tmp_path: Path) -> None:
    db = open_database(tmp_path / "db.sqlite3")
    block = SequenceBlock(first=501, last=503)
    taken = []
    for _ in range(3):
        with transaction(db):
            taken.append(allocate_sequence(db, UNIT, DAY, block))
    assert taken == [501, 502, 503]
    with pytest.raises(SequenceExhaustedError, match="501-503"), transaction(db):
        allocate_sequence(db, UNIT, DAY, block)
    # A new day starts the block again.
    with transaction(db):
        assert allocate_sequence(db, UNIT, date(2026, 12, 1), block) == 501


def test_a_day_seen_again_after_a_clock_change_never_reuses(tmp_path: Path) -> None:
    db = open_database(tmp_path / "db.sqlite3")
    block = SequenceBlock(1, 999)
    with transaction(db):
        assert allocate_sequence(db, UNIT, DAY, block) == 1
    with transaction(db):
        assert allocate_sequence(db, UNIT, date(2026, 12, 1), block) == 1
    # The clock goes back to the earlier day; the app restarts.
    db.conn.close()
    db = open_database(tmp_path / "db.sqlite3")
    with transaction(db):
        assert allocate_sequence(db, UNIT, DAY, block) == 2


def test_a_rolled_back_allocation_is_given_again(tmp_path: Path) -> None:
    db = open_database(tmp_path / "db.sqlite3")
    block = SequenceBlock(1, 9)
    with pytest.raises(RuntimeError), transaction(db):
        allocate_sequence(db, UNIT, DAY, block)
        raise RuntimeError("the dossier insert failed")
    with transaction(db):
        assert allocate_sequence(db, UNIT, DAY, block) == 1


def _allocate_many(path: str, count: int, queue: multiprocessing.Queue[list[int]]) -> None:
    db = open_database(Path(path))
    got = []
    for _ in range(count):
        with transaction(db):
            got.append(allocate_sequence(db, UNIT, DAY, SequenceBlock(1, 9999)))
    queue.put(got)


def test_concurrent_processes_never_get_the_same_number(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    open_database(path).conn.close()
    context = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue[list[int]] = context.Queue()
    workers = [
        context.Process(target=_allocate_many, args=(str(path), 40, queue)) for _ in range(4)
    ]
    for worker in workers:
        worker.start()
    results = [queue.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    numbers = [n for result in results for n in result]
    assert len(numbers) == 160
    assert sorted(numbers) == list(range(1, 161))


@pytest.mark.parametrize(
    ("unit", "digits", "expected"),
    [
        ("H49.22", 4, "H49.22-250916-0007"),
        ("H15.50.05.13", 6, "H15.50.05.13-250916-000007"),
        ("000.00.01.H49", 7, "000.00.01.H49-250916-0000007"),
    ],
)
def test_codes_of_every_identifier_shape_and_sequence_width(
    unit: str, digits: int, expected: str
) -> None:
    code = format_code(unit, date(2025, 9, 16), 7, digits)
    assert code == expected
    match = CODE_PATTERN.match(code)
    assert match is not None and match["unit"] == unit and int(match["sequence"]) == 7
