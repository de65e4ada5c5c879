"""The MetaWeblog (XML-RPC) backend against the real WordPress's xmlrpc.php: discovery through RSD and its
fall-back, signing in, posts, pages, terms, media, scheduling, comments and their moderation, the faults the
real server shows, and faults only a proxy can make (tests/fault_proxy.py). At the end, the `longhand` command
(a real process, the password in a real Secret Service) publishes and reads comments through it.

What the backend says it can do is also held to the contract suite (tests/backends/contract,
targets_metaweblog.py); this file checks what is particular to XML-RPC, from WordPress's side too (its REST
API is an independent witness of what the XML-RPC calls did).
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
import time
import xmlrpc.client
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from editor.backends.base import (
    BadResponseError,
    CommentStatus,
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
    backend_class,
)
from editor.backends.metaweblog import MetaWeblogBackend
from tests.backends.contract.targets_metaweblog import require_php_xml
from tests.comment_form import post_public_comment
from tests.fault_proxy import FaultProxy
from tests.longhand_cli import Longhand
from tests.pictures import PNG
from tests.wordpress_server import SITE_TITLE, WordPress


def mark() -> str:
    return secrets.token_hex(4)


def open_blog(url: str, wordpress: WordPress, password: str | None = None, **kwargs) -> MetaWeblogBackend:
    """A backend for the admin at `url` (the WordPress itself, or a proxy before it), its endpoint discovered."""
    backend = MetaWeblogBackend(Credentials(url, wordpress.admin_user, password or wordpress.admin_password), **kwargs)
    backend.discover()
    return backend


@pytest.fixture(scope="module")
def blog(wordpress: WordPress) -> Iterator[MetaWeblogBackend]:
    require_php_xml(wordpress)
    with open_blog(wordpress.url, wordpress) as backend:
        yield backend


def rest(wordpress: WordPress, route: str, **kwargs) -> httpx.Response:
    """WordPress's REST API, as the admin: a second witness of what the XML-RPC calls did."""
    return httpx.request(
        kwargs.pop("method", "GET"),
        f"{wordpress.url}/wp-json/wp/v2/{route}",
        auth=(wordpress.admin_user, wordpress.app_password),
        timeout=30,
        **kwargs,
    )


def mu_plugin(wordpress: WordPress, name: str, php: str) -> Iterator[None]:
    """A must-use plugin in the test site for one test: WordPress loads it on every request."""
    path = wordpress.root / "wp-content" / "mu-plugins" / f"longhand-metaweblog-{name}.php"
    path.write_text("<?php\n" + php + "\n")
    try:
        yield
    finally:
        path.unlink()


# -- discovery and signing in ----------------------------------------------------------------------
def test_discovery_follows_the_rsd_link(wordpress, proxy):
    require_php_xml(wordpress)
    backend = MetaWeblogBackend(Credentials(proxy.url, wordpress.admin_user, wordpress.admin_password))
    with backend:
        root = backend.discover()
    assert root == f"{proxy.url}/xmlrpc.php#blog=1"  # the RSD's MetaWeblog apiLink and blogID
    assert proxy.count("GET", "/xmlrpc.php?rsd") == 1
    assert "EditURI" in httpx.get(wordpress.url, timeout=30).text
    # Kept with the account, the root needs no discovery again.
    seen = proxy.count("GET")
    with MetaWeblogBackend(Credentials(proxy.url, wordpress.admin_user, wordpress.admin_password, root)) as again:
        assert again.verify().name == SITE_TITLE
    assert proxy.count("GET") == seen


@pytest.fixture
def no_rsd_link(wordpress: WordPress) -> Iterator[None]:
    """Pages asked for with ?no-rsd leave out WordPress's `<link rel="EditURI">`, as some themes do."""
    yield from mu_plugin(wordpress, "no-rsd", "if (isset($_GET['no-rsd'])) { remove_action('wp_head', 'rsd_link'); }")


def test_without_an_rsd_link_discovery_tries_xmlrpc_php(wordpress, proxy, no_rsd_link):
    require_php_xml(wordpress)
    site = f"{proxy.url}/?no-rsd=1"
    assert "EditURI" not in httpx.get(f"{wordpress.url}/?no-rsd=1", timeout=30).text
    with MetaWeblogBackend(Credentials(site, wordpress.admin_user, wordpress.admin_password)) as backend:
        assert backend.discover() == f"{proxy.url}/xmlrpc.php#blog=1"  # the blog's id asked of the blog
        assert backend.verify().name == SITE_TITLE
    assert proxy.count("GET", "/xmlrpc.php?rsd") == 0


