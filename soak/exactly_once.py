"""Exactly-once through a fault-injecting proxy: posts, media, replies and moderation, counted on the blog.

Longhand's real core (Store, Accounts with the password in the system keyring, Outbox, Inbox) talks to a
real WordPress through tests.fault_proxy.FaultProxy in chaos mode: every request of the run gets, at
random (seeded), either passed or one of the proxy's faults: the answer dropped, the connection reset or
the body cut short after the server acted; a delay; 500, 503, 429 (Retry-After 0 or 1) or a Wi-Fi portal's
HTML page before it acted. All of them are worth retrying, so every job must end DONE.

Then WordPress itself (PHP and SQL, not the proxy, not Longhand's store) is asked what it holds: each new or
updated post once under its title, each image once in the media library (by content hash: every PNG here
is unique), each reply once (by a token in its text), each moderated comment in the status asked for last.

`python -m soak.exactly_once [CASES]` starts a WordPress and a Secret Service of its own and prints the rows.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import re
import secrets
import struct
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from editor.core.accounts import Accounts
from editor.core.inbox import Inbox
from editor.core.model import Account, Comment, Draft, Job, JobKind, JobState, PostStatus
from editor.core.outbox import Outbox
from editor.core.store import Store
from soak import world
from soak.report import Row
from tests.fault_proxy import FaultProxy
from tests.wordpress_server import WordPress

KINDS = ("create", "update", "media", "reply", "moderation")
# Inbox actions and the status WordPress (wp_get_comment_status) reports after each.
ACTIONS = {"approve": "approved", "unapprove": "unapproved", "spam": "spam", "trash": "trash"}
LOCAL_TO_ACTION = {"approved": "approve", "hold": "unapprove", "spam": "spam", "trash": "trash"}
# Faults after which the server has acted but the client never heard: the ones a duplicate comes from.
ACTED_UNHEARD = ("drop_response", "reset", "truncate")
MODERATIONS_PER_COMMENT = 2  # the second one must win, whatever order retries run them in
REPLIES_PER_PARENT = 2  # siblings with different texts: a lost reply's lookup must pick its own

CLIENT_TIMEOUT = 10.0  # seconds; the proxy's delay stays well under it (a timeout is not a fault here)
PROXY_DELAY = 0.5
MAX_ROUNDS = 60


@dataclass(frozen=True)
class Op:
    """One operation of the run: its kind, its outbox job, and what the blog must hold once it is done:
    a post's title (and a media op's image, by SHA-256), a reply's token, or a comment id and its status."""

    kind: str
    job_id: int
    expect: str
    image: str = ""  # a media op: the SHA-256 of the image its post carries
    gone: str = ""  # an update: the title that must no longer be on the blog
    status: str = ""  # a moderation: the status WordPress must report


Faults = dict[int, list[tuple[str, str, str]]]  # job id → (method, target, fault) of each request it sent


@dataclass
class Blog:
    """What the blog holds, read with PHP inside WordPress."""

    titles: Counter[str]
    media: Counter[str]
    replies: Counter[str]
    statuses: dict[str, str]


def run(
    cases: int, workdir: Path, wordpress: WordPress, *, seed: int = 1, rate: float = 0.25, budget: float = 1200.0
) -> list[Row]:
    """Run `cases` operations (new posts, updates, posts with a local image, replies, moderations; about
    a fifth each) through a chaos proxy (each request faulted with probability `rate`, drawn from `seed`)
    in front of `wordpress`, running the outbox for at most `budget` seconds, and count on the blog.

    The system keyring must be usable (the account's password goes there). Returns one row per kind:
    posts (new, updated and image-carrying posts), media, replies, moderation."""
    workdir.mkdir(parents=True, exist_ok=True)
    token = f"soak{secrets.token_hex(4)}"  # in every title, image and reply of this run, and nowhere else
    quota = split(cases)
    rng = random.Random(seed)
    with FaultProxy(wordpress.url) as proxy, Store.open(workdir / f"store-{token}") as store:
        proxy.delay = PROXY_DELAY
        marks: list[tuple[int, int]] = []  # (how many faults were drawn, job id) as each job starts
        outbox = Outbox(store, timeout=CLIENT_TIMEOUT, on_change=lambda job: _mark(job, proxy, marks))
        account = _add_account(store, proxy, wordpress, token)
        ops = _queue_posts(store, outbox, account, workdir, token, quota)
        ops += _queue_comment_work(store, outbox, account, wordpress, token, quota, rng)
        proxy.chaos(seed, rate)
        started = time.monotonic()
        rounds = _drain(outbox, budget)
        elapsed = time.monotonic() - started
        proxy.set("pass")
        jobs = {job.id: job for job in outbox.jobs.list()}
        faults = _faults_by_job(proxy.faults, marks)
    blog = read_blog(wordpress, token, [op.expect for op in ops if op.kind == "moderation"])
    timing = f"outbox: {rounds} rounds, {elapsed:.0f} s"
    return [
        _posts_row(ops, jobs, faults, blog, timing),
        _media_row(ops, jobs, faults, blog),
        _replies_row(ops, jobs, faults, blog),
        _moderation_row(ops, jobs, faults, blog),
    ]


