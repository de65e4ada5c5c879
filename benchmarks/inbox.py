"""The comment inbox with a big blog: `QT_QPA_PLATFORM=offscreen python benchmarks/inbox.py`, and the "inbox"
section of benchmarks/run.py.

The blog is the real WordPress of the tests (tests/wordpress_server.py: Debian's packages on 127.0.0.1),
filled with 10,003 comments on 40 posts straight through SQL (not timed): dates spread over three years,
the newest few hundred within the last 30 days, some replies, some held, spam and trash.

What is timed:

* the first sync of those comments into an empty store (`sync_comments`, the wall time; a fresh store and
  a fresh backend each run);
* a sync with nothing new, on the backend kept from the previous sync (as the window's sync keeps it):
  the requests it sends, counted by an httpx event hook on the backend's client, and its wall time;
* in the real main window offscreen, on the synced store: opening the Inbox tab (with nothing new, and
  after a comment was stored, as a sync would: the list is read again), switching the view
  (All, Unread, Pending, Approved, Spam, Trash), and scrolling the list from the top to the end a page
  at a time (one page every ~20 ms, as a held Page Down would); and, without a target, making the next
  comment current (j), which shows its conversation. A stall is the lateness of a 5 ms
  PreciseTimer, which is how long the event loop was kept from it: the longest one while each action
  and the paint after it run, per action; the verdict is on the worst of them.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.run import STALL_MS, Harness, StallClock, Table, log, ms, percentile  # noqa: E402

COMMENTS = 10_003
POSTS = 40
FIRST_SYNC_S = 5.0
EMPTY_SYNC_REQUESTS = 2
TARGETS = {
    "inbox_stall": f"inbox with 10,000 comments: no stall > {STALL_MS:.0f} ms",
    "first_sync": f"first sync of 10,003 comments <= {FIRST_SYNC_S:.0f} s",
    "empty_sync": f"sync with nothing new <= {EMPTY_SYNC_REQUESTS} requests",
}

# One INSERT of many rows per chunk, through WordPress's own $wpdb, then each post's comment_count.
_FILL_PHP = r"""
global $wpdb;
$posts = array();
for ($p = 0; $p < $args['posts']; $p++) {
    $posts[] = wp_insert_post(array('post_title' => "Big post $p", 'post_content' => "<p>Post $p.</p>",
        'post_status' => 'publish', 'post_date_gmt' => '2023-01-01 00:00:00'));
}
$n = $args['comments'] - (int) $wpdb->get_var("SELECT COUNT(*) FROM $wpdb->comments");
$start = time() - 3 * 365 * 86400;
$statuses = array('1', '1', '1', '1', '1', '1', '1', '0', 'spam', 'trash');
$first = (int) $wpdb->get_var("SELECT COALESCE(MAX(comment_ID), 0) FROM $wpdb->comments") + 1;
for ($chunk = 0; $chunk < $n; $chunk += 500) {
    $rows = array();
    for ($i = $chunk; $i < min($n, $chunk + 500); $i++) {
        $gmt = gmdate('Y-m-d H:i:s', $start + (int) ($i * (3 * 365 * 86400 - 3600) / $n));
        $parent = ($i % 7 == 3 && $i > 10) ? $first + $i - 3 : 0;
        $post = $posts[$parent ? (($i - 3) % count($posts)) : ($i % count($posts))];
        $text = "<p>Reader $i says: this is comment number $i, with <em>some</em> words about the post and "
            . "<a href=\"https://example.org/$i\">a link</a>.</p><p>A second paragraph, $i.</p>";
        $rows[] = $wpdb->prepare('(%d, %s, %s, %s, %s, %s, %s, %s, %s, %s, %d)', $post, "Reader $i",
            "reader$i@example.org", "https://example.org/~$i", '127.0.0.1', $gmt, $gmt, $text,
            $statuses[$i % 10], 'comment', $parent);
    }
    $wpdb->query("INSERT INTO $wpdb->comments (comment_post_ID, comment_author, comment_author_email, "
        . "comment_author_url, comment_author_IP, comment_date, comment_date_gmt, comment_content, "
        . "comment_approved, comment_type, comment_parent) VALUES " . implode(',', $rows));
}
$wpdb->query("UPDATE $wpdb->posts p SET comment_count = (SELECT COUNT(*) FROM $wpdb->comments c "
    . "WHERE c.comment_post_ID = p.ID AND c.comment_approved = '1')");
