"""The documented upload protocol (``docs/upload-protocol.md``) over HTTPS, with httpx.

The only module that imports httpx. Every call has a timeout; TLS is verified (with the
configured CA bundle when the province uses a private CA); the system proxy settings are
honoured (``trust_env``). Status codes become the typed errors of ``errors``: 5xx, 408,
429, timeouts, dropped connections and answers that are not the protocol are transient;
409 is a conflict; other 4xx are refusals. A 401 gets one new login; the login's own 401
means the credentials are refused (permanent).
"""

from __future__ import annotations

import functools
import json
import logging
import re
import ssl
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import httpx

from reception.errors import StorageError
from reception.storage.document_vault import read_document_range
from reception.upload.credentials import Credentials
from reception.upload.errors import (
    AuthenticationRefusedError,
    ConflictRejectedError,
    CredentialsMissingError,
    LocalFileError,
    ServerUnavailableError,
    ServerUnreachableError,
    ValidationRejectedError,
)
from reception.upload.record import SYNC_SERVICE
from reception.upload.shared_store import ComponentStore, SharedComponent
from reception.upload.uploader import (
    DossierReceipt,
    FileReceipt,
    LocalFile,
    ProgressSink,
    SyncEnvelope,
    Uploader,
)

log = logging.getLogger(__name__)

DEFAULT_CHUNK_BYTES = 4 << 20
TOKEN_MARGIN_SECONDS = 15.0  # log in again a little before the session runs out
MAX_STALLED_CHUNKS = 3
_OFFSET = re.compile(r"^\d+$")
_ITEM_ID = re.compile(r"^[0-9a-z-]{8,64}$")

# Small JSON as bytes; a file's chunk as a factory of a stream read from disk.
Body = bytes | Callable[[], Iterator[bytes]] | None


#: The largest component PDF the shared store is asked for (a whole dossier is less).
MAX_COMPONENT_BYTES = 64 << 20


