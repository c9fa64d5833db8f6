"""The synthetic person the simulated devices present."""

from __future__ import annotations

from pathlib import Path

from reception.errors import ConfigError
from reception.identity.citizen import CitizenIdentity
from reception.limits import MAX_JSON_FILE_BYTES, InputError, parse_json_text, read_input_text
from reception.workstation.paths import resources_dir


def bundled_person_file() -> Path:
    return resources_dir() / "simulator" / "person.json"


def load_person(path: Path | None = None) -> CitizenIdentity:
    """Read a person description (the identity keys of ``card read``) from JSON."""
    source = path or bundled_person_file()
    try:
        data = parse_json_text(read_input_text(source, MAX_JSON_FILE_BYTES), str(source))
        if not isinstance(data, dict):
            raise TypeError("expected a JSON object")
        data = {key: value for key, value in data.items() if not key.startswith("_")}
        return CitizenIdentity.from_json_dict(data)
    except InputError as exc:
        raise ConfigError(str(exc)) from exc
    except (OSError, ValueError, TypeError, AttributeError) as exc:
        raise ConfigError(f"{source}: not a valid person file: {exc}") from exc
