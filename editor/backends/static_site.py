"""A static site's folder, its `.longhand.toml` options, and running its tools (the build, git).

The options live in the site folder because they belong to the site, not to one computer's list of blogs:
the author writes them once, they can be changed without adding the blog again, and a site kept in git
carries them to every clone. Every generator ignores a dot-file, so it is never published.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from editor.backends.base import PermanentError, TransientError
from editor.backends.static_formats import Generator
from editor.backends.static_generators import GENERATORS, detect

OPTIONS_FILE = ".longhand.toml"
BUILD_TIMEOUT = 600.0  # seconds: a large site's build takes minutes, far longer than a web request
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# user:password@ in an address git prints (a remote's URL): never into a message
_USERINFO = re.compile(r"(?<=://)[^/@\s]+@")


@dataclass(frozen=True)
class Options:
    """What the author asked for in `.longhand.toml` (every key optional)."""

    generator: str | None = None  # "hugo", "jekyll" or "pelican"; None: detected from the config file
    build: tuple[str, ...] | None = None  # the command that builds the site after each change; (): the generator's
    commit: bool = False  # commit each change to git
    push: str | None = None  # the git remote to push to after each commit (pushing implies committing)
    section: str = "posts"  # Hugo: the content section posts go in
    bundles: bool = False  # Hugo: new posts as page bundles (content/posts/slug/index.html)


@dataclass(frozen=True)
class Site:
    """The site folder, its generator and its options."""

    folder: Path
    generator: Generator
    options: Options

    @property
    def build_command(self) -> tuple[str, ...] | None:
        """The build to run after each change (None: none); () in the options means the generator's own."""
        build = self.options.build
        return self.generator.build_command if build == () else build


def open_site(base_url: str) -> Site:
    """The site a blog's address names: TransientError when its folder is not there (a disk not
    connected), PermanentError when it is no site Longhand knows."""
    folder = site_folder(base_url)
    if not folder.is_dir():
        raise TransientError(f"The site folder {folder} is not there; is its disk connected?")
    options = read_options(folder)
    if options.generator is not None and options.generator not in GENERATORS:
        raise PermanentError(f"Longhand knows Hugo, Jekyll and Pelican sites, not “{options.generator}”.")
    kind = GENERATORS[options.generator] if options.generator else detect(folder)
    if kind is None:
        raise PermanentError(
            f"{folder} is not a Hugo, Jekyll or Pelican site: it has no hugo.toml, _config.yml or "
            'pelicanconf.py. Name the generator in its .longhand.toml (generator = "hugo").'
        )
    return Site(folder, kind(folder, section=options.section, bundles=options.bundles), options)


def site_folder(base_url: str) -> Path:
    """The site folder a blog's address names: a path (`~` allowed) or a file:// address."""
    text = base_url.strip()
    parts = urlsplit(text)
    if parts.scheme == "file":
        if parts.netloc not in ("", "localhost"):
            raise PermanentError(f"{text} names a folder on another computer; give a folder on this one.")
        text = unquote(parts.path)
    elif parts.scheme and len(parts.scheme) > 1:  # (a Windows drive letter is not a scheme)
        raise PermanentError(f"A static site is a folder on this computer, such as ~/my-site, not {text}.")
    return Path(text).expanduser().absolute()


def read_options(folder: Path) -> Options:
    """The site's `.longhand.toml` (no file: the defaults). PermanentError names a mistake in it."""
    path = folder / OPTIONS_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Options()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PermanentError(f"{path} could not be read: {exc}.") from None
    known = {"generator", "build", "commit", "push", "section", "bundles"}
    if unknown := sorted(set(data) - known):
        raise PermanentError(f"{path} has settings Longhand does not know: {', '.join(unknown)}.")
    push = data.get("push")
    return Options(
        generator=_text(data, "generator", path),
        build=_command(data.get("build"), path),
        commit=bool(data.get("commit")) or bool(push),
        push=(push if isinstance(push, str) else "origin" if push is True else None),
        section=_text(data, "section", path) or "posts",
        bundles=bool(data.get("bundles")),
    )


def _text(data: dict[str, Any], key: str, path: Path) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(r"\w[\w.-]*", value):  # a folder's name, never a path
        raise PermanentError(f'In {path}, {key} should be a name, such as "hugo" or "posts".')
    return value


def _command(value: object, path: Path) -> tuple[str, ...] | None:
    """`build = true` (the generator's own command: returned as ()), a command line, or a list of arguments."""
    if value is None or value is False:
        return None
    if value is True:
        return ()
    if isinstance(value, str) and value.strip():
        return tuple(shlex.split(value))
    if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise PermanentError(f'In {path}, build should be true, a command such as "hugo --minify", or a list.')


def run_tool(argv: tuple[str, ...], folder: Path, *, timeout: float, what: str) -> subprocess.CompletedProcess[str]:
    """Run a program in the site folder, its output captured. It never asks on a terminal (git would wait
    for a password forever): PermanentError when the program is missing, TransientError when it takes
    longer than `timeout` seconds."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
    try:
        return subprocess.run(
            argv,
            cwd=folder,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError:
        raise PermanentError(f"{what} needs {argv[0]}, which is not installed (or not on the PATH).") from None
    except subprocess.TimeoutExpired:
        raise TransientError(f"{what} did not finish within {timeout:g} seconds.") from None
    except OSError as exc:
        raise PermanentError(f"{what} could not start {argv[0]}: {exc.strerror or exc}.") from None


def tail(output: str, lines: int = 6) -> str:
    """The last lines a tool printed, without colours or user names and passwords in addresses."""
    kept = [line.strip() for line in _ANSI.sub("", output).splitlines() if line.strip()][-lines:]
    return _USERINFO.sub("", " / ".join(kept))[-600:]


def build(folder: Path, command: tuple[str, ...]) -> None:
    """Run the site's build; PermanentError with the end of its output when it fails."""
    done = run_tool(command, folder, timeout=BUILD_TIMEOUT, what="Building the site")
    if done.returncode != 0:
        said = tail(done.stdout + "\n" + done.stderr) or f"it exited with status {done.returncode}"
        raise PermanentError(f"Building the site ({shlex.join(command)}) failed, so nothing was changed: {said}")