class HttpUploader(Uploader, ComponentStore):
    """Speaks the protocol to ``base_url`` (e.g. ``https://province.example/api/v1``),
    the shared store of digitised components included."""

    def __init__(
        self,
        base_url: str,
        credentials: Callable[[], Credentials | None],
        *,
        ca_bundle: Path | None = None,
        timeout_seconds: float = 30.0,
        chunk_bytes: int = DEFAULT_CHUNK_BYTES,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        verify: ssl.SSLContext | bool = True
        if ca_bundle is not None:
            verify = ssl.create_default_context(cafile=str(ca_bundle))
        self._client = httpx.Client(
            base_url=base_url.rstrip("/") + "/",
            verify=verify,
            timeout=httpx.Timeout(timeout_seconds),
            trust_env=True,
            follow_redirects=False,
            transport=transport,
        )
        self._credentials = credentials
        self._chunk_bytes = chunk_bytes
        self._clock = clock
        self._token: str | None = None
        self._token_expires = 0.0

    def close(self) -> None:
        self._client.close()

    # -- the Uploader interface ------------------------------------------------------------

    def probe(self) -> bool:
        try:
            self._client.head(f"files/{'0' * 64}")
        except httpx.HTTPError:
            return False
        return True

    def send_file(self, file: LocalFile, progress: ProgressSink) -> FileReceipt:
        path = f"files/{file.sha256}"
        head = self._call("HEAD", path, expected=(200, 404))
        offset = _offset(head) if head.status_code == 200 else 0
        if offset >= file.size:
            done = self._call(
                "PUT", path, headers={"Content-Range": f"bytes */{file.size}"}, expected=(200, 201)
            )
            progress(file.size, file.size)
            return _file_receipt(done)
        stalled = 0
        while True:
            progress(offset, file.size)
            end = min(offset + self._chunk_bytes, file.size)
            answer = self._call(
                "PUT",
                path,
                headers={
                    "Content-Range": f"bytes {offset}-{end - 1}/{file.size}",
                    "Content-Length": str(end - offset),
                    "Content-Type": "application/octet-stream",
                },
                # Decrypted when the document is kept sealed, one block in memory at a time.
                content=functools.partial(read_document_range, file.path, offset, end),
                expected=(200, 201, 308, 416),
            )
            if answer.status_code in (200, 201):
                progress(file.size, file.size)
                return _file_receipt(answer)
            held = _offset(answer)
            # The server's count is the truth (it may hold less than we sent); a server
            # that never moves forward is broken, not a reason to loop for ever.
            stalled = stalled + 1 if held <= offset else 0
            if stalled >= MAX_STALLED_CHUNKS:
                raise ServerUnavailableError(f"the server does not accept bytes past {held}")
            offset = held

    def send_dossier(self, envelope: SyncEnvelope, idempotency_key: str) -> DossierReceipt:
        body = {
            "madonvi": envelope.unit_code,
            "service": SYNC_SERVICE,
            "isUpdating": "False",
            "version": envelope.record_version,
            "data": [dict(envelope.record)],
        }
        encoded = json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")
        answer = self._call(
            "POST",
            "dossiers",
            headers={"Idempotency-Key": idempotency_key, "Content-Type": "application/json"},
            content=encoded,
            expected=(200,),
        )
        reply = _json_object(answer)
        code = str(envelope.record.get("MaHoSo"))
        if reply.get("error_code") != "00":
            raise ValidationRejectedError(
                f"dossier refused ({reply.get('error_code')})", reason=_reason(answer)
            )
        if reply.get("MaHoSo") != code:
            raise ServerUnavailableError("the confirmation names another dossier")
        return DossierReceipt(code, reply)

    # -- the shared store of digitised components -------------------------------------------

    def store_component(self, metadata: Mapping[str, Any], key: str) -> SharedComponent:
        encoded = json.dumps(dict(metadata), ensure_ascii=False, sort_keys=True).encode("utf-8")
        answer = self._call(
            "POST",
            "components",
            headers={"Idempotency-Key": key, "Content-Type": "application/json"},
            content=encoded,
            expected=(200, 201),
        )
        return _component(_json_object(answer))

    def list_components(self, owner_id_number: str) -> list[SharedComponent]:
        answer = self._call("GET", f"components?owner={owner_id_number}", expected=(200,))
        items = _json_object(answer).get("items")
        if not isinstance(items, list):
            raise ServerUnavailableError("the component list is not the protocol")
        return [_component(item) for item in items]

    def show_component(self, item_id: str) -> SharedComponent:
        if not _ITEM_ID.match(item_id):
            raise ValidationRejectedError("not an item id of the shared store", reason=item_id)
        return _component(_json_object(self._call("GET", f"components/{item_id}", expected=(200,))))

    def fetch_component(self, item_id: str) -> bytes:
        if not _ITEM_ID.match(item_id):
            raise ValidationRejectedError("not an item id of the shared store", reason=item_id)
        answer = self._call("GET", f"components/{item_id}/file", expected=(200,))
        if len(answer.content) > MAX_COMPONENT_BYTES:
            raise ServerUnavailableError("the component is larger than any component")
        return answer.content

    # -- requests, login, errors -----------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        *,
        expected: tuple[int, ...],
        headers: dict[str, str] | None = None,
        content: Body = None,
    ) -> httpx.Response:
        """One authorised request; a 401 gets one new login and one more try."""
        for attempt in (1, 2):
            token = self._session(force=attempt == 2)
            request_headers = {**(headers or {}), "Authorization": f"Bearer {token}"}
            answer = self._send(method, path, request_headers, content)
            if answer.status_code != 401:
                break
            self._token = None
        else:
            # The login itself succeeded, so the credentials are good: a session that
            # ends in flight twice is the server's trouble (clock, restart), retried later.
            raise ServerUnavailableError(
                "the server refused a fresh session", reason=_reason(answer)
            )
        if answer.status_code in expected:
            return answer
        raise _refusal(answer)

    def _send(
        self,
        method: str,
        path: str,
        headers: dict[str, str],
        content: Body,
    ) -> httpx.Response:
        try:
            # A file's bytes come from a factory: each try needs a fresh stream from disk.
            body = content() if callable(content) else content
            request = self._client.build_request(method, path, headers=headers, content=body)
            answer = self._client.send(request)
            answer.read()  # small JSON or nothing: read here, inside the error handling
        except httpx.TimeoutException as exc:
            raise ServerUnreachableError(f"{method} timed out", reason="timeout") from exc
        except httpx.HTTPError as exc:
            raise ServerUnreachableError(f"{method} failed: {type(exc).__name__}") from exc
        except OSError as exc:  # the local file, read while streaming
            raise LocalFileError(f"cannot read the document: {exc.strerror}") from exc
        except StorageError as exc:  # a kept document that fails its check, or no key
            raise LocalFileError(f"cannot read the document: {exc}") from exc
        log.debug("%s %s -> %s", method, path.split("/", maxsplit=1)[0], answer.status_code)
        return answer

    def _session(self, *, force: bool) -> str:
        if not force and self._token and self._clock() < self._token_expires:
            return self._token
        credentials = self._credentials()
        if credentials is None:
            # Not the dossier's fault: it waits (transient) until credentials are set.
            raise CredentialsMissingError(
                "no upload credentials: set RECEPTION_SERVER_USERNAME and "
                "RECEPTION_SERVER_PASSWORD, or the keyring entry reception-upload"
            )
        body = json.dumps({"username": credentials.username, "password": credentials.password})
        answer = self._send(
            "POST",
            "auth/login",
            {"Content-Type": "application/json"},
            body.encode("utf-8"),
        )
        if answer.status_code == 401:
            raise AuthenticationRefusedError("login refused", reason=_reason(answer))
        if answer.status_code != 200:
            raise _refusal(answer)
        reply = _json_object(answer)
        token, lifetime = reply.get("session"), reply.get("expires_in")
        if not isinstance(token, str) or not token or not isinstance(lifetime, int | float):
            raise ServerUnavailableError("the login answer is not the protocol")
        self._token = token
        margin = min(TOKEN_MARGIN_SECONDS, float(lifetime) / 4)
        self._token_expires = self._clock() + max(0.0, float(lifetime) - margin)
        return token


