"""The privacy notice the citizen is given on the receipt (wording in data).

``resources/privacy/notice.toml`` holds it; placeholders: ``{unit}``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from reception.workstation.paths import resources_dir


@dataclass(frozen=True, slots=True)
class Notice:
    heading: str
    text: str


@cache
def _load() -> dict[str, str]:
    path = resources_dir() / "privacy" / "notice.toml"
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    section = raw["receipt"]
    return {"heading": str(section["heading"]), "text": str(section["text"])}


def receipt_notice(unit_name: str) -> Notice:
    """The notice for a receipt of the unit ``unit_name``."""
    wording = _load()
    return Notice(wording["heading"], wording["text"].replace("{unit}", unit_name))
