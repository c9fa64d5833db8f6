"""Where the app finds its bundled resources and keeps its per-user data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "reception"


def resources_dir() -> Path:
    """The bundled ``resources/`` folder, from a source tree or a PyInstaller build."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def default_data_dir() -> Path:
    """The per-user data directory: ``RECEPTION_DATA_DIR`` or the platform's default."""
    override = os.environ.get("RECEPTION_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_config_file() -> Path:
    """The configuration file: ``RECEPTION_CONFIG`` or ``reception.toml`` in the user config dir."""
    override = os.environ.get("RECEPTION_CONFIG")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "reception.toml"
