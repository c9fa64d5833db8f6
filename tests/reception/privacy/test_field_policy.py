"""Only what the procedure needs: what a saved dossier keeps of a chip's identity."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from reception.dossiers.applicant import Applicant, applicant_to_json
from reception.dossiers.code import SequenceBlock
from reception.dossiers.store import DossierDraft, DossierStore
from reception.identity.citizen import CitizenIdentity, IdentitySource, Sex
from reception.privacy.field_policy import UnknownPersonalFieldError, kept_fields, minimise
from reception.procedures.catalogue import CatalogueError, load_catalogue, parse_catalogue
from reception.storage.database import open_database
from reception.workstation.timezone import VIETNAM

CHIP_ONLY = (
    "ethnicity",
    "religion",
    "place_of_origin",
    "identifying_features",
    "father_name",
    "mother_name",
    "spouse_name",
)


def chip_applicant() -> Applicant:
    identity = CitizenIdentity(
        id_number="001199012345",
        full_name="NGUYỄN THỊ THU HƯƠNG",
        date_of_birth=date(1999, 8, 15),
        sex=Sex.FEMALE,
        place_of_residence="Số 12 phố Mô Phỏng, Hà Nội",
        issue_date=date(2021, 8, 20),
        old_id_number="012345678",
        nationality="Việt Nam",
        ethnicity="Kinh",
        religion="Không",
        place_of_origin="Xã Thử Nghiệm, Tỉnh Quảng Ninh",
        identifying_features="Nốt ruồi trên mép phải",
        father_name="NGUYỄN VĂN BÌNH",
        mother_name="TRẦN THỊ CÚC",
        extras={"layout_field_12": "x"},
    )
    sources = {name: IdentitySource.CHIP for name in ("full_name", "ethnicity", "religion")}
    return Applicant(identity=identity, phone="0912345678", email="a@b.vn", sources=sources)


def test_defaults_keep_name_ids_birth_sex_address_phone_email() -> None:
    kept = minimise(chip_applicant())
    identity = kept.identity
    assert all(getattr(identity, name) is None for name in CHIP_ONLY)
    assert identity.extras == {}
    assert (identity.full_name, identity.id_number, identity.old_id_number) == (
        "NGUYỄN THỊ THU HƯƠNG",
        "001199012345",
        "012345678",
    )
    assert identity.date_of_birth == date(1999, 8, 15) and identity.sex is Sex.FEMALE
    assert identity.place_of_residence and kept.phone == "0912345678" and kept.email == "a@b.vn"
    assert set(kept.sources) == {"full_name"}
    # Absent from the JSON, not null.
    stored = applicant_to_json(kept)["identity"]
    assert not set(CHIP_ONLY) & set(stored) and "extras" not in stored


def test_a_procedure_naming_a_field_keeps_it_and_only_it() -> None:
    kept = minimise(chip_applicant(), kept_fields(["full_name", "ethnicity"]))
    assert kept.identity.ethnicity == "Kinh"
    assert kept.identity.religion is None and kept.identity.date_of_birth is None
    assert kept.phone is None


def test_unknown_field_names_are_refused() -> None:
    with pytest.raises(UnknownPersonalFieldError, match="blood_group"):
        kept_fields(["full_name", "blood_group"])


def test_the_catalogue_says_which_procedures_keep_more() -> None:
    catalogue = load_catalogue()
    marriage = next(p for p in catalogue.procedures if p.national_code == "1.000894")
    birth = next(p for p in catalogue.procedures if p.national_code == "1.001193")
    assert marriage.personal_fields is not None and "ethnicity" in marriage.personal_fields
    assert birth.personal_fields is None


def test_the_catalogue_refuses_an_unknown_personal_field() -> None:
    document = json.loads(
        (Path(__file__).parents[3] / "resources" / "procedures" / "catalogue.json").read_text(
            encoding="utf-8"
        )
    )
    document["procedures"][0]["personal_fields"] = ["full_name", "blood_group"]
    with pytest.raises(CatalogueError, match="personal_fields"):
        parse_catalogue(json.dumps(document, ensure_ascii=False))


@pytest.mark.parametrize("national_code", ["1.001193", "1.000894"])
def test_a_saved_dossier_keeps_what_its_procedure_needs(tmp_path: Path, national_code: str) -> None:
    procedure = next(p for p in load_catalogue().procedures if p.national_code == national_code)
    store = DossierStore(
        open_database(tmp_path / "db.sqlite3"),
        unit_code="000.00.01.H49",
        workstation="QUAY-01",
        block=SequenceBlock(1, 99),
        clock=lambda: datetime(2026, 3, 2, 9, 0, tzinfo=VIETNAM),
    )
    saved = store.save(DossierDraft.for_procedure(procedure, chip_applicant()))
    shown = store.get(saved.code)
    assert shown is not None
    identity = shown.to_json_dict()["applicant"]["identity"]
    expected_ethnicity = "Kinh" if national_code == "1.000894" else None
    assert identity.get("ethnicity") == expected_ethnicity
    for name in ("religion", "identifying_features", "father_name", "mother_name"):
        assert name not in identity
    assert identity["full_name"] == "NGUYỄN THỊ THU HƯƠNG"
