"""The Ghost backend against a real Ghost 5 on 127.0.0.1 (tests/ghost_server.py): signing, posts, pages,
tags, images, scheduling, conflicts, errors, and publishing end to end through the `longhand` command.

Faults the real Ghost cannot be made to show (a 429, a 500, a web page instead of JSON, a lost answer)
come from tests/fault_proxy.py in front of it; everything else is Ghost's own answer.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import struct
import time
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import httpx
import jwt
import pytest

from editor.backends import ghost_admin
from editor.backends.base import (
    AuthenticationError,
    BadResponseError,
    ConflictError,
    Credentials,
    CredentialsRejectedError,
    NotFoundError,
    PermanentError,
    RateLimitedError,
    RemotePost,
    RemoteStatus,
    TransientError,
)
from editor.backends.ghost import GhostBackend, from_ghost_html, to_ghost_html
from editor.backends.ghost_media import ghost_file_name
from editor.core.outbox import Outbox
from tests.fault_proxy import FaultProxy
from tests.ghost_server import SITE_TITLE, Ghost, session_ghost, stop_session_ghost
from tests.longhand_cli import Longhand
from tests.pictures import PNG

# What Longhand's renderer makes of a fenced code block: Ghost's own cards would drop the highlighting.
CODE = (
    '<div class="codehilite"><pre><span></span><code><span class="k">def</span> '
    '<span class="nf">train</span><span class="p">():</span>\n    <span class="k">pass</span>\n</code></pre></div>'
)


@pytest.fixture(scope="session")
def ghost(tmp_path_factory) -> Iterator[Ghost]:
    yield session_ghost(tmp_path_factory)
    stop_session_ghost()


def open_backend(url: str, key: str) -> GhostBackend:
    backend = GhostBackend(Credentials(url, "anyone", key))
    backend.discover()
    return backend


@pytest.fixture
def backend(ghost: Ghost) -> Iterator[GhostBackend]:
    with open_backend(ghost.url, ghost.admin_key) as opened:
        yield opened


def mark() -> str:
    return secrets.token_hex(4)


def new_post(**fields) -> RemotePost:
    m = mark()
    defaults = dict(title=f"Ghost {m}", slug=f"ghost-{m}", content=f"<p>Words {m}.</p>", status=RemoteStatus.PUBLISH)
    return RemotePost(**{**defaults, **fields})


def unique_png() -> tuple[bytes, str]:
    data = PNG + secrets.token_bytes(16)  # bytes after IEND: still a valid PNG
    return data, hashlib.sha256(data).hexdigest()


def wide_png(width: int = 2400) -> bytes:
    """A real PNG wider than Ghost's largest size (2000 px), so that Ghost resizes it on upload."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    row = b"\x00" + secrets.token_bytes(width * 3)
    header = struct.pack(">IIBBBBB", width, 2, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(row * 2)) + chunk(b"IEND", b"")


# -- signing and signing in ---------------------------------------------------------------------
def test_each_request_is_signed_with_a_short_lived_token_ghost_accepts(ghost, backend):
    key_id, secret = ghost.admin_key.split(":")
    token = backend._admin.token()
    header = jwt.get_unverified_header(token)
    assert header["kid"] == key_id and header["alg"] == "HS256"
    claims = jwt.decode(token, bytes.fromhex(secret), algorithms=["HS256"], audience="/admin/")
    assert claims["exp"] - claims["iat"] == 300 and abs(claims["iat"] - time.time()) < 5
    answer = httpx.get(ghost.admin_api + "posts/?limit=1", headers={"Authorization": f"Ghost {token}"})
    assert answer.status_code == 200 and "posts" in answer.json()


@pytest.mark.parametrize("suffix", ["", "/", "/ghost/", "/ghost/#/dashboard", "/ghost/api/admin/"])
def test_discovery_finds_the_admin_api_from_the_sites_addresses(ghost, suffix):
    with GhostBackend(Credentials(ghost.url + suffix, "anyone", ghost.admin_key)) as backend:
        assert backend.discover() == ghost.admin_api


