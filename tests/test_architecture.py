"""The import rules of the codebase, checked on the source (not on what happens to load)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("reception", "hardware", "ui")

# The ``python -m reception`` launcher is the one module that reaches up to ``ui``.
LAUNCHER = REPO / "reception" / "__main__.py"

# Each vendor library is imported by exactly these modules (relative to the repo).
VENDOR_MODULES = {
    "smartcard": {"hardware/card/pcsc.py"},
    "pyzbar": {"hardware/qr/zbar.py"},
    "zxingcpp": {"hardware/qr/zxing.py"},
    "sane": {"hardware/scanner/sane.py"},
    "win32com": {"hardware/scanner/wia.py"},
    "img2pdf": {"reception/digitising/pdf_images.py"},
    "pikepdf": {"reception/digitising/pdfa.py"},
    "pypdfium2": {"hardware/imaging/pdf_pages.py"},
    "pkcs11": {"hardware/signing/pkcs11_token.py"},
    "serial": {"hardware/scanner_gun/serial_port.py"},
    "sqlcipher3": {"reception/storage/cipher_binding.py"},
    "keyring": {"reception/storage/key_store.py"},
}
CV2_ALLOWED_PREFIX = ("hardware/camera/", "hardware/imaging/")


def _imports(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def _sources(package: str) -> list[Path]:
    return sorted((REPO / package).rglob("*.py"))


def _violations(package: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in _sources(package):
        if path == LAUNCHER:
            continue
        for name in _imports(path):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                found.append(f"{path.relative_to(REPO)} imports {name}")
    return found


def test_hardware_depends_on_nothing_of_ours_and_not_on_qt() -> None:
    assert _violations("hardware", ("reception", "ui", "PySide6")) == []


def test_reception_never_imports_the_ui_or_qt_widgets() -> None:
    assert _violations("reception", ("ui", "PySide6")) == []


def test_the_launcher_is_the_only_exception_and_only_imports_the_cli() -> None:
    assert list(_imports(LAUNCHER)) == ["sys", "ui.cli"]


@pytest.mark.parametrize("library", sorted(VENDOR_MODULES))
def test_each_vendor_library_lives_in_one_module(library: str) -> None:
    users = {
        str(path.relative_to(REPO))
        for package in PACKAGES
        for path in _sources(package)
        if any(n == library or n.startswith(library + ".") for n in _imports(path))
    }
    assert users == VENDOR_MODULES[library]


def test_opencv_stays_in_the_camera_and_image_modules() -> None:
    users = [
        str(path.relative_to(REPO))
        for package in PACKAGES
        for path in _sources(package)
        if "cv2" in set(_imports(path))
    ]
    assert users, "the check must see the camera modules"
    assert [u for u in users if not u.startswith(CV2_ALLOWED_PREFIX)] == []


def test_the_rule_checker_sees_a_violation(tmp_path: Path) -> None:
    # Guard against a checker that silently passes everything.
    bad = tmp_path / "bad.py"
    bad.write_text("from ui.gui import app\nimport PySide6.QtWidgets\n", encoding="utf-8")
    assert list(_imports(bad)) == ["ui.gui", "PySide6.QtWidgets"]


# Device implementations: only the composition root (and the simulation helpers it uses)
# constructs them, so that no other module decides between a real device and a simulator.
DEVICE_CLASSES = {
    "PcscReaderProvider",
    "SimulatedReaderProvider",
    "SimulatedCccdChip",
    "OpenCvCamera",
    "SimulatedCamera",
    "SimulatedScanner",
    "SaneScanner",
    "WiaScanner",
    "FolderScanner",
    "CameraDocumentScanner",
    "SerialScannerGun",
    # The signing token: the service over its PKCS#11 session, and the simulated one.
    "SigningService",
    "open_token",
    "create_simulated_token",
}
COMPOSITION = (REPO / "ui" / "composition.py", REPO / "ui" / "simulation")


def _calls(path: Path, names: set[str]) -> Iterator[str]:
    """The names of ``names`` that ``path`` calls (a class constructed, a method called)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in names:
                yield name


