"""Opening a post that is on a blog: the blogs that can be browsed, one page of a blog's posts or pages at a
time, and one of them opened as a draft (the draft already linked to it, if there is one). No Qt: the
window's Open from Blog dialog runs these off the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ..backends.base import Backend, Capability, PermanentError, RemoteStatus, UnknownBackendError, backend_class
from ..backends.browse import BrowsingBackend, PostsPage
from .accounts import Accounts
from .model import Account, DraftKind
from .publish import PullResult, pull_one, require_kind
from .store import Store

PER_PAGE = 20
T = TypeVar("T")


def browsable(store: Store) -> list[Account]:
    """The blogs whose backend can list their posts a page at a time."""

    def can(account: Account) -> bool:
        try:
            return Capability.BROWSE in backend_class(account.backend).capabilities
        except UnknownBackendError:
            return False

    return [account for account in Accounts(store).list() if can(account)]


def _with_backend(store: Store, account_id: int, work: Callable[[Backend], T]) -> T:
    """`work` done with the blog's backend, signed in (its API found first if it never was), then closed."""
    accounts = Accounts(store)
    account = accounts.get(account_id)
    backend = accounts.backend(account)
    try:
        if not account.api_root:
            accounts.set_api_root(account.stored_id, backend.discover())
        return work(backend)
    finally:
        backend.close()


def fetch_page(
    store: Store,
    account_id: int,
    *,
    kind: DraftKind = DraftKind.POST,
    search: str = "",
    status: RemoteStatus | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> PostsPage:
    """Page `page` of a blog's posts (or pages) matching `search` and `status`, newest first."""

    def browse(backend: Backend) -> PostsPage:
        if not isinstance(backend, BrowsingBackend) or Capability.BROWSE not in backend.capabilities:
            raise PermanentError(f"A {backend.label} blog cannot list its posts for Longhand to open one.")
        require_kind(backend, kind)
        return backend.browse_posts(kind=kind.value, search=search, status=status, page=page, per_page=per_page)

    return _with_backend(store, account_id, browse)


def open_post(store: Store, account_id: int, remote_id: str, kind: DraftKind = DraftKind.POST) -> int:
    """The id of the draft holding the blog's post `remote_id`: the draft already linked to it (brought up to
    date, as a pull would, when the author has not changed it since), else a new one made from it."""
    remote = _with_backend(store, account_id, lambda backend: backend.get_post(remote_id, kind=kind.value))
    return pull_one(store, account_id, remote, PullResult([], [], []))
