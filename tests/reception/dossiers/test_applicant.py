"""Applicant checks and the applicant file format (synthetic people only)."""

from __future__ import annotations

from datetime import date

import pytest

from reception.dossiers.applicant import (
    Applicant,
    ApplicantFileError,
    ApplicantKind,
    ApplicantProblem,
    Principal,
    applicant_from_json,
    applicant_to_json,
    applicant_warnings,
    check_applicant,
    normalise_phone,
)
from reception.identity.citizen import CitizenIdentity, IdentitySource, Sex

ADDRESS = "Số 1 phố Thử Nghiệm, Phường Mẫu, Hạ Long"


def person(**changes: object) -> CitizenIdentity:
    values: dict[str, object] = {
        "id_number": "022088001234",
        "full_name": "TRẦN VĂN BÌNH",
        "date_of_birth": date(1988, 3, 4),
        "sex": Sex.MALE,
        "place_of_residence": ADDRESS,
    }
    values.update(changes)
    return CitizenIdentity(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("0912345678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("+84 912-345-678", "0912345678"),
        ("84912345678", "0912345678"),
        ("(0203) 3825 123", "02033825123"),
    ],
)
def test_phone_numbers_are_written_one_way(typed: str, expected: str) -> None:
    assert normalise_phone(typed) == expected
    assert Applicant(person(), phone=typed).phone == expected


@pytest.mark.parametrize(
    ("phone", "ok"),
    [
        ("0912345678", True),
        ("0387654321", True),
        ("02033825123", True),  # a landline with its area code
        ("091234567", False),  # one digit short
        ("0112345678", False),  # no such prefix
        ("09123456789", False),
        ("abc", False),
    ],
)
def test_phone_format(phone: str, ok: bool) -> None:
    problems = check_applicant(Applicant(person(), phone=phone))
    assert ("phone" not in problems) is ok


@pytest.mark.parametrize(
    ("email", "ok"),
    [
        ("binh@example.vn", True),
        ("binh.tran@mail.example.com", True),
        ("binh@", False),
        ("binh example.vn", False),
        ("binh@example", False),
    ],
)
def test_email_format(email: str, ok: bool) -> None:
    problems = check_applicant(Applicant(person(), email=email))
    assert ("email" not in problems) is ok


def test_required_fields_and_id_number_format() -> None:
    problems = check_applicant(
        Applicant(person(full_name=" ", id_number="12345", place_of_residence=None))
    )
    assert problems == {
        "full_name": ApplicantProblem.NAME_MISSING,
        "id_number": ApplicantProblem.ID_NUMBER_MALFORMED,
        "place_of_residence": ApplicantProblem.ADDRESS_MISSING,
    }


def test_a_citizen_without_a_card_may_leave_the_id_number_empty() -> None:
    assert check_applicant(Applicant(person(id_number=""))) == {}


def test_a_representative_names_whom_they_act_for() -> None:
    missing = Applicant(person(), kind=ApplicantKind.REPRESENTATIVE)
    assert check_applicant(missing) == {"principal_name": ApplicantProblem.PRINCIPAL_NAME_MISSING}
    for_mother = Applicant(
        person(),
        kind=ApplicantKind.REPRESENTATIVE,
        principal=Principal("LÊ THỊ CÚC", "022150001111", "Xã Mẫu, Quảng Ninh"),
    )
    assert check_applicant(for_mother) == {}
    assert for_mother.owner_name == "LÊ THỊ CÚC"
    assert for_mother.owner_address == "Xã Mẫu, Quảng Ninh"
    bad_id = Applicant(
        person(), kind=ApplicantKind.REPRESENTATIVE, principal=Principal("LÊ THỊ CÚC", "1")
    )
    assert check_applicant(bad_id) == {"principal_id": ApplicantProblem.PRINCIPAL_ID_MALFORMED}


def test_an_organisation_has_a_tax_code() -> None:
    firm = Applicant(
        person(),
        kind=ApplicantKind.ORGANISATION,
        principal=Principal("Công ty TNHH Thử Nghiệm", "5700100256", ADDRESS),
    )
    assert check_applicant(firm) == {}
    branch = Applicant(
        person(),
        kind=ApplicantKind.ORGANISATION,
        principal=Principal("Chi nhánh", "5700100256-001"),
    )
    assert check_applicant(branch) == {}
    wrong = Applicant(
        person(), kind=ApplicantKind.ORGANISATION, principal=Principal("Công ty", "12")
    )
    assert check_applicant(wrong) == {"principal_id": ApplicantProblem.TAX_CODE_MALFORMED}


def test_id_number_cross_checks_are_warnings() -> None:
    assert applicant_warnings(Applicant(person())) == ()
    odd = applicant_warnings(Applicant(person(sex=Sex.FEMALE)))
    assert [w.code for w in odd] == ["id_sex_mismatch"]


def test_json_round_trip_keeps_sources_and_principal() -> None:
    applicant = Applicant(
        person(),
        phone="0912345678",
        kind=ApplicantKind.REPRESENTATIVE,
        principal=Principal("LÊ THỊ CÚC", None, None),
        sources={"full_name": IdentitySource.CHIP, "id_number": IdentitySource.QR},
    )
    again = applicant_from_json(applicant_to_json(applicant))
    assert again == applicant
    assert again.source_of("full_name") is IdentitySource.CHIP
    assert again.source_of("place_of_residence") is IdentitySource.TYPED


def test_a_flat_person_file_with_one_source() -> None:
    applicant = applicant_from_json(
        {
            "_comment": "synthetic",
            "full_name": "ĐỖ THỊ AN",
            "place_of_residence": ADDRESS,
            "source": "qr",
            "phone": "0987654321",
        }
    )
    assert applicant.identity.id_number == ""
    assert applicant.sources == {
        "full_name": IdentitySource.QR,
        "place_of_residence": IdentitySource.QR,
    }


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ([], "expected a JSON object"),
        ({"id_number": "1"}, "full_name"),
        ({"full_name": "A", "date_of_birth": "04/03/1988"}, "identity"),
        ({"full_name": "A", "kind": "company"}, "kind"),
        ({"full_name": "A", "principal": "B"}, "principal"),
        ({"full_name": "A", "source": "fax"}, "source"),
        ({"full_name": "A", "phone": 912345678}, "phone"),
    ],
)
def test_bad_files_name_the_key(data: object, key: str) -> None:
    with pytest.raises(ApplicantFileError, match=key):
        applicant_from_json(data)  # type: ignore[arg-type]
