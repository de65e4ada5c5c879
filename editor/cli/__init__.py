"""The command line: the same core services as the window, for scripts and tests. No Qt here.

Every object printed with --json carries its local `id`, which every command that takes a draft
accepts. Failures exit non-zero with one plain sentence on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime
from enum import Enum
from typing import Any

from .. import __version__
from ..backends.base import BackendError
from ..core import frontmatter
from ..core.credentials import CredentialsError
from ..core.model import Draft
from ..core.paths import data_dir
from ..core.store import Store, StoreError


class CommandError(Exception):
    """A command that cannot be done; the message is printed as is, and the exit status is `status`."""

    def __init__(self, message: str, *, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


def plain(value: Any) -> Any:
    """`value` with datetimes, enums and tuples turned into what JSON can hold."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def draft_json(draft: Draft, *, body: bool = True) -> dict[str, Any]:
    """A draft as JSON-ready data (`body` False leaves the text out, for lists)."""
    data = plain(asdict(draft))
    data["extra"] = json.loads(json.dumps(data["extra"], default=str))
    if not body:
        del data["body"]
    return data


def show(args: argparse.Namespace, data: Any, text: Callable[[], str]) -> None:
    """Print `data` as JSON with --json, else the plain text `text()` makes."""
    print(json.dumps(plain(data), ensure_ascii=False, indent=2) if args.json else text())


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also the source of `--help`)."""
    parser = argparse.ArgumentParser(prog="longhand", description="Write blog posts offline; publish later.")
    parser.add_argument("--version", action="version", version=f"longhand {__version__}")
    parser.add_argument(
        "--data-dir", metavar="DIR", help="where drafts are kept (default: $LONGHAND_HOME or the user data folder)"
    )
    desktop = parser.add_mutually_exclusive_group()
    desktop.add_argument(
        "--install-desktop",
        action="store_true",
        help="add Longhand to the desktop's applications, as the opener of Markdown files and longhand:// links",
    )
    desktop.add_argument("--uninstall-desktop", action="store_true", help="take Longhand off the desktop again")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    drafts.add_commands(commands)
    blogs.add_commands(commands)
    comments.add_commands(commands)
    capabilities.add_commands(commands)
    window.add_commands(commands)
    # After the commands: their own usage lines are built from the parser's, which this would spoil.
    parser.usage = (
        "longhand [--data-dir DIR] [FILE.md | longhand://URL ...]\n       longhand [--data-dir DIR] COMMAND ..."
    )
    return parser


def split_targets(parser: argparse.ArgumentParser, argv: list[str]) -> tuple[list[str], list[str]]:
    """`argv` cut into what the parser reads and the files and URLs for the window: everything from the
    first word that is not an option or a command (after `--`, every word is a file)."""
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    takes_value = {"--data-dir"}
    index = 0
    while index < len(argv):
        word = argv[index]
        if word == "--":
            return argv[:index], argv[index + 1 :]
        if word in takes_value:
            index += 2
            continue
        if word.startswith("-") and word != "-":
            index += 1
            continue
        return (argv, []) if word in commands else (argv[:index], argv[index:])
    return argv, []


def command_group(commands, name: str, help_text: str):
    """A command with actions (`longhand NAME ACTION …`); returns a function that adds one action."""
    group = commands.add_parser(name, help=help_text, description=help_text)
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)

    def action(action_name: str, handler, action_help: str, **kwargs) -> argparse.ArgumentParser:
        sub = actions.add_parser(action_name, help=action_help, description=action_help, **kwargs)
        sub.add_argument("--json", action="store_true", help="print JSON")
        sub.set_defaults(handler=handler)
        return sub

    return action


def leaf_command(commands, name: str, handler, help_text: str, **kwargs) -> argparse.ArgumentParser:
    """A command with no actions (`longhand NAME …`)."""
    sub = commands.add_parser(name, help=help_text, description=help_text, **kwargs)
    sub.add_argument("--json", action="store_true", help="print JSON")
    sub.set_defaults(handler=handler)
    return sub


def main(argv: list[str]) -> int:
    """Run a command line; returns the exit status."""
    parser = build_parser()
    options, targets = split_targets(parser, argv)
    args = parser.parse_args(options)
    directory = data_dir(args.data_dir)
    if args.install_desktop or args.uninstall_desktop:
        return desktop_command(install=args.install_desktop)
    if args.command is None:
        return window.open_targets(directory, targets)
    try:
        with Store.open(directory) as store:
            args.handler(store, args)
    except (StoreError, frontmatter.FrontMatterError, CommandError, BackendError, CredentialsError) as exc:
        print(f"longhand: {exc}", file=sys.stderr)
        return getattr(exc, "status", 1)
    except BrokenPipeError:  # `longhand drafts list | head`
        return 0
    return 0


def desktop_command(*, install: bool) -> int:
    """`--install-desktop` / `--uninstall-desktop`: say what changed, in one line per file."""
    from ..core import desktop

    try:
        changed = desktop.install() if install else desktop.uninstall()
    except OSError as exc:
        print(f"longhand: could not change the desktop's files: {exc.strerror or exc}", file=sys.stderr)
        return 1
    for line in changed:
        print(line)
    return 0


from . import blogs, capabilities, comments, drafts, window  # noqa: E402  (they use the helpers above)
