"""Minimal Hugo, Jekyll and Pelican sites (the folders beside this file) for the static backend's tests,
copied into a test's own folder, built with the real generators, and put in git with a bare remote."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from editor.backends.base import Credentials
from editor.backends.static import StaticSiteBackend

FIXTURES = Path(__file__).resolve().parent
GENERATORS = ("hugo", "jekyll", "pelican")
OUTPUT = {"hugo": "public", "jekyll": "_site", "pelican": "output"}
# Pelican comes from PyPI into the test's Python, which need not be on the PATH: named by that Python.
PELICAN_BUILD = [sys.executable, "-m", "pelican", "content", "--delete-output-directory"]


def make_site(folder: Path, generator: str, /, **options: object) -> Path:
    """A copy of the fixture site of `generator` at `folder`, with `.longhand.toml` holding `options`
    (`build=True`: the generator's own build; Pelican's named through this Python)."""
    shutil.copytree(FIXTURES / generator, folder)
    if generator == "pelican" and options.get("build") is True:
        options["build"] = PELICAN_BUILD
    if options:
        lines = [f"{key} = {json.dumps(value)}" for key, value in options.items()]  # JSON's scalars are TOML's
        (folder / ".longhand.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def backend(folder: Path) -> StaticSiteBackend:
    """The backend for a site folder, addressed as `longhand accounts add --url file://…` does."""
    return StaticSiteBackend(Credentials(folder.as_uri(), "author", ""))


def built_pages(folder: Path, generator: str) -> dict[str, str]:
    """Every HTML page of the built site by its path in the output folder."""
    output = folder / OUTPUT[generator]
    return {path.relative_to(output).as_posix(): path.read_text(encoding="utf-8") for path in output.rglob("*.html")}


def pages_with(folder: Path, generator: str, text: str) -> list[str]:
    """The built pages (paths in the output folder) that hold `text`."""
    return sorted(path for path, html in built_pages(folder, generator).items() if text in html)


def git(folder: Path, *args: str) -> str:
    """Run git in `folder`; its output."""
    return subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, text=True, timeout=60).stdout


def put_in_git(folder: Path, bare: Path | None = None) -> Path | None:
    """Make the site a git repository with one commit; with `bare`, a bare repository there as its
    `origin` (a local folder: pushing needs no network)."""
    git(folder, "init", "--quiet", "--initial-branch=main")
    git(folder, "config", "user.name", "Ada Author")
    git(folder, "config", "user.email", "ada@example.org")
    (folder / ".gitignore").write_text("/public/\n/_site/\n/output/\n/.jekyll-cache/\n/resources/\n")
    git(folder, "add", "-A")
    git(folder, "commit", "--quiet", "-m", "The site")
    if bare is not None:
        subprocess.run(["git", "init", "--quiet", "--bare", "--initial-branch=main", str(bare)], check=True, timeout=60)
        git(folder, "remote", "add", "origin", str(bare))
        git(folder, "push", "--quiet", "origin", "main")
    return bare
