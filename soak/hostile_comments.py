"""Hostile comments: an XSS corpus put into a real WordPress's comments, synced and shown in the inbox.

How the vectors get in: straight into WordPress's comments table (`$wpdb->insert`, run by php-cli through
tests/wordpress/eval.php), as a compromised database or a hostile server holds them. None of
WordPress's own defences runs (no kses, no wp_filter_comment, no wp_new_comment). Every vector is stored
twice, as two comments:

- "verbatim": a must-use plugin written into the test site (see VERBATIM_PLUGIN) makes the REST API
  serve these comments' `content.rendered` byte for byte as stored: what a hostile server sends. That
  they arrive so is checked on the synced comment.
- "rendered": served as stock WordPress renders a stored comment (wptexturize, wpautop,
  force_balance_tags, make_clickable): what an honest WordPress over a tampered database sends.

Every comment's author name carries a script too (it is shown, escaped, above the comment). Each post
also gets one harmless comment with a picture, `/r/0` (CONTROL): the author loads it in the second half
(below), so that every hostile comment is also shown on a page that allows images.

Longhand then works as it does for the author: the blog is added with its password in the system
keyring, the real window (with QtWebEngine) syncs comments at start through the real comment sync, and
the Inbox tab shows each post's conversation (one post per BATCH vectors, both copies of each), waiting
for the page and then SETTLE_MS more. Counted per vector, from a sentinel web server
(tests/sentinel.py) that every vector would call:

- a script ran: the sentinel got `/s/N`, or the page carries vector N's mark (`data-xssN`), or the
  conversation's request interceptor saw the page ask for `/s/N` (it blocks the request, so the sentinel
  alone would miss a script that ran);
- a remote load: the sentinel got `/r/N`, or the interceptor saw the page ask for it;
- unsafe stored HTML: the sanitised `html` kept in the store has a tag outside the allow-list, a
  <script>, an on*= handler, a style, a src, or a javascript:, vbscript: or data: address.

Then, as an author may, "Load images" is pressed for every comment that offers it (the control picture
of each post among them), so every post is shown again with images allowed: no script may run then
either, and the only remote loads allowed are the images of those comments (`/r/N` where the stored
HTML holds that address as a blocked image). Those loads are expected and not counted as failures; they
must arrive, which proves the page does reach the sentinel when it is allowed to.

    python -m soak.hostile_comments [CASES]
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editor.core.accounts import Accounts
from editor.core.comments import Comments
from editor.core.model import Account, Comment
from editor.core.sanitize import TAGS
from editor.core.store import Store
from soak import world
from soak.report import Row
from tests.sentinel import Sentinel, hit_numbers
from tests.wordpress_server import WordPress
from tests.xss_vectors import MARKER, fill, vectors

if TYPE_CHECKING:
    from editor.ui.main_window import MainWindow

CHECK = "hostile comments (XSS corpus)"
MODES = ("verbatim", "rendered")
BATCH = 10  # vectors per post: one conversation page shows 2 × BATCH hostile comments
SETTLE_MS = 300  # after a page has loaded, time for anything delayed (timers, animations, lazy loads)
TIMEOUT_S = 60.0  # for the sync, and for each page; Chromium starts slowly on a shared machine
AUTHOR_TEMPLATE = '<img src=x onerror="$JS">'  # appended to each comment's author name
CONTROL = 0  # the number of each post's harmless picture comment
CONTROL_HTML = '<p>A photo from my trip.</p><img src="$R" alt="photo">'

VERBATIM_PLUGIN = r"""<?php
/**
 * Plugin Name: Longhand hostile comments
 * Description: Written by soak/hostile_comments.py. A comment with the meta longhand_hostile=verbatim is
 * served exactly as stored (no wptexturize, wpautop, ...), as a hostile server would send it.
 */
