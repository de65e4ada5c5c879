"""Committing a static site's changes to git and pushing them.

Only the files a change touched are committed (`git commit -- PATHS`), so whatever else the author has
staged or changed in the site stays as it was. No credentials ever appear in argv: pushing uses the
remote as the author set it up (an SSH key, a credential helper), and git is told never to ask.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from subprocess import CompletedProcess

from editor.backends.base import PermanentError, TransientError
from editor.backends.static_site import run_tool, tail

GIT_TIMEOUT = 120.0  # seconds for one git command (a push over a slow link)


def _said(done: CompletedProcess[str]) -> str:
    """What git said went wrong: its `fatal:`, `error:` and `! [rejected]` lines when it printed some
    (the hints after them repeat advice), else the end of its output."""
    output = done.stderr or done.stdout
    errors = [line for line in output.splitlines() if line.lstrip().startswith(("fatal:", "error:", "!"))]
    return tail("\n".join(errors) or output, 3) or f"git exited with status {done.returncode}"


def _git(folder: Path, *args: str, what: str = "Git") -> str:
    """Run git in the site folder; PermanentError with git's own sentence when it fails."""
    done = run_tool(("git", *args), folder, timeout=GIT_TIMEOUT, what=what)
    if done.returncode != 0:
        raise PermanentError(f"{what} failed: {_said(done)}")
    return done.stdout


def check_repository(folder: Path, remote: str | None) -> None:
    """PermanentError unless the folder is in a git repository (with `remote`, when one is named)."""
    _git(folder, "rev-parse", "--git-dir", what=f"Committing needs a git repository; {folder}")
    if remote:
        _git(folder, "remote", "get-url", "--", remote, what=f"Pushing to the git remote “{remote}”")


def _known(folder: Path, paths: Iterable[Path]) -> list[str]:
    """The paths, relative to the folder, that git can be told about: those that exist, and those gone
    that git knew (a removed file that was never committed is no change)."""
    names = sorted({path.relative_to(folder).as_posix() for path in paths})
    present = [name for name in names if (folder / name).exists()]
    gone = [name for name in names if name not in present]
    tracked = _git(folder, "ls-files", "-z", "--", *gone).split("\0") if gone else []
    return sorted({*present, *(name for name in gone if any(t == name or t.startswith(name + "/") for t in tracked))})


def commit(folder: Path, paths: Iterable[Path], message: str) -> str | None:
    """Commit exactly these files (written, moved or removed); the new commit's id, or None when they
    hold no change."""
    known = _known(folder, paths)
    if not known:
        return None
    _git(folder, "add", "-A", "--", *known, what="Adding the changed files to git")
    if not _git(folder, "status", "--porcelain", "--", *known).strip():
        return None
    _git(folder, "commit", "--quiet", "-m", message, "--", *known, what="Committing the change")
    return _git(folder, "rev-parse", "HEAD").strip()


def uncommit(folder: Path, made: str, paths: Iterable[Path]) -> None:
    """Take back the commit `made` (just made): the branch moves back only if it still points at it, and
    only these files' entries in the index change, so the author's own staged changes stay staged."""
    parent = _git(folder, "rev-parse", "--verify", "--quiet", f"{made}^").strip()
    _git(folder, "update-ref", "-m", "Longhand: take back a change that could not be pushed", "HEAD", parent, made)
    names = sorted({path.relative_to(folder).as_posix() for path in paths})
    _git(folder, "reset", "--quiet", parent, "--", *names)


def push(folder: Path, remote: str) -> None:
    """Push the current branch to `remote`; TransientError with git's sentence when it fails (offline,
    or the remote has commits to pull first), so the outbox tries again later."""
    done = run_tool(("git", "push", "--quiet", remote, "HEAD"), folder, timeout=GIT_TIMEOUT, what="Pushing")
    if done.returncode != 0:
        raise TransientError(f"Pushing the change to “{remote}” failed, so it was taken back for now: {_said(done)}")
