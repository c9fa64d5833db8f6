"""Working days of state agencies, and the appointment date (ngày hẹn trả) they give.

A working day is Monday–Friday minus the Vietnamese public holidays and compensatory or
swapped days off of the ``holidays`` package (country VN), plus the Saturdays the package
marks as worked after a swap. Future years are estimates until the government announces
them, so a local TOML file an administrator edits adds days off, removes days off and adds
worked Saturdays: ``data_dir/calendar/local.toml`` when present, else the bundled
``resources/calendar/local.toml``. ``calendar_version`` names the package version and the
local file's hash; record it with each dossier so its date can be explained later.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import holidays

from reception.errors import UserError
from reception.limits import MAX_TOML_FILE_BYTES, InputError, parse_toml_text, read_input_text
from reception.workstation.paths import resources_dir

VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
LOCAL_CALENDAR_FILE = Path("calendar") / "local.toml"
LOCAL_FORMAT = 1
SATURDAY = 5
# Office hours of state agencies (Quyết định 09/2012, the usual 8-hour day in two
# periods); provinces differ, hence configurable.
DEFAULT_OFFICE_HOURS: tuple[tuple[time, time], ...] = (
    (time(7, 30), time(11, 30)),
    (time(13, 30), time(17, 0)),
)
_HOLIDAYS_VERSION = importlib.metadata.version("holidays")
_LIST_KEYS = ("days_off", "days_off_removed", "saturdays_worked")


class CalendarError(UserError):
    """The local calendar file is invalid; the message names the line and key."""

    code = "calendar_invalid"


@dataclass(frozen=True, slots=True)
class LocalCalendar:
    """The administrator's overrides; each date maps to its note."""

    days_off: dict[date, str] = field(default_factory=dict)
    days_off_removed: dict[date, str] = field(default_factory=dict)
    saturdays_worked: dict[date, str] = field(default_factory=dict)
    digest: str = "none"  # sha256 prefix of the file, "none" without a file


def parse_local_calendar(text: str, source: Path | str = "<local calendar>") -> LocalCalendar:
    """Parse and check a local calendar file (format described in the bundled example)."""
    try:
        data = parse_toml_text(text, str(source))
    except InputError as exc:
        raise CalendarError(str(exc)) from exc
    problems: list[str] = []
    header_lines = _array_table_lines(text)

    def problem(key: str, index: int | None, message: str) -> None:
        line = header_lines.get((key, index), header_lines.get((key, None), 1))
        where = key if index is None else f"{key}[{index}]"
        problems.append(f"line {line}: {where}: {message}")

    if data.get("format", LOCAL_FORMAT) != LOCAL_FORMAT:
        problem("format", None, f"expected {LOCAL_FORMAT}")
    for key in data:
        if key not in (*_LIST_KEYS, "format"):
            problem(key, None, f"unknown key (expected one of {', '.join(_LIST_KEYS)})")
    lists: dict[str, dict[date, str]] = {key: {} for key in _LIST_KEYS}
    first_seen: dict[date, str] = {}
    for key in _LIST_KEYS:
        entries = data.get(key, [])
        if not isinstance(entries, list):
            problem(key, None, "expected a list of [[" + key + "]] tables")
            continue
        for index, entry in enumerate(entries):
            day = entry.get("date") if isinstance(entry, dict) else None
            note = entry.get("note") if isinstance(entry, dict) else None
            if type(day) is not date:  # datetime is a date subclass but not a day
                problem(key, index, "date: expected a date such as 2027-02-03")
                continue
            if not isinstance(note, str) or not note.strip():
                problem(key, index, "note: expected a non-empty string")
            if key == "saturdays_worked" and day.weekday() != SATURDAY:
                problem(key, index, f"date: {day} is not a Saturday")
            if day in first_seen:
                problem(key, index, f"date: {day} is already listed in {first_seen[day]}")
            first_seen.setdefault(day, key)
            lists[key][day] = note if isinstance(note, str) else ""
    if problems:
        raise CalendarError(f"{source}: invalid local calendar:\n  " + "\n  ".join(problems))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return LocalCalendar(
        lists["days_off"], lists["days_off_removed"], lists["saturdays_worked"], digest
    )


def _array_table_lines(text: str) -> dict[tuple[str, int | None], int]:
    """Line of each ``[[key]]`` header by (key, index), and of each top-level key."""
    found: dict[tuple[str, int | None], int] = {}
    counts: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        header = re.match(r"\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]", line)
        if header:
            key = header.group(1)
            found[(key, counts.get(key, 0))] = number
            found.setdefault((key, None), number)
            counts[key] = counts.get(key, 0) + 1
            continue
        assignment = re.match(r"\s*([A-Za-z0-9_-]+)\s*=", line)
        if assignment and not counts:  # a top-level key, before any table
            found.setdefault((assignment.group(1), None), number)
    return found


def local_calendar_path(data_dir: Path | None) -> Path:
    """The local file in effect: the data dir's when present, else the bundled example."""
    if data_dir is not None and (data_dir / LOCAL_CALENDAR_FILE).exists():
        return data_dir / LOCAL_CALENDAR_FILE
    return resources_dir() / LOCAL_CALENDAR_FILE


def load_working_calendar(
    data_dir: Path | None = None,
    office_hours: Sequence[tuple[time, time]] = DEFAULT_OFFICE_HOURS,
) -> WorkingCalendar:
    """The calendar of this workstation (see :func:`local_calendar_path`)."""
    path = local_calendar_path(data_dir)
    if not os.path.lexists(path):
        return WorkingCalendar(LocalCalendar(), office_hours)
    try:
        text = read_input_text(path, MAX_TOML_FILE_BYTES)
    except InputError as exc:
        raise CalendarError(f"cannot read the local calendar: {exc}") from exc
    return WorkingCalendar(parse_local_calendar(text, path), office_hours)


