"""The protocol core stays below the app: no Qt, no ``reception``, no ``ui``, no pyscard."""

from __future__ import annotations

import ast
from pathlib import Path

import hardware.icao

FORBIDDEN = ("reception", "ui", "PySide6", "shiboken6", "smartcard")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_forbidden_imports() -> None:
    package = Path(hardware.icao.__file__).parent
    for path in sorted(package.glob("*.py")):
        for name in _imported_modules(path):
            assert name.split(".")[0] not in FORBIDDEN, f"{path.name} imports {name}"


def test_no_logging_in_the_protocol_core() -> None:
    # Keys, nonces, MRZ and CAN values pass through every module here: none of them logs.
    package = Path(hardware.icao.__file__).parent
    for path in sorted(package.glob("*.py")):
        assert "logging" not in _imported_modules(path), path.name
