"""`longhand accounts|publish|pull|outbox …`: blogs, publishing through the outbox, downloading posts."""

from __future__ import annotations

import argparse
import getpass
import sys
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from ..backends.base import available_backends, backend_class, sign_in_of
from ..core.accounts import Accounts
from ..core.importing import import_draft
from ..core.model import Account, DraftKind, Job, JobState, PostStatus
from ..core.outbox import Outbox
from ..core.publish import ImagePlan, plan_images, pull, require_kind
from ..core.sentences import describe
from ..core.store import Store
from . import CommandError, command_group, leaf_command, show
from .connect import add_connect_action
from .drafts import read_source

CLI_STATUSES = {
    "publish": PostStatus.PUBLISHED,
    "draft": PostStatus.DRAFT,
    "pending": PostStatus.PENDING,
    "private": PostStatus.PRIVATE,
    "future": PostStatus.SCHEDULED,
}


def _account_json(account: Account) -> dict:
    return asdict(account)


def _read_secret(prompt: str) -> str:
    # Never from argv (other users can read it in `ps`): a prompt at a terminal, else one line of stdin.
    secret = getpass.getpass(prompt) if sys.stdin.isatty() else sys.stdin.readline().rstrip("\r\n")
    if not secret:
        raise CommandError("No password was given (type it at the prompt or pipe it on standard input).")
    return secret


def _connect(accounts: Accounts, account: Account) -> str:
    backend = accounts.backend(account)
    try:
        root = backend.discover()
        info = backend.verify()
    finally:
        backend.close()
    if root != account.api_root and account.id is not None:
        accounts.set_api_root(account.id, root)
    return f"Connected to {info.name} ({info.url}) as {info.user_name or account.username}."


def _accounts_add(store: Store, args: argparse.Namespace) -> None:
    from ..backends.base import Credentials, require_no_credentials_in_url

    require_no_credentials_in_url(args.url)  # before the prompt, which repeats the address
    backend = backend_class(args.backend)
    form = sign_in_of(backend)
    if form.user is not None and not args.user:
        raise CommandError(f"A {backend.label} blog needs --user: the {form.user.lower()} you sign in with.")
    user = args.user or ""
    name = args.name or urlsplit(args.url).hostname or Path(args.url.removeprefix("file://")).name or args.url
    # What the backend asks for, by its own name ("Application password", "Admin API key"); nothing for a
    # blog with no secret (a folder).
    secret = None if form.secret is None else _read_secret(f"{form.secret} for {user or args.url}: ")
    draft_account = Account(id=None, name=name, backend=args.backend, base_url=args.url.rstrip("/"), username=user)
    if not args.no_verify:  # check before saving anything, so a typo never becomes a saved blog
        probe = backend(Credentials(draft_account.base_url, user, secret or ""))
        try:
            draft_account = Account(**{**asdict(draft_account), "api_root": probe.discover()})
            probe.verify()
        finally:
            probe.close()
    account = Accounts(store).add(draft_account, secret)
    show(args, _account_json(account), lambda: f"{account.id}")


def _accounts_list(store: Store, args: argparse.Namespace) -> None:
    accounts = Accounts(store).list()
    show(
        args,
        [_account_json(a) for a in accounts],
        lambda: (
            "\n".join(f"{a.id:>3}  {a.name:<20} {a.backend:<10} {a.username}@{a.base_url}" for a in accounts)
            or "No blogs."
        ),
    )


def _accounts_test(store: Store, args: argparse.Namespace) -> None:
    accounts = Accounts(store)
    sentence = _connect(accounts, accounts.get(args.account))
    show(args, {"account": args.account, "ok": True, "message": sentence}, lambda: sentence)


def _accounts_remove(store: Store, args: argparse.Namespace) -> None:
    accounts = Accounts(store)
    account = accounts.get(args.account)
    accounts.remove(account.stored_id)
    show(args, {"id": account.id, "removed": True}, lambda: f"Removed the blog “{account.name}”.")


def _job_json(store: Store, job: Job) -> dict:
    data = asdict(job)
    if job.draft_id is not None:
        draft = store.get_draft(job.draft_id)
        data.update(draft_title=draft.display_title, remote_id=draft.remote_id, remote_url=draft.remote_url)
    return data