def test_a_site_that_is_not_ghost_is_named_so(ghost):
    with FaultProxy(ghost.url) as proxy:
        proxy.set("status", status=404, headers={"Content-Type": "text/html"}, body=b"<html>No such page</html>")
        with GhostBackend(Credentials(proxy.url, "anyone", ghost.admin_key)) as backend:
            with pytest.raises(PermanentError, match="not a Ghost site"):
                backend.discover()


def test_verify_reads_the_site_and_signs_in_as_the_integration(ghost, backend):
    info = backend.verify()
    assert (info.name, info.url, info.api_root) == (SITE_TITLE, ghost.url + "/", ghost.admin_api)
    assert info.user_name == ""  # an integration is nobody: the CLI says the name the author gave


def test_verify_with_a_staff_token_names_the_person(ghost):
    with ghost.owner_session() as owner:
        token = owner.get("users/me/token/").json()["apiKey"]
    with open_backend(ghost.url, f"{token['id']}:{token['secret']}") as backend:
        info = backend.verify()
    assert (info.user_name, info.user_login) == ("Test Owner", "owner@example.com")


def wrong_keys(ghost: Ghost) -> dict[str, str]:
    key_id, secret = ghost.admin_key.split(":")
    _, revoked = ghost.new_integration(f"Revoked {mark()}")
    with ghost.owner_session() as owner:  # Ghost deletes an integration with its keys
        integration = owner.get("integrations/", params={"include": "api_keys"}).json()["integrations"]
        gone = next(i["id"] for i in integration if any(k["secret"] == revoked for k in i["api_keys"]))
        assert owner.delete(f"integrations/{gone}/").status_code == 204
    return {
        "wrong secret": f"{key_id}:{secrets.token_hex(32)}",
        "unknown id": f"{secrets.token_hex(12)}:{secret}",
        "revoked": revoked,
    }


def test_a_key_ghost_refuses_is_an_authentication_error_that_does_not_repeat_it(ghost):
    for why, key in wrong_keys(ghost).items():
        with open_backend(ghost.url, key) as backend:
            with pytest.raises(CredentialsRejectedError) as refused:
                backend.verify()
        said = str(refused.value)
        assert "Admin API key" in said, why
        assert key not in said and key.split(":")[1] not in said, why


def test_a_clock_ten_minutes_slow_is_suggested_when_ghost_finds_the_token_expired(backend, monkeypatch):
    slow = time.time() - 600  # this computer's clock, not Ghost's answer, is what is made wrong here
    monkeypatch.setattr(ghost_admin, "time", SimpleNamespace(time=lambda: slow))
    with pytest.raises(CredentialsRejectedError, match="clock"):
        backend.list_terms("tag")


@pytest.mark.parametrize(
    ("key", "words"),
    [("not a key", "form id:secret"), (secrets.token_hex(13), "Content API key"), ("abc:xyz", "form id:secret")],
)
def test_a_key_that_is_no_admin_api_key_is_refused_before_anything_is_sent(ghost, key, words):
    with open_backend(ghost.url, key) as backend:
        with pytest.raises(AuthenticationError, match=words) as refused:
            backend.list_terms("tag")
    assert key not in str(refused.value)


# -- posts and pages ------------------------------------------------------------------------------
def test_a_post_goes_in_as_html_and_reads_back_as_sent(ghost, backend):
    table = "<table><thead><tr><th>Line</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>"
    content = f'<h2 id="trains">Trains</h2>\n<p>A <em>train</em> {mark()}.</p>\n{CODE}\n{table}'

    sent = new_post(content=content, excerpt="On trains.", tags=["Trains", "longhand"])
    made = backend.create_post(sent)
    assert made.id and made.modified_gmt and made.link and made.link.endswith(f"/{sent.slug}/")
    read = backend.get_post(made.id)
    assert (read.title, read.slug, read.excerpt, read.status) == (sent.title, sent.slug, "On trains.", sent.status)
    assert " ".join(read.content.split()) == " ".join(content.split())  # Ghost spaces the blocks apart
    assert CODE in read.content and read.tags == ["Trains", "longhand"]
    assert read.date_gmt is not None and abs(read.date_gmt - datetime.now(UTC)) < timedelta(minutes=1)
    page = httpx.get(made.link).text  # the reader sees the highlighting Longhand rendered
    assert '<span class="k">def</span>' in page and "<table>" in page


