from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reception.errors import ConfigError
from reception.workstation.config import DEMO_CONFIG, SimulateMode, load_config
from reception.workstation.paths import resources_dir

EXAMPLE = resources_dir() / "config" / "reception.example.toml"


def test_the_example_file_is_valid_and_complete() -> None:
    config = load_config(EXAMPLE)
    assert config.unit.code == "000.00.01.H49"
    assert config.workstation.name == "QUAY-01"
    assert (config.workstation.sequence_first, config.workstation.sequence_last) == (1, 999)
    assert config.server.url is None
    assert config.devices.simulate is SimulateMode.AUTO
    assert config.language == "vi"
    assert not config.is_demo
    assert config.source == EXAMPLE


def test_a_missing_file_gives_the_demo_configuration(tmp_path: Path) -> None:
    config = load_config(tmp_path / "absent.toml")
    assert config is DEMO_CONFIG
    assert config.is_demo


@pytest.mark.parametrize(
    ("replace", "by", "key"),
    [
        ('code = "000.00.01.H49"', 'code = "H49"', "unit.code"),
        ('code = "000.00.01.H49"', 'code = "000.00.01.H22X"', "unit.code"),
        ("sequence_digits = 4", "sequence_digits = 8", "workstation.sequence_digits"),
        ("sequence_digits = 4", "sequence_digits = 3", "workstation.sequence_digits"),
        ('record = "2025"', 'record = "2030"', "server.record"),
        ("basis_2025_from = 2025-09-15", 'basis_2025_from = "15/9/2025"', "forms.basis_2025_from"),
        ("sequence_first = 1", "sequence_first = 1000", "workstation.sequence_first"),
        ("sequence_last = 999", "sequence_last = 10000", "workstation.sequence_first"),
        ('simulate = "auto"', 'simulate = "sometimes"', "devices.simulate"),
        ('url = ""', 'url = "ftp://x"', "server.url"),
        ("timeout_seconds = 30", "timeout_seconds = -1", "server.timeout_seconds"),
        ('language = "vi"', 'language = "fr"', "language"),
        ('name = "QUAY-01"', "name = 5", "workstation.name"),
    ],
)
def test_invalid_values_are_named_by_file_and_key(
    tmp_path: Path, replace: str, by: str, key: str
) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert replace in text
    path = tmp_path / "bad.toml"
    path.write_text(text.replace(replace, by, 1), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(path) in str(caught.value)
    assert key in str(caught.value)


def test_broken_toml_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("[unit\ncode =", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(path)


def _example_with(tmp_path: Path, *changes: tuple[str, str]) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / "reception.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("code", ["H49.22", "H15.50.05.13", "000.00.01.H49", "000.00.00.H49"])
def test_unit_identifiers_of_both_shapes_start(tmp_path: Path, code: str) -> None:
    config = load_config(_example_with(tmp_path, ('code = "000.00.01.H49"', f'code = "{code}"')))
    assert config.unit.code == code


def test_a_refused_identifier_shows_a_correct_example(tmp_path: Path) -> None:
    path = _example_with(tmp_path, ('code = "000.00.01.H49"', 'code = "H49-22"'))
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert "unit.code" in str(info.value) and "H49.22" in str(info.value)
    path = _example_with(
        tmp_path,
        ('code = "000.00.01.H49"', 'code = "H49-22"'),
        ("# code_pattern = '^H49(\\.[0-9A-Z]{2,3}){1,4}$'", "code_pattern = '^H49-[0-9]{2}$'"),
    )
    assert load_config(path).unit.code == "H49-22"  # the province's own rule


def test_sequence_width_comes_from_configuration(tmp_path: Path) -> None:
    config = load_config(
        _example_with(
            tmp_path, ("sequence_digits = 4", "sequence_digits = 6"), ("sequence_last = 999", "")
        )
    )
    assert config.workstation.sequence_digits == 6
    assert config.workstation.sequence_last == 999_999
    with pytest.raises(ConfigError, match="999999"):
        load_config(
            _example_with(
                tmp_path,
                ("sequence_digits = 4", "sequence_digits = 6"),
                ("sequence_last = 999", "sequence_last = 1000000"),
            )
        )


def test_agency_codes_carry_their_valid_from_date(tmp_path: Path) -> None:
    config = load_config(
        _example_with(
            tmp_path,
            ('code = "000.00.01.H49"', 'code = "H49.22"'),
            ("# valid_from = 2025-07-01", "valid_from = 2025-07-01"),
            (
                '# previous = [{ code = "000.00.01.H49", valid_from = 2016-11-03 }]',
                'previous = [{ code = "000.00.01.H49", valid_from = 2016-11-03 }]',
            ),
        )
    )
    assert config.unit.code_on(date(2025, 7, 1)) == "H49.22"
    assert config.unit.code_on(date(2025, 6, 30)) == "000.00.01.H49"
    assert config.server.record == "2025"
    assert config.forms.basis_on(date(2025, 9, 14)) == "2018"
    assert config.forms.basis_on(date(2025, 9, 15)) == "2025"
