from __future__ import annotations

from pathlib import Path

import pytest

from reception.errors import ConfigError
from reception.workstation.config import DEMO_CONFIG, SimulateMode, load_config
from reception.workstation.paths import resources_dir

EXAMPLE = resources_dir() / "config" / "reception.example.toml"


def test_the_example_file_is_valid_and_complete() -> None:
    config = load_config(EXAMPLE)
    assert config.unit.code == "000.00.01.H22"
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
        ('code = "000.00.01.H22"', 'code = "H22"', "unit.code"),
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