def test_a_site_of_web_pages_only_is_not_a_metaweblog_blog(wordpress, proxy):
    proxy.set("html")  # every address, /xmlrpc.php too, answers a web page
    with MetaWeblogBackend(Credentials(proxy.url, "admin", "pw")) as backend:
        with pytest.raises(PermanentError, match="offers no MetaWeblog"):
            backend.discover()


def test_plain_http_to_another_machine_is_refused_before_sending_anything():
    with MetaWeblogBackend(Credentials("http://blog.example.com", "admin", "pw")) as backend:
        with pytest.raises(InsecureTransportError):
            backend.discover()
    endpoint = "http://blog.example.com/xmlrpc.php#blog=1"  # an endpoint named by a site's RSD, say
    with MetaWeblogBackend(Credentials("https://blog.example.com", "admin", "pw", endpoint)) as backend:
        with pytest.raises(InsecureTransportError):
            backend.get_post("1")


@pytest.mark.parametrize("password", ["admin_password", "app_password"])
def test_signs_in_with_the_login_password_or_an_application_password(wordpress, password):
    require_php_xml(wordpress)
    with open_blog(wordpress.url, wordpress, getattr(wordpress, password)) as backend:
        info = backend.verify()
    assert (info.name, info.user_login) == (SITE_TITLE, wordpress.admin_user)
    assert info.api_root == f"{wordpress.url}/xmlrpc.php#blog=1" and info.url.rstrip("/") == wordpress.url


def test_a_wrong_password_is_refused_and_never_repeated(blog, wordpress, caplog):
    caplog.set_level(logging.DEBUG)
    wrong = f"not <the> & password {mark()}"
    backend = MetaWeblogBackend(Credentials(wordpress.url, wordpress.admin_user, wrong, blog.api_root))
    with pytest.raises(CredentialsRejectedError) as refused:
        backend.verify()
    # A call other than the sign-in gets the same answer: WordPress's 403 is told from its other 403s.
    with pytest.raises(CredentialsRejectedError) as again:
        backend.get_post("1")
    assert "did not accept the user name or password" in str(refused.value)
    for text in (str(refused.value), str(again.value), caplog.text):
        assert wrong not in text and "&lt;the&gt;" not in text


def test_a_subscriber_may_sign_in_but_not_write(blog, wordpress):
    login, password = wordpress.create_user(f"subscriber-{mark()}", role="subscriber")
    backend = MetaWeblogBackend(Credentials(wordpress.url, login, password, blog.api_root))
    with backend, pytest.raises(PermanentError, match="may sign in .* but not write posts"):
        backend.verify()


@pytest.fixture
def xmlrpc_off(wordpress: WordPress) -> Iterator[None]:
    """XML-RPC turned off, as a security plugin does (WordPress's `xmlrpc_enabled` filter)."""
    yield from mu_plugin(wordpress, "off", "add_filter('xmlrpc_enabled', '__return_false');")


def test_xmlrpc_turned_off_is_said_plainly(blog, wordpress, xmlrpc_off):
    backend = MetaWeblogBackend(
        Credentials(wordpress.url, wordpress.admin_user, wordpress.admin_password, blog.api_root)
    )
    with backend, pytest.raises(PermanentError, match="XML-RPC services are disabled"):
        backend.verify()


