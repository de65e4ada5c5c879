"""Getting a blog's theme over HTTP: its page and stylesheets, with the client handed in by the caller.

httpx itself is imported when a theme is fetched, not when the window starts (~20 ms of every start).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...backends.base import RemoteStatus
from ..store import Store
from .cache import ThemeCache
from .errors import ThemeError
from .template import prepare_template

if TYPE_CHECKING:
    import httpx

    from ...backends.base import Backend

FETCH_TIMEOUT = 30.0
MAX_STYLESHEETS = 60
MAX_BYTES = 8 * 1024 * 1024  # per download: a page or a stylesheet


def new_client() -> httpx.Client:
    """An HTTP client fit for fetching a theme (redirects followed, Longhand's User-Agent); the caller
    closes it."""
    import httpx

    from ...backends.http import USER_AGENT

    return httpx.Client(timeout=FETCH_TIMEOUT, follow_redirects=True, headers={"User-Agent": USER_AGENT})


def _download(client: httpx.Client, url: str) -> httpx.Response:
    import httpx

    try:
        response = client.get(url)
    except httpx.HTTPError as exc:
        raise ThemeError(f"Could not reach {url} to fetch the blog's theme ({type(exc).__name__}).") from exc
    if len(response.content) > MAX_BYTES:
        raise ThemeError(f"{url} is too large to use as the blog's theme.")
    return response


def fetch_theme(page_url: str, client: httpx.Client) -> str:
    """Download `page_url` and its stylesheets through `client`; return the prepared, self-contained
    template. The client is the caller's: it is not closed here.

    Raises ThemeError when the page cannot be had. A stylesheet the server refuses (4xx/5xx) is left
    out; one that cannot be reached at all fails the whole fetch, so a half theme is never cached.
    """
    response = _download(client, page_url)
    if response.status_code >= 400:
        raise ThemeError(f"The blog answered {response.status_code} for {page_url}; the theme could not be fetched.")
    fetched: dict[str, str | None] = {}

    def get(url: str) -> str | None:
        url = url.split("#", 1)[0]
        if url not in fetched:
            if len(fetched) >= MAX_STYLESHEETS:
                return None
            sheet = _download(client, url)
            fetched[url] = sheet.text if sheet.status_code < 400 else None
        return fetched[url]

    return prepare_template(response.text, str(response.url), get)


def theme_url(backend: Backend, home: str) -> str:
    """The public link of the blog's newest published post, or `home` when it has none."""
    for post in backend.list_posts():
        if post.status == RemoteStatus.PUBLISH and post.link:
            return post.link
    return home


def fetch_account_theme(store: Store, account_id: int, *, client: httpx.Client | None = None) -> str:
    """Fetch a blog's theme (through its API for the page to use) and cache it; returns the template.
    Uses `client`, or a client of its own made by `new_client()` and closed again.
    Blocking: run it off the UI thread. Raises ThemeError, or the backend's and store's own errors."""
    from ..accounts import Accounts  # noqa: PLC0415 (accounts pulls in the keyring, needed here only)

    accounts = Accounts(store)
    account = accounts.get(account_id)
    backend = accounts.backend(account)
    try:
        url = theme_url(backend, account.base_url)
    finally:
        backend.close()
    if client is not None:
        template = fetch_theme(url, client)
    else:
        with new_client() as own:
            template = fetch_theme(url, own)
    ThemeCache(store).put(account_id, url, template)
    return template
