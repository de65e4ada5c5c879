"""The Micropub backend against a real Micropub server: django-indieweb in a small Django project on
127.0.0.1 (tests/micropub_server/), started once per session; and end to end through the `longhand` command
with a real Secret Service. No mock: every answer here comes from the server."""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from editor.backends.base import (
    AuthenticationError,
    BackendError,
    BadResponseError,
    ConflictError,
    Credentials,
    CredentialsRejectedError,
    InsecureTransportError,
    NotFoundError,
    PermanentError,
    RateLimitedError,
    RemotePost,
    RemoteStatus,
    TransientError,
)
from editor.backends.micropub import MicropubBackend
from editor.backends.micropub_client import MicropubClient
from editor.core.outbox import Outbox
from tests.fault_proxy import FaultProxy
from tests.longhand_cli import Longhand
from tests.micropub_server import MicropubSite, micropub_site  # noqa: F401 - the session fixture
from tests.pictures import PNG


def backend_for(site: MicropubSite, path: str = "", token: str | None = None) -> MicropubBackend:
    return MicropubBackend(Credentials(site.url + path, "", site.token if token is None else token))


@pytest.fixture
def blog(micropub_site: MicropubSite) -> Iterator[MicropubBackend]:  # noqa: F811
    with backend_for(micropub_site) as backend:
        backend.discover()
        yield backend


def raw(site: MicropubSite, **params) -> httpx.Response:
    """The server's own answer to a q= query, read without the backend."""
    return httpx.get(site.endpoint, params=params, headers={"Authorization": f"Bearer {site.token}"}, timeout=30)


def new_post(**fields) -> RemotePost:
    mark = secrets.token_hex(4)
    defaults = dict(title=f"Micropub {mark}", slug=f"micropub-{mark}", content=f"<p>Words {mark}</p>")
    return RemotePost(**{**defaults, **fields})


def requests_since(site: MicropubSite, count: int) -> list[dict]:
    return site.requests()[count:]


# -- discovery and signing in ----------------------------------------------------------------------------
def test_discovery_finds_the_endpoint_in_the_page_or_its_link_header(micropub_site):  # noqa: F811
    for path in ("", "/link-header/"):
        with backend_for(micropub_site, path) as backend:
            assert backend.discover() == micropub_site.endpoint
    with backend_for(micropub_site) as backend:
        info = backend.verify()  # discovers on first use
    assert (info.name, info.api_root) == ("Longhand Micropub Test Site", micropub_site.endpoint)


def test_config_names_the_media_endpoint_and_what_the_server_keeps(blog, micropub_site):  # noqa: F811
    config = blog._client.config()
    assert blog._client.media_endpoint() == micropub_site.media_endpoint
    assert "draft" in config["post-status"] and "private" in config["visibility"]


def test_a_wrong_token_is_refused_and_never_repeated(micropub_site):  # noqa: F811
    wrong = "wrong-" + secrets.token_urlsafe(16)
    with backend_for(micropub_site, token=wrong) as backend, pytest.raises(CredentialsRejectedError) as refused:
        backend.verify()
    assert isinstance(refused.value, AuthenticationError) and wrong not in str(refused.value)
    assert "access token" in str(refused.value)


def test_a_token_without_the_update_scope_is_refused_at_sign_in(micropub_site):  # noqa: F811
    with backend_for(micropub_site, token=micropub_site.create_only_token) as backend:
        with pytest.raises(AuthenticationError) as refused:
            backend.verify()
        assert not isinstance(refused.value, CredentialsRejectedError) and "scope" in str(refused.value)
        assert micropub_site.create_only_token not in str(refused.value)


def test_a_web_page_instead_of_json_is_a_bad_response(micropub_site):  # noqa: F811
    with backend_for(micropub_site, "/portal/") as backend, pytest.raises(BadResponseError) as bad:
        backend.verify()
    assert "web page" in str(bad.value)