def _job_line(store: Store, job: Job) -> str:
    draft = store.get_draft(job.draft_id) if job.draft_id is not None else None
    title = draft.display_title if draft is not None else ""
    return f"{job.id:>4}  {job.state.value:<8} {job.kind.value:<8} {title}  {describe(job, draft)}"


def _pick_account(accounts: Accounts, wanted: str | None, draft_account: int | None) -> Account:
    if wanted:
        return accounts.get(wanted)
    if draft_account is not None:
        return accounts.get(draft_account)
    every = accounts.publishing()
    if len(every) == 1:
        return every[0]
    raise CommandError(
        "Which blog? Add one with `longhand accounts add`."
        if not every
        else "Which blog? Name one with --account (see `longhand accounts list`)."
    )


def _images_json(plan: ImagePlan) -> dict:
    return {
        "upload": [{"src": item.src, "path": str(item.path)} for item in plan.uploads],
        "skipped": [{"src": item.src, "reason": item.reason} for item in plan.skipped],
    }


def _publish(store: Store, args: argparse.Namespace) -> None:
    if args.draft.isdigit():
        draft = store.get_draft(int(args.draft))
    else:
        if not Path(args.draft).exists():
            raise CommandError(f"{args.draft} is neither a draft id nor a file.")
        draft = import_draft(store, *read_source(args.draft))
    at = None
    if args.at:
        try:
            at = datetime.fromisoformat(args.at.replace("Z", "+00:00"))
        except ValueError:
            raise CommandError(f"--at must be an ISO-8601 time, e.g. 2026-12-24T09:00:00Z, not {args.at!r}.") from None
        at = at if at.tzinfo else at.replace(tzinfo=timezone.utc)
    status = CLI_STATUSES[args.status] if args.status else (PostStatus.SCHEDULED if at else None)
    accounts = Accounts(store)
    account = _pick_account(accounts, args.account, draft.account_id)
    require_kind(backend_class(account.backend), draft.kind, draft.display_title)  # before it is queued
    plan = plan_images(store, draft)  # what will leave this computer, shown before it does
    if not args.json:
        for item in plan.uploads:
            print(f"Uploading {item.path}", file=sys.stderr)
        for skipped in plan.skipped:
            print(skipped.reason, file=sys.stderr)
    outbox = Outbox(store)
    job = outbox.publish(draft.stored_id, account.stored_id, status=status, at=at)
    if not args.queue_only:
        job = _ran(outbox, job.id)
    show(args, {**_job_json(store, job), "images": _images_json(plan)}, lambda: _job_line(store, job))
    _exit_status(job, tried=not args.queue_only)


def _ran(outbox: Outbox, job_id: int) -> Job:
    """Run the outbox now and return the job as it ended up (as another runner left it, if one had it)."""
    return next((j for j in outbox.run_due(now=True) if j.id == job_id), outbox.jobs.get(job_id))


def _exit_status(job: Job, *, tried: bool = True) -> None:
    """A job the command started that failed is an error (exit 1); one still waiting for a retry after
    being tried exits 75 (EX_TEMPFAIL), so a script can tell "not yet" from "done"."""
    if job.state in (JobState.FAILED, JobState.CONFLICT):
        raise CommandError(job.last_error or f"The job ended as {job.state.value}.")
    if tried and job.state in (JobState.QUEUED, JobState.RUNNING):
        why = f" ({job.last_error})" if job.last_error else ""
        raise CommandError(f"Not sent yet{why}; it stays in the outbox and will be tried again.", status=75)


def _unpublish(store: Store, args: argparse.Namespace) -> None:
    outbox = Outbox(store)
    job = _ran(outbox, outbox.unpublish(args.draft).id)
    show(args, _job_json(store, job), lambda: _job_line(store, job))
    _exit_status(job)


def _pull(store: Store, args: argparse.Namespace) -> None:
    accounts = Accounts(store)
    account = _pick_account(accounts, args.account, None)
    kind = DraftKind(args.kind)
    require_kind(backend_class(account.backend), kind)  # before the blog is asked anything
    backend = accounts.backend(account)
    try:
        if not account.api_root:
            accounts.set_api_root(account.stored_id, backend.discover())
        result = pull(store, account.stored_id, backend, kind=kind)
    finally:
        backend.close()
    show(
        args,
        asdict(result),
        lambda: (
            f"{len(result.created)} new, {len(result.updated)} updated, "
            f"{len(result.kept_local)} changed on both sides (kept yours)."
        ),
    )