def test_the_html_card_wraps_and_unwraps():
    assert from_ghost_html("\n" + to_ghost_html("<p>a</p>") + "\n") == "<p>a</p>"
    # A post pulled from Ghost and sent back: its own card marks must not end the card early.
    assert to_ghost_html(to_ghost_html("<p>a</p>")) == to_ghost_html("<p>a</p>")
    assert from_ghost_html('<figure class="kg-card">x</figure>') == '<figure class="kg-card">x</figure>'
    assert to_ghost_html("  ") == ""


def test_update_replaces_the_post(backend):
    made = backend.create_post(new_post(tags=["one"]))
    changed = RemotePost(**{**made.__dict__, "title": made.title + " (edited)", "content": "<p>Second.</p>"})
    changed.tags, changed.excerpt = ["two"], "Now with an excerpt."
    updated = backend.update_post(changed, last_seen_modified=made.modified_gmt)
    read = backend.get_post(made.id)
    assert updated.id == made.id and read.title == made.title + " (edited)" and read.content == "<p>Second.</p>"
    assert read.tags == ["two"] and read.excerpt == "Now with an excerpt."


def test_a_stale_update_is_refused_by_ghost_and_carries_the_blogs_copy(ghost, backend):
    made = backend.create_post(new_post())
    time.sleep(1.1)  # Ghost keeps times to the second
    current = ghost.request("GET", f"posts/{made.id}/").json()["posts"][0]
    edit = {"title": "Changed in Ghost Admin", "updated_at": current["updated_at"]}
    assert ghost.request("PUT", f"posts/{made.id}/", json={"posts": [edit]}).status_code == 200
    mine = RemotePost(**{**made.__dict__, "title": "Mine", "content": "<p>Mine.</p>"})
    with pytest.raises(ConflictError) as conflict:
        backend.update_post(mine, last_seen_modified=made.modified_gmt)
    assert conflict.value.remote is not None and conflict.value.remote.title == "Changed in Ghost Admin"
    assert "changed on the blog" in str(conflict.value)
    assert backend.get_post(made.id).title == "Changed in Ghost Admin"
    # The author chooses to overwrite: no time sent by Longhand, the one just read.
    assert backend.update_post(mine, last_seen_modified=None).title == "Mine"
    assert backend.get_post(made.id).content == "<p>Mine.</p>"


def test_delete_removes_the_post(backend):
    made = backend.create_post(new_post())
    backend.delete_post(made.id)
    with pytest.raises(NotFoundError):
        backend.get_post(made.id)
    assert made.id not in [p.id for p in backend.list_posts()]
    with pytest.raises(NotFoundError):
        backend.delete_post(made.id)


def test_pages_are_apart_from_posts(backend):
    made = backend.create_post(new_post(kind="page"))
    assert backend.get_post(made.id, kind="page").kind == "page"
    assert made.id in [p.id for p in backend.list_posts(kind="page")]
    assert made.id not in [p.id for p in backend.list_posts(kind="post")]
    with pytest.raises(NotFoundError):
        backend.get_post(made.id, kind="post")


def test_ids_that_are_not_ghosts_never_reach_a_url(backend):
    for bad in ("../../settings", "1; drop", "6b15309d5141820b429fc79"):
        with pytest.raises(NotFoundError):
            backend.get_post(bad)
    with pytest.raises(NotFoundError):  # well formed, never made: Ghost's own 404
        backend.get_post(secrets.token_hex(12))


def test_statuses(backend):
    pending = backend.create_post(new_post(status=RemoteStatus.PENDING))
    assert backend.get_post(pending.id).status == RemoteStatus.DRAFT  # Ghost reviews drafts
    assert backend.get_post(pending.id).date_gmt is None
    with pytest.raises(PermanentError, match="no private posts"):
        backend.create_post(new_post(status=RemoteStatus.PRIVATE))
    old = datetime(2020, 5, 1, 8, 30, tzinfo=UTC)
    assert backend.create_post(new_post(date_gmt=old)).date_gmt == old  # a published post keeps its date