add_filter('comment_text', function ($text, $comment = null) {
    if ($comment instanceof WP_Comment
        && get_comment_meta($comment->comment_ID, 'longhand_hostile', true) === 'verbatim') {
        return $comment->comment_content;
    }
    return $text;
}, PHP_INT_MAX, 2);
"""

# One post and its comments, straight into the tables; prints the new ids as JSON.
INJECT_PHP = r"""
global $wpdb;
$post = wp_insert_post(array('post_title' => $args['title'], 'post_status' => 'publish',
                             'post_author' => 1, 'comment_status' => 'open'), true);
if (is_wp_error($post)) { fwrite(STDERR, $post->get_error_message()); exit(1); }
$made = array();
foreach ($args['comments'] as $c) {
    $row = array(
        'comment_post_ID' => $post, 'comment_author' => $c['author'],
        'comment_author_email' => $c['email'], 'comment_author_url' => '',
        'comment_author_IP' => '127.0.0.1', 'comment_date' => current_time('mysql'),
        'comment_date_gmt' => current_time('mysql', true), 'comment_content' => $c['content'],
        'comment_karma' => 0, 'comment_approved' => '1', 'comment_agent' => 'hostile',
        'comment_type' => 'comment', 'comment_parent' => 0, 'user_id' => 0);
    if (!$wpdb->insert($wpdb->comments, $row)) { fwrite(STDERR, $wpdb->last_error); exit(1); }
    $id = (int) $wpdb->insert_id;
    if (get_comment($id)->comment_content !== $c['content']) { fwrite(STDERR, "not stored as given: $id"); exit(1); }
    add_comment_meta($id, 'longhand_hostile', $c['mode']);
    $made[] = $id;
}
wp_update_comment_count_now($post);
echo json_encode(array('post' => $post, 'comments' => $made));
"""


@dataclass(frozen=True)
class Injected:
    """One hostile comment on the blog: vector `number` stored in `mode`."""

    number: int
    mode: str
    vector: str
    remote_id: str
    post_id: str


def install_verbatim_plugin(wordpress: WordPress) -> None:
    """Put VERBATIM_PLUGIN into the test site's mu-plugins (idempotent; other comments are untouched)."""
    folder = wordpress.root / "wp-content" / "mu-plugins"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "longhand-hostile-comments.php").write_text(VERBATIM_PLUGIN)


def inject(wordpress: WordPress, corpus: dict[int, str], sentinel_url: str) -> list[Injected]:
    """Store every vector of `corpus` as a comment, once per mode, BATCH vectors to a new post that also
    gets the CONTROL comment, bypassing all of WordPress's filtering (see the module's docstring)."""
    install_verbatim_plugin(wordpress)
    tag = f"{time.time_ns():x}"
    numbers = sorted(corpus)
    texts = {**corpus, CONTROL: fill(CONTROL_HTML, CONTROL, sentinel_url)}
    injected = []
    for start in range(0, len(numbers), BATCH):
        batch = numbers[start : start + BATCH]
        planned = [(CONTROL, "control")] + [(number, mode) for number in batch for mode in MODES]
        comments = [
            {
                "content": texts[number],
                "mode": mode,
                "author": f"Mallory {number} {fill(AUTHOR_TEMPLATE, number, sentinel_url)}",
                "email": f"mallory-{number}-{tag}@example.com",
            }
            for number, mode in planned
        ]
        made = json.loads(
            wordpress.wp_eval(
                INJECT_PHP, args={"title": f"Hostile comments {batch[0]}–{batch[-1]} ({tag})", "comments": comments}
            )
        )
        injected += [
            Injected(number, mode, texts[number], str(remote_id), str(made["post"]))
            for (number, mode), remote_id in zip(planned, made["comments"], strict=True)
        ]
    return injected


def add_blog(store: Store, wordpress: WordPress) -> Account:
    """The test WordPress as a blog of this store, its application password in the system keyring."""
    return Accounts(store).add(
        Account(None, f"hostile-{time.time_ns():x}", "wordpress", wordpress.url, wordpress.admin_user),
        wordpress.app_password,
    )


