"""`longhand --install-desktop` and `--uninstall-desktop`, run as the real command into temporary XDG folders
and checked with the freedesktop tools themselves: desktop-file-validate, xdg-mime, update-desktop-database
and gtk-update-icon-cache (Debian's desktop-file-utils, xdg-utils and gtk-update-icon-cache, which
`make test` installs as root)."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from editor.core import desktop

ROOT = Path(__file__).resolve().parents[1]
SCHEME = "x-scheme-handler/longhand"
VENV_BIN = Path(sys.executable).parent
TOOLS = {
    "desktop-file-validate": "desktop-file-utils",
    "update-desktop-database": "desktop-file-utils",
    "xdg-mime": "xdg-utils",
    "gtk-update-icon-cache": "gtk-update-icon-cache",
}
# xdg-mime picks its method by the desktop session it detects; the tests check the freedesktop files every
# desktop reads, whatever session the developer runs them from.
SESSION_VARIABLES = (
    "DBUS_SESSION_BUS_ADDRESS",
    "DESKTOP_SESSION",
    "GNOME_DESKTOP_SESSION_ID",
    "KDE_FULL_SESSION",
    "LXQT_SESSION_CONFIG",
    "MATE_DESKTOP_SESSION_ID",
)
# A user's choices before Longhand comes: every line of it must survive install and uninstall.
MIMEAPPS = """\
# chosen in the desktop's settings
[Default Applications]
text/markdown=org.example.Notes.desktop
x-scheme-handler/https=firefox-esr.desktop

[Added Associations]
text/markdown=org.example.Notes.desktop;vim.desktop;