# -- posts, terms, pages -----------------------------------------------------------------------------
def test_a_post_round_trips_with_its_terms(blog, wordpress):
    tag = mark()
    sent = RemotePost(
        title=f"Fish & <Chips> {tag}",
        content="<p>Intro.</p><!--more--><p>The rest.</p>",
        slug=f"fish-{tag}",
        excerpt="Short & sweet.",
        status=RemoteStatus.PUBLISH,
        categories=[f"Food & Drink {tag}"],  # not on the blog yet: created first
        tags=[f"fried & salty {tag}", f"uk {tag}"],  # created by WordPress from mt_keywords
    )
    made = blog.create_post(sent)
    assert (made.title, made.content, made.slug, made.excerpt) == (sent.title, sent.content, sent.slug, sent.excerpt)
    assert made.categories == sent.categories and sorted(made.tags) == sorted(sent.tags)
    assert made.link == f"{wordpress.url}/fish-{tag}/" and made.modified_gmt is not None
    seen = rest(wordpress, f"posts/{made.id}", params={"context": "edit"}).json()
    assert (seen["title"]["raw"], seen["content"]["raw"], seen["status"]) == (sent.title, sent.content, "publish")
    # Terms: the names as given, found again whatever their case.
    category = blog.create_term("category", f"FOOD & DRINK {tag}")
    assert category.name == f"Food & Drink {tag}" and category.id == str(seen["categories"][0])
    assert blog.create_term("tag", f"UK {tag}").id in {str(t) for t in seen["tags"]}
    assert f"fried & salty {tag}" in [t.name for t in blog.list_terms("tag")]

    # Replaced on update (an empty list of categories keeps the old ones: WordPress's metaWeblog.editPost).
    changed = replace(made, title=made.title + " (edited)", tags=[], categories=[f"Other {tag}"])
    updated = blog.update_post(changed, last_seen_modified=made.modified_gmt)
    assert updated.title == changed.title and updated.tags == [] and updated.categories == [f"Other {tag}"]


def test_text_xml_cannot_carry_is_left_out_not_refused(blog):
    made = blog.create_post(RemotePost(title=f"Pasted\x0c {mark()}", content="<p>Page\x0cbreak 🚂</p>"))
    assert made.content == "<p>Pagebreak 🚂</p>" and "\x0c" not in made.title


def test_a_change_made_elsewhere_is_a_conflict(blog, wordpress):
    made = blog.create_post(RemotePost(title=f"Shared {mark()}", content="<p>Mine.</p>", status=RemoteStatus.PUBLISH))
    time.sleep(1.1)  # WordPress keeps modification times to the second
    assert rest(wordpress, f"posts/{made.id}", method="POST", json={"content": "<p>Theirs.</p>"}).status_code == 200
    with pytest.raises(ConflictError) as conflict:
        blog.update_post(replace(made, content="<p>Mine, again.</p>"), last_seen_modified=made.modified_gmt)
    assert conflict.value.remote is not None and conflict.value.remote.content == "<p>Theirs.</p>"
    assert blog.get_post(made.id).content == "<p>Theirs.</p>"
    overwritten = blog.update_post(replace(made, content="<p>Mine, again.</p>"), last_seen_modified=None)
    assert overwritten.content == "<p>Mine, again.</p>"


def test_delete_moves_to_the_trash_once(blog, wordpress):
    made = blog.create_post(RemotePost(title=f"Doomed {mark()}", content="<p>Bye.</p>", status=RemoteStatus.PUBLISH))
    blog.delete_post(made.id)
    blog.delete_post(made.id)  # a retry: WordPress would delete a trashed post for good if asked again
    assert rest(wordpress, f"posts/{made.id}", params={"context": "edit"}).json()["status"] == "trash"
    assert made.id not in [p.id for p in blog.list_posts()]
    with pytest.raises(NotFoundError):
        blog.get_post(made.id)


def test_a_missing_post_is_not_found(blog):
    with pytest.raises(NotFoundError, match="no such item"):
        blog.get_post("987654321")
    with pytest.raises(NotFoundError):
        blog.update_post(RemotePost(id="987654321", title="Nobody"), last_seen_modified=None)


def test_dates_scheduled_backdated_and_floating(blog, wordpress):
    ahead = (datetime.now(UTC) + timedelta(days=9)).replace(microsecond=0)
    scheduled = blog.create_post(RemotePost(title=f"Later {mark()}", status=RemoteStatus.FUTURE, date_gmt=ahead))
    assert (scheduled.status, scheduled.date_gmt) == (RemoteStatus.FUTURE, ahead)
    seen = rest(wordpress, f"posts/{scheduled.id}", params={"context": "edit"}).json()
    assert (seen["status"], seen["date_gmt"]) == ("future", ahead.strftime("%Y-%m-%dT%H:%M:%S"))
    back = (datetime.now(UTC) - timedelta(days=400)).replace(microsecond=0)
    backdated = blog.create_post(RemotePost(title=f"Then {mark()}", status=RemoteStatus.PUBLISH, date_gmt=back))
    assert (backdated.status, backdated.date_gmt) == (RemoteStatus.PUBLISH, back)
    draft = blog.create_post(RemotePost(title=f"Someday {mark()}", status=RemoteStatus.DRAFT))
    assert draft.status == RemoteStatus.DRAFT and draft.date_gmt is None  # floats until published