def split(cases: int) -> dict[str, int]:
    """`cases` shared among the kinds as evenly as it goes (the first kinds take the remainder)."""
    base, extra = divmod(cases, len(KINDS))
    return {kind: base + (i < extra) for i, kind in enumerate(KINDS)}


def png(label: str) -> bytes:
    """A valid 8×8 RGB PNG whose pixels come from `label`'s hash: different labels, different files."""
    size = 8
    pixels = (hashlib.sha256(label.encode()).digest() * 6)[: size * size * 3]
    raw = b"".join(b"\x00" + pixels[row * size * 3 : (row + 1) * size * 3] for row in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


# -- setting up ---------------------------------------------------------------------------------
def _add_account(store: Store, proxy: FaultProxy, wordpress: WordPress, token: str) -> Account:
    # The API root is given, so no discovery request goes through the chaos.
    return Accounts(store).add(
        Account(None, f"soak {token}", "wordpress", proxy.url, wordpress.admin_user, api_root=proxy.url + "/wp-json/"),
        wordpress.app_password,
    )


def _mark(job: Job, proxy: FaultProxy, marks: list[tuple[int, int]]) -> None:
    """Note where each job's requests start in the proxy's fault log (the outbox runs one job at a time)."""
    if job.state is JobState.RUNNING:
        marks.append((len(proxy.faults), job.id))


def _queue_posts(
    store: Store, outbox: Outbox, account: Account, workdir: Path, token: str, quota: dict[str, int]
) -> list[Op]:
    ops = [
        _queue_new(
            store,
            outbox,
            account,
            Draft(title=f"{token} new {i:04d}", body=f"Post {i}, sent once.", status=PostStatus.PUBLISHED),
            "create",
        )
        for i in range(quota["create"])
    ]
    ops += _queue_updates(store, outbox, account, token, quota["update"])
    for i in range(quota["media"]):
        image = workdir / f"{token}-{i:04d}.png"
        image.write_bytes(png(f"{token} {i}"))
        draft = Draft(
            title=f"{token} picture {i:04d}",
            body=f"A figure:\n\n![figure {i}]({image.as_uri()})\n",
            status=PostStatus.PUBLISHED,
        )
        post = _queue_new(store, outbox, account, draft, "media")
        ops.append(replace(post, image=hashlib.sha256(image.read_bytes()).hexdigest()))
    return ops


def _queue_new(store: Store, outbox: Outbox, account: Account, draft: Draft, kind: str) -> Op:
    draft = store.create_draft(draft)
    return Op(kind, outbox.publish(draft.id, account.id).id, draft.title)


def _queue_updates(store: Store, outbox: Outbox, account: Account, token: str, count: int) -> list[Op]:
    """Publish `count` posts without faults, then queue an update of each (a new title and text)."""
    drafts = [
        store.create_draft(Draft(title=f"{token} before {i:04d}", body="First version.", status=PostStatus.PUBLISHED))
        for i in range(count)
    ]
    for draft in drafts:
        outbox.publish(draft.id, account.id)
    _require_done(outbox.run_due(now=True), "publishing the posts to update")
    ops = []
    for i, draft in enumerate(drafts):
        updated = store.save_draft(
            replace(store.get_draft(draft.id), title=f"{token} after {i:04d}", body="Second version, sent once.")
        )
        ops.append(Op("update", outbox.publish(updated.id, account.id).id, updated.title, gone=draft.title))
    return ops


def _queue_comment_work(
    store: Store,
    outbox: Outbox,
    account: Account,
    wordpress: WordPress,
    token: str,
    quota: dict[str, int],
    rng: random.Random,
) -> list[Op]:
    """Make comments on the blog (parents to answer, comments to moderate), sync them into the inbox, and
    queue the replies and moderations."""
    parents = math.ceil(quota["reply"] / REPLIES_PER_PARENT)
    moderated = math.ceil(quota["moderation"] / MODERATIONS_PER_COMMENT)
    # Half the comments to moderate start held, half approved; the parents are approved, so a reply
    # queues no moderation of its own.
    statuses = ["1"] * parents + ["0" if i % 2 else "1" for i in range(moderated)]
    remote_ids = _make_comments(wordpress, token, statuses)
    inbox = Inbox(store, outbox)
    try:
        [synced] = inbox.sync_all(str(account.id))
        if synced.result is None:
            raise RuntimeError(f"syncing the comments failed: {synced.error}")
        local = {c.remote_id: c for c in inbox.comments.list(account_id=account.id, limit=10 * len(statuses))}
        ops = _queue_replies(inbox, [local[r] for r in remote_ids[:parents]], token, quota["reply"])
        ops += _queue_moderations(inbox, [local[r] for r in remote_ids[parents:]], quota["moderation"], rng)
    finally:
        inbox.close()
    return ops


def _make_comments(wordpress: WordPress, token: str, approved: list[str]) -> list[str]:
    """One post with a reader's comment per entry of `approved` ("1" approved, "0" held); their ids."""
    out = wordpress.wp_eval(
        r"""
        $post = wp_insert_post(array('post_title' => $args['token'] . ' comments', 'post_status' => 'publish',
                                     'post_content' => 'Talk here.'));
        $ids = array();
        foreach ($args['approved'] as $i => $approved) {
            $ids[] = (string) wp_insert_comment(array(
                'comment_post_ID' => $post, 'comment_content' => "Reader comment $i of " . $args['token'],
                'comment_author' => "Reader $i", 'comment_author_email' => "reader$i@example.org",
                'comment_author_IP' => '192.0.2.' . (1 + $i % 200), 'comment_approved' => $approved));
        }
        echo json_encode($ids);
        """,
        args={"token": token, "approved": approved},
    )
    return json.loads(out)


def _queue_replies(inbox: Inbox, parents: list[Comment], token: str, count: int) -> list[Op]:
    ops = []
    for i in range(count):
        mark = f"{token}-r{i:04d}"
        # An apostrophe and a dash, as people write: the blog typesets them, the lookup must still match.
        reply = inbox.reply(parents[i // REPLIES_PER_PARENT].id, f"Thanks -- that's a fair point ({mark}).")
        ops.append(Op("reply", _newest_job(inbox, JobKind.COMMENT_REPLY, reply.id), mark))
    return ops


def _queue_moderations(inbox: Inbox, comments: list[Comment], count: int, rng: random.Random) -> list[Op]:
    ops = []
    for i in range(count):
        comment = inbox.comments.get(comments[i // MODERATIONS_PER_COMMENT].id)
        action = rng.choice([a for a in ACTIONS if a != LOCAL_TO_ACTION[comment.status]])
        inbox.moderate([comment.id], action)
        ops.append(
            Op(
                "moderation",
                _newest_job(inbox, JobKind.COMMENT_STATUS, comment.id),
                comment.remote_id,
                status=ACTIONS[action],
            )
        )
    return ops


def _newest_job(inbox: Inbox, kind: JobKind, comment_id: int) -> int:
    """The id of the job just queued for this comment (the inbox does not return it)."""
    return next(
        job.id for job in inbox.outbox.jobs.list() if job.kind is kind and job.payload.get("comment_id") == comment_id
    )


def _require_done(jobs: Iterable[Job], what: str) -> None:
    stuck = [f"job {job.id}: {job.state} {job.last_error}" for job in jobs if job.state is not JobState.DONE]
    if stuck:
        raise RuntimeError(f"{what} failed without any fault: " + "; ".join(stuck))


# -- running ------------------------------------------------------------------------------------
def _drain(outbox: Outbox, budget: float) -> int:
    """Run the outbox (every queued job, due or not: the faults' retry times are tiny) until nothing is
    queued, for at most MAX_ROUNDS rounds and `budget` seconds; returns the rounds run."""
    deadline = time.monotonic() + budget
    for rounds in range(1, MAX_ROUNDS + 1):
        outbox.run_due(now=True)
        if not outbox.jobs.due(None) or time.monotonic() > deadline:
            return rounds
    return MAX_ROUNDS


def _faults_by_job(faults: list[tuple[str, str, str]], marks: list[tuple[int, int]]) -> Faults:
    """Each job's requests and the fault each got, from where each attempt started in the log."""
    by_job: Faults = {}
    for (start, job_id), (end, _) in zip(marks, [*marks[1:], (len(faults), 0)], strict=True):
        by_job.setdefault(job_id, []).extend(faults[start:end])
    return by_job


# -- counting on the blog -----------------------------------------------------------------------
def read_blog(wordpress: WordPress, token: str, comment_ids: list[str]) -> Blog:
    """What WordPress holds of this run: posts per title, media items per content hash (of every
    attachment), reply tokens per comment, and the status of each comment in `comment_ids`."""
    out = wordpress.wp_eval(
        r"""
        global $wpdb;
        $like = '%' . $wpdb->esc_like($args['token']) . '%';
        $titles = $wpdb->get_col($wpdb->prepare("SELECT post_title FROM {$wpdb->posts} WHERE post_type = 'post'
            AND post_status NOT IN ('auto-draft', 'inherit') AND post_title LIKE %s", $like));
        $media = array();
        foreach ($wpdb->get_col("SELECT ID FROM {$wpdb->posts} WHERE post_type = 'attachment'") as $id) {
            $file = get_attached_file($id);
            $media[] = ($file && is_file($file)) ? hash_file('sha256', $file) : '';
        }
        $replies = $wpdb->get_col($wpdb->prepare(
            "SELECT comment_content FROM {$wpdb->comments} WHERE comment_content LIKE %s", $like));
        $statuses = array();
        foreach ($args['comments'] as $id) {
            $statuses[$id] = wp_get_comment_status((int) $id) ?: 'gone';
        }
        echo json_encode(array('titles' => $titles, 'media' => $media, 'replies' => $replies,
                               'statuses' => (object) $statuses));
        """,
        args={"token": token, "comments": sorted(set(comment_ids))},
    )
    data = json.loads(out)
    marks = re.compile(re.escape(token) + r"-r\d{4}")
    return Blog(
        Counter(data["titles"]),
        Counter(data["media"]),
        Counter(m for text in data["replies"] for m in marks.findall(text)),
        data["statuses"],
    )


# -- the rows -----------------------------------------------------------------------------------
def _not_done(ops: list[Op], jobs: dict[int, Job]) -> list[Job]:
    return [jobs[op.job_id] for op in ops if jobs[op.job_id].state is not JobState.DONE]


def _mix(ops: list[Op], faults: Faults) -> str:
    """The faults the ops' requests got, and how many of their writes the server acted on unheard:
    "412 requests, pass 300, reset 14, …; 9 writes acted on, answer lost"."""
    sent = [(method, fault) for job_id in {op.job_id for op in ops} for method, _, fault in faults.get(job_id, [])]
    counts = Counter(fault for _, fault in sent)
    unheard = sum(fault in ACTED_UNHEARD and method != "GET" for method, fault in sent)
    listed = "".join(f", {fault} {n}" for fault, n in counts.most_common())
    return f"{len(sent)} requests{listed}; {unheard} writes acted on, answer lost"


def _blame(ops: list[Op], faults: Faults) -> str:
    """The server-acted-unheard faults the writes of these (duplicated) ops met, by request."""
    counts = Counter(
        f"{fault} on {method} {_route(target)}"
        for op in ops
        for method, target, fault in faults.get(op.job_id, [])
        if fault in ACTED_UNHEARD and method != "GET"
    )
    return "; after " + ", ".join(f"{what} ×{n}" for what, n in counts.most_common()) if counts else ""


def _unfinished(ops: list[Op], jobs: dict[int, Job], faults: Faults) -> str:
    """The jobs that did not end DONE: how many per state, each state's first error, and the faults
    those jobs' requests met."""
    stuck = _not_done(ops, jobs)
    if not stuck:
        return ""
    ended = Counter(str(job.state) for job in stuck)
    said = {str(job.state): job.last_error for job in reversed(stuck)}
    met = Counter(
        f"{fault} on {method} {_route(target)}"
        for job in stuck
        for method, target, fault in faults.get(job.id, [])
        if fault != "pass"
    )
    return (
        "; jobs not done: "
        + ", ".join(f"{state} {n} (“{said[state]}”)" for state, n in ended.items())
        + "; their faults: "
        + ", ".join(f"{what} ×{n}" for what, n in met.most_common())
    )


def _route(target: str) -> str:
    """/wp-json/wp/v2/comments/12?context=edit → /wp/v2/comments/12."""
    return target.split("?")[0].split("/wp-json")[-1]


def _posts_row(ops: list[Op], jobs: dict[int, Job], faults: Faults, blog: Blog, timing: str) -> Row:
    posts = [op for op in ops if op.kind in ("create", "update", "media")]
    lost, duplicated, culprits = 0, 0, []
    for op in posts:
        found = blog.titles[op.expect] + blog.titles[op.gone]  # an update that made a new post leaves both
        lost += blog.titles[op.expect] == 0
        duplicated += max(found - 1, 0)
        if found > 1:
            culprits.append(op)
    kinds = Counter(op.kind for op in posts)
    note = (
        f"{kinds['create']} new, {kinds['update']} updated, {kinds['media']} with an image; {timing}; "
        f"{_mix(posts, faults)}{_blame(culprits, faults)}{_unfinished(posts, jobs, faults)}"
    )
    return Row("exactly-once: posts", len(posts), len(_not_done(posts, jobs)), lost, duplicated, note)


def _media_row(ops: list[Op], jobs: dict[int, Job], faults: Faults, blog: Blog) -> Row:
    media = [op for op in ops if op.kind == "media"]
    return _counted_row(
        "exactly-once: media",
        "each image's items in the media library, by SHA-256",
        media,
        lambda op: blog.media[op.image],
        jobs,
        faults,
    )


def _replies_row(ops: list[Op], jobs: dict[int, Job], faults: Faults, blog: Blog) -> Row:
    replies = [op for op in ops if op.kind == "reply"]
    return _counted_row(
        "exactly-once: replies",
        "comments holding each reply's token",
        replies,
        lambda op: blog.replies[op.expect],
        jobs,
        faults,
    )


def _counted_row(
    check: str, what: str, ops: list[Op], copies: Callable[[Op], int], jobs: dict[int, Job], faults: Faults
) -> Row:
    """The row for operations each of which must leave one item on the blog: `copies` counts an op's."""
    culprits = [op for op in ops if copies(op) > 1]
    note = f"{what}; {_mix(ops, faults)}{_blame(culprits, faults)}{_unfinished(ops, jobs, faults)}"
    return Row(
        check,
        len(ops),
        len(_not_done(ops, jobs)),
        sum(copies(op) == 0 for op in ops),
        sum(max(copies(op) - 1, 0) for op in ops),
        note,
    )


def _moderation_row(ops: list[Op], jobs: dict[int, Job], faults: Faults, blog: Blog) -> Row:
    moderations = [op for op in ops if op.kind == "moderation"]
    last = {op.expect: op.status for op in moderations}  # the author's last word on each comment
    wrong = {
        cid: f"{blog.statuses.get(cid)}≠{status}" for cid, status in last.items() if blog.statuses.get(cid) != status
    }
    note = (
        f"{len(last)} comments, {MODERATIONS_PER_COMMENT} moderations each; lost = comments not in the "
        f"status asked for last{': ' + ', '.join(wrong.values()) if wrong else ''}; {_mix(moderations, faults)}"
        f"{_unfinished(moderations, jobs, faults)}"
    )
    return Row("exactly-once: moderation", len(moderations), len(_not_done(moderations, jobs)), len(wrong), 0, note)


if __name__ == "__main__":
    world.main(run, 200)