def test_the_token_follows_no_redirect(micropub_site):  # noqa: F811
    seen = len(micropub_site.requests())
    with backend_for(micropub_site, "/moved/") as backend, pytest.raises(BadResponseError):
        backend.verify()
    hosts = {r["host"].split(":")[0] for r in requests_since(micropub_site, seen)}
    assert hosts == {"127.0.0.1"}  # nothing went to "localhost", where the endpoint pointed


def test_an_endpoint_on_plain_http_elsewhere_gets_nothing(micropub_site):  # noqa: F811
    with backend_for(micropub_site, "/insecure/") as backend, pytest.raises(InsecureTransportError) as refused:
        backend.discover()
    assert micropub_site.token not in str(refused.value)


def test_the_token_travels_only_in_the_authorization_header(blog, micropub_site):  # noqa: F811
    seen = len(micropub_site.requests())
    made = blog.create_post(new_post())
    blog.update_post(made, last_seen_modified=None)
    blog.upload_media(f"token-{secrets.token_hex(8)}.png", PNG, "image/png")
    blog.delete_post(made.id)
    sent = requests_since(micropub_site, seen)
    signed = [r for r in sent if r["path"].startswith("/indieweb/")]
    assert signed and all(r["bearer"] for r in signed)
    assert not [r for r in sent if "access_token" in r["query"] + r["form"]]


# -- posts ---------------------------------------------------------------------------------------------
def test_create_as_json_and_read_back_with_q_source(blog, micropub_site):  # noqa: F811
    seen = len(micropub_site.requests())
    sent = new_post(excerpt="A summary.", tags=["kites", "wind"], categories=["Notes"], status=RemoteStatus.DRAFT)
    made = blog.create_post(sent)
    create = next(r for r in requests_since(micropub_site, seen) if r["method"] == "POST")
    assert create["content_type"] == "application/json"
    assert made.id == f"{micropub_site.url}/posts/{sent.slug}/" and made.link == made.id
    assert (made.title, made.content, made.slug, made.excerpt) == (sent.title, sent.content, sent.slug, "A summary.")
    assert made.tags == ["kites", "wind", "Notes"] and made.status is RemoteStatus.DRAFT and made.modified_gmt
    source = raw(micropub_site, q="source", url=made.id).json()["properties"]
    assert source["content"] == [{"html": sent.content}] and source["post-status"] == ["draft"]
    assert httpx.get(made.id, timeout=30).status_code == 404  # a draft is not on the site


def test_a_server_that_refuses_json_creates_gets_the_form(micropub_site):  # noqa: F811
    seen = len(micropub_site.requests())
    sent = new_post(tags=["one", "two"], status=RemoteStatus.PUBLISH)
    with backend_for(micropub_site, "/form-only/") as backend:
        made = backend.create_post(sent)
        again = backend.create_post(new_post())  # JSON is not tried again
    posts = [r for r in requests_since(micropub_site, seen) if r["method"] == "POST"]
    assert [(r["content_type"], r["status"]) for r in posts] == [
        ("application/json", 415),
        ("application/x-www-form-urlencoded", 201),
        ("application/x-www-form-urlencoded", 201),
    ]
    assert {"h", "name", "content", "category[]", "mp-slug", "post-status"} <= set(posts[1]["form"])
    assert (made.title, made.slug, made.tags, made.content) == (sent.title, sent.slug, ["one", "two"], sent.content)
    assert again.id and "Words" in httpx.get(made.id, timeout=30).text


def test_list_posts_pages_through_everything_newest_first(blog):
    before = datetime.now(UTC) - timedelta(seconds=2)
    made = [blog.create_post(new_post()) for _ in range(5)]
    blog.page_size = 2
    listed = [p.id for p in blog.list_posts()]
    assert set(p.id for p in made) <= set(listed) and len(listed) == len(set(listed))
    recent = [p.id for p in blog.list_posts(modified_after=before)]
    assert set(recent) >= {p.id for p in made}
    assert [p.id for p in blog.list_posts(modified_after=datetime.now(UTC) + timedelta(hours=1))] == []
    with pytest.raises(PermanentError):
        list(blog.list_posts(kind="page"))