def test_pages_are_kept_apart_from_posts(blog, wordpress):
    page = blog.create_post(RemotePost(title=f"About {mark()}", content="<p>Us.</p>", kind="page"))
    assert rest(wordpress, f"pages/{page.id}", params={"context": "edit"}).json()["status"] == "draft"
    published = blog.update_post(replace(page, status=RemoteStatus.PUBLISH), last_seen_modified=page.modified_gmt)
    assert published.status == RemoteStatus.PUBLISH and published.kind == "page"
    assert page.id in [p.id for p in blog.list_posts(kind="page")]
    assert page.id not in [p.id for p in blog.list_posts(kind="post")]
    blog.delete_post(page.id, kind="page")
    assert rest(wordpress, f"pages/{page.id}", params={"context": "edit"}).json()["status"] == "trash"


# -- media ------------------------------------------------------------------------------------------
def test_an_upload_is_found_again_and_serves_as_featured_image(blog, wordpress):
    data = PNG + secrets.token_bytes(8)
    digest = hashlib.sha256(data).hexdigest()
    name = f"train-{digest[:16]}.png"
    item = blog.upload_media(name, data, "image/png")
    assert httpx.get(item.url, timeout=30).content == data and item.mime_type == "image/png"
    assert rest(wordpress, f"media/{item.id}").json()["source_url"] == item.url
    assert blog.find_media(name, digest) == item
    other = hashlib.sha256(b"never sent").hexdigest()
    assert blog.find_media(f"train-{other[:16]}.png", other) is None
    assert blog.find_media("train.png", digest) is None  # not a name Longhand made

    post = blog.create_post(RemotePost(title=f"Pictured {mark()}", featured_media=item.id))
    assert post.featured_media == item.id
    assert rest(wordpress, f"posts/{post.id}").json()["featured_media"] == int(item.id)
    plain = blog.update_post(replace(post, featured_media=None), last_seen_modified=None)
    assert plain.featured_media is None and rest(wordpress, f"posts/{post.id}").json()["featured_media"] == 0


# -- comments ---------------------------------------------------------------------------------------
def test_a_readers_comment_answered_and_moderated(blog, wordpress, proxy):
    since = datetime.now(UTC) - timedelta(seconds=5)
    post = blog.create_post(RemotePost(title=f"Night trains {mark()}", status=RemoteStatus.PUBLISH))
    asked = post_public_comment(wordpress.url, post.id, "Ada", "ada@example.com", f"Showers? {mark()}")
    question = str(asked.comment_id)
    listed = {c.id: c for c in blog.list_comments(after=since)}
    assert listed[question].status == CommentStatus.HOLD  # a first-time commenter waits for approval
    assert (listed[question].post_title, listed[question].author_name) == (post.title, "Ada")

    reply = blog.reply_comment(post.id, question, "<p>Yes, <strong>hot</strong> ones.</p>")
    assert (reply.parent_id, reply.status, reply.post_id) == (question, CommentStatus.APPROVED, post.id)
    with pytest.raises(PermanentError, match="Duplicate comment"):  # a 403 fault that is not about the password
        blog.reply_comment(post.id, question, "<p>Yes, <strong>hot</strong> ones.</p>")

    for status in (CommentStatus.APPROVED, CommentStatus.SPAM, CommentStatus.TRASH, CommentStatus.HOLD):
        assert blog.set_comment_status(question, status).status == status
        assert rest(wordpress, f"comments/{question}", params={"context": "edit"}).json()["status"] == str(status)
    assert blog.set_comment_status(question, CommentStatus.HOLD).status == CommentStatus.HOLD  # already: no write
    assert "Edited." in blog.edit_comment(question, "<p>Edited.</p>").content

    # Statuses of many comments in one request (system.multicall), a deleted one left out.
    with open_blog(proxy.url, wordpress) as through:
        before = proxy.count("POST")
        statuses = through.comment_statuses([question, reply.id, "987654321"])
        assert proxy.count("POST") == before + 1
    assert statuses == {question: CommentStatus.HOLD, reply.id: CommentStatus.APPROVED}

    blog.delete_comment(reply.id)  # approved: trashed, then deleted for good
    blog.delete_comment(reply.id)  # gone already: done
    assert rest(wordpress, f"comments/{reply.id}", params={"context": "edit"}).status_code == 404
    assert blog.comment_statuses([reply.id]) == {}