def test_a_scheduled_post_keeps_its_time_and_goes_live_then(ghost, backend):
    later = (datetime.now(UTC) + timedelta(days=30)).replace(microsecond=0)
    made = backend.create_post(new_post(status=RemoteStatus.FUTURE, date_gmt=later))
    read = backend.get_post(made.id)
    assert (read.status, read.date_gmt) == (RemoteStatus.FUTURE, later)
    soon = (datetime.now(UTC) + timedelta(seconds=6)).replace(microsecond=0)
    made = backend.create_post(new_post(status=RemoteStatus.FUTURE, date_gmt=soon, content="<p>On time.</p>"))
    deadline = time.monotonic() + 60
    while backend.get_post(made.id).status is RemoteStatus.FUTURE and time.monotonic() < deadline:
        time.sleep(0.5)  # Ghost's own scheduler publishes it
    live = backend.get_post(made.id)
    assert live.status is RemoteStatus.PUBLISH and "On time." in httpx.get(live.link or "").text
    with pytest.raises(PermanentError, match="needs a date"):
        backend.create_post(new_post(status=RemoteStatus.FUTURE))


def test_list_posts_is_newest_first_and_filters_on_the_time_of_change(backend):
    before = datetime.now(UTC) - timedelta(seconds=1)
    first = backend.create_post(new_post(date_gmt=datetime(2021, 1, 1, tzinfo=UTC)))
    second = backend.create_post(new_post())
    recent = [p.id for p in backend.list_posts(modified_after=before)]
    assert recent.index(second.id) < recent.index(first.id)
    assert [p.id for p in backend.list_posts(modified_after=datetime.now(UTC) + timedelta(minutes=1))] == []
    backend._admin.page_size = 2  # several pages of answers: none lost, none twice
    every = [p.id for p in backend.list_posts()]
    assert len(every) == len(set(every)) and {first.id, second.id} <= set(every)


# -- tags -----------------------------------------------------------------------------------------
def test_tags_are_matched_ignoring_case_and_categories_do_not_exist(backend):
    name = f"Steam {mark()}"
    made = backend.create_term("tag", name)
    assert made.name == name and backend.create_term("tag", name.lower()) == made
    post = backend.create_post(new_post(tags=[name.upper(), name]))
    assert backend.get_post(post.id).tags == [name]
    assert [t.name for t in backend.list_terms("tag")].count(name) == 1
    assert not [t for t in backend.list_terms("tag") if t.name == name.upper()]
    with pytest.raises(PermanentError, match="no categories"):
        backend.list_terms("category")


# -- images ---------------------------------------------------------------------------------------
def test_an_upload_is_found_again_by_its_hashed_name(ghost, backend):
    data, digest = unique_png()
    name = f"Zug über Brücke-{digest[:16]}.png"  # Ghost turns all but ASCII letters, digits, _ @ . into "-"
    item = backend.upload_media(name, data, "image/png")
    assert item.id == item.url and f"/content/images/{datetime.now(UTC):%Y/%m}/" in item.url
    assert item.url.endswith(ghost_file_name(name)) and ghost_file_name(name) == f"Zug-uber-Brucke-{digest[:16]}.png"
    found = backend.find_media(name, digest)
    assert found is not None and found.id == item.id
    other, other_digest = unique_png()
    assert backend.find_media(f"other-{other_digest[:16]}.png", other_digest) is None
    assert backend.find_media("no-hash-in-it.png", digest) is None


def test_a_resized_upload_is_recognised_by_the_original_ghost_keeps(backend):
    data = wide_png()
    digest = hashlib.sha256(data).hexdigest()
    item = backend.upload_media(f"wide-{digest[:16]}.png", data, "image/png")
    assert httpx.get(item.url).content != data  # Ghost made it smaller...
    found = backend.find_media(f"wide-{digest[:16]}.png", digest)  # ...and kept the file as sent beside it
    assert found is not None and found.id == item.id


