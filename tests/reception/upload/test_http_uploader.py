"""The HTTP client against the development server, and against answers no server should
give (through httpx's mock transport): every outcome is one of the typed errors."""

from __future__ import annotations

import hashlib
import socket
from pathlib import Path

import httpx
import pytest

from reception.storage import sealed_files
from reception.storage.document_vault import DocumentVault
from reception.upload.credentials import Credentials, load_credentials
from reception.upload.errors import (
    AuthenticationRefusedError,
    ConflictRejectedError,
    CredentialsMissingError,
    LocalFileError,
    ServerUnavailableError,
    ServerUnreachableError,
    TransientUploadError,
    ValidationRejectedError,
)
from reception.upload.http_uploader import HttpUploader
from reception.upload.uploader import LocalFile, SyncEnvelope
from tests.reception.upload.conftest import UNIT, ServerFactory, make_uploader

RECORD = {
    "MaHoSo": "000.00.01.H49-261130-0001",
    "MaTTHC": "1.001193.000.00.00.H49",
    "TenTTHC": "Đăng ký khai sinh",
    "ChuHoSo": "TRẦN VĂN BÌNH",
    "NgayTiepNhan": "20261130090000",
    "TrangThaiHoSo": "2",
    "TaiLieuNop": [],
}


def local_file(tmp_path: Path, size: int = 5000) -> LocalFile:
    path = tmp_path / "scan.pdf"
    path.write_bytes(bytes(range(256)) * (size // 256) + b"x" * (size % 256))
    return LocalFile(path, hashlib.sha256(path.read_bytes()).hexdigest(), size)


def sealed_file(tmp_path: Path, plain: bytes) -> LocalFile:
    """``plain`` kept sealed in a data folder's documents folder, as the app keeps it."""
    folder = tmp_path / "data" / "documents"
    folder.mkdir(parents=True)
    path = folder / "scan.pdf"
    DocumentVault(folder).write(path, plain)
    return LocalFile(path, hashlib.sha256(plain).hexdigest(), len(plain))


def test_a_file_upload_resumes_from_what_the_server_holds(
    tmp_path: Path, dev_server: ServerFactory
) -> None:
    server = dev_server()
    item = local_file(tmp_path)
    with make_uploader(server.url, chunk_bytes=2000) as uploader:
        # A first attempt that got 2000 bytes across before the line dropped.
        uploader._call(
            "PUT",
            f"files/{item.sha256}",
            headers={"Content-Range": "bytes 0-1999/5000"},
            content=item.path.read_bytes()[:2000],
            expected=(308,),
        )
        seen: list[tuple[int, int]] = []
        receipt = uploader.send_file(item, lambda sent, total: seen.append((sent, total)))
    assert seen[0] == (2000, 5000) and seen[-1] == (5000, 5000)
    assert receipt.file_id == item.sha256
    assert (server.store.files / item.sha256).read_bytes() == item.path.read_bytes()
    with make_uploader(server.url) as again:  # already complete: nothing is sent again
        assert again.send_file(item, lambda sent, total: None) == receipt
    assert server.store.event_counts("file") == {item.sha256: 1}


def test_a_sealed_document_is_sent_plain_in_ranges_that_cross_its_segments(
    tmp_path: Path, dev_server: ServerFactory
) -> None:
    server = dev_server()
    plain = bytes(range(256)) * 700 + b"tail"  # three 64 KiB segments, the last short
    item = sealed_file(tmp_path, plain)
    assert item.path.read_bytes()[:8] == sealed_files.MAGIC
    with make_uploader(server.url, chunk_bytes=50_000) as uploader:
        receipt = uploader.send_file(item, lambda sent, total: None)
    assert receipt.file_id == item.sha256
    assert (server.store.files / item.sha256).read_bytes() == plain


def test_a_sealed_document_that_fails_its_check_is_not_sent(
    tmp_path: Path, dev_server: ServerFactory
) -> None:
    server = dev_server()
    item = sealed_file(tmp_path, b"%PDF-1.7 " * 1000)
    damaged = bytearray(item.path.read_bytes())
    damaged[100] ^= 0x40
    item.path.write_bytes(bytes(damaged))
    with make_uploader(server.url) as uploader, pytest.raises(LocalFileError, match="changed"):
        uploader.send_file(item, lambda sent, total: None)
    assert not (server.store.files / item.sha256).exists()


def test_bytes_that_do_not_hash_to_the_name_are_refused(
    tmp_path: Path, dev_server: ServerFactory
) -> None:
    server = dev_server()
    item = local_file(tmp_path)
    wrong = LocalFile(item.path, "ab" * 32, item.size)
    with make_uploader(server.url) as uploader, pytest.raises(ValidationRejectedError) as caught:
        uploader.send_file(wrong, lambda sent, total: None)
    assert caught.value.reason == "the bytes do not hash to the file name"


def test_the_same_dossier_twice_is_stored_once_and_other_content_conflicts(
    dev_server: ServerFactory,
) -> None:
    server = dev_server()
    with make_uploader(server.url) as uploader:
        first = uploader.send_dossier(SyncEnvelope(UNIT, RECORD), "key-1")
        replay = uploader.send_dossier(SyncEnvelope(UNIT, RECORD), "key-1")
        same_content = uploader.send_dossier(SyncEnvelope(UNIT, RECORD), "key-2")
        with pytest.raises(ConflictRejectedError) as caught:
            uploader.send_dossier(SyncEnvelope(UNIT, {**RECORD, "ChuHoSo": "KHÁC"}), "key-3")
        with pytest.raises(ValidationRejectedError):  # a key reused for other content
            uploader.send_dossier(SyncEnvelope(UNIT, {**RECORD, "ChuHoSo": "KHÁC"}), "key-1")
    assert first.confirmation == replay.confirmation == same_content.confirmation
    assert first.confirmation["error_code"] == "00"
    assert "held with other content" in caught.value.reason
    assert server.store.dossier_codes() == [RECORD["MaHoSo"]]


def test_an_ended_session_gets_one_new_login(dev_server: ServerFactory) -> None:
    server = dev_server()
    with make_uploader(server.url) as uploader:
        uploader.send_dossier(SyncEnvelope(UNIT, RECORD), "key-1")
        server.expire_sessions()
        uploader.send_dossier(SyncEnvelope(UNIT, RECORD), "key-1")


def test_refused_credentials_are_permanent_missing_ones_wait(dev_server: ServerFactory) -> None:
    server = dev_server()
    wrong = HttpUploader(server.url, lambda: Credentials("demo", "wrong"), timeout_seconds=2)
    with wrong, pytest.raises(AuthenticationRefusedError) as caught:
        wrong.send_dossier(SyncEnvelope(UNIT, RECORD), "k")
    assert caught.value.reason == "user name or password refused"
    # No credentials yet (issue 16): the dossier waits in the queue, it is not refused.
    none = HttpUploader(server.url, lambda: None, timeout_seconds=2)
    with none, pytest.raises(CredentialsMissingError) as missing:
        none.send_dossier(SyncEnvelope(UNIT, RECORD), "k")
    assert isinstance(missing.value, TransientUploadError)


def test_credentials_come_from_the_environment_and_never_print() -> None:
    found = load_credentials(
        {"RECEPTION_SERVER_USERNAME": "clerk", "RECEPTION_SERVER_PASSWORD": "s3cret"}
    )
    assert found == Credentials("clerk", "s3cret")
    assert "s3cret" not in repr(found)


def test_a_slow_server_times_out_as_unreachable(dev_server: ServerFactory) -> None:
    server = dev_server(slow_rate=1.0, slow_seconds=0.5)
    uploader = HttpUploader(server.url, lambda: Credentials("demo", "demo"), timeout_seconds=0.1)
    with uploader, pytest.raises(ServerUnreachableError):
        uploader.send_dossier(SyncEnvelope(UNIT, RECORD), "k")


def test_no_server_at_all_is_unreachable_and_the_probe_says_so() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with make_uploader(f"http://127.0.0.1:{port}") as uploader:
        assert uploader.probe() is False
        with pytest.raises(ServerUnreachableError):
            uploader.send_dossier(SyncEnvelope(UNIT, RECORD), "k")


def scripted(status: int, body: bytes, headers: dict[str, str] | None = None) -> HttpUploader:
    """An uploader whose every request gets this answer (logins succeed, HEAD finds
    nothing)."""

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/auth/login"):
            return httpx.Response(200, json={"session": "t", "expires_in": 600})
        if request.method == "HEAD":
            return httpx.Response(404)
        return httpx.Response(status, content=body, headers=headers)

    return HttpUploader(
        "https://dossiers.invalid/api",
        lambda: Credentials("demo", "demo"),
        transport=httpx.MockTransport(answer),
    )


@pytest.mark.parametrize(
    ("status", "body", "error"),
    [
        (200, b"<html>captive portal</html>", ServerUnavailableError),
        (200, b"[1, 2]", ServerUnavailableError),
        (200, b'{"error_code": "00", "MaHoSo": "another"}', ServerUnavailableError),
        (200, b'{"error_code": "99", "message": "sai"}', ValidationRejectedError),
        (502, b"bad gateway", ServerUnavailableError),
        (429, b"", ServerUnavailableError),
        (409, b'{"message": "exists"}', ConflictRejectedError),
        (422, b'{"message": "ChuHoSo is required"}', ValidationRejectedError),
        (302, b"", ServerUnavailableError),
    ],
)
def test_answers_that_are_not_the_protocol_become_typed_errors(
    status: int, body: bytes, error: type[Exception]
) -> None:
    with scripted(status, body) as uploader, pytest.raises(error):
        uploader.send_dossier(SyncEnvelope(UNIT, RECORD), "k")


def test_a_file_answer_without_a_usable_offset_is_not_trusted(tmp_path: Path) -> None:
    item = local_file(tmp_path)
    with (
        scripted(308, b"", {"Upload-Offset": "lots"}) as uploader,
        pytest.raises(ServerUnavailableError),
    ):
        uploader.send_file(item, lambda sent, total: None)
    # A server that never moves forward is not looped on for ever.
    with (
        scripted(308, b"", {"Upload-Offset": "0"}) as stuck,
        pytest.raises(ServerUnavailableError, match="does not accept"),
    ):
        stuck.send_file(item, lambda sent, total: None)


def test_a_private_ca_bundle_is_used_for_verification(tmp_path: Path) -> None:
    bundle = tmp_path / "ca.pem"
    bundle.write_text("not a certificate\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"(?i)pem|certificate|ssl"):
        HttpUploader("https://x.invalid", lambda: None, ca_bundle=bundle)


def test_without_environment_or_keyring_there_are_no_credentials(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib

    def no_keyring(name: str) -> object:
        raise ImportError(name)

    monkeypatch.setattr(importlib, "import_module", no_keyring)
    assert load_credentials({"RECEPTION_SERVER_USERNAME": "only-a-name"}) is None