def test_update_replaces_adds_and_deletes(blog, micropub_site):  # noqa: F811
    made = blog.create_post(new_post(excerpt="Old summary.", tags=["keep", "drop"]))
    assert blog.update(made.id, add={"category": ["added"]}) == made.id
    assert blog.get_post(made.id).tags == ["keep", "drop", "added"]
    blog.update(made.id, delete={"category": ["drop"]})
    blog.update(made.id, delete=["summary"], replace={"name": ["Renamed"]})
    read = blog.get_post(made.id)
    assert (read.title, read.excerpt, read.tags) == ("Renamed", "", ["keep", "added"])
    # update_post replaces every field Longhand knows, and deletes those it has not.
    changed = RemotePost(**{**read.__dict__, "content": "<p>Second.</p>", "tags": [], "status": RemoteStatus.PUBLISH})
    updated = blog.update_post(changed, last_seen_modified=read.modified_gmt)
    assert (updated.content, updated.tags, updated.status) == ("<p>Second.</p>", [], RemoteStatus.PUBLISH)
    assert "category" not in raw(micropub_site, q="source", url=made.id).json()["properties"]
    with pytest.raises(NotFoundError):
        blog.update(f"{micropub_site.url}/posts/never-made-{secrets.token_hex(4)}/", replace={"name": ["x"]})


def test_a_change_made_elsewhere_is_a_conflict_where_the_server_reports_updated(blog, micropub_site):  # noqa: F811
    made = blog.create_post(new_post())
    time.sleep(1.1)  # the server keeps times to the second
    other = httpx.post(  # another Micropub client edits the post
        micropub_site.endpoint,
        json={"action": "update", "url": made.id, "replace": {"name": ["Theirs"]}},
        headers={"Authorization": f"Bearer {micropub_site.token}"},
        timeout=30,
    )
    assert other.status_code == 204
    with pytest.raises(ConflictError) as conflict:
        blog.update_post(RemotePost(**{**made.__dict__, "title": "Mine"}), last_seen_modified=made.modified_gmt)
    assert conflict.value.remote is not None and conflict.value.remote.title == "Theirs"
    assert blog.get_post(made.id).title == "Theirs"


def test_delete_and_what_is_gone(blog, micropub_site):  # noqa: F811
    made = blog.create_post(new_post())
    blog.delete_post(made.id)
    with pytest.raises(NotFoundError):
        blog.get_post(made.id)
    assert made.id not in [p.id for p in blog.list_posts()]
    with pytest.raises(NotFoundError):
        blog.delete_post(made.id)  # already gone: what the outbox takes as done
    with pytest.raises(NotFoundError):
        blog.get_post("not-an-address")


def test_statuses_the_server_keeps_and_those_micropub_has_not(blog, micropub_site):  # noqa: F811
    private = blog.create_post(new_post(status=RemoteStatus.PRIVATE))
    assert private.status is RemoteStatus.PRIVATE and httpx.get(private.id, timeout=30).status_code == 404
    public = blog.update_post(
        RemotePost(**{**private.__dict__, "status": RemoteStatus.PUBLISH}), last_seen_modified=None
    )
    assert public.status is RemoteStatus.PUBLISH and httpx.get(private.id, timeout=30).status_code == 200
    later = datetime.now(UTC) + timedelta(days=3)
    with pytest.raises(PermanentError, match="no scheduled posts"):
        blog.create_post(new_post(status=RemoteStatus.FUTURE, date_gmt=later))