[Removed Associations]
text/plain=libreoffice-writer.desktop;
"""
NOTES_APP = """\
[Desktop Entry]
Type=Application
Name=Notes
Exec=true %F
MimeType=text/markdown;
"""


def tool(name: str) -> str:
    """The path of a freedesktop tool; a missing one fails the test with the package to install."""
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is missing: apt-get install {TOOLS[name]} (make test does, as root)", pytrace=False)
    return found


def path_without_longhand() -> str:
    """PATH without any folder holding a `longhand` (this venv's bin, a pipx install, …)."""
    folders = os.environ.get("PATH", "/usr/bin:/bin").split(os.pathsep)
    return os.pathsep.join(folder for folder in folders if folder and not (Path(folder) / "longhand").exists())


class Home:
    """A user's home with its own XDG folders, and the commands run as that user would."""

    def __init__(self, root: Path, path: str | None = None) -> None:
        self.home, self.data, self.config = root / "home", root / "data", root / "config"
        self.home.mkdir()
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("XDG_") and k not in SESSION_VARIABLES},
            "HOME": str(self.home),
            "XDG_DATA_HOME": str(self.data),
            "XDG_CONFIG_HOME": str(self.config),
            "PATH": path_without_longhand() if path is None else path,
        }
        self.cwd = root

    @property
    def launcher(self) -> Path:
        return self.data / "applications" / "longhand.desktop"

    @property
    def icon(self) -> Path:
        return self.data / "icons" / "hicolor" / "scalable" / "apps" / "longhand.svg"

    @property
    def mimeapps(self) -> Path:
        return self.config / "mimeapps.list"

    def longhand(self, option: str) -> list[str]:
        """`python -m editor OPTION` as a real process; its output lines (it must succeed)."""
        done = subprocess.run(
            [sys.executable, "-m", "editor", option],
            env=self.env,
            cwd=self.cwd,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert done.stderr == ""
        return done.stdout.splitlines()

    def query_default(self, mime: str) -> str:
        """What the real `xdg-mime query default` answers for this user."""
        env = {**self.env, "PATH": path_without_longhand()}  # xdg-mime is a shell script: it needs awk, grep
        done = subprocess.run(
            [tool("xdg-mime"), "query", "default", mime], env=env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    def files(self) -> dict[Path, tuple[bytes, int]]:
        """Every file under the XDG folders, with its content and modification time."""
        return {
            path: (path.read_bytes(), path.stat().st_mtime_ns)
            for folder in (self.data, self.config)
            for path in sorted(folder.rglob("*"))
            if path.is_file()
        }

    def with_choices(self) -> Home:
        """Give this user a mimeapps.list of their own, and a Markdown application they chose."""
        self.config.mkdir(parents=True)
        self.mimeapps.write_text(MIMEAPPS, encoding="utf-8")
        (self.data / "applications").mkdir(parents=True)
        (self.data / "applications" / "org.example.Notes.desktop").write_text(NOTES_APP, encoding="utf-8")
        return self


def entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


@pytest.fixture
def home(tmp_path: Path) -> Home:
    return Home(tmp_path).with_choices()


def test_install_writes_a_valid_launcher_that_starts_this_installation(home: Home) -> None:
    said = home.longhand("--install-desktop")

    assert any(str(home.launcher) in line for line in said), said
    assert any(str(home.icon) in line for line in said), said
    validated = subprocess.run(
        [tool("desktop-file-validate"), str(home.launcher)], capture_output=True, text=True, timeout=60
    )
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert "error" not in validated.stdout and "warning" not in validated.stdout, validated.stdout
    launcher = entry(home.launcher)
    # This venv's bin is not on PATH: the desktop could not find `longhand`, so the entry names the script.
    script = VENV_BIN / "longhand"
    assert launcher["Exec"] == f"{script} %U"
    assert launcher["TryExec"] == str(script)
    assert set(filter(None, launcher["MimeType"].split(";"))) == {"text/markdown", "x-scheme-handler/longhand"}
    assert launcher["Icon"] == "longhand"
    assert home.icon.read_bytes() == (ROOT / "resources" / "longhand.svg").read_bytes()
    version = subprocess.run(
        [launcher["TryExec"], "--version"], env=home.env, capture_output=True, text=True, timeout=60
    )
    assert version.stdout.startswith("longhand "), version.stdout + version.stderr


def test_the_launcher_says_longhand_when_path_finds_this_installation(tmp_path: Path) -> None:
    home = Home(tmp_path, path=os.pathsep.join([str(VENV_BIN), path_without_longhand()]))

    home.longhand("--install-desktop")

    assert entry(home.launcher)["Exec"] == "longhand %U"
    assert entry(home.launcher)["TryExec"] == "longhand"


def test_install_registers_the_scheme_and_keeps_the_users_other_choices(home: Home) -> None:
    assert home.query_default("text/markdown") == "org.example.Notes.desktop"

    home.longhand("--install-desktop")

    assert home.query_default("x-scheme-handler/longhand") == "longhand.desktop"
    listing = home.mimeapps.read_text(encoding="utf-8")
    assert desktop.defaults(listing, "x-scheme-handler/longhand") == ["longhand.desktop"]
    after = lines(listing)
    assert [line for line in after if line in lines(MIMEAPPS)] == lines(MIMEAPPS), listing
    # Offered for Markdown ("Open with"), never made its default.
    assert desktop.defaults(listing, "text/markdown") == ["org.example.Notes.desktop"]
    assert home.query_default("text/markdown") == "org.example.Notes.desktop"
    cache = (home.data / "applications" / "mimeinfo.cache").read_text(encoding="utf-8")
    assert "x-scheme-handler/longhand=longhand.desktop;" in cache  # update-desktop-database ran


def test_a_second_install_changes_nothing(home: Home) -> None:
    home.longhand("--install-desktop")
    before = home.files()

    said = home.longhand("--install-desktop")

    assert home.files() == before
    assert said == [f"Longhand is already on the desktop ({home.launcher})."]


def test_uninstall_leaves_nothing_of_ours_and_everything_else(home: Home) -> None:
    home.longhand("--install-desktop")

    said = home.longhand("--uninstall-desktop")

    assert any(str(home.launcher) in line for line in said), said
    ours = [
        path for path in home.files() if "longhand" in path.name.lower() or b"longhand" in path.read_bytes().lower()
    ]
    assert ours == []
    assert lines(home.mimeapps.read_text(encoding="utf-8")) == lines(MIMEAPPS)
    assert (home.data / "applications" / "org.example.Notes.desktop").read_text(encoding="utf-8") == NOTES_APP
    assert home.query_default("x-scheme-handler/longhand") == ""
    assert home.query_default("text/markdown") == "org.example.Notes.desktop"

    before = home.files()
    assert home.longhand("--uninstall-desktop") == ["Longhand was not on the desktop: nothing to remove."]
    assert home.files() == before


def test_uninstall_leaves_a_scheme_handler_the_user_chose_since(home: Home) -> None:
    home.longhand("--install-desktop")
    (home.data / "applications" / "org.example.Links.desktop").write_text(
        NOTES_APP.replace("Notes", "Links").replace("text/markdown", "x-scheme-handler/longhand"), encoding="utf-8"
    )
    chose = subprocess.run(
        [tool("xdg-mime"), "default", "org.example.Links.desktop", "x-scheme-handler/longhand"],
        env=home.env,
        capture_output=True,
        timeout=60,
    )
    assert chose.returncode == 0, chose.stderr

    home.longhand("--uninstall-desktop")

    assert home.query_default("x-scheme-handler/longhand") == "org.example.Links.desktop"


def test_without_the_tools_mimeapps_list_is_edited_by_hand_line_for_line(tmp_path: Path) -> None:
    empty_bin = tmp_path / "bin"  # a PATH with no xdg-mime and no update-desktop-database on it
    empty_bin.mkdir()
    home = Home(tmp_path, path=str(empty_bin)).with_choices()
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    home.mimeapps.rename(dotfiles / "mimeapps.list")
    home.mimeapps.symlink_to(dotfiles / "mimeapps.list")  # kept in a dotfiles repository

    home.longhand("--install-desktop")

    assert not (home.data / "applications" / "mimeinfo.cache").exists()  # no tool: no cache, nothing else
    assert home.mimeapps.is_symlink()
    # The real xdg-mime reads the edit (and only it: there is no MIME cache to fall back on).
    assert home.query_default("x-scheme-handler/longhand") == "longhand.desktop"
    assert home.query_default("text/markdown") == "org.example.Notes.desktop"

    home.longhand("--uninstall-desktop")

    assert home.mimeapps.is_symlink()
    assert (dotfiles / "mimeapps.list").read_text(encoding="utf-8") == MIMEAPPS


def test_by_hand_the_schemes_line_is_replaced_where_it_stands_and_others_on_it_stay(tmp_path: Path) -> None:
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    home = Home(tmp_path, path=str(empty_bin)).with_choices()
    before = MIMEAPPS.replace("[Default Applications]\n", "[Default Applications]\n" + f"{SCHEME}=other.desktop\n")
    home.mimeapps.write_text(before, encoding="utf-8")

    home.longhand("--install-desktop")

    assert home.mimeapps.read_text(encoding="utf-8") == before.replace("=other.desktop", "=longhand.desktop")

    shared = before.replace("=other.desktop", "=other.desktop;longhand.desktop;")
    home.mimeapps.write_text(shared, encoding="utf-8")  # the user put Longhand second
    home.longhand("--uninstall-desktop")

    assert home.mimeapps.read_text(encoding="utf-8") == before.replace("=other.desktop", "=other.desktop;")


def test_a_symlinked_mimeapps_list_stays_a_symlink_when_nothing_else_is_in_it(tmp_path: Path) -> None:
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    home = Home(tmp_path, path=str(empty_bin))
    home.config.mkdir()
    (tmp_path / "mimeapps.list").write_text("")
    home.mimeapps.symlink_to(tmp_path / "mimeapps.list")

    home.longhand("--install-desktop")
    home.longhand("--uninstall-desktop")

    assert home.mimeapps.is_symlink()
    assert "longhand" not in (tmp_path / "mimeapps.list").read_text(encoding="utf-8")


def test_a_mimeapps_list_that_install_created_goes_with_uninstall(tmp_path: Path) -> None:
    home = Home(tmp_path)

    home.longhand("--install-desktop")
    assert home.mimeapps.exists()
    home.longhand("--uninstall-desktop")

    assert not home.mimeapps.exists()
    assert [path for path in home.files() if path.name != "mimeinfo.cache"] == []


def test_an_icon_cache_already_there_is_refreshed(home: Home) -> None:
    theme = home.data / "icons" / "hicolor"
    (theme / "scalable" / "apps").mkdir(parents=True)  # another application's icon, already cached
    shutil.copy(ROOT / "resources" / "longhand.svg", theme / "scalable" / "apps" / "org.example.Notes.svg")
    made = subprocess.run(
        [tool("gtk-update-icon-cache"), "--quiet", "--ignore-theme-index", str(theme)], capture_output=True, timeout=60
    )
    assert made.returncode == 0, made.stderr
    assert b"longhand" not in (theme / "icon-theme.cache").read_bytes()

    home.longhand("--install-desktop")
    assert b"longhand" in (theme / "icon-theme.cache").read_bytes()

    home.longhand("--uninstall-desktop")
    assert b"longhand" not in (theme / "icon-theme.cache").read_bytes()


def test_a_launcher_path_with_reserved_characters_is_quoted_as_the_spec_asks(tmp_path: Path) -> None:
    program = '/opt/my apps/$HOME "x"/back\\slash/100%/longhand'

    text = desktop.desktop_entry(program)

    launcher = tmp_path / "longhand.desktop"
    launcher.write_text(text, encoding="utf-8")
    validated = subprocess.run([tool("desktop-file-validate"), str(launcher)], capture_output=True, text=True)
    assert validated.returncode == 0, validated.stdout
    assert "error" not in validated.stdout and "warning" not in validated.stdout, validated.stdout
    # Quoted with ", \ and $ escaped, % doubled; then the file's own escaping doubles every backslash.
    assert r'Exec="/opt/my apps/\\$HOME \\"x\\"/back\\\\slash/100%%/longhand" %U' in text.splitlines()
    assert entry(launcher)["TryExec"] == program.replace("\\", "\\\\")