def _constructed(path: Path) -> Iterator[str]:
    return _calls(path, DEVICE_CLASSES)


def test_only_the_composition_root_constructs_devices() -> None:
    found = [
        f"{path.relative_to(REPO)} constructs {name}"
        for package in ("reception", "ui")
        for path in _sources(package)
        if path != COMPOSITION[0] and not path.is_relative_to(COMPOSITION[1])
        for name in _constructed(path)
    ]
    assert found == []
    assert set(_constructed(COMPOSITION[0])) >= {
        "PcscReaderProvider",
        "OpenCvCamera",
        "SigningService",
        "create_simulated_token",
    }


def test_worker_threads_are_made_and_stopped_in_one_place() -> None:
    """Every long-lived worker thread of the window comes from ``ui.gui.blocking``."""
    blocking = REPO / "ui" / "gui" / "blocking.py"
    found = [
        f"{path.relative_to(REPO)} calls {name}"
        for path in _sources("ui")
        if path != blocking
        for name in _calls(path, {"QThread", "moveToThread"})
    ]
    assert found == []
    assert set(_calls(blocking, {"QThread", "moveToThread"})) == {"QThread", "moveToThread"}


# -- docs/architecture.dot says what the code does ----------------------------------------

DOT = REPO / "docs" / "architecture.dot"
_NODE = re.compile(r'^\s*"([\w.]+)"\s*\[', re.M)
_EDGE = re.compile(r'^\s*"([\w.]+)"\s*->\s*"([\w.]+)"\s*\[([^\]]*)\]', re.M)
LAYER_RANK = {"hardware": 0, "reception": 1, "ui": 2}


def _diagram() -> tuple[set[str], list[tuple[str, str, str]]]:
    text = DOT.read_text(encoding="utf-8")
    nodes = set(_NODE.findall(text))
    edges = []
    for source, target, attributes in _EDGE.findall(text):
        kind = re.search(r'class="(\w+)"', attributes)
        edges.append((source, target, kind.group(1) if kind else ""))
    return nodes, edges


def _exists(name: str) -> bool:
    path = REPO.joinpath(*name.split("."))
    return (path / "__init__.py").is_file() or path.with_suffix(".py").is_file()


def _imports_between(source: str, target: str) -> bool:
    """Whether a module of ``source`` (a package or module) imports from ``target``."""
    path = REPO.joinpath(*source.split("."))
    files = sorted(path.rglob("*.py")) if path.is_dir() else [path.with_suffix(".py")]
    return any(
        name == target or name.startswith(target + ".") for f in files for name in _imports(f)
    )


def test_the_diagram_names_only_what_exists_and_every_capability() -> None:
    nodes, edges = _diagram()
    ours = {n for n in nodes if n.split(".")[0] in LAYER_RANK}
    assert [n for n in sorted(ours) if not _exists(n)] == []
    packages = {
        f"{package}.{path.parent.name}"
        for package in ("reception", "hardware")
        for path in (REPO / package).glob("*/__init__.py")
    }
    assert sorted(packages - nodes) == [], "add the new package to docs/architecture.dot"
    assert all(kind in ("import", "flow", "layout") for _, _, kind in edges)


def test_the_diagrams_imports_are_real_and_point_down_the_layers() -> None:
    _, edges = _diagram()
    imports = [(s, t) for s, t, kind in edges if kind == "import"]
    assert imports, "the diagram must show the import edges"
    assert [(s, t) for s, t in imports if not _imports_between(s, t)] == []
    upward = [
        (s, t) for s, t in imports if LAYER_RANK[s.split(".")[0]] < LAYER_RANK[t.split(".")[0]]
    ]
    assert upward == []


def test_the_picture_is_committed_beside_its_text() -> None:
    # `make docs` draws it with Graphviz; committed so that any code host shows it.
    png = REPO / "docs" / "architecture.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
