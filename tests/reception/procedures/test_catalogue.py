"""The procedure catalogue: the bundled file, validation with line numbers, search, import."""

from __future__ import annotations

import json
import os
from datetime import time
from pathlib import Path
from typing import Any

import pytest

from reception.errors import UserError
from reception.procedures.catalogue import (
    Catalogue,
    CatalogueError,
    ComponentKind,
    ProcedureNotFoundError,
    bundled_catalogue_path,
    fold,
    import_catalogue,
    imported_catalogue_path,
    load_active_catalogue,
    load_catalogue,
    parse_catalogue,
)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def _procedure(code: str = "1.001193.000.00.00.H49", national: str | None = "1.001193") -> Any:
    return {
        "code": code,
        "national_code": national,
        "name": "Đăng ký khai sinh",
        "field": {"code": "HOTICH", "name": "Hộ tịch"},
        "level": "commune",
        "agency": "Ủy ban nhân dân cấp xã",
        "components": [
            {
                "code": "TP1",
                "name": "Tờ khai",
                "kind": "original",
                "copies": 1,
                "required": True,
                "presentation": "submit",
            }
        ],
        "processing_time": {"value": 1, "unit": "working_days"},
        "cutoff": "15:00",
        "same_day": True,
        "fees": [{"name": "Lệ phí", "amount": 0, "note": None, "code": "", "kind": "le_phi"}],
        "form_template": "receipt",
    }


def _document(*procedures: Any) -> dict[str, Any]:
    return {"format": 2, "version": "t1", "updated": "2026-11-01", "procedures": list(procedures)}


def _dump(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)


