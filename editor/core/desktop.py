"""Longhand on the user's desktop: its launcher and icon in the XDG folders, and the longhand:// scheme.

Everything goes under the user's own folders (XDG_DATA_HOME, XDG_CONFIG_HOME), so no root is needed and
`uninstall` takes back exactly what `install` put there. The freedesktop tools (xdg-mime,
update-desktop-database, gtk-update-icon-cache) are used when they are installed; without them the files
are written all the same. Longhand is offered for Markdown files ("Open with") but never made their
default: only the longhand:// scheme, which nothing else can handle, is claimed. No Qt here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .paths import read_resource, resource

DESKTOP_ID = "longhand.desktop"
ICON = "longhand.svg"
SCHEME_MIME = "x-scheme-handler/longhand"
DEFAULTS_GROUP = "[Default Applications]"
# Characters the desktop entry spec reserves in an Exec argument: such an argument must be quoted.
_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
_TOOL_TIMEOUT = 60.0


def data_home() -> Path:
    """$XDG_DATA_HOME, else ~/.local/share."""
    return _xdg_home("XDG_DATA_HOME", ".local/share")


def config_home() -> Path:
    """$XDG_CONFIG_HOME, else ~/.config."""
    return _xdg_home("XDG_CONFIG_HOME", ".config")


def _xdg_home(variable: str, default: str) -> Path:
    value = os.environ.get(variable, "")
    # The base directory spec: a relative path in these variables is invalid and must be ignored.
    return Path(value) if os.path.isabs(value) else Path.home() / default


def desktop_file() -> Path:
    """Where the launcher goes."""
    return data_home() / "applications" / DESKTOP_ID


def icon_file() -> Path:
    """Where the icon goes: the hicolor theme, which every icon theme falls back to."""
    return data_home() / "icons" / "hicolor" / "scalable" / "apps" / ICON


def mimeapps_list() -> Path:
    """The user's choices of default applications (the file `xdg-mime default` writes)."""
    return config_home() / "mimeapps.list"


def launcher() -> str:
    """The program the launcher runs: `longhand` when that name on PATH is this very installation, else the
    absolute path of this installation's script."""
    script = _this_script()
    if script is None:
        return "longhand"
    found = shutil.which("longhand")
    if found and os.path.samefile(found, script):
        return "longhand"
    # `make install-desktop` runs the project's .venv/bin/longhand, which is not on PATH (no venv is unless
    # activated), and the desktop starts programs with its own PATH: only the script's own path reaches it.
    return os.path.abspath(script)


def _this_script() -> Path | None:
    """The `longhand` script of this installation: the one running, or under `python -m editor` the one
    installed beside this Python; None when Longhand runs from a source tree without one."""
    candidates = [Path(sys.argv[0])] if sys.argv and Path(sys.argv[0]).name == "longhand" else []
    candidates.append(Path(sys.executable).parent / "longhand")
    return next((path for path in candidates if path.is_file() and os.access(path, os.X_OK)), None)


def exec_argument(word: str) -> str:
    """`word` as one argument of an Exec key, quoted and escaped as the desktop entry spec asks (before
    the file's own string escaping, which `desktop_entry` applies)."""
    word = word.replace("%", "%%")  # a lone % starts a field code
    if not any(char in _RESERVED for char in word):
        return word
    return '"' + "".join("\\" + char if char in '"`$\\' else char for char in word) + '"'


def _escape_value(text: str) -> str:
    """A desktop file's string escaping: it comes on top of the Exec quoting (so a backslash there is four)."""
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def desktop_entry(program: str) -> str:
    """The launcher (resources/longhand.desktop) running `program` with the arguments the resource names."""
    lines = []
    for line in read_resource(DESKTOP_ID).splitlines():
        if line.startswith("Exec="):
            _, _, arguments = line.removeprefix("Exec=").partition(" ")
            line = "Exec=" + _escape_value(" ".join(filter(None, [exec_argument(program), arguments])))
        elif line.startswith("TryExec="):
            # Hides the launcher once the program is gone (`pipx uninstall longhand`) instead of failing.
            line = "TryExec=" + _escape_value(program)
        lines.append(line)
    return "\n".join(lines) + "\n"


def install() -> list[str]:
    """Put Longhand on the desktop: launcher, icon, longhand:// scheme, refreshed caches. Running it again
    changes nothing. Returns one line per file written or registration made."""
    program = launcher()
    done: list[str] = []
    entry_written = _write(desktop_file(), desktop_entry(program).encode("utf-8"))
    if entry_written:
        done.append(f"Wrote {desktop_file()} (it runs {program})")
    icon_written = _write(icon_file(), resource(ICON).read_bytes())
    if icon_written:
        done.append(f"Wrote {icon_file()}")
    if DESKTOP_ID not in defaults(_read(mimeapps_list()), SCHEME_MIME)[:1]:
        done.append(_register_scheme())
    done += _refresh(applications=entry_written, icons=icon_written)
    return done or [f"Longhand is already on the desktop ({desktop_file()})."]