echo $wpdb->get_var("SELECT COUNT(*) FROM $wpdb->comments");
"""


def fill(wp: Any) -> int:
    """Give the blog POSTS posts, and comments up to COMMENTS in all; returns how many comments it has."""
    return int(wp.wp_eval(_FILL_PHP, args={"posts": POSTS, "comments": COMMENTS}).strip())


def _backend(wp: Any) -> tuple[Any, list[str]]:
    """A signed-in WordPress backend, and the list every request it sends is appended to."""
    backend = wp.backend()
    sent: list[str] = []
    backend._rest.client.event_hooks["request"].append(lambda request: sent.append(f"{request.method} {request.url}"))
    return backend, sent


def bench_sync(table: Table, wp: Any, workdir: Path, runs: int) -> Path:
    """The sync rows; returns the data folder of the last first sync (its store holds every comment)."""
    from editor.core.comments import Comments
    from editor.core.store import Store
    from editor.core.sync import sync_comments

    table.section(f"Comment sync from the local WordPress ({COMMENTS:,} comments on {POSTS} posts; wall time)")
    firsts, first_requests, data = [], 0, workdir
    for run in range(runs):
        data = workdir / f"data-{run}"
        store = Store.open(data)
        try:
            account = wp.account_row(store, name="big blog")
            backend, sent = _backend(wp)
            started = time.perf_counter()
            result = sync_comments(store, account, backend)
            firsts.append(time.perf_counter() - started)
            first_requests = len(sent)
            stored = (
                len(Comments(store).list(view="all", limit=100_000))
                + len(Comments(store).list(view="spam", limit=100_000))
                + len(Comments(store).list(view="trash", limit=100_000))
            )
            log(f"  first sync: {firsts[-1]:.2f} s, {len(result.new)} new, {stored} stored, {len(sent)} requests")
            if run == runs - 1:
                empty_times, empty_requests = [], []
                for _ in range(5):
                    sent.clear()
                    started = time.perf_counter()
                    again = sync_comments(store, account, backend)
                    empty_times.append(time.perf_counter() - started)
                    empty_requests.append(len(sent))
                    if again.new:
                        raise RuntimeError(f"a sync with nothing new stored {len(again.new)} comments")
            backend.close()
        finally:
            store.close()
    median = statistics.median(firsts)
    table.add(
        f"first sync of {COMMENTS:,} comments ({first_requests} requests, {len(firsts)} runs)",
        f"{median:.2f} s",
        f"{max(firsts):.2f} s",
        f"<= {FIRST_SYNC_S:.0f} s",
        table.verdict("first_sync", median <= FIRST_SYNC_S and stored == COMMENTS),
    )
    worst = max(empty_requests)
    table.add(
        f"sync with nothing new: requests (max of {len(empty_requests)})",
        str(worst),
        "",
        f"<= {EMPTY_SYNC_REQUESTS}",
        table.verdict("empty_sync", worst <= EMPTY_SYNC_REQUESTS),
    )
    table.add(
        "sync with nothing new: wall time",
        ms(statistics.median(empty_times) * 1000),
        ms(percentile(empty_times, 95) * 1000),
        "",
        "",
    )
    log(f"  empty sync: {empty_requests} requests, {[round(t * 1000) for t in empty_times]} ms")
    return data


def bench_window(table: Table, data: Path, repeats: int) -> None:
    """The inbox rows, in the real main window on the synced store at `data`."""
    from editor.ui.comment_list import CommentList

    h = Harness(data)
    try:
        h.settle(timeout=60)
        h.run_for(1.0)
        window = h.window
        tabs = window.side_tabs
        inbox_tab = tabs.indexOf(window.inbox.list_panel)
        drafts_tab = 0 if inbox_tab != 0 else 1
        clock = StallClock(h)
        table.section(
            f"Inbox with {COMMENTS:,} comments, real window offscreen "
            f"(longest lateness of a 5 ms timer per action, {repeats} actions a row)"
        )
        opening = []
        for _ in range(repeats):
            tabs.setCurrentIndex(drafts_tab)
            h.run_for(0.2)
            opening.append(clock.longest(lambda: tabs.setCurrentIndex(inbox_tab), after=0.5))
        _row(table, "inbox opens: longest UI stall", opening)

        # As after a sync stored comments: the list is read again (off the UI thread) as the inbox opens.
        comments, oldest = window.services.comments, window.services.comments.view_rows("id", "all")[-1][0]
        reopening = []
        for i in range(repeats):
            tabs.setCurrentIndex(drafts_tab)
            h.run_for(0.2)
            comments.mark_read([oldest], read=bool(i % 2))
            reopening.append(clock.longest(lambda: tabs.setCurrentIndex(inbox_tab), after=0.5))
        _row(table, "inbox opens after a comment was stored (read again): longest UI stall", reopening)

        panel = window.inbox.list_panel
        switching = []
        views = ["unread", "pending", "approved", "spam", "trash", "all"]
        for i in range(repeats):
            for view in views if i == 0 else views[:: 1 if i % 2 else -1]:
                button = panel.findChild(type(panel.view_buttons[0]), f"view_{view}")
                switching.append(clock.longest(button.click))
        _row(table, f"switch filter (the six views): longest stall, {len(switching)} switches", switching)

        view = panel.findChild(CommentList, "commentList")
        view.setFocus()
        bar = view.verticalScrollBar()
        bar.setValue(0)
        h.run_for(0.1)
        scrolling = []
        while bar.value() < bar.maximum() and len(scrolling) < 20_000:
            scrolling.append(clock.longest(lambda: bar.setValue(bar.value() + bar.pageStep()), after=0.02, before=0.0))
        log(f"  scrolled {view.model().rowCount()} rows in {len(scrolling)} pages")
        _row(table, f"scroll the list end to end, a page at a time ({view.model().rowCount():,} rows)", scrolling)

        # Not one of the targets, shown for what it is: the conversation (a thread of ~250 comments
        # here) is read and rendered again for each comment made current.
        bar.setValue(0)
        view.setCurrentIndex(view.model().index(0, 0))
        h.run_for(0.5)
        selecting = [clock.longest(lambda: h.QTest.keyClick(view, "j"), after=0.3) for _ in range(repeats * 2)]
        table.add(
            f"select the next comment (j), ~{COMMENTS // POSTS} on its post: longest stall",
            ms(statistics.median(selecting)),
            ms(percentile(selecting, 95)),
            "",
            "",
        )
    finally:
        h.close()


def _row(table: Table, label: str, samples: list[float]) -> None:
    worst = max(samples)
    table.add(
        f"{label} (worst {worst:.1f} ms)",
        ms(statistics.median(samples)),
        ms(percentile(samples, 95)),
        f"<= {STALL_MS:.0f} ms",
        table.verdict("inbox_stall", worst <= STALL_MS),
    )
    log(f"  {label}: median {statistics.median(samples):.1f}, p95 {percentile(samples, 95):.1f}, worst {worst:.1f} ms")


def bench(table: Table, quick: bool) -> None:
    """The "inbox" section of `make bench`."""
    from tests.wordpress_server import missing_requirements, start_wordpress, stop_wordpress

    missing = missing_requirements()
    if missing:
        table.section("Comment sync and inbox (needs the test WordPress)")
        for key in TARGETS:
            table.add(f"not measured: {'; '.join(missing)}", "", "", "", table.verdict(key, None))
        return
    with tempfile.TemporaryDirectory(prefix="longhand-bench-inbox-") as tmp:
        log("  starting WordPress and filling it…")
        wp = start_wordpress(Path(tmp) / "wp")
        try:
            total = fill(wp)
            log(f"  the blog has {total} comments")
            data = bench_sync(table, wp, Path(tmp), 1 if quick else 3)
        finally:
            stop_wordpress(wp)
        bench_window(table, data, 3 if quick else 9)


def main() -> None:
    """Run the inbox rows alone; exit 1 when a target is missed."""
    table = Table()
    bench(table, "--quick" in sys.argv)
    print(table.render())
    print("Targets: " + ", ".join(f"{TARGETS[k]}: {v}" for k, v in table.verdicts.items()))
    sys.stdout.flush()
    os._exit(0 if False not in table.verdicts.values() else 1)  # QtWebEngine may crash while Python tears down


if __name__ == "__main__":
    main()