# -- a blog with fewer methods: WordPress with some taken away, as plugins do --------------------------------
@pytest.fixture
def plain_metaweblog(wordpress: WordPress) -> Iterator[None]:
    """WordPress's XML-RPC without its wp.* methods: what a MetaWeblog server that is not WordPress offers."""
    php = "add_filter('xmlrpc_methods', function ($m) { foreach ($m as $k => $v) { if (strpos($k, 'wp.') === 0) "
    php += "{ unset($m[$k]); } } return $m; });"
    yield from mu_plugin(wordpress, "plain", php)


def test_a_blog_without_wordpress_extensions(wordpress, plain_metaweblog):
    with open_blog(wordpress.url, wordpress) as backend:
        assert backend.verify().user_login == wordpress.admin_user
        post = backend.create_post(RemotePost(title=f"Plain {mark()}", tags=["plain"], categories=["Uncategorized"]))
        assert (post.tags, post.categories) == (["plain"], ["Uncategorized"])
        assert "Uncategorized" in [t.name for t in backend.list_terms("category")]
        item = backend.upload_media(f"plain-{'ab' * 8}.png", PNG, "image/png")
        assert httpx.get(item.url, timeout=30).content == PNG
        assert backend.find_media(f"plain-{'ab' * 8}.png", "ab" * 32) is None  # no library to search: sent again
        for attempt, words in (
            (lambda: backend.create_post(RemotePost(title="About", kind="page")), "does not offer pages"),
            (lambda: backend.create_post(RemotePost(title="x", featured_media=item.id)), "featured images"),
            (lambda: backend.list_terms("tag"), "does not offer wp.getTerms"),
            (lambda: backend.create_term("category", "New"), "does not offer wp.newCategory"),
            (lambda: list(backend.list_comments()), "does not offer wp.getComments"),
        ):
            with pytest.raises(PermanentError, match=words):
                attempt()


@pytest.fixture
def no_multicall(wordpress: WordPress) -> Iterator[None]:
    """WordPress's XML-RPC server without system.multicall (which its IXR base class adds, so a subclass)."""
    php = """add_filter('wp_xmlrpc_server_class', function () {
        if (!class_exists('Longhand_No_Multicall')) {
            class Longhand_No_Multicall extends wp_xmlrpc_server {
                function setCallbacks() { parent::setCallbacks(); unset($this->callbacks['system.multicall']); }
            }
        }
        return 'Longhand_No_Multicall';
    });"""
    yield from mu_plugin(wordpress, "no-multicall", php)


def test_without_multicall_statuses_are_asked_one_by_one(blog, wordpress, proxy, no_multicall):
    post = blog.create_post(RemotePost(title=f"Busy {mark()}", status=RemoteStatus.PUBLISH))
    asked = [post_public_comment(wordpress.url, post.id, "Bo", "bo@example.com", f"No. {i}") for i in (1, 2)]
    ids = [str(answer.comment_id) for answer in asked]
    with open_blog(proxy.url, wordpress) as through:  # discovery read which methods the blog has
        before = proxy.count("POST")
        assert through.comment_statuses([*ids, "987654321"]) == dict.fromkeys(ids, CommentStatus.HOLD)
        assert proxy.count("POST") == before + 3  # one call per comment


# -- faults only a proxy can make ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "mode, answer, error, words",
    [
        ("html", {}, BadResponseError, "web page instead of data"),
        (
            "status",
            {"status": 200, "headers": {"Content-Type": "text/xml"}, "body": b"Warning: x<?xml"},
            BadResponseError,
            "could not read",
        ),
        ("status", {"status": 500}, TransientError, "server error"),
        ("status", {"status": 429, "headers": {"Retry-After": "7"}}, RateLimitedError, "slow down"),
        ("reset", {}, TransientError, "broke"),
    ],
)
def test_broken_answers_are_plain_errors(wordpress, proxy, mode, answer, error, words):
    with open_blog(proxy.url, wordpress) as backend:
        proxy.set(mode, **answer)
        with pytest.raises(error, match=words):
            backend.list_posts()


