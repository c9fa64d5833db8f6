"""reportlab stays in the forms package (the self-test only loads a font with it)."""

from __future__ import annotations

from tests.test_architecture import PACKAGES, REPO, _imports, _sources

ALLOWED = {"ui/cli/selftest.py"}


def test_reportlab_is_imported_only_by_the_forms_package() -> None:
    users = {
        str(path.relative_to(REPO))
        for package in PACKAGES
        for path in _sources(package)
        if any(name == "reportlab" or name.startswith("reportlab.") for name in _imports(path))
    }
    assert users, "the check must see the forms modules"
    assert {u for u in users if not u.startswith("reception/forms/")} <= ALLOWED


def test_the_forms_package_never_imports_qt() -> None:
    for path in sorted((REPO / "reception" / "forms").glob("*.py")):
        assert not [n for n in _imports(path) if n.startswith("PySide6")], path
