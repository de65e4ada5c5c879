"""Where Longhand keeps its data: one directory, chosen once per process."""

from __future__ import annotations

import atexit
import contextlib
import os
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import platformdirs

ENV_HOME = "LONGHAND_HOME"
DB_NAME = "longhand.sqlite3"
# The repository's top-level resources/ folder, installed as this package (pyproject's package-dir).
RESOURCES = "editor.resources"


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


def resource(name: str) -> Traversable:
    """One of Longhand's resources (preview page and CSS, welcome draft, icon, desktop entry), wherever the
    package is installed: a wheel, an editable install, or a zip."""
    return resources.files(RESOURCES).joinpath(name)


def read_resource(name: str) -> str:
    """The text of a resource."""
    return resource(name).read_text(encoding="utf-8")


# Files extracted for resource_file() from a zipped install, removed when the process ends.
_extracted = contextlib.ExitStack()
atexit.register(_extracted.close)


def resource_file(name: str) -> Path:
    """A resource as a file on disk, for what wants a path (Qt's icons). Installed unpacked (a wheel, an
    editable install) this is the file itself; from a zip, a copy that lasts as long as the process, since
    Qt may read the file again long after it was given the name."""
    return _extracted.enter_context(resources.as_file(resource(name)))
