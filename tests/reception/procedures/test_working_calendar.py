"""Working days and appointment dates.

Expected dates are worked out by hand from the announced calendar: 2026 — 1/1 (Thu), Tết
16–20/2 (Mon–Fri), Giỗ Tổ 26/4 (Sun, off Mon 27/4), 30/4 (Thu), 1/5 (Fri), 2/9 (Wed) with
1/9 (Tue), a swap giving Mon 31/8 off for Sat 22/8 worked, 24/11 (Tue). 2027 (estimated) —
1/1 (Fri), Tết 4–10/2 (weekdays off Thu 4, Fri 5, Mon 8, Tue 9, Wed 10), Giỗ Tổ 16/4 (Fri),
30/4 (Fri), 1/5 (Sat, off Mon 3/5), 2–3/9 (Thu–Fri), 24/11 (Wed).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reception.procedures.working_calendar import (
    VIETNAM_TZ,
    CalendarError,
    LocalCalendar,
    WorkingCalendar,
    load_working_calendar,
    parse_local_calendar,
)

PACKAGE_ONLY = WorkingCalendar(LocalCalendar())
CUTOFF = time(15, 0)


def at(y: int, m: int, d: int, hh: int = 17, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=VIETNAM_TZ)


DAY_CASES = [
    # (received, working days, same_day, expected, why)
    (at(2026, 2, 13, 10), 3, False, at(2026, 2, 25), "Tết 2026: Mon 23, Tue 24, Wed 25"),
    (at(2026, 2, 13, 15), 1, False, at(2026, 2, 23), "at the cut-off counts from Friday"),
    (at(2026, 2, 13, 15, 1), 1, False, at(2026, 2, 24), "after the cut-off: received Mon 23"),
    (at(2026, 2, 12, 14), 2, False, at(2026, 2, 23), "Fri 13, then Mon 23 after Tết"),
    (at(2026, 2, 18, 9), 1, False, at(2026, 2, 24), "received during Tết: counts from 23"),
    (at(2026, 4, 24, 10), 1, False, at(2026, 4, 28), "Giỗ Tổ on Sunday, off Monday 27/4"),
    (at(2026, 4, 24, 10), 3, False, at(2026, 5, 4), "28, 29, then 30/4 and 1/5 off, 4/5"),
    (at(2026, 4, 29, 9), 1, False, at(2026, 5, 4), "30/4 Thu and 1/5 Fri off"),
    (at(2026, 8, 28, 10), 1, False, at(2026, 9, 3), "swap Mon 31/8, then 1/9 and 2/9 off"),
    (at(2026, 8, 21, 10), 1, False, at(2026, 8, 22), "Saturday 22/8/2026 is worked"),
    (at(2026, 8, 22, 10), 1, False, at(2026, 8, 24), "received on the worked Saturday"),
    (at(2026, 11, 23, 10), 1, False, at(2026, 11, 25), "24/11 Vietnam Culture Day, from 2026"),
    (at(2026, 11, 7, 10), 2, False, at(2026, 11, 11), "Saturday: counts from Mon 9/11"),
    (at(2026, 11, 13, 10), 1, False, at(2026, 11, 16), "an ordinary weekend"),
    (at(2026, 12, 31, 10), 1, False, at(2027, 1, 4), "1/1/2027 Friday, across the year"),
    (at(2027, 2, 3, 10), 1, False, at(2027, 2, 11), "Tết 2027: 4, 5, 8, 9, 10/2 off"),
    (at(2027, 2, 3, 10), 5, False, at(2027, 2, 17), "11, 12, 15, 16, 17/2"),
    (at(2027, 4, 15, 10), 1, False, at(2027, 4, 19), "Giỗ Tổ 2027 on Friday 16/4"),
    (at(2027, 4, 29, 10), 1, False, at(2027, 5, 4), "30/4 Fri, 1/5 Sat off Mon 3/5"),
    (at(2027, 9, 1, 16), 1, False, at(2027, 9, 7), "late on 1/9: 2–3/9 off, counts from 6/9"),
    (at(2026, 11, 9, 14, 59), 1, True, at(2026, 11, 9), "same day before the cut-off"),
    (at(2026, 11, 9, 15, 30), 1, True, at(2026, 11, 10), "same day rule, after the cut-off"),
    (at(2026, 2, 13, 16), 1, True, at(2026, 2, 23), "same day rule, late before Tết"),
    (at(2026, 8, 22, 9), 1, True, at(2026, 8, 22), "same day on the worked Saturday"),
    (at(2026, 11, 8, 9), 1, True, at(2026, 11, 9), "same day rule on a Sunday"),
]


@pytest.mark.parametrize(
    ("received", "days", "same_day", "expected"),
    [case[:4] for case in DAY_CASES],
    ids=[case[4] for case in DAY_CASES],
)
def test_appointment_in_working_days(
    received: datetime, days: int, same_day: bool, expected: datetime
) -> None:
    due = PACKAGE_ONLY.appointment(received, days, "working_days", CUTOFF, same_day)
    assert due == expected
    assert due.tzinfo is VIETNAM_TZ


def test_no_cutoff_means_the_whole_day_counts() -> None:
    due = PACKAGE_ONLY.appointment(at(2026, 11, 9, 16, 30), 1, "working_days", None)
    assert due == at(2026, 11, 10)


HOUR_CASES = [
    # (received, hours, cutoff, expected, why)
    (at(2026, 11, 9, 10), 4, None, at(2026, 11, 9, 16), "1.5 h before lunch, 2.5 h after"),
    (at(2026, 11, 9, 16), 4, None, at(2026, 11, 10, 10, 30), "1 h, the night, then 3 h"),
    (at(2026, 11, 13, 16), 4, None, at(2026, 11, 16, 10, 30), "across a weekend"),
    (at(2026, 11, 9, 12), 2, None, at(2026, 11, 9, 15, 30), "received during lunch"),
    (at(2026, 11, 9, 6), 4, None, at(2026, 11, 9, 11, 30), "before opening; ends at 11:30"),
    (at(2026, 2, 13, 16, 30), 8, None, at(2026, 2, 23, 17), "0.5 h, then all of Mon 23/2"),
    (at(2026, 11, 9, 15, 30), 4, CUTOFF, at(2026, 11, 10, 11, 30), "after the cut-off"),
    (at(2026, 11, 23, 16), 4, None, at(2026, 11, 25, 10, 30), "skips 24/11"),
    (at(2026, 8, 21, 16), 4, None, at(2026, 8, 22, 10, 30), "into the worked Saturday"),
]


@pytest.mark.parametrize(
    ("received", "hours", "cutoff", "expected"),
    [case[:4] for case in HOUR_CASES],
    ids=[case[4] for case in HOUR_CASES],
)
def test_appointment_in_working_hours(
    received: datetime, hours: int, cutoff: time | None, expected: datetime
) -> None:
    assert PACKAGE_ONLY.appointment(received, hours, "working_hours", cutoff) == expected


def test_received_time_in_another_zone_or_naive() -> None:
    in_utc = datetime(2026, 11, 9, 3, 0, tzinfo=UTC)  # 10:00 in Hanoi
    due = PACKAGE_ONLY.appointment(in_utc, 4, "working_hours")
    assert due == at(2026, 11, 9, 16) and due.tzinfo is VIETNAM_TZ
    naive = datetime(2026, 11, 9, 10, 0)  # taken as Hanoi time
    assert PACKAGE_ONLY.appointment(naive, 4, "working_hours") == at(2026, 11, 9, 16)
    late_utc = datetime(2026, 11, 9, 8, 30, tzinfo=UTC)  # 15:30 in Hanoi: after the cut-off
    assert PACKAGE_ONLY.appointment(late_utc, 1, "working_days", CUTOFF) == at(2026, 11, 11)


def test_custom_office_hours() -> None:
    calendar = WorkingCalendar(LocalCalendar(), [(time(8, 0), time(12, 0))])
    assert calendar.appointment(at(2026, 11, 9, 11), 2, "working_hours") == at(2026, 11, 10, 9)
    assert calendar.appointment(at(2026, 11, 9, 11), 1, "working_days") == at(2026, 11, 10, 12)


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="unit"):
        PACKAGE_ONLY.appointment(at(2026, 11, 9, 10), 1, "weeks")
    with pytest.raises(ValueError, match="negative"):
        PACKAGE_ONLY.appointment(at(2026, 11, 9, 10), -1, "working_days")
    with pytest.raises(ValueError, match="office hours"):
        WorkingCalendar(LocalCalendar(), [(time(12, 0), time(8, 0))])


def test_days_off_of_2026_and_2027() -> None:
    assert [d for d, _ in PACKAGE_ONLY.non_working_weekdays(2026)] == [
        date(2026, 1, 1),
        *(date(2026, 2, d) for d in range(16, 21)),
        date(2026, 4, 27),
        date(2026, 4, 30),
        date(2026, 5, 1),
        date(2026, 8, 31),
        date(2026, 9, 1),
        date(2026, 9, 2),
        date(2026, 11, 24),
    ]
    assert PACKAGE_ONLY.worked_saturdays(2026) == [
        (date(2026, 8, 22), "Làm bù cho ngày nghỉ 31/08/2026")
    ]
    days_2027 = dict(PACKAGE_ONLY.non_working_weekdays(2027))
    assert list(days_2027) == [
        date(2027, 1, 1),
        date(2027, 2, 4),
        date(2027, 2, 5),
        date(2027, 2, 8),
        date(2027, 2, 9),
        date(2027, 2, 10),
        date(2027, 4, 16),
        date(2027, 4, 30),
        date(2027, 5, 3),
        date(2027, 9, 2),
        date(2027, 9, 3),
        date(2027, 11, 24),
    ]
    assert "Giỗ Tổ" in days_2027[date(2027, 4, 16)]
    assert PACKAGE_ONLY.worked_saturdays(2027) == []


@settings(deadline=None)  # the first example loads the holiday years
@given(
    st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31)),
    st.integers(min_value=1, max_value=30),
)
def test_due_day_is_the_nth_working_day_after(received: datetime, days: int) -> None:
    due = PACKAGE_ONLY.appointment(received, days, "working_days", CUTOFF).date()
    assert PACKAGE_ONLY.is_working_day(due)
    between = [received.date() + timedelta(n) for n in range(1, (due - received.date()).days + 1)]
    counted = sum(PACKAGE_ONLY.is_working_day(d) for d in between)
    on_time = PACKAGE_ONLY.is_working_day(received.date()) and received.time() <= CUTOFF
    assert counted == (days if on_time else days + 1)


# --- the local file -------------------------------------------------------------------

LOCAL = """\
format = 1