def _line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the ``occurrence``-th line containing ``needle``."""
    hits = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[occurrence - 1]


# --- the bundled file ---------------------------------------------------------------


def test_bundled_catalogue_validates(catalogue: Catalogue) -> None:
    assert len(catalogue.procedures) >= 22
    assert catalogue.source == bundled_catalogue_path()
    raw = json.loads(bundled_catalogue_path().read_text(encoding="utf-8"))
    assert raw["format"] == 2
    assert [p.code for p in catalogue.procedures] == [p["code"] for p in raw["procedures"]]


def test_bundled_catalogue_covers_the_common_procedures(catalogue: Catalogue) -> None:
    birth = catalogue.get("1.001193")
    assert birth.name == "Đăng ký khai sinh"
    assert birth.code == "1.001193.000.00.00.H49"
    assert birth.field_name == "Hộ tịch"
    assert birth.same_day and birth.cutoff == time(15, 0)
    assert [c.code for c in birth.components][:2] == ["TP1", "TP2"]
    assert catalogue.get("1.000894").name == "Đăng ký kết hôn"
    assert catalogue.get("2.000815").field_name == "Chứng thực"
    assert catalogue.get("1.004222").processing_time.value == 7
    assert "commune" in {p.level for p in catalogue.procedures}
    # What the 2025 sync record needs, on every procedure.
    for procedure in catalogue.procedures:
        assert procedure.national_code and procedure.code.startswith(procedure.national_code)
        assert procedure.field_code and procedure.field_name and procedure.agency
    shown = [c for c in birth.components if c.presentation.value == "show_only"]
    assert [c.code for c in shown] == ["TP3"]  # the ID card "để xuất trình"


def test_component_codes_are_stable_and_unique(catalogue: Catalogue) -> None:
    for procedure in catalogue.procedures:
        codes = [c.code for c in procedure.components]
        assert codes == [f"TP{i}" for i in range(1, len(codes) + 1)]
        assert all(c.copies >= 1 for c in procedure.components)


def test_to_json_dict_round_trips(catalogue: Catalogue) -> None:
    document = _document(*(p.to_json_dict() for p in catalogue.procedures))
    again = parse_catalogue(_dump(document))
    assert again.procedures == catalogue.procedures
    birth = catalogue.get("1.001193").to_json_dict()
    assert birth["processing_time"] == {"value": 1, "unit": "working_days"}
    assert birth["cutoff"] == "15:00"
    assert birth["components"][0]["kind"] == "original"


def test_get_by_local_or_national_code(catalogue: Catalogue) -> None:
    assert catalogue.get("1.000656.000.00.00.H49") is catalogue.get("1.000656")
    with pytest.raises(ProcedureNotFoundError) as info:
        catalogue.get("9.999999")
    assert isinstance(info.value, UserError)
    assert info.value.code == "procedure_unknown"


# --- search ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("khai sinh", "Đăng ký khai sinh"),
        ("KHAI SINH", "Đăng ký khai sinh"),
        ("dang ky ket hon", "Đăng ký kết hôn"),
        ("Đăng ký kết hôn", "Đăng ký kết hôn"),
        ("ket hon dang", "Đăng ký kết hôn"),  # word order is free
        ("1.000656", "Đăng ký khai tử"),
        ("1.000656.000.00.00.H49", "Đăng ký khai tử"),
        ("chung thuc chu ky", "Chứng thực chữ ký trong các giấy tờ, văn bản"),
        ("tam tru", "Đăng ký tạm trú"),
        ("xac nhan tinh trang hon nhan", "Cấp Giấy xác nhận tình trạng hôn nhân"),
        ("tam tru", "Đăng ký tạm trú"),
    ],
)
def test_search_finds(catalogue: Catalogue, query: str, first: str) -> None:
    assert catalogue.search(query)[0].name == first


def test_search_requires_every_word(catalogue: Catalogue) -> None:
    names = [p.name for p in catalogue.search("khai sinh lai")]
    assert names == ["Đăng ký lại khai sinh"]
    assert catalogue.search("khai sinh xyzzy") == []


def test_search_d_matches_the_barred_d(catalogue: Catalogue) -> None:
    assert fold("Đăng ký đất đai") == "dang ky dat dai"
    with_d = catalogue.search("đang ky")
    assert with_d == catalogue.search("dang ky")
    assert with_d and all(fold(p.name).startswith("dang ky") for p in with_d[:3])


def test_search_ranks_code_then_name_prefix_then_name(catalogue: Catalogue) -> None:
    # "khai sinh" starts no name, so file order decides among name matches; "dang ky khai
    # sinh" starts two names (prefix rank) before "Đăng ký lại khai sinh" (name rank).
    names = [p.name for p in catalogue.search("dang ky khai sinh")]
    assert names[:2] == [
        "Đăng ký khai sinh",
        "Đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con",
    ]
    assert names[2] == "Đăng ký lại khai sinh"
    # a code match outranks names that merely contain the word
    assert catalogue.search("1.00")[0].national_code is not None


def test_search_field_name_is_a_last_resort(catalogue: Catalogue) -> None:
    found = catalogue.search("ho tich")
    assert found[0].name == "Cấp bản sao trích lục hộ tịch"  # the name says it
    assert {p.field_name for p in found} == {"Hộ tịch"}


def test_empty_search_lists_everything_in_file_order(catalogue: Catalogue) -> None:
    assert catalogue.search("  ") == list(catalogue.procedures)


# --- validation -----------------------------------------------------------------------


def test_syntax_error_gives_its_line() -> None:
    text = '{\n  "format": 1,\n  "version": "x"\n  "updated": "2026-01-01"\n}\n'
    with pytest.raises(CatalogueError) as info:
        parse_catalogue(text)
    assert info.value.problems[0].startswith("line 4: invalid JSON")


def test_every_problem_is_listed_with_line_and_path() -> None:
    second = _procedure("1.000894.000.00.00.H49", "1.000894")
    second["processing_time"]["unit"] = "weeks"
    second["fees"][0]["amount"] = -5
    second["components"][0]["kind"] = "photocopy"
    third = _procedure("1.001193.000.00.00.H49", "1.001193")  # duplicates the first
    third["name"] = ""
    fourth = _procedure("12.34.X", "12.34")
    del fourth["agency"]
    text = _dump(_document(_procedure(), second, third, fourth))
    with pytest.raises(CatalogueError) as info:
        parse_catalogue(text, source="broken.json")
    problems = info.value.problems
    unit_line = _line_of(text, '"weeks"')
    amount_line = _line_of(text, "-5")
    kind_line = _line_of(text, '"photocopy"')
    name_line = _line_of(text, '"name": ""')
    dup_code_line = _line_of(text, '"code": "1.001193.000', 2)
    dup_national_line = _line_of(text, '"national_code": "1.001193"', 2)
    bad_national_line = _line_of(text, '"12.34"')
    fourth_line = _line_of(text, '"code": "12.34.X"') - 1
    expected = {
        f"line {unit_line}: procedures[1].processing_time.unit: "
        "expected working_days or working_hours",
        f"line {amount_line}: procedures[1].fees[0].amount: expected an integer >= 0",
        f"line {kind_line}: procedures[1].components[0].kind: "
        "expected original or copy or original_or_copy",
        f"line {name_line}: procedures[2].name: expected a non-empty string",
        f"line {dup_code_line}: procedures[2].code: "
        "duplicate code 1.001193.000.00.00.H49 (procedures[0])",
        f"line {dup_national_line}: procedures[2].national_code: "
        "duplicate code 1.001193 (procedures[0])",
        f"line {bad_national_line}: procedures[3].national_code: "
        "expected a national procedure code d.dddddd",
        # a missing key is reported on the line of the object that lacks it
        f"line {fourth_line}: procedures[3].agency: missing",
    }
    assert all(any(p.startswith(e) for p in problems) for e in expected), problems
    assert len(problems) == len(expected)
    assert "broken.json" in str(info.value)
    assert info.value.code == "catalogue_invalid"


def test_header_and_code_rules() -> None:
    bad = _procedure("1.000894.000.00.00.H49", "1.001193")  # code of another procedure
    bad["cutoff"] = "25:00"
    document = _document(bad)
    document["format"] = 1
    document["updated"] = "29/11/2026"
    text = _dump(document)
    with pytest.raises(CatalogueError) as info:
        parse_catalogue(text)
    joined = "\n".join(info.value.problems)
    assert "line 2: format: expected 2" in joined
    assert "line 4: updated: expected a date YYYY-MM-DD" in joined
    assert "procedures[0].code: expected to start with the national code 1.001193." in joined
    cutoff_line = _line_of(text, "25:00")
    assert f"line {cutoff_line}: procedures[0].cutoff: expected a time" in joined


def test_national_code_is_required() -> None:
    with pytest.raises(CatalogueError) as info:
        parse_catalogue(_dump(_document(_procedure("H49.CUTRU.XNTT", None))))
    assert any(
        "national_code: expected a national procedure code" in p for p in info.value.problems
    )


def test_sync_details_are_read_and_checked() -> None:
    good = _procedure()
    good["components"].append(
        {
            "code": "TP2",
            "name": "Thẻ căn cước để xuất trình",
            "kind": "original",
            "copies": 1,
            "required": True,
            "presentation": "show_only",
        }
    )
    good["fees"][0].update(code="LP01", kind="phi")
    procedure = parse_catalogue(_dump(_document(good))).procedures[0]
    assert [c.presentation.value for c in procedure.components] == ["submit", "show_only"]
    assert procedure.components[0].kind is ComponentKind.ORIGINAL
    assert (procedure.fees[0].code, procedure.fees[0].kind.value) == ("LP01", "phi")

    bad = _procedure()
    bad["components"][0]["presentation"] = "copy"  # a copy handed in, but kind original
    bad["fees"][0]["kind"] = "tax"
    bad["field"]["code"] = "hộ tịch"
    del bad["fees"][0]["code"]
    text = _dump(_document(bad))
    with pytest.raises(CatalogueError) as info:
        parse_catalogue(text)
    joined = "\n".join(info.value.problems)
    copy_line = _line_of(text, '"presentation": "copy"')
    assert f"line {copy_line}: procedures[0].components[0].presentation" in joined
    assert "procedures[0].fees[0].kind: expected le_phi or phi" in joined
    assert "procedures[0].fees[0].code: missing" in joined
    assert "procedures[0].field.code: expected a national field code" in joined


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="cannot read"):
        load_catalogue(tmp_path / "missing.json")


# --- import ---------------------------------------------------------------------------


def _write(path: Path, document: Any) -> Path:
    path.write_text(_dump(document), encoding="utf-8")
    return path


def test_import_installs_and_becomes_active(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    assert load_active_catalogue(data_dir).source == bundled_catalogue_path()
    source = _write(tmp_path / "new.json", _document(_procedure()))
    installed = import_catalogue(source, data_dir)
    assert installed.source == imported_catalogue_path(data_dir)
    assert imported_catalogue_path(data_dir).read_bytes() == source.read_bytes()
    active = load_active_catalogue(data_dir)
    assert active.version == "t1" and len(active.procedures) == 1


def test_import_keeps_the_previous_file_as_backup(tmp_path: Path) -> None:
    first = _write(tmp_path / "first.json", _document(_procedure()))
    second_doc = _document(_procedure(), _procedure("1.000894.000.00.00.H49", "1.000894"))
    second_doc["version"] = "t2"
    second = _write(tmp_path / "second.json", second_doc)
    import_catalogue(first, tmp_path)
    import_catalogue(second, tmp_path)
    target = imported_catalogue_path(tmp_path)
    assert target.with_name("catalogue.json.bak").read_bytes() == first.read_bytes()
    assert load_active_catalogue(tmp_path).version == "t2"
    assert sorted(p.name for p in target.parent.iterdir()) == [
        "catalogue.json",
        "catalogue.json.bak",
    ]


def test_invalid_import_changes_nothing(tmp_path: Path) -> None:
    good = _write(tmp_path / "good.json", _document(_procedure()))
    import_catalogue(good, tmp_path)
    broken = _procedure()
    broken["processing_time"]["value"] = -1
    with pytest.raises(CatalogueError, match=r"processing_time\.value"):
        import_catalogue(_write(tmp_path / "bad.json", _document(broken)), tmp_path)
    target = imported_catalogue_path(tmp_path)
    assert target.read_bytes() == good.read_bytes()
    assert sorted(p.name for p in target.parent.iterdir()) == ["catalogue.json"]


def test_failed_write_leaves_the_active_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = _write(tmp_path / "good.json", _document(_procedure()))
    import_catalogue(good, tmp_path)

    def power_cut(fd: int) -> None:
        raise OSError("disk gone")

    monkeypatch.setattr(os, "fsync", power_cut)
    newer = _document(_procedure())
    newer["version"] = "t9"
    with pytest.raises(OSError, match="disk gone"):
        import_catalogue(_write(tmp_path / "newer.json", newer), tmp_path)
    target = imported_catalogue_path(tmp_path)
    assert target.read_bytes() == good.read_bytes()
    assert sorted(p.name for p in target.parent.iterdir()) == ["catalogue.json"]


def test_crash_after_the_backup_keeps_the_old_catalogue_active(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = _write(tmp_path / "good.json", _document(_procedure()))
    import_catalogue(good, tmp_path)
    real_fsync = os.fsync
    calls: list[int] = []

    def fail_on_the_new_file(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 3:  # backup file, its directory, then the new file
            raise OSError("power cut")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fail_on_the_new_file)
    newer = _document(_procedure())
    newer["version"] = "t9"
    with pytest.raises(OSError, match="power cut"):
        import_catalogue(_write(tmp_path / "newer.json", newer), tmp_path)
    target = imported_catalogue_path(tmp_path)
    assert load_active_catalogue(tmp_path).version == "t1"
    assert target.with_name("catalogue.json.bak").read_bytes() == good.read_bytes()
    assert sorted(p.name for p in target.parent.iterdir()) == [
        "catalogue.json",
        "catalogue.json.bak",
    ]


def test_every_name_finds_its_procedure_first(catalogue: Catalogue) -> None:
    for procedure in catalogue.procedures:
        assert catalogue.search(procedure.name)[0] is procedure
        assert catalogue.search(fold(procedure.name).upper())[0] is procedure
        assert catalogue.search(procedure.code) == [procedure]
