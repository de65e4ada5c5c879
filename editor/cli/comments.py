"""`longhand comments …`: the comment inbox from the command line."""

from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path
from typing import Any

from ..core.comment_search import search
from ..core.comments import CommentNotFound, Comments
from ..core.inbox import ACTIONS, Inbox
from ..core.model import Comment, JobKind
from ..core.outbox import Outbox
from ..core.store import Store
from . import CommandError, command_group, show

VIEWS = ("all", "unread", "pending", "approved", "spam", "trash")
_TAG = re.compile(r"<[^>]+>")


def _text(comment: Comment) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", comment.html)).split())


def comment_json(comment: Comment) -> dict:
    """A comment as the --json output shows it: the local id (what the commands take) first."""
    return {
        "id": comment.id,
        "remote_id": comment.remote_id,
        "account_id": comment.account_id,
        "post_id": comment.post_id,
        "post_title": comment.post_title,
        "parent": comment.parent_remote_id,
        "author": comment.author_name,
        "author_email": comment.author_email,
        "author_url": comment.author_url,
        "status": comment.status,
        "date": comment.date.isoformat() if comment.date else None,
        "read": comment.read,
        "queued": comment.pending,
        "error": comment.error,
        "text": _text(comment),
        "html": comment.html,
    }


def _line(comment: Comment, depth: int = 0) -> str:
    mark = f" [queued: {comment.pending}]" if comment.pending else (f" [{comment.error}]" if comment.error else "")
    excerpt = _text(comment)
    excerpt = excerpt if len(excerpt) <= 70 else excerpt[:69] + "…"
    unread = "*" if not comment.read else " "
    return (
        f"{'  ' * depth}{unread}{comment.id:>5}  {comment.status:<8} {comment.author_name}: {excerpt}"
        f"  — {comment.post_title}{mark}"
    )


def _inbox(store: Store) -> Inbox:
    return Inbox(store, Outbox(store))


def _sync(store: Store, args: argparse.Namespace) -> None:
    inbox = _inbox(store)
    try:
        results = inbox.sync_all(only=args.account)
    finally:
        inbox.close()
    data: list[dict[str, Any]] = [
        {
            "account": r.account.name,
            "new": r.result.new if r.result else [],
            "changed": r.result.changed if r.result else [],
            "error": r.error,
        }
        for r in results
    ]
    show(
        args,
        data,
        lambda: (
            "\n".join(
                f"{d['account']}: " + (d["error"] or f"{len(d['new'])} new, {len(d['changed'])} changed") for d in data
            )
            or "No blogs with comments."
        ),
    )
    if any(r.error for r in results):
        raise CommandError("; ".join(f"{r.account.name}: {r.error}" for r in results if r.error))


def _list(store: Store, args: argparse.Namespace) -> None:
    comments = Comments(store).list(view=args.status)
    show(args, [comment_json(c) for c in comments], lambda: "\n".join(_line(c) for c in comments) or "No comments.")


def _show(store: Store, args: argparse.Namespace) -> None:
    comments = Comments(store)
    comment = comments.get(args.id)
    thread = comments.thread(comment.id)
    comments.mark_read([comment.id])
    show(
        args,
        {**comment_json(comment), "thread": [{**comment_json(c), "depth": d} for c, d in thread]},
        lambda: (
            f"{comment.post_title}\n\n"
            + "\n".join(("→" if c.id == comment.id else " ") + _line(c, d) for c, d in thread)
        ),
    )