[[days_off]]
date = 2027-02-03
note = "Nghỉ thêm trước Tết theo quyết định của tỉnh"

[[days_off]]
date = 2026-08-22
note = "Hủy làm bù"

[[days_off_removed]]
date = 2027-02-10
note = "Mùng năm Tết: làm việc"

[[saturdays_worked]]
date = 2027-01-30
note = "Làm bù cho ngày 03/02/2027"
"""


@pytest.fixture
def local_calendar() -> WorkingCalendar:
    return WorkingCalendar(parse_local_calendar(LOCAL))


def test_local_day_off_added(local_calendar: WorkingCalendar) -> None:
    received = at(2027, 2, 2, 10)
    assert PACKAGE_ONLY.appointment(received, 1, "working_days", CUTOFF) == at(2027, 2, 3)
    # 3/2 added; 4–9/2 off; 10/2 worked after all
    assert local_calendar.appointment(received, 1, "working_days", CUTOFF) == at(2027, 2, 10)


def test_local_holiday_removed(local_calendar: WorkingCalendar) -> None:
    received = at(2027, 2, 9, 10)  # a Tết day, so counting starts from the next working day
    assert local_calendar.appointment(received, 1, "working_days", CUTOFF) == at(2027, 2, 11)
    assert local_calendar.is_working_day(date(2027, 2, 10))
    assert not PACKAGE_ONLY.is_working_day(date(2027, 2, 10))


def test_local_saturday_worked(local_calendar: WorkingCalendar) -> None:
    received = at(2027, 1, 29, 10)
    assert PACKAGE_ONLY.appointment(received, 1, "working_days", CUTOFF) == at(2027, 2, 1)
    assert local_calendar.appointment(received, 1, "working_days", CUTOFF) == at(2027, 1, 30)
    assert local_calendar.worked_saturdays(2027) == [
        (date(2027, 1, 30), "Làm bù cho ngày 03/02/2027")
    ]


def test_local_day_off_cancels_a_worked_saturday(local_calendar: WorkingCalendar) -> None:
    received = at(2026, 8, 21, 10)
    assert local_calendar.appointment(received, 1, "working_days", CUTOFF) == at(2026, 8, 24)
    assert local_calendar.worked_saturdays(2026) == []


def test_local_overrides_in_the_yearly_lists(local_calendar: WorkingCalendar) -> None:
    days = dict(local_calendar.non_working_weekdays(2027))
    assert days[date(2027, 2, 3)] == "Nghỉ thêm trước Tết theo quyết định của tỉnh"
    assert date(2027, 2, 10) not in days


def test_calendar_version_names_the_package_and_the_file() -> None:
    version = WorkingCalendar(parse_local_calendar(LOCAL)).calendar_version
    assert re.fullmatch(r"holidays-\d+\.\d+(\.\d+)?\+local-[0-9a-f]{12}", version)
    assert version == WorkingCalendar(parse_local_calendar(LOCAL)).calendar_version
    other = WorkingCalendar(parse_local_calendar(LOCAL + "\n# edited\n")).calendar_version
    assert other != version
    assert PACKAGE_ONLY.calendar_version.endswith("+local-none")


def test_data_dir_file_takes_precedence(tmp_path: Path) -> None:
    bundled = load_working_calendar(tmp_path)
    assert bundled.calendar_version == load_working_calendar(None).calendar_version
    (tmp_path / "calendar").mkdir()
    (tmp_path / "calendar" / "local.toml").write_text(LOCAL, encoding="utf-8")
    local = load_working_calendar(tmp_path)
    assert local.calendar_version != bundled.calendar_version
    assert not local.is_working_day(date(2027, 2, 3))


def test_bundled_example_is_valid_and_empty() -> None:
    calendar = load_working_calendar(None)
    assert calendar.local.days_off == {} and calendar.local.saturdays_worked == {}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[days_off]]\ndate = "2027-02-03"\nnote = "x"\n', "line 1: days_off[0]: date:"),
        (
            '[[days_off]]\ndate = 2027-02-03\nnote = "x"\n\n[[days_off]]\ndate = 2027-02-04\n',
            "line 5: days_off[1]: note: expected a non-empty string",
        ),
        (
            '[[saturdays_worked]]\ndate = 2027-01-29\nnote = "x"\n',
            "line 1: saturdays_worked[0]: date: 2027-01-29 is not a Saturday",
        ),
        (
            'format = 1\nholidays = 3\n[[days_off]]\ndate = 2027-02-03\nnote = "x"\n',
            "line 2: holidays: unknown key",
        ),
        ("format = 2\n", "line 1: format: expected 1"),
        (
            '[[days_off]]\ndate = 2027-02-03\nnote = "a"\n'
            '[[days_off_removed]]\ndate = 2027-02-03\nnote = "b"\n',
            "line 4: days_off_removed[0]: date: 2027-02-03 is already listed in days_off",
        ),
        ('[[days_off]]\ndate = 2027-02-03T08:00:00\nnote = "x"\n', "days_off[0]: date:"),
        ("[[days_off]\n", "line 1"),  # a TOML syntax error names its line too
    ],
)
def test_invalid_local_file(text: str, message: str) -> None:
    with pytest.raises(CalendarError, match=re.escape(message)) as info:
        parse_local_calendar(text, "local.toml")
    assert info.value.code == "calendar_invalid"
    assert "local.toml" in str(info.value)


def test_unreadable_local_file(tmp_path: Path) -> None:
    (tmp_path / "calendar" / "local.toml").mkdir(parents=True)  # a folder, not a file
    with pytest.raises(CalendarError, match="cannot read"):
        load_working_calendar(tmp_path)


def test_catalogue_procedures_give_their_dates() -> None:
    from reception.procedures.catalogue import load_catalogue

    catalogue = load_catalogue()
    residence = catalogue.get("1.004222")  # đăng ký thường trú: 7 working days
    due = PACKAGE_ONLY.appointment(
        at(2026, 4, 24, 10),
        residence.processing_time.value,
        residence.processing_time.unit,
        residence.cutoff,
        residence.same_day,
    )
    assert due == at(2026, 5, 8)  # 28, 29/4, then 4, 5, 6, 7, 8/5
    birth = catalogue.get("1.001193")  # same day, next working day after 15:00
    args = (birth.processing_time.value, birth.processing_time.unit, birth.cutoff, True)
    assert PACKAGE_ONLY.appointment(at(2026, 4, 29, 14), *args) == at(2026, 4, 29)
    assert PACKAGE_ONLY.appointment(at(2026, 4, 29, 16), *args) == at(2026, 5, 4)
