"""The wheel is what people install (`pipx install .`, `pip install longhand-*.whl`): built from this tree and
installed, not editable, into a fresh venv, it carries everything it needs and starts.

The fresh venv gets the dependencies (PySide6 with QtWebEngine and the rest, about 1 GB) from this project's
venv instead of downloading them again: a `.pth` file in its site-packages names the project venv's
site-packages folder. `site` puts a folder named in a .pth file on sys.path but does not read the .pth files
inside that folder, so the project's own editable install there (a .pth file and its import finder) stays
inert, and `editor` can only come from the wheel; the test checks that it does. The wheel goes in before the
.pth file is written, so pip sees no other Longhand while installing it.

The build writes its scratch files (build/, longhand.egg-info) in a temporary folder given to setuptools
through DIST_EXTRA_CONFIG, not in the tree: a build/ folder left in a checkout would put files that no longer
exist into the next wheel, and the tests must not write into the sources.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import sysconfig
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from editor.core import handoff

ROOT = Path(__file__).resolve().parents[1]
WINDOW_TIMEOUT = 60.0


@dataclass(frozen=True)
class Install:
    wheel: Path
    venv: Path
    site_packages: Path

    @property
    def longhand(self) -> Path:
        return self.venv / "bin" / "longhand"

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"


def run(argv: list[str | Path], **kwargs) -> subprocess.CompletedProcess:
    """Run a step; a failure shows its output."""
    done = subprocess.run([str(a) for a in argv], capture_output=True, text=True, timeout=600, **kwargs)
    assert done.returncode == 0, f"{argv} failed:\n{done.stdout}\n{done.stderr}"
    return done


def clean_env(**extra: str) -> dict[str, str]:
    """This environment without what would aim Longhand or Python elsewhere."""
    env = {k: v for k, v in os.environ.items() if k not in ("LONGHAND_HOME", "PYTHONPATH", "PYTHONHOME")}
    return {**env, **extra}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Install:
    """The wheel built from this tree, installed into a fresh venv that borrows this venv's dependencies."""
    scratch = tmp_path_factory.mktemp("wheel")
    settings = scratch / "setup.cfg"
    settings.write_text(f"[build]\nbuild_base = {scratch / 'build'}\n[egg_info]\negg_base = {scratch}\n")
    dist = scratch / "dist"
    run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", dist, ROOT],
        env=clean_env(DIST_EXTRA_CONFIG=str(settings)),
        cwd=scratch,
    )
    (wheel,) = dist.glob("longhand-*.whl")
    venv = scratch / "fresh"
    run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=scratch)
    fresh = Install(wheel, venv, Path())
    # pip runs inside the fresh interpreter, which sees nothing of this venv yet.
    run(
        [sys.executable, "-m", "pip", "--python", fresh.python, "install", "--no-deps", "--no-index", wheel],
        env=clean_env(),
        cwd=scratch,
    )
    purelib = run([fresh.python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], env=clean_env())
    site_packages = Path(purelib.stdout.strip())
    ours = dict.fromkeys([sysconfig.get_path("purelib"), sysconfig.get_path("platlib")])
    (site_packages / "longhand_test_dependencies.pth").write_text("".join(f"{path}\n" for path in ours))
    return Install(wheel, venv, site_packages)


def test_the_wheel_carries_every_resource_and_module(installed: Install) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = set(wheel.namelist())
        resources = [p for p in (ROOT / "resources").iterdir() if p.is_file() and p.suffix != ".pyc"]
        assert {p.name for p in resources} >= {"preview.html", "preview.css", "longhand.svg", "welcome.md"}
        for path in resources:
            assert wheel.read(f"editor/resources/{path.name}") == path.read_bytes(), path.name
        # The compiled catalogues (make translations): the window loads them from the package.
        catalogues = sorted((ROOT / "resources" / "translations").glob("*.qm"))
        assert catalogues, "no compiled catalogue: run make translations"
        for path in catalogues:
            assert wheel.read(f"editor/resources/translations/{path.name}") == path.read_bytes(), path.name
    # pyproject lists the packages by hand (resources/ is mapped into editor/): a package left off the list
    # would be missing from the wheel and only from the wheel.
    modules = {f"editor/{p.relative_to(ROOT / 'editor').as_posix()}" for p in (ROOT / "editor").rglob("*.py")}
    assert modules - names == set()


def test_the_installed_command_keeps_drafts(installed: Install, tmp_path: Path) -> None:
    where = run(
        [
            installed.python,
            "-c",
            "import editor, PySide6, importlib.resources as r; "
            "print(editor.__file__); print(r.files('editor.resources') / 'preview.html')",
        ],
        env=clean_env(),
        cwd=tmp_path,
    )
    package, preview = (Path(line) for line in where.stdout.splitlines())
    assert package.is_relative_to(installed.site_packages), package
    assert preview.is_relative_to(installed.site_packages) and preview.is_file(), preview
    assert not list(installed.site_packages.glob("__editable__*"))

    post = tmp_path / "post.md"
    post.write_text("---\ntitle: From the wheel\n---\nInstalled, not editable.\n", encoding="utf-8")
    data = tmp_path / "data"
    made = run([installed.longhand, "--data-dir", data, "drafts", "new", post], env=clean_env(), cwd=tmp_path)
    listed = run([installed.longhand, "--data-dir", data, "drafts", "list", "--json"], env=clean_env(), cwd=tmp_path)
    drafts = json.loads(listed.stdout)
    assert [(d["id"], d["title"]) for d in drafts] == [(int(made.stdout.strip()), "From the wheel")]


def test_the_installed_window_starts_and_closes_cleanly(installed: Install, tmp_path: Path) -> None:
    data = tmp_path / "data"
    socket = handoff.socket_path(data, handoff.WINDOW)
    stderr = tmp_path / "stderr.txt"
    with stderr.open("wb") as errors:
        window = subprocess.Popen(
            [installed.longhand, "--data-dir", data],
            env=clean_env(QT_QPA_PLATFORM="offscreen"),
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
    try:
        answer = None
        deadline = time.monotonic() + WINDOW_TIMEOUT
        while answer is None and window.poll() is None and time.monotonic() < deadline:
            try:  # the window listens once it is shown (editor.ui.instance)
                answer = handoff.send(socket, {"kind": "open", "targets": []}, timeout=10)
            except handoff.HandoffError:
                time.sleep(0.2)
        said = stderr.read_text(errors="replace")
        assert answer is not None, (
            f"the window did not answer on {socket} within {WINDOW_TIMEOUT:.0f} s "
            f"(exit status {window.poll()}); its stderr:\n{said}"
        )
        assert answer.get("ok") is True, answer
        window.send_signal(signal.SIGTERM)  # as at logout: the window closes and saves
        status = window.wait(timeout=60)
    finally:
        if window.poll() is None:
            window.kill()
            window.wait()
    said = stderr.read_text(errors="replace")
    assert status == 0, said
    assert "Traceback" not in said, said
    # The first start made the welcome draft from the wheel's welcome.md.
    listed = run([installed.longhand, "--data-dir", data, "drafts", "list", "--json"], env=clean_env(), cwd=tmp_path)
    assert [d["title"] for d in json.loads(listed.stdout)] == ["Welcome to Longhand"]
