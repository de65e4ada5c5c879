"""Where Longhand keeps its data: one directory, chosen once per process."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_HOME = "LONGHAND_HOME"
DB_NAME = "longhand.sqlite3"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data directory: `--data-dir`, else $LONGHAND_HOME, else the platform's user data dir."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("longhand", appauthor=False))


def database_path(directory: Path) -> Path:
    """The SQLite file inside a data directory."""
    return directory / DB_NAME


def resources_dir() -> Path:
    """The `resources/` folder (preview page, CSS, icons) that sits beside the package."""
    return Path(__file__).resolve().parent.parent.parent / "resources"