# -- media -----------------------------------------------------------------------------------------------
def test_media_upload_and_lookup(blog, micropub_site):  # noqa: F811
    data = PNG + secrets.token_bytes(16)
    digest = hashlib.sha256(data).hexdigest()
    name = f"kite-{digest[:16]}.png"
    item = blog.upload_media(name, data, "image/png")
    assert item.id == item.url and item.url.startswith(micropub_site.url + "/media/")
    assert httpx.get(item.url, timeout=30).content == data
    assert blog.find_media(name, digest) == item
    other = hashlib.sha256(b"never sent").hexdigest()
    assert blog.find_media(f"kite-{other[:16]}.png", other) is None
    assert blog.find_media("kite.png", digest) is None  # a name without the hash: nothing to match safely
    made = blog.create_post(new_post(featured_media=item.id))
    assert blog.get_post(made.id).featured_media == item.id
    assert raw(micropub_site, q="source", url=made.id).json()["properties"]["photo"] == [item.url]


def test_an_upload_whose_name_the_server_lost_is_found_by_its_content(blog):
    """A server may list its files without the names they were sent with: then the newest files are compared."""
    data = PNG + secrets.token_bytes(16)
    digest = hashlib.sha256(data).hexdigest()
    item = blog.upload_media("renamed.png", data, "image/png")  # the list's names never carry the hash
    assert blog.find_media(f"renamed-{digest[:16]}.png", digest) == item


def test_a_file_the_server_does_not_take_is_refused(blog):
    with pytest.raises(PermanentError):
        blog.upload_media("notes.txt", b"plain words", "text/plain")


# -- faults, through the fault proxy in front of the real server ------------------------------------------
@pytest.fixture
def proxied(micropub_site: MicropubSite) -> Iterator[tuple[FaultProxy, MicropubBackend]]:  # noqa: F811
    with FaultProxy(micropub_site.url) as proxy, backend_for_url(proxy.url, micropub_site.token) as backend:
        backend.discover()
        backend._client.config()
        yield proxy, backend


def backend_for_url(url: str, token: str) -> MicropubBackend:
    return MicropubBackend(Credentials(url, "", token))


def test_a_create_whose_answer_was_lost_is_found_again_and_only_once(proxied):
    proxy, backend = proxied
    sent, sent_at = new_post(status=RemoteStatus.PUBLISH), datetime.now(UTC)
    proxy.set("drop_response")  # the server makes the post; Longhand never hears
    with pytest.raises(TransientError):
        backend.create_post(sent)
    proxy.set("pass")
    found = Outbox._find_lost_create(backend, sent, sent_at)
    assert found is not None and (found.title, found.slug) == (sent.title, sent.slug)
    assert [p.title for p in backend.list_posts()].count(sent.title) == 1


def test_an_upload_whose_answer_was_lost_is_found_again(proxied):
    proxy, backend = proxied
    data = PNG + secrets.token_bytes(16)
    digest = hashlib.sha256(data).hexdigest()
    name = f"lost-{digest[:16]}.png"
    proxy.set("reset")  # stored, then the connection is reset before the answer
    with pytest.raises(TransientError):
        backend.upload_media(name, data, "image/png")
    proxy.set("pass")
    found = backend.find_media(name, digest)
    assert (
        found is not None and httpx.get(found.url.replace(proxy.url, proxy.upstream_origin), timeout=30).content == data
    )


@pytest.mark.parametrize(
    "fault, error",
    [
        (dict(mode="status", status=500, body=b"Internal Server Error"), TransientError),
        (dict(mode="status", status=429, headers={"Retry-After": "7"}), RateLimitedError),
        (dict(mode="html"), BadResponseError),
        (dict(mode="truncate"), TransientError),
        (dict(mode="refuse"), TransientError),
    ],
)
def test_faults_become_the_matching_error(proxied, fault, error):
    proxy, backend = proxied
    made = backend.create_post(new_post())
    proxy.set(fault.pop("mode"), **fault)
    with pytest.raises(error) as raised:
        backend.get_post(made.id)
    assert str(raised.value).endswith(".") and "\n" not in str(raised.value)
    if error is RateLimitedError:
        assert raised.value.retry_after == 7