class _Markup(HTMLParser):
    """Every start tag of a fragment with its attributes (values unescaped, as a browser reads them)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag


# Attributes that run, style or load something; never in a comment as stored (images are blocked).
ACTIVE_ATTRIBUTES = frozenset(
    {
        "style",
        "src",
        "srcset",
        "srcdoc",
        "background",
        "poster",
        "action",
        "formaction",
        "data",
        "xlink:href",
        "ping",
        "http-equiv",
        "codebase",
        "dynsrc",
        "lowsrc",
    }
)
_BAD_SCHEME = re.compile(r"(javascript|vbscript|data):")


def stored_problems(html: str) -> list[str]:
    """What is unsafe in sanitised comment HTML as stored (empty: nothing)."""
    problems = ["a <script> tag"] if re.search(r"<\s*script", html, re.IGNORECASE) else []
    parser = _Markup()
    parser.feed(html)
    parser.close()
    for tag, attributes in parser.tags:
        if tag not in TAGS:
            problems.append(f"<{tag}> is not in the allow-list")
        for name, value in attributes:
            if name.startswith("on") or name in ACTIVE_ATTRIBUTES:
                problems.append(f"{name}= on <{tag}>")
            # Browsers ignore whitespace and control characters inside a scheme ("java\tscript:").
            bare = re.sub(r"[\x00-\x20]+", "", value or "").lower()
            if _BAD_SCHEME.search(bare):
                problems.append(f"{name}={value!r} on <{tag}>")
    return problems


@dataclass
class Findings:
    """What showing the corpus in the inbox did, by vector number."""

    vectors: int
    comments: int  # hostile comments shown (2 per vector; the control pictures not counted)
    scripts: set[int] = field(default_factory=set)  # a script ran (any phase)
    loads: set[int] = field(default_factory=set)  # a remote load nobody asked for (any phase)
    stored: dict[int, list[str]] = field(default_factory=dict)  # unsafe stored HTML
    images_asked: set[int] = field(default_factory=set)  # vectors whose blocked images the author loaded
    images_loaded: set[int] = field(default_factory=set)  # of those, the ones the sentinel saw
    sentinel_paths: dict[str, list[str]] = field(default_factory=dict)  # phase → requests the sentinel got
    blocked: dict[str, list[str]] = field(default_factory=dict)  # phase → sentinel URLs the interceptor saw

    @property
    def failures(self) -> set[int]:
        """The vectors that ran, loaded, or were stored unsafe (CONTROL among them if its picture loaded
        before the author asked)."""
        return self.scripts | self.loads | set(self.stored)

    def row(self) -> Row:
        """The reliability table's row."""
        note = (
            f"{self.comments} comments ({', '.join(MODES)}): {len(self.scripts)} scripts run, "
            f"{len(self.loads)} remote loads, {len(self.stored)} unsafe stored; after Load images "
            f"{len(self.images_loaded)}/{len(self.images_asked)} asked-for images loaded (expected)"
        )
        return Row(CHECK, self.vectors, len(self.failures), note=note)


def _wait(condition: Callable[[], bool], what: str, timeout: float = TIMEOUT_S) -> None:
    """Run Qt's event loop until `condition()` holds; TimeoutError naming `what` if it never does."""
    from PySide6.QtTest import QTest

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up after {timeout:.0f} s waiting for {what}")
        QTest.qWait(20)


def _page_value(view: Any, script: str) -> Any:
    """The value of `script` in the conversation page (run in the application's world: the page's own
    JavaScript is off)."""
    box: dict[str, Any] = {}
    view.run_script(f"JSON.stringify({script})", lambda value: box.setdefault("value", value))
    _wait(lambda: "value" in box, "the conversation page to answer")
    return json.loads(box["value"]) if box["value"] is not None else None