def _outbox_list(store: Store, args: argparse.Namespace) -> None:
    jobs = Outbox(store).jobs.list(unfinished_only=not args.all)
    show(
        args,
        [_job_json(store, j) for j in jobs],
        lambda: "\n".join(_job_line(store, j) for j in jobs) or "The outbox is empty.",
    )


def _outbox_run(store: Store, args: argparse.Namespace) -> None:
    jobs = Outbox(store).run_due(now=True)
    show(
        args,
        [_job_json(store, j) for j in jobs],
        lambda: "\n".join(_job_line(store, j) for j in jobs) or "Nothing to send.",
    )
    failed = [j for j in jobs if j.state in (JobState.FAILED, JobState.CONFLICT)]
    if failed:
        raise CommandError(f"{len(failed)} of {len(jobs)} jobs did not go through; `longhand outbox list` says why.")


def _outbox_retry(store: Store, args: argparse.Namespace) -> None:
    outbox = Outbox(store)
    outbox.retry(args.job, overwrite=args.overwrite)
    job = _ran(outbox, args.job)
    show(args, _job_json(store, job), lambda: _job_line(store, job))
    _exit_status(job)


class _InstalledBackends:
    """The `--backend` choices, looked up only when a command needs them: discovering backends imports
    every plugin and httpx (~50 ms), which starting the window (argv parsed by this parser) never needs."""

    def __contains__(self, name: object) -> bool:
        return name in available_backends()

    def __iter__(self):
        return iter(available_backends())

    def __str__(self) -> str:  # the help's listing, with each backend's label
        return ", ".join(f"{name} ({cls.label})" for name, cls in available_backends().items()) or "none installed"


def add_commands(commands) -> None:
    """`longhand accounts|publish|pull|outbox …`."""
    action = command_group(commands, "accounts", "the blogs you publish to (passwords live in the system keyring)")
    add = action("add", _accounts_add, "add a blog; its password, key or token is read from a prompt or stdin")
    backend = add.add_argument(
        "--backend",
        required=True,
        choices=_InstalledBackends(),
        metavar="BACKEND",
        help="the blog's kind: %(installed)s",
    )
    backend.installed = backend.choices  # argparse formats help with the action's attributes
    add.add_argument("--url", required=True, help="the site's address, e.g. https://example.org")
    add.add_argument("--user", help="the user name on the blog (for blogs that have user names)")
    add.add_argument("--name", help="a short name for the blog (default: its host name)")
    add.add_argument("--no-verify", action="store_true", help="add it without signing in first (offline)")
    add_connect_action(action)
    action("list", _accounts_list, "list blogs")
    action("test", _accounts_test, "sign in to a blog and say how it went").add_argument("account")
    action("remove", _accounts_remove, "forget a blog and its password").add_argument("account")

    publish = leaf_command(commands, "publish", _publish, "publish a draft (id or .md file) through the outbox")
    publish.add_argument("draft", help="a draft id, or a Markdown file with front matter (imported first)")
    publish.add_argument("--account", help="blog id or name (default: the draft's blog, or the only one)")
    publish.add_argument("--status", choices=sorted(CLI_STATUSES), help="default: the draft's status")
    publish.add_argument("--at", help="when a scheduled (future) post goes live, ISO-8601")
    publish.add_argument("--queue-only", action="store_true", help="queue it without trying now")

    unpublish = leaf_command(commands, "unpublish", _unpublish, "move a draft's post to its blog's trash")
    unpublish.add_argument("draft", type=int)
    pulling = leaf_command(commands, "pull", _pull, "download a blog's posts (or pages) into drafts")
    pulling.add_argument("--account")
    pulling.add_argument("--kind", choices=[k.value for k in DraftKind], default="post", help="posts or pages")

    action = command_group(commands, "outbox", "what is waiting to be sent to your blogs")
    action("list", _outbox_list, "list unfinished jobs").add_argument(
        "--all", action="store_true", help="finished jobs too"
    )
    action("run", _outbox_run, "send every queued job now")
    retry = action("retry", _outbox_retry, "try a failed or conflicting job again now")
    retry.add_argument("job", type=int)
    retry.add_argument("--overwrite", action="store_true", help="replace the blog's newer copy with yours")