class WorkingCalendar:
    """Working days and appointment times for one set of local overrides.

    ``office_hours`` are the (start, end) periods of a working day, in order, used to count
    hour limits; the default is 07:30–11:30 and 13:30–17:00. A limit in days is due at the
    end of the last period of its day.
    """

    def __init__(
        self,
        local: LocalCalendar | None = None,
        office_hours: Sequence[tuple[time, time]] = DEFAULT_OFFICE_HOURS,
    ) -> None:
        self.local = local or LocalCalendar()
        if not office_hours or any(start >= end for start, end in office_hours):
            raise ValueError("office hours must be non-empty (start, end) periods")
        self.office_hours = tuple(sorted(office_hours))
        self._holidays: holidays.HolidayBase = holidays.country_holidays("VN", language="vi")
        self._years_loaded: set[int] = set()

    @property
    def calendar_version(self) -> str:
        """E.g. ``holidays-0.109+local-3f2a9c01b7e4``: what produced a dossier's date."""
        return f"holidays-{_HOLIDAYS_VERSION}+local-{self.local.digest}"

    def _package(self, year: int) -> holidays.HolidayBase:
        # Swaps are listed under the year that gets the day off, and the worked Saturday may
        # fall in the year before or after (31/12/2018 for 05/01/2019): load the neighbours.
        for neighbour in (year - 1, year, year + 1):
            if neighbour not in self._years_loaded:
                self._holidays.get(date(neighbour, 1, 1))
                self._years_loaded.add(neighbour)
        return self._holidays

    def is_working_day(self, day: date) -> bool:
        """Whether state agencies work on ``day`` (local overrides first)."""
        if day in self.local.days_off:
            return False
        if day in self.local.saturdays_worked:
            return True
        package = self._package(day.year)
        if day.weekday() >= SATURDAY:
            return day in package.weekend_workdays
        return day in self.local.days_off_removed or day not in package

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def non_working_weekdays(self, year: int) -> list[tuple[date, str]]:
        """Monday–Friday days off of ``year`` with their names, in date order."""
        package = self._package(year)
        result = []
        day = date(year, 1, 1)
        while day.year == year:
            if day.weekday() < SATURDAY and not self.is_working_day(day):
                result.append((day, self.local.days_off.get(day) or str(package.get(day))))
            day += timedelta(days=1)
        return result

    def worked_saturdays(self, year: int) -> list[tuple[date, str]]:
        """Saturdays of ``year`` that are working days, with the reason, in date order."""
        package = self._package(year)
        result = []
        for saturday in sorted({*package.weekend_workdays, *self.local.saturdays_worked}):
            if saturday.year == year and self.is_working_day(saturday):
                note = self.local.saturdays_worked.get(saturday) or _swap_reason(package, saturday)
                result.append((saturday, note))
        return result

    def appointment(
        self,
        received: datetime,
        value: int,
        unit: str,
        cutoff: time | None = None,
        same_day: bool = False,
    ) -> datetime:
        """When the result is due, aware in Asia/Ho_Chi_Minh (naive ``received`` is local).

        A dossier received on a working day up to ``cutoff`` (inclusive) counts from that
        day; after it, or on a day off, it counts as received on the next working day.
        ``working_days``: the day of receipt is not counted (Bộ luật Dân sự 2015, Điều 147),
        so the result is due on the ``value``-th working day after it, at the close of
        office hours; with ``same_day`` it is due on the day of receipt itself and ``value``
        is ignored. ``working_hours``: ``value`` hours of office time from the moment of
        receipt (or the next opening), skipping lunch, nights and days off.
        """
        if value < 0:
            raise ValueError("a processing time cannot be negative")
        if received.tzinfo is None:
            received = received.replace(tzinfo=VIETNAM_TZ)
        local = received.astimezone(VIETNAM_TZ).replace(tzinfo=None)
        on_time = cutoff is None or local.time() <= cutoff
        if self.is_working_day(local.date()) and on_time:
            start = local
        else:
            start = datetime.combine(self.next_working_day(local.date()), self.office_hours[0][0])
        if unit == "working_days":
            due = start.date()
            for _ in range(0 if same_day else value):
                due = self.next_working_day(due)
            return datetime.combine(due, self.office_hours[-1][1], tzinfo=VIETNAM_TZ)
        if unit == "working_hours":
            return self._add_office_time(start, timedelta(hours=value)).replace(tzinfo=VIETNAM_TZ)
        raise ValueError(f"unknown unit {unit!r}: expected working_days or working_hours")

    def _add_office_time(self, start: datetime, remaining: timedelta) -> datetime:
        day, moment = start.date(), start.time()
        while True:
            for period_start, period_end in self.office_hours:
                begin = max(period_start, moment)
                if begin >= period_end:
                    continue
                available = _between(begin, period_end)
                if remaining <= available:
                    return datetime.combine(day, begin) + remaining
                remaining -= available
            day, moment = self.next_working_day(day), time(0, 0)


def _between(earlier: time, later: time) -> timedelta:
    anchor = date(2000, 1, 1)
    return datetime.combine(anchor, later) - datetime.combine(anchor, earlier)


def _swap_reason(package: holidays.HolidayBase, saturday: date) -> str:
    """Name a worked Saturday after the weekday off it pays for."""
    # The package names that weekday "Ngày nghỉ (thay cho ngày dd/mm/yyyy)".
    marker = f"{saturday:%d/%m/%Y}"
    for day_off, name in sorted(package.items()):
        if marker in name:
            return f"Làm bù cho ngày nghỉ {day_off:%d/%m/%Y}"
    return "Ngày làm việc bù theo lịch hoán đổi"
