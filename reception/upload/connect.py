"""Build the uploader the configuration asks for (the one place that chooses it)."""

from __future__ import annotations

from reception.upload.credentials import load_credentials
from reception.upload.errors import UploadNotConfiguredError
from reception.upload.http_uploader import HttpUploader
from reception.upload.uploader import Uploader
from reception.workstation.config import ServerConfig


def server_url(config: ServerConfig, override: str | None = None) -> str:
    """``--server URL`` when given, else ``[server] url``; raises when neither is set."""
    url = override or config.url
    if not url:
        raise UploadNotConfiguredError(
            "no server address: set [server] url in the configuration or pass --server URL"
        )
    if not url.startswith(("https://", "http://")):
        raise UploadNotConfiguredError(f"not an http:// or https:// address: {url}")
    return url


def connect(config: ServerConfig, override: str | None = None) -> Uploader:
    """The documented HTTP protocol at the configured (or given) address."""
    return HttpUploader(
        server_url(config, override),
        load_credentials,
        ca_bundle=config.ca_bundle,
        timeout_seconds=config.timeout_seconds,
    )