def uninstall() -> list[str]:
    """Take back what `install` did: its two files, and the longhand:// scheme if it still names Longhand.
    Running it again changes nothing. Returns one line per file removed or registration undone."""
    done: list[str] = []
    removed: dict[Path, bool] = {}
    for path in (desktop_file(), icon_file()):
        removed[path] = path.is_file() or path.is_symlink()
        if removed[path]:
            path.unlink()
            done.append(f"Removed {path}")
    listing = mimeapps_list()
    text = _read(listing)
    kept = drop_default(text, SCHEME_MIME, DESKTOP_ID)
    if kept != text and not kept.replace(DEFAULTS_GROUP, "").strip() and not listing.is_symlink():
        listing.unlink()  # nothing left but the group header xdg-mime wrote into the file it made for us
        done.append(f"Removed {listing}")
    elif kept != text:
        _replace_text(listing, kept)
        done.append(f"Unregistered {DESKTOP_ID} as the handler of longhand:// links in {listing}")
    done += _refresh(applications=removed[desktop_file()], icons=removed[icon_file()])
    return done or ["Longhand was not on the desktop: nothing to remove."]


def _register_scheme() -> str:
    listing = mimeapps_list()
    xdg_mime = shutil.which("xdg-mime")
    if xdg_mime and _run([xdg_mime, "default", DESKTOP_ID, SCHEME_MIME]) is None:
        if DESKTOP_ID in defaults(_read(listing), SCHEME_MIME)[:1]:
            return f"Registered {DESKTOP_ID} as the handler of longhand:// links in {listing} (xdg-mime)"
    # No xdg-mime, or it failed, or it wrote somewhere else: the file every desktop reads, edited by hand.
    _replace_text(listing, set_default(_read(listing), SCHEME_MIME, DESKTOP_ID))
    return f"Registered {DESKTOP_ID} as the handler of longhand:// links in {listing}"


def _refresh(*, applications: bool, icons: bool) -> list[str]:
    """Refresh the desktop's caches of what changed, with whichever tools are installed."""
    done: list[str] = []
    folder = desktop_file().parent
    tool = shutil.which("update-desktop-database")
    if applications and tool and folder.is_dir():
        failure = _run([tool, "--quiet", str(folder)])
        done.append(failure or f"Refreshed the applications' MIME cache in {folder}")
    theme = data_home() / "icons" / "hicolor"
    tool = shutil.which("gtk-update-icon-cache")
    # Only a cache already there is refreshed: a user's hicolor folder usually has none (GTK then reads the
    # folder itself), and a new one would go stale when another program adds an icon without refreshing it.
    if icons and tool and (theme / "icon-theme.cache").is_file():
        failure = _run([tool, "--quiet", "--force", "--ignore-theme-index", str(theme)])
        done.append(failure or f"Refreshed the icon cache in {theme}")
    return done


def _run(argv: list[str]) -> str | None:
    """Run a desktop tool; None when it worked, else one sentence saying how it failed."""
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=_TOOL_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        return f"{Path(argv[0]).name} did not finish within {_TOOL_TIMEOUT:.0f} s."
    if done.returncode == 0:
        return None
    said = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
    return f"{Path(argv[0]).name} failed: {said}"


def defaults(text: str, mime: str) -> list[str]:
    """The default applications a mimeapps.list names for `mime`, first choice first."""
    group = ""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            group = stripped
        elif group == DEFAULTS_GROUP:
            key, sep, value = stripped.partition("=")
            if sep and key.strip() == mime:
                return [item.strip() for item in value.split(";") if item.strip()]
    return []


def set_default(text: str, mime: str, app: str) -> str:
    """A mimeapps.list with `app` as the default for `mime` (as `xdg-mime default` sets it); every other
    line as it was."""
    lines = text.splitlines(keepends=True)
    group, insert_at = "", None
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("["):
            group = stripped
            if group == DEFAULTS_GROUP:
                insert_at = index + 1
            continue
        if group != DEFAULTS_GROUP:
            continue
        key, sep, _ = stripped.partition("=")
        if sep and key.strip() == mime:
            lines[index] = f"{mime}={app}\n"
            return "".join(lines)
        if stripped:
            insert_at = index + 1
    if insert_at is None:
        head = text if not text or text.endswith("\n") else text + "\n"
        return head + ("\n" if head.strip() else "") + f"{DEFAULTS_GROUP}\n{mime}={app}\n"
    if not lines[insert_at - 1].endswith("\n"):
        lines[insert_at - 1] += "\n"
    lines.insert(insert_at, f"{mime}={app}\n")
    return "".join(lines)


def drop_default(text: str, mime: str, app: str) -> str:
    """A mimeapps.list without `app` among the defaults for `mime` (the line goes when nothing else is left
    on it); every other line as it was."""
    lines = text.splitlines(keepends=True)
    group = ""
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("["):
            group = stripped
            continue
        key, sep, value = stripped.partition("=")
        if group != DEFAULTS_GROUP or not sep or key.strip() != mime:
            continue
        apps = [item.strip() for item in value.split(";") if item.strip()]
        if app in apps:
            others = [item for item in apps if item != app]
            lines[index] = f"{mime}={';'.join(others)};\n" if others else ""
    return "".join(lines)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""


def _write(path: Path, data: bytes) -> bool:
    """Put `data` at `path` unless it is there already; True when the file was written."""
    try:
        if path.read_bytes() == data:
            return False
    except (FileNotFoundError, IsADirectoryError):
        pass
    _replace(path, data, 0o644)
    return True


def _replace_text(path: Path, text: str) -> None:
    """Rewrite a file the user may keep elsewhere (a dotfiles repository) through its symlink, keeping its
    permissions."""
    target = path.resolve() if path.is_symlink() else path
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
    _replace(target, text.encode("utf-8"), mode)


def _replace(path: Path, data: bytes, mode: int) -> None:
    """Write `path` whole or not at all: a desktop reading it meanwhile sees the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
