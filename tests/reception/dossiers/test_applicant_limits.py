"""An applicant's texts are bounded and printable, whatever the source (issue 16)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from reception.dossiers.applicant import (
    Applicant,
    ApplicantFileError,
    ApplicantProblem,
    applicant_from_json,
    check_applicant,
)
from reception.identity.citizen import CitizenIdentity

GOOD = {"id_number": "001199012345", "full_name": "NGUYỄN VĂN A", "place_of_residence": "Hà Nội"}


@pytest.mark.parametrize(
    ("field", "value"),
    [("full_name", "A\x00B"), ("full_name", "A\x1b[31mB"), ("place_of_residence", "x" * 501)],
)
def test_the_window_and_files_alike_cannot_save_unprintable_text(field: str, value: str) -> None:
    identity = CitizenIdentity.from_json_dict({**GOOD, field: value})
    assert check_applicant(Applicant(identity))[field] is ApplicantProblem.TEXT_INVALID


def test_a_birth_date_in_the_future_is_refused() -> None:
    identity = CitizenIdentity.from_json_dict({**GOOD, "date_of_birth": "2030-01-01"})
    problems = check_applicant(Applicant(identity), today=date(2026, 12, 1))
    assert problems == {"date_of_birth": ApplicantProblem.BIRTH_DATE_IN_FUTURE}


@pytest.mark.parametrize(
    "extra",
    [
        {"extras": "x"},
        {"extras": [1, 2]},
        {"extras": {"a": {"b": 1}}},
        {"sex": ["Nam"]},
        {"phone": 912345678},
        {"sources": [1]},
        {"full_name": "\ud800"},
        {"full_name": "A" * 201},
    ],
)
def test_wrong_types_and_bad_text_in_a_file_name_the_key(extra: dict[str, Any]) -> None:
    with pytest.raises(ApplicantFileError) as caught:
        applicant_from_json({**GOOD, **extra})
    assert next(iter(extra)) in str(caught.value)


def test_null_extras_are_no_extras() -> None:
    assert dict(applicant_from_json({**GOOD, "extras": None}).identity.extras) == {}