def test_the_featured_image_is_the_uploads_address(backend):
    data, digest = unique_png()
    item = backend.upload_media(f"featured-{digest[:16]}.png", data, "image/png")
    made = backend.create_post(new_post(featured_media=item.id))
    assert backend.get_post(made.id).featured_media == item.id
    cleared = backend.update_post(RemotePost(**{**made.__dict__, "featured_media": None}), last_seen_modified=None)
    assert cleared.featured_media is None
    with pytest.raises(PermanentError, match="not the address of an image"):
        backend.create_post(new_post(featured_media="42"))


# -- errors ---------------------------------------------------------------------------------------
def test_ghosts_refusals_are_permanent_errors_in_its_words(backend):
    with pytest.raises(PermanentError, match="custom_excerpt should NOT be longer than 300 characters"):
        backend.create_post(new_post(excerpt="x" * 301))
    with pytest.raises(PermanentError, match="valid image"):
        backend.upload_media("notes.txt", b"plain words", "text/plain")
    with pytest.raises(PermanentError, match="Image processing failed"):
        backend.upload_media("broken.png", b"not a png at all", "image/png")


@pytest.fixture
def proxy(ghost: Ghost) -> Iterator[FaultProxy]:
    with FaultProxy(ghost.url) as running:
        yield running


def test_faults_the_real_ghost_cannot_show(ghost, proxy):
    """Through the fault proxy (the real Ghost does not answer like this on demand)."""
    with open_backend(proxy.url, ghost.admin_key) as backend:
        assert backend.api_root == proxy.url + "/ghost/api/admin/"
        proxy.set("status", status=429, headers={"Retry-After": "7", "Content-Type": "application/json"}, body=b"{}")
        with pytest.raises(RateLimitedError) as slow:
            backend.list_terms("tag")
        assert slow.value.retry_after == 7
        errors = {"errors": [{"type": "InternalServerError", "message": "Database gone away", "context": None}]}
        proxy.set("status", status=500, headers={"Content-Type": "application/json"}, body=json.dumps(errors).encode())
        with pytest.raises(TransientError, match="Database gone away"):
            backend.get_post(secrets.token_hex(12))
        proxy.set("html")
        with pytest.raises(BadResponseError, match="web page"):
            backend.list_posts()
        proxy.set("status", status=503, headers={"Content-Type": "text/html"}, body=b"<h1>Maintenance</h1>")
        with pytest.raises(TransientError):
            backend.create_post(new_post())
        proxy.set("refuse")
        with pytest.raises(TransientError):
            backend.verify()
        # A signed request is never sent on through a redirect (Ghost sends one to its admin's own address).
        elsewhere = {"Location": "http://127.0.0.2:9/ghost/api/admin/tags/", "Content-Type": "text/html"}
        proxy.set("status", status=301, headers=elsewhere, body=b"<p>Moved</p>")
        with pytest.raises(BadResponseError, match="sent Longhand to 127.0.0.2"):
            backend.list_terms("tag")
        for request in proxy.requests:  # the key itself never travels, only tokens made from it
            assert ghost.admin_key.split(":")[1] not in json.dumps(request[2])


def test_a_create_whose_answer_was_lost_is_found_and_a_lost_upload_too(ghost, proxy):
    with open_backend(proxy.url, ghost.admin_key) as backend:
        sent, sent_at = new_post(), datetime.now(UTC)
        proxy.set("drop_response")
        with pytest.raises(TransientError):
            backend.create_post(sent)
        data, digest = unique_png()
        with pytest.raises(TransientError):
            backend.upload_media(f"lost-{digest[:16]}.png", data, "image/png")
        proxy.set("pass")
        found = Outbox._find_lost_create(backend, sent, sent_at)
        assert found is not None and found.title == sent.title
        item = backend.find_media(f"lost-{digest[:16]}.png", digest)
        assert item is not None and httpx.get(item.url.replace(proxy.url, ghost.url)).content == data


# -- publishing end to end: the `longhand` command, the real Ghost, a real Secret Service -------------
def add_ghost(run: Longhand, ghost: Ghost, name: str, key: str | None = None, ok: bool = True):
    """`longhand accounts add` for the test Ghost, the Admin API key piped on stdin as a script would."""
    argv = ("accounts", "add", "--backend", "ghost", "--url", ghost.url, "--user", "anyone", "--name", name, "--json")
    return run(*argv, stdin=(key or ghost.admin_key) + "\n", ok=ok)