def _markdown(args: argparse.Namespace) -> str:
    """The Markdown a command was given: --text, else the --file, else stdin."""
    if args.text is not None:
        return str(args.text)
    if args.file:
        try:
            return Path(args.file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {args.file}: {getattr(exc, 'strerror', None) or exc}.") from None
    return sys.stdin.read()


def _reply(store: Store, args: argparse.Namespace) -> None:
    inbox = _inbox(store)
    reply = inbox.reply(args.id, _markdown(args))
    inbox.outbox.run_due(now=True)
    reply = inbox.comments.get(reply.id)
    show(args, comment_json(reply), lambda: _line(reply))


def _moderate(store: Store, args: argparse.Namespace) -> None:
    inbox = _inbox(store)
    inbox.moderate(args.ids, args.action)
    inbox.outbox.run_due(now=True)
    done = [inbox.comments.get(i) for i in args.ids]
    show(args, [comment_json(c) for c in done], lambda: "\n".join(_line(c) for c in done))
    failed = [c for c in done if c.error]
    if failed:
        raise CommandError(failed[0].error)


def _edit(store: Store, args: argparse.Namespace) -> None:
    inbox = _inbox(store)
    inbox.edit(args.id, _markdown(args))
    inbox.outbox.run_due(now=True)
    edited = inbox.comments.get(args.id)
    show(args, comment_json(edited), lambda: _line(edited))
    if edited.error:
        raise CommandError(edited.error)


def _delete(store: Store, args: argparse.Namespace) -> None:
    inbox = _inbox(store)
    inbox.delete(args.ids)
    inbox.outbox.run_due(now=True)
    back = {c.id: c for c in (_found(inbox.comments, i) for i in args.ids) if c is not None}
    unfinished = inbox.outbox.jobs.list(unfinished_only=True)
    waiting = {j.payload["comment_id"] for j in unfinished if j.kind is JobKind.COMMENT_DELETE}
    data = [
        {
            "id": i,
            "deleted": i not in back and i not in waiting,
            "queued": i in waiting,
            "error": back[i].error if i in back else "",
        }
        for i in args.ids
    ]

    def said(d: dict[str, Any]) -> str:
        if d["error"]:
            return f"{d['id']}: {d['error']}"
        if d["queued"]:
            return f"{d['id']}: deleted here; deleted from the blog once it can be reached"
        return f"{d['id']}: deleted for good"

    show(args, data, lambda: "\n".join(said(d) for d in data))
    if back:
        raise CommandError(next(iter(back.values())).error)


def _found(comments: Comments, comment_id: int) -> Comment | None:
    try:
        return comments.get(comment_id)
    except CommentNotFound:
        return None


def _search(store: Store, args: argparse.Namespace) -> None:
    hits = search(store, args.text, limit=args.limit)
    data = [{**vars(h), "date": h.date.isoformat() if h.date else None} for h in hits]
    show(
        args,
        data,
        lambda: (
            "\n".join(f"{h.id:>5}  {h.status:<8} {h.author_name}: {h.snippet}  — {h.post_title}" for h in hits)
            or "No comments match."
        ),
    )


def add_commands(commands) -> None:
    """`longhand comments …`."""
    action = command_group(commands, "comments", "read, answer and moderate your blogs' comments")
    action("sync", _sync, "fetch new comments and status changes from every blog").add_argument(
        "--account", help="only this blog (id or name)"
    )
    action("list", _list, "list comments, newest first").add_argument(
        "--status", choices=VIEWS, default="all", help="which comments (default: all but spam and trash)"
    )
    search_ = action("search", _search, "find comments by their words, author or post title, best match first")
    search_.add_argument("text", help="words to look for; the last one may be the start of a word")
    search_.add_argument("--limit", type=int, default=50, help="at most this many (default: 50)")
    action("show", _show, "show a comment in its thread (and mark it read)").add_argument("id", type=int)
    for name, run, summary in (
        ("reply", _reply, "answer a comment; Markdown from --text, --file or stdin"),
        ("edit", _edit, "replace a comment's text; Markdown from --text, --file or stdin"),
    ):
        written = action(name, run, summary)
        written.add_argument("id", type=int)
        written.add_argument("--text", help="the Markdown itself")
        written.add_argument("--file", help="read the Markdown from this file")
    for name in ACTIONS:
        moderate = action(name, _moderate, f"{name} comments")
        moderate.add_argument("ids", type=int, nargs="+", metavar="ID")
    action("delete", _delete, "delete comments for good (their replies move up a level)").add_argument(
        "ids", type=int, nargs="+", metavar="ID"
    )
