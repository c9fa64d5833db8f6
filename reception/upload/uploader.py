"""The interface every upload protocol sits behind, and the values it trades in.

The dispatcher knows nothing of HTTP: it hands an :class:`Uploader` a file to store and
then the dossier record, and gets receipts back or a typed error from ``errors``. The
documented protocol is ``http_uploader.HttpUploader``; adapters for specific provincial
systems subclass :class:`Uploader` too.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, Self


@dataclass(frozen=True, slots=True)
class LocalFile:
    """A document on this computer, named on the server by its SHA-256."""

    path: Path
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class FileReceipt:
    """The server's answer once it holds the whole file."""

    file_id: str  # TepDinhKemId
    download_path: str  # DuongDanTaiTepTin


@dataclass(frozen=True, slots=True)
class DossierReceipt:
    """The server's confirmation that it holds the dossier (first time or replayed)."""

    dossier_code: str
    confirmation: Mapping[str, Any]  # the server's JSON answer, kept as proof


@dataclass(frozen=True, slots=True)
class SyncEnvelope:
    """One ``DongBoHoSoMC`` call: the unit and the record."""

    unit_code: str  # madonvi
    record: Mapping[str, Any]
    # The shape of the record ([server] record); the envelope says so in ``version``.
    record_version: str = "2018"


class ProgressSink(Protocol):
    """Told how many bytes of a file the server holds; may raise to cancel."""

    def __call__(self, sent: int, total: int) -> None: ...


class Uploader(ABC):
    """Sends files and dossier records to one dossier system.

    Implementations raise ``TransientUploadError`` subclasses for failures worth retrying
    and ``PermanentUploadError`` subclasses for refusals; never anything else on purpose.
    """

    @abstractmethod
    def send_file(self, file: LocalFile, progress: ProgressSink) -> FileReceipt:
        """Make the server hold ``file`` (resuming what it already has)."""

    @abstractmethod
    def send_dossier(self, envelope: SyncEnvelope, idempotency_key: str) -> DossierReceipt:
        """Store the record; the same key or the same content again must not duplicate it."""

    @abstractmethod
    def probe(self) -> bool:
        """Whether the server answers at all (cheap; used to notice the network is back)."""

    def close(self) -> None:  # noqa: B027 - optional hook, most uploaders hold nothing
        """Release connections."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