def test_the_specifications_json_errors_map_onto_the_hierarchy():
    """django-indieweb answers its errors as plain text ("invalid_request"), which the tests above meet; the
    specification's JSON shape cannot be had from it, so these answers are built here, without a server."""
    token = "tok-" + secrets.token_urlsafe(12)
    client = MicropubClient("https://blog.example", "https://blog.example/micropub", token)
    request = httpx.Request("POST", "https://blog.example/micropub")

    def error(status: int, body: dict) -> BackendError:
        return client.error(httpx.Response(status, json=body, request=request))

    assert isinstance(error(401, {"error": "unauthorized"}), CredentialsRejectedError)
    for code in ("forbidden", "insufficient_scope"):
        refused = error(403, {"error": code, "error_description": "The token may not delete posts."})
        assert type(refused) is AuthenticationError and "may not delete posts" in str(refused)
    bad = error(400, {"error": "invalid_request", "error_description": f"Unknown property; token {token}"})
    assert type(bad) is PermanentError and "Unknown property" in str(bad) and token not in str(bad)
    assert isinstance(error(500, {"error": "server_error"}), TransientError)
    client.close()


# -- end to end through the `longhand` command -------------------------------------------------------------
@pytest.fixture(scope="module")
def longhand(micropub_site, secret_service, tmp_path_factory) -> Iterator[Longhand]:  # noqa: F811
    run = Longhand(tmp_path_factory.mktemp("data"), secret_service.child_env())
    account = run.json(
        "accounts",
        "add",
        "--backend",
        "micropub",
        "--url",
        micropub_site.url,
        "--user",
        "ANY",
        "--name",
        "indieweb",
        stdin=micropub_site.token + "\n",
    )
    assert account["name"] == "indieweb" and account["api_root"] == micropub_site.endpoint
    yield run
    # The token is in the keyring and nowhere else Longhand wrote or printed.
    token = micropub_site.token
    assert [p for p in run.data.rglob("*") if p.is_file() and token.encode() in p.read_bytes()] == []
    assert not [text for text in run.seen if token in text]


def test_publish_a_draft_with_a_picture_then_update_and_unpublish_it(longhand, micropub_site, tmp_path):  # noqa: F811
    (tmp_path / "kite.png").write_bytes(PNG)
    post = tmp_path / "kite.md"
    post.write_text(
        "---\ntitle: A kite on the beach\nslug: kite-on-the-beach\ntags: [kites]\nstatus: draft\n---\n\n"
        "![A red kite](kite.png)\n\nIt flew all afternoon.\n",
        encoding="utf-8",
    )
    seen = len(micropub_site.requests())
    job = longhand.json("publish", str(post))
    assert job["state"] == "done", job
    url = job["remote_id"]
    assert url == f"{micropub_site.url}/posts/kite-on-the-beach/" and job["remote_url"] == url
    source = raw(micropub_site, q="source", url=url).json()["properties"]
    assert source["post-status"] == ["draft"] and source["category"] == ["kites"]
    src = source["content"][0]["html"].split('src="')[1].split('"')[0]
    assert src.startswith(micropub_site.url + "/media/") and httpx.get(src, timeout=30).content == PNG
    assert httpx.get(url, timeout=30).status_code == 404  # a draft

    # Published for real: the same post is updated, and the picture is not uploaded again.
    again = longhand.json("publish", str(job["draft_id"]), "--status", "publish")
    assert again["state"] == "done" and again["remote_id"] == url
    page = httpx.get(url, timeout=30)
    assert page.status_code == 200 and "It flew all afternoon." in page.text and src in page.text
    uploads = [r for r in requests_since(micropub_site, seen) if r["path"] == "/indieweb/media/"]
    assert [r["method"] for r in uploads] == ["POST"]

    gone = longhand.json("unpublish", str(job["draft_id"]))
    assert gone["state"] == "done", gone
    assert raw(micropub_site, q="source", url=url).status_code == 400  # django-indieweb: not a post it has
    assert httpx.get(url, timeout=30).status_code == 404
    assert json.loads(longhand("drafts", "show", str(job["draft_id"]), "--json").stdout)["remote_id"] is None