def _show(window: MainWindow, comment: Comment, thread_size: int) -> None:
    """Select `comment` in the inbox list and wait until its whole conversation is on the page."""
    panel, conversation = window.inbox.list_panel, window.inbox.conversation
    if conversation.comment is None or conversation.comment.id != comment.id:
        # The list holds the newest 500 comments; one not in it is shown the way selecting it would.
        if not panel.select(comment.id):
            conversation.show_comment(comment)
    _wait(
        lambda: (
            _page_value(
                conversation.view, "[document.querySelector('.selected')?.id, document.querySelectorAll('.c').length]"
            )
            == [f"c{comment.id}", thread_size]
        ),
        f"the conversation of comment {comment.id}",
    )


def _marks(window: MainWindow) -> set[int]:
    """The vectors whose script marked the page shown now."""
    keys = _page_value(window.inbox.conversation.view, "Object.keys(document.documentElement.dataset)")
    return {int(key[len(MARKER) :]) for key in keys if re.fullmatch(MARKER + r"\d+", key)}


def _synced(window: MainWindow, injected: list[Injected]) -> dict[str, Comment]:
    """Wait for the window's own comment sync to bring every injected comment; them by remote id."""
    comments = Comments(window.store)
    wanted = {i.remote_id for i in injected}
    found: dict[str, Comment] = {}
    asked = [time.monotonic()]  # the window syncs at start

    def arrived() -> bool:
        found.update({c.remote_id: c for c in comments.list(limit=1_000_000) if c.remote_id in wanted})
        if len(found) < len(wanted) and time.monotonic() - asked[0] > 5:
            window.inbox.sync()  # F5, in case the start-up sync ran before the blog was added
            asked[0] = time.monotonic()
        return len(found) == len(wanted)

    _wait(arrived, f"the sync of {len(wanted)} hostile comments")
    return found


def examine(window: MainWindow, injected: list[Injected], sentinel: Sentinel) -> Findings:
    """Show every injected comment's conversation in `window`'s inbox, by default and then with the
    images loaded, and count what ran and loaded (see the module's docstring). `window` is shown, on a
    store whose blog is the WordPress that holds `injected`."""
    window.side_tabs.setCurrentIndex(1)  # the Inbox tab: the conversation is on screen
    stored = _synced(window, injected)
    for item in injected:
        if item.mode == "verbatim" and stored[item.remote_id].content != item.vector:
            raise RuntimeError(
                f"vector {item.number} did not reach Longhand verbatim: {stored[item.remote_id].content!r}"
            )
    hostile = [i for i in injected if i.number != CONTROL]
    findings = Findings(vectors=len({i.number for i in hostile}), comments=len(hostile))
    for item in injected:
        problems = stored_problems(stored[item.remote_id].html)
        if problems:
            findings.stored.setdefault(item.number, []).extend(f"{item.mode}: {p}" for p in problems)

    posts: dict[str, list[Injected]] = {}
    for item in injected:
        posts.setdefault(item.post_id, []).append(item)
    comments = Comments(window.store)
    threads = {post: len(comments.thread(stored[items[0].remote_id].id)) for post, items in posts.items()}
    interceptor = window.inbox.conversation.view.interceptor

    def phase(name: str, show_post: Callable[[list[Comment], int], None]) -> tuple[set[int], set[int], set[int]]:
        """Show every post with `show_post(its comments, thread size)`, SETTLE_MS more each; returns the
        vectors that marked a page, and those with /s/ and /r/ requests (the sentinel got them or the
        interceptor saw them), keeping both lists of requests in `findings`."""
        sentinel.clear()
        seen_before = len(interceptor.requested)
        marked: set[int] = set()
        for post, items in posts.items():
            show_post([stored[i.remote_id] for i in items], threads[post])
            _wait_ms(SETTLE_MS)
            marked |= _marks(window)
        paths = sentinel.paths()
        asked = [url for url in interceptor.requested[seen_before:] if url.startswith(sentinel.url + "/")]
        findings.sentinel_paths[name] = paths
        findings.blocked[name] = asked
        return marked, hit_numbers(paths + asked, "s"), hit_numbers(paths + asked, "r")

    # Default: images blocked. Nothing may run, nothing may load.
    marked, scripts, loads = phase("default", lambda comments, size: _show(window, comments[0], size))
    findings.scripts |= marked | scripts
    findings.loads |= loads

    # The author presses "Load images" on every comment that offers it.
    conversation = window.inbox.conversation

    def load_images(comments: list[Comment], size: int) -> None:
        for comment in comments:
            if "data-blocked-src" not in comment.html:
                continue
            _show(window, comment, size)
            if not conversation.load_images_button.isEnabled():
                raise RuntimeError(f"comment {comment.id} has blocked images but no Load images button")
            conversation.load_images_button.click()
            images = f"document.querySelectorAll('#c{comment.id} img[src]').length"
            _wait(
                lambda script=images: _page_value(conversation.view, script) > 0, f"the images of comment {comment.id}"
            )
            findings.images_asked |= hit_numbers(_blocked_sources(comment.html), "r")

    marked, scripts, loads = phase("images", load_images)
    # The asked-for images must arrive: that is the page reaching the sentinel when it is allowed to.
    try:
        _wait(lambda: findings.images_asked <= sentinel.hits("r"), "the asked-for images", timeout=10)
    except TimeoutError:
        pass  # reported: images_loaded falls short of images_asked
    findings.sentinel_paths["images"] = sentinel.paths()
    findings.images_loaded = findings.images_asked & sentinel.hits("r")
    findings.scripts |= marked | scripts | sentinel.hits("s")
    findings.loads |= (loads | sentinel.hits("r")) - findings.images_asked
    return findings


