"""httpx lives in one module; the upload queue and the development server never import Qt."""

from __future__ import annotations

from tests.test_architecture import PACKAGES, REPO, _imports, _sources


def test_httpx_is_imported_by_the_http_uploader_only() -> None:
    users = {
        str(path.relative_to(REPO))
        for package in PACKAGES
        for path in _sources(package)
        if any(n == "httpx" or n.startswith("httpx.") for n in _imports(path))
    }
    assert users == {"reception/upload/http_uploader.py"}


def test_the_upload_queue_and_dev_server_are_free_of_qt() -> None:
    for folder in ("reception/upload", "reception/devserver"):
        for path in sorted((REPO / folder).rglob("*.py")):
            assert not [n for n in _imports(path) if n.startswith("PySide6")], path