@pytest.fixture(scope="module")
def longhand(ghost: Ghost, secret_service, tmp_path_factory) -> Iterator[Longhand]:
    run = Longhand(tmp_path_factory.mktemp("ghost-data"), secret_service.child_env())
    account = json.loads(add_ghost(run, ghost, "ghost-blog").stdout)
    assert account["backend"] == "ghost" and ghost.admin_key not in json.dumps(account)
    yield run
    # The key is in the keyring and nowhere else Longhand wrote or printed, whole or its secret half.
    for secret in (ghost.admin_key, ghost.admin_key.split(":")[1]):
        assert [p for p in run.data.rglob("*") if p.is_file() and secret.encode() in p.read_bytes()] == []
        assert not [text for text in run.seen if secret in text]


def images_on(ghost: Ghost) -> list[str]:
    return sorted(p.name for p in (ghost.content_dir / "images").rglob("*") if p.is_file())


def test_the_cli_adds_the_blog_and_refuses_a_wrong_key(longhand, ghost):
    said = longhand("accounts", "test", "ghost-blog").stdout
    assert f"Connected to {SITE_TITLE}" in said
    wrong = f"{ghost.admin_key.split(':')[0]}:{secrets.token_hex(32)}"
    done = add_ghost(longhand, ghost, "wrong", key=wrong, ok=False)
    assert done.returncode == 1 and "Admin API key" in done.stderr and wrong.split(":")[1] not in done.stderr
    assert [a["name"] for a in longhand.json("accounts", "list")] == ["ghost-blog"]


def test_publish_a_draft_with_a_local_image_then_pull_it(longhand, ghost, secret_service, tmp_path, tmp_path_factory):
    picture, _ = unique_png()
    (tmp_path / "train.png").write_bytes(picture)
    words = f"Trains run on time {mark()}"
    post = tmp_path / "train.md"
    post.write_text(
        "---\ntitle: On time\nslug: on-time\ntags: [longhand, Trains]\nexcerpt: A short one.\n"
        "status: published\nfeatured_image: train.png\n---\n\n"
        f"![A train](train.png)\n\n{words}.\n\n```python\ndef train():\n    pass\n```\n",
        encoding="utf-8",
    )
    job = longhand.json("publish", str(post))
    assert job["state"] == "done", job
    page = httpx.get(job["remote_url"]).text
    assert "On time" in page and words in page
    assert '<span class="k">def</span>' in page  # Pygments' classes survived Ghost
    image = re.search(r'<img [^>]*alt="A train"[^>]*>', page)
    assert image, "the image is on the page"
    src = re.search(r'src="([^"]+)"', image.group(0)).group(1)
    assert httpx.get(src).content == picture
    remote = ghost.request("GET", f"posts/{job['remote_id']}/").json()["posts"][0]
    assert remote["feature_image"] == src  # the same upload serves as the featured image
    assert [t["name"] for t in remote["tags"]] == ["longhand", "Trains"] and remote["custom_excerpt"] == "A short one."

    # Publishing again changes the same post, and the image is not uploaded twice.
    uploaded = images_on(ghost)
    again = longhand.json("publish", str(job["draft_id"]))
    assert again["remote_id"] == job["remote_id"] and again["state"] == "done"
    assert images_on(ghost) == uploaded

    # Another computer pulls the blog's posts into drafts.
    other = Longhand(tmp_path_factory.mktemp("ghost-pull"), secret_service.child_env())
    add_ghost(other, ghost, "ghost-blog")
    pulled = other.json("pull")
    drafts = [other.json("drafts", "show", str(i)) for i in pulled["created"]]
    mine = next(d for d in drafts if d["remote_id"] == job["remote_id"])
    assert mine["title"] == "On time" and words in mine["body"] and src in mine["body"]
    assert mine["tags"] == ["longhand", "Trains"] and mine["status"] == "published"
    assert other.json("pull")["created"] == []  # nothing new the second time
