"""The development server's shared store of components, through the real HTTP client."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from reception.upload.credentials import Credentials
from reception.upload.errors import ValidationRejectedError
from reception.upload.http_uploader import HttpUploader
from reception.upload.uploader import LocalFile
from ui.simulation.devserver.server import DevServer

USERS = {"clerk": "s3cret", "visitor": "other"}
OWNER = "001099000123"


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DevServer]:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    running = DevServer(tmp_path / "server", users=USERS).start()
    yield running
    running.stop()


def _client(server: DevServer, user: str = "clerk") -> HttpUploader:
    return HttpUploader(server.url, lambda: Credentials(user, USERS[user]), timeout_seconds=5)


def _metadata(sha: str, size: int, **changes: object) -> dict[str, object]:
    row: dict[str, object] = {
        "owner_id_number": OWNER,
        "component_code": "TP1",
        "component_name": "Giấy khai sinh",
        "procedure_code": "1.001193",
        "dossier_code": "000.00.01.H49-261201-0001",
        "digitised_at": "2026-12-01T09:30:00+07:00",
        "pages": 2,
        "bytes": size,
        "sha256": sha,
        "signer": "Lê Văn Thử",
    }
    row.update(changes)
    return row


def _uploaded(tmp_path: Path, client: HttpUploader) -> tuple[str, int, bytes]:
    data = b"%PDF-1.7\n" + bytes(range(256)) * 40
    path = tmp_path / "c.pdf"
    path.write_bytes(data)
    sha = hashlib.sha256(data).hexdigest()
    client.send_file(LocalFile(path, sha, len(data)), lambda _s, _t: None)
    return sha, len(data), data


def test_store_list_show_fetch_and_every_access_logged(tmp_path: Path, server: DevServer) -> None:
    with _client(server) as client:
        sha, size, data = _uploaded(tmp_path, client)
        stored = client.store_component(_metadata(sha, size), "key-1")
        again = client.store_component(_metadata(sha, size), "key-1")
        assert again.item_id == stored.item_id  # the same key stores nothing twice
        listed = client.list_components(OWNER)
        assert [c.item_id for c in listed] == [stored.item_id]
        assert listed[0].signer == "Lê Văn Thử" and listed[0].pages == 2
        assert client.list_components("001099000999") == []
        assert client.show_component(stored.item_id).sha256 == sha
        assert client.fetch_component(stored.item_id) == data
    log = server.components.access_log()
    assert [(e["account"], e["action"], e["outcome"]) for e in log] == [
        ("clerk", "store", 201),
        ("clerk", "store", 200),
        ("clerk", "list", 200),
        ("clerk", "list", 200),
        ("clerk", "show", 200),
        ("clerk", "fetch", 200),
    ]
    assert all(e["owner_id_number"] in (OWNER, "001099000999") for e in log)


def test_an_account_without_access_is_refused_and_the_attempt_logged(
    tmp_path: Path, server: DevServer
) -> None:
    server.components.allowed = frozenset({"clerk"})
    with _client(server) as clerk:
        sha, size, _ = _uploaded(tmp_path, clerk)
        item = clerk.store_component(_metadata(sha, size), "key-2")
    with _client(server, "visitor") as visitor:
        with pytest.raises(ValidationRejectedError):
            visitor.list_components(OWNER)
        with pytest.raises(ValidationRejectedError):
            visitor.fetch_component(item.item_id)
    refused = [e for e in server.components.access_log() if e["account"] == "visitor"]
    assert [(e["action"], e["outcome"]) for e in refused] == [("list", 403), ("fetch", 403)]


def test_bad_metadata_and_missing_files_are_refused(tmp_path: Path, server: DevServer) -> None:
    with _client(server) as client:
        sha, size, _ = _uploaded(tmp_path, client)
        with pytest.raises(ValidationRejectedError) as caught:
            client.store_component(_metadata(sha, size, owner_id_number="12"), "k3")
        assert "12-digit" in caught.value.reason
        with pytest.raises(ValidationRejectedError) as caught:
            client.store_component(_metadata("0" * 64, size), "k4")
        assert "uploaded first" in caught.value.reason
        with pytest.raises(ValidationRejectedError):
            client.fetch_component("../../etc/passwd")


def test_no_session_no_access(server: DevServer) -> None:
    answer = httpx.get(f"{server.url}/components?owner={OWNER}", timeout=5)
    assert answer.status_code == 401