def test_no_answer_is_a_timeout(wordpress, proxy):
    with open_blog(proxy.url, wordpress, timeout=1) as backend:
        proxy.set("hang")
        with pytest.raises(TransientError, match="did not answer within 1 seconds"):
            backend.get_post("1")
        proxy.set("pass")


def test_a_redirect_is_not_followed_with_the_password(wordpress, proxy):
    with FaultProxy(wordpress.url) as elsewhere, open_blog(proxy.url, wordpress) as backend:
        proxy.set("status", status=307, headers={"Location": f"{elsewhere.url}/xmlrpc.php"})
        with pytest.raises(BadResponseError, match="instead of answering"):
            backend.get_post("1")
        assert elsewhere.requests == []


def test_a_fault_echoing_the_password_is_scrubbed(wordpress, proxy):
    """WordPress never echoes the password; a broken plugin might (a fault given by the proxy, said so)."""
    password = wordpress.admin_password
    with open_blog(proxy.url, wordpress) as backend:
        echo = xmlrpc.client.dumps(xmlrpc.client.Fault(500, f"Bad login {password}"), methodresponse=True)
        proxy.set("status", status=200, headers={"Content-Type": "text/xml"}, body=echo.encode())
        with pytest.raises(PermanentError) as refused:
            backend.list_terms("category")
    assert password not in str(refused.value) and "Bad login •••" in str(refused.value)


# -- the longhand command, end to end ----------------------------------------------------------------------
def test_the_longhand_command_over_xmlrpc(wordpress, secret_service, tmp_path: Path):
    require_php_xml(wordpress)
    assert backend_class("metaweblog") is MetaWeblogBackend  # registered under the entry point
    run = Longhand(tmp_path / "data", secret_service.child_env())
    add = ["accounts", "add", "--backend", "metaweblog", "--url", wordpress.url, "--user", wordpress.admin_user]
    wrong = run(*add, "--name", "wrong", stdin="not the password\n", ok=False)
    assert wrong.returncode == 1 and "did not accept the user name or password" in wrong.stderr
    account = run.json(*add, "--name", "mw", stdin=wordpress.admin_password + "\n")
    assert account["api_root"] == f"{wordpress.url}/xmlrpc.php#blog=1" and account["backend"] == "metaweblog"
    assert f"Connected to {SITE_TITLE}" in run("accounts", "test", "mw").stdout

    tag = mark()
    (tmp_path / "train.png").write_bytes(PNG)
    draft = tmp_path / "post.md"
    draft.write_text(
        f"---\ntitle: Sleeper {tag}\ntags: [trains]\ncategories: [Travel]\nstatus: published\n"
        "featured_image: train.png\n---\n\n![A train](train.png)\n\nOvernight to the sea.\n",
        encoding="utf-8",
    )
    job = run.json("publish", str(draft))
    assert job["state"] == "done", job
    page = httpx.get(job["remote_url"], timeout=30).text
    assert f"Sleeper {tag}" in page and "Overnight to the sea." in page
    seen = rest(wordpress, f"posts/{job['remote_id']}", params={"context": "edit"}).json()
    image = rest(wordpress, f"media/{seen['featured_media']}").json()["source_url"]
    assert image in seen["content"]["raw"] and httpx.get(image, timeout=30).content == PNG

    text = f"Is there a dining car? {tag}"
    asked = post_public_comment(wordpress.url, job["remote_id"], "Reader", "reader@example.com", text)
    run.json("comments", "sync")
    [comment] = [c for c in run.json("comments", "list") if c["text"] == text]
    assert comment["remote_id"] == str(asked.comment_id) and comment["post_title"] == f"Sleeper {tag}"
    assert run.json("comments", "approve", str(comment["id"]))[0]["status"] == "approved"
    assert text in httpx.get(job["remote_url"], timeout=30).text

    # The password went to the keyring and nowhere else the command wrote or printed.
    secret = wordpress.admin_password.encode()
    assert [p for p in run.data.rglob("*") if p.is_file() and secret in p.read_bytes()] == []
    assert not [seen for seen in run.seen if wordpress.admin_password in seen]
    assert json.dumps(account).find(wordpress.admin_password) == -1