def _component(row: object) -> SharedComponent:
    if not isinstance(row, dict):
        raise ServerUnavailableError("a component is not a JSON object")
    try:
        return SharedComponent.from_json(row)
    except ValueError as exc:
        raise ServerUnavailableError(str(exc)) from exc


def _offset(answer: httpx.Response) -> int:
    value = answer.headers.get("Upload-Offset", "")
    if not _OFFSET.match(value):
        raise ServerUnavailableError("Upload-Offset missing or not a number")
    return int(value)


def _file_receipt(answer: httpx.Response) -> FileReceipt:
    reply = _json_object(answer)
    file_id, where = reply.get("TepDinhKemId"), reply.get("DuongDanTaiTepTin")
    if not isinstance(file_id, str) or not isinstance(where, str):
        raise ServerUnavailableError("the file answer is not the protocol")
    return FileReceipt(file_id, where)


def _json_object(answer: httpx.Response) -> dict[str, Any]:
    try:
        reply = json.loads(answer.content)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ServerUnavailableError("the answer is not JSON") from exc
    if not isinstance(reply, dict):
        raise ServerUnavailableError("the answer is not a JSON object")
    return reply


def _reason(answer: httpx.Response) -> str:
    """The server's explanation, for the clerk: its ``message`` field, else its text."""
    try:
        reply = json.loads(answer.content)
    except (ValueError, UnicodeDecodeError):
        reply = None
    if isinstance(reply, dict) and isinstance(reply.get("message"), str):
        return str(reply["message"])[:500]
    return f"HTTP {answer.status_code}: {answer.text[:200]}".strip()


def _refusal(answer: httpx.Response) -> Exception:
    status = answer.status_code
    if status >= 500 or status in (408, 425, 429):
        return ServerUnavailableError(f"HTTP {status}", reason=_reason(answer))
    if status == 409:
        return ConflictRejectedError("HTTP 409", reason=_reason(answer))
    if 400 <= status < 500:
        return ValidationRejectedError(f"HTTP {status}", reason=_reason(answer))
    return ServerUnavailableError(f"unexpected HTTP {status}", reason=_reason(answer))
