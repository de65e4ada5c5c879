"""Reading what the inbox lists (a view's comment ids, newest first, the unread count, and the comments on
the rows the list shows), at once or off the UI thread: with ten thousand comments, sorting them takes
longer than a frame, and reading a screenful of comments on the UI thread ~2 ms of the repaint's turn."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QObject, QTimer

from ..core.comment_views import comment_writes, comments_by_id, view_ids
from ..core.comments import Comments
from ..core.model import Comment
from ..core.store import StoreError
from .background import run_in_background
from .comment_list import PAGE


class Listing(NamedTuple):
    """What the inbox lists."""

    ids: list[int]  # newest first
    unread: int  # how many comments are unread (in every view)
    comments: dict[int, Comment]  # by id, those on the pages of the rows the list showed as it asked


Request = tuple[str, int | None, str | None]  # view, blog, post
Wait = Callable[[Callable[[], None]], None]  # calls its argument, now or later


def _at_once(start: Callable[[], None]) -> None:
    start()


# While every listing so far was read faster than this, the next is read on the UI thread: no wait at all.
# Kept small: a read on the UI thread shares its turn with the repaint of the list (1.5-4 ms at 48 rows).
READ_AT_ONCE_S = 0.002
# A listing shown is kept, when nothing was written since, for at most this long (its ages, "3 min", age).
KEPT_S = 60.0


class InboxListing(QObject):
    """Reads listings for the inbox. `read_soon` hands its answer to `show(listing, error)`, unless a later
    read came first (its answer would be stale)."""

    def __init__(
        self,
        comments: Comments,
        show: Callable[[Listing | None, BaseException | None], None],
        rows_shown: Callable[[], range],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._comments, self._show, self._rows_shown = comments, show, rows_shown
        self._asked = 0  # numbers each read: only the latest one's answer is shown
        self._seconds = 0.0  # how long the slowest read took (one view's size says little of another's)
        self._shown: tuple[Request, int, float] | None = None  # the last listing shown: see `unchanged`

    def read_now(self, view: str, account_id: int | None, post_id: str | None) -> Listing:
        """The listing, read on this thread (a read still running elsewhere is then not shown)."""
        self._asked += 1
        listing, stamp = self._read(view, account_id, post_id, self._rows_shown())
        self._shown = stamp
        return listing

    def unchanged(self, view: str, account_id: int | None, post_id: str | None) -> bool:
        """Whether the listing last read is this one, read under KEPT_S ago with nothing written since: the
        inbox opened again need not read (nor repaint) ten thousand comments' order."""
        shown = self._shown
        if shown is None or shown[0] != (view, account_id, post_id) or time.monotonic() - shown[2] > KEPT_S:
            return False
        try:
            return comment_writes(self._comments) == shown[1]
        except StoreError:
            return False

    def read_soon(self, view: str, account_id: int | None, post_id: str | None, *, wait: Wait | None = None) -> None:
        """Read the listing and show it: at once if every read took a moment, else off the UI thread, begun
        when `wait` calls back (the inbox just opened waits for its list's paint: a read begun sooner holds
        Python's lock in turns with the UI thread laying out and painting the inbox)."""
        if self._seconds < READ_AT_ONCE_S:
            try:
                listing = self.read_now(view, account_id, post_id)
            except StoreError as exc:
                self._show(None, exc)
                return
            self._show(listing, None)
            return
        self._asked += 1
        asked, rows = self._asked, self._rows_shown()
        (wait or _at_once)(
            lambda: run_in_background(
                lambda: self._read(view, account_id, post_id, rows),
                # Shown in a turn of its own, after the timers due: the list's reset and repaint are not added
                # to whatever the UI thread was doing as the answer came (the repaint of the inbox just opened).
                lambda read, error: QTimer.singleShot(
                    0, self, lambda: self._deliver(read, error) if asked == self._asked else None
                ),
                owner=self,
                name="longhand-inbox-list",
            )
        )

    def _deliver(self, read: tuple[Listing, tuple[Request, int, float]] | None, error: BaseException | None) -> None:
        if read is not None and error is None:
            self._shown = read[1]
        self._show(read[0] if read is not None else None, error)

    def _read(
        self, view: str, account_id: int | None, post_id: str | None, rows: range
    ) -> tuple[Listing, tuple[Request, int, float]]:
        """The listing, and what it was read for: the request, the comments' write count before it, and when.
        `rows`: the rows shown, whose comments (a page at a time, as the list reads them) come with it."""
        started = time.perf_counter()
        stamp = (view, account_id, post_id), comment_writes(self._comments), time.monotonic()
        ids = view_ids(self._comments, view, account_id, post_id)
        pages = ids[rows.start - rows.start % PAGE : -(-rows.stop // PAGE) * PAGE]
        listing = Listing(ids, self._comments.unread_count(), comments_by_id(self._comments, pages) if pages else {})
        self._seconds = max(self._seconds, time.perf_counter() - started)
        return listing, stamp
