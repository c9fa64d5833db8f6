"""WIA on Linux: the guard holds, and our settings map to the right WIA properties."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from hardware.errors import DeviceUnavailableError
from hardware.scanner import wia
from hardware.scanner.interface import ColorMode, ScanSettings

REPO = Path(__file__).resolve().parents[3]


def test_settings_map_to_wia_properties() -> None:
    flatbed = wia.wia_properties(ScanSettings(dpi=300, mode=ColorMode.GRAY))
    assert flatbed[wia.WIA_IPS_CUR_INTENT] == 2
    assert flatbed[wia.WIA_IPS_XRES] == flatbed[wia.WIA_IPS_YRES] == 300
    assert flatbed[wia.WIA_DPS_DOCUMENT_HANDLING_SELECT] == wia.FLATBED
    feeder = wia.wia_properties(ScanSettings(mode=ColorMode.COLOR, pages=5))
    assert feeder[wia.WIA_DPS_DOCUMENT_HANDLING_SELECT] == wia.FEEDER
    assert feeder[wia.WIA_DPS_PAGES] == 0 and feeder[wia.WIA_IPS_CUR_INTENT] == 1
    duplex = wia.wia_properties(ScanSettings(mode=ColorMode.BW, duplex=True))
    assert duplex[wia.WIA_DPS_DOCUMENT_HANDLING_SELECT] == wia.FEEDER | wia.DUPLEX


@pytest.mark.skipif(sys.platform == "win32", reason="the guard is for other systems")
def test_off_windows_wia_is_simply_unavailable() -> None:
    with pytest.raises(DeviceUnavailableError):
        wia.list_wia_devices()
    assert "win32com" not in sys.modules


def _is_windows_check(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.If)
        and isinstance(node.test, ast.Compare)
        and ast.unparse(node.test) == "sys.platform == 'win32'"
    )


def _unguarded_wia_imports(tree: ast.AST, guarded: bool = False) -> list[int]:
    found = []
    for child in ast.iter_child_nodes(tree):
        if (
            isinstance(child, ast.ImportFrom)
            and child.module == "hardware.scanner.wia"
            and not guarded
        ):
            found.append(child.lineno)
        if _is_windows_check(child):
            assert isinstance(child, ast.If)
            for statement in child.body:
                if (
                    isinstance(statement, ast.ImportFrom)
                    and statement.module == "hardware.scanner.wia"
                ):
                    continue  # guarded
                found += _unguarded_wia_imports(statement, guarded=True)
            for statement in child.orelse:
                found += _unguarded_wia_imports(statement, guarded)
        else:
            found += _unguarded_wia_imports(child, guarded)
    return found


def test_the_app_imports_wia_only_under_a_windows_check() -> None:
    importers = []
    for path in sorted((REPO / "ui").rglob("*.py")) + sorted((REPO / "hardware").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        if "hardware.scanner.wia" not in source:
            continue
        importers.append(path.relative_to(REPO).as_posix())
        assert _unguarded_wia_imports(ast.parse(source)) == [], path
    assert "hardware/discovery.py" in importers
