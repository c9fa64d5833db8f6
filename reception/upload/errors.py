"""Errors of the upload queue.

The dispatcher only needs to know one thing about a failure: will trying again help?
``TransientUploadError`` (network down, timeout, 5xx, an answer that is not the protocol)
means yes, later; ``PermanentUploadError`` (validation, conflict, credentials refused, a
local file gone) means no, a person must look: the dossier goes to "needs attention" with
the reason. ``code`` is stable and keys the clerk's message in the UI.
"""

from __future__ import annotations

from reception.errors import ReceptionError, UserError


class UploadError(ReceptionError):
    """Root of the upload errors."""

    code = "upload_failed"

    def __init__(self, message: str, *, reason: str | None = None) -> None:
        super().__init__(message)
        # The server's own words (or ours for local problems), shown to the clerk.
        self.reason = reason or message


class TransientUploadError(UploadError):
    """Trying again later may succeed."""

    code = "upload_transient"


class ServerUnreachableError(TransientUploadError):
    """No HTTP answer at all: connection refused or dropped, DNS, TLS handshake, timeout."""

    code = "server_unreachable"


class ServerUnavailableError(TransientUploadError):
    """The server answered 5xx, or something that is not the protocol (a proxy page)."""

    code = "server_unavailable"


class CredentialsMissingError(TransientUploadError):
    """No user name and password are configured yet: the jobs wait, none is refused."""

    code = "upload_no_credentials"


class PermanentUploadError(UploadError):
    """Retrying the same request cannot succeed; the dossier needs a person."""

    code = "upload_rejected"


class ValidationRejectedError(PermanentUploadError):
    """The server refused the content (422 and other 4xx)."""

    code = "upload_invalid"


class ConflictRejectedError(PermanentUploadError):
    """The server already holds this dossier code with different content (409)."""

    code = "upload_conflict"


class AuthenticationRefusedError(PermanentUploadError):
    """The server refused the credentials, or none are configured."""

    code = "upload_auth_refused"


class LocalFileError(PermanentUploadError):
    """A document of the dossier is missing or changed on this computer."""

    code = "upload_file_missing"


class RecordInvalidError(PermanentUploadError):
    """The stored dossier cannot be turned into a sync record (a value in a bad format)."""

    code = "upload_record_invalid"


class UploadCancelledError(UploadError):
    """The upload was stopped on purpose (the app is closing); the lease is handed back."""

    code = "upload_cancelled"


class UploadNotConfiguredError(UserError):
    """No server address is configured and none was given."""

    code = "upload_not_configured"


class UnknownDossierError(UserError):
    """No upload job exists for the given dossier code."""

    code = "upload_unknown_dossier"