def _wait_ms(milliseconds: int) -> None:
    from PySide6.QtTest import QTest

    QTest.qWait(milliseconds)


def _blocked_sources(html: str) -> list[str]:
    """The addresses of a sanitised comment's blocked images."""
    parser = _Markup()
    parser.feed(html)
    parser.close()
    return [
        value or ""
        for tag, attributes in parser.tags
        if tag == "img"
        for name, value in attributes
        if name == "data-blocked-src"
    ]


def corpus(sentinel_url: str, cases: int) -> dict[int, str]:
    """The first `cases` vectors of tests/xss_vectors.py (all of them when `cases` is larger)."""
    return dict(list(vectors(sentinel_url).items())[:cases])


def application() -> Any:
    """The QApplication, made (offscreen unless a platform is set, QtWebEngine ready) if there is none."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from editor.ui.app import prepare_environment

    if QApplication.instance() is None:
        prepare_environment()
        import PySide6.QtWebEngineWidgets  # noqa: F401  (must precede the QApplication)
        from PySide6.QtCore import QCoreApplication, Qt

        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
        QApplication(sys.argv[:1])
    return QApplication.instance()


def run(cases: int, workdir: Path, wordpress: WordPress) -> Row:
    """Inject `cases` vectors (all of the corpus when larger) into `wordpress` and show them in a real
    window on a store in `workdir`; the row counts vectors that ran, loaded or were stored unsafe.

    The system keyring must be usable (the blog's password goes there)."""
    from PySide6.QtCore import QEvent

    from editor.ui.main_window import MainWindow

    app = application()
    workdir.mkdir(parents=True, exist_ok=True)
    with Sentinel() as sentinel:
        injected = inject(wordpress, corpus(sentinel.url, cases), sentinel.url)
        with Store.open(Path(tempfile.mkdtemp(prefix="hostile-comments-", dir=workdir))) as store:
            add_blog(store, wordpress)
            window = MainWindow(store)
            window.show()
            try:
                findings = examine(window, injected, sentinel)
            finally:
                window.close()
                window.deleteLater()
                app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
                app.processEvents()
    return findings.row()


if __name__ == "__main__":
    application()  # before the private bus is in the environment: Qt must never see it
    world.main(run, len(vectors()))
