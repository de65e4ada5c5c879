"""WordPress.com through the browser, end to end, with the `longhand` command as real processes.

WordPress.com cannot be reached from the test machines: tests/wpcom_shim.py stands in for it on
127.0.0.1 (its URL layout, its OAuth2 approval page and implicit grant, its error shapes) in front of the
real WordPress of the test suite, where every post, picture and comment lands. `accounts connect` waits,
the test approves on the shim's page as the browser would, the `longhand://wpcom#access_token=…` address
goes to `longhand open-url`, and the token goes to the real Secret Service and nowhere else. Then the blog
is published to, pulled from and answered through WordPress.com's layout; a revoked token fails once and
stops the sync, and connecting again through the browser makes everything work again.
"""

from __future__ import annotations

import secrets
import sqlite3
from urllib.parse import quote, quote_plus, urlsplit

import httpx
import pytest

from editor.backends.wpcom_connect import callback_params
from tests.comment_form import post_public_comment
from tests.connect_cli import connecting
from tests.longhand_cli import Longhand
from tests.sentinel import PIXEL
from tests.wordpress_server import WordPress
from tests.wpcom_shim import CLIENT_ID, REFUSED, SITE, WordPressComShim, approve, deny


@pytest.fixture
def longhand(shim: WordPressComShim, secret_service, tmp_path) -> Longhand:
    """A `longhand` whose WordPress.com is the shim, with the shim's client id in its environment."""
    env = {**secret_service.child_env(), "LONGHAND_WPCOM_API": shim.url, "LONGHAND_WPCOM_CLIENT_ID": CLIENT_ID}
    return Longhand(tmp_path / "data", env)


def connect(longhand: Longhand, url: str, *args: str) -> tuple[str, str]:
    """The whole browser flow, approved: the sentence `open-url` printed and the token WordPress.com gave."""
    with connecting(longhand, url, "--no-browser", *args) as waiting:
        callback = approve(waiting.page)
        token = callback_params(callback)["access_token"]
        assert token.encode() not in waiting.cmdline  # the waiting process never had it on its command line
        said = longhand("open-url", callback).stdout.strip()
        status, out, err = waiting.finish()
        assert status == 0, err
        assert out.strip() == said
    return said, token


def forms(token: str) -> list[bytes]:
    return [form.encode() for form in (token, quote(token, safe=""), quote_plus(token))]


def on_wordpress(wordpress: WordPress, route: str, **params: str) -> dict:
    answer = httpx.get(
        f"{wordpress.url}/wp-json/wp/v2/{route}",
        params={"context": "edit", **params},
        auth=(wordpress.admin_user, wordpress.app_password),
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def admin_name(wordpress: WordPress) -> str:
    return wordpress.wp_eval("echo get_userdata(1)->display_name;").strip()


def test_connect_with_the_browser_then_publish_pull_and_answer_comments(longhand, shim, wordpress, tmp_path):
    # The client id saved with the command (not the environment's).
    run = Longhand(longhand.data, {k: v for k, v in longhand.env.items() if k != "LONGHAND_WPCOM_CLIENT_ID"})
    assert run("accounts", "wpcom-client", "--id", CLIENT_ID).stdout.strip() == (
        f"Longhand will connect to WordPress.com as the app {CLIENT_ID}."
    )
    with connecting(run, f"https://{SITE}", "--no-browser", "--name", "hosted") as waiting:
        page = urlsplit(waiting.page)
        query = dict(callback_params(waiting.page))
        assert f"{page.scheme}://{page.netloc}{page.path}" == f"{shim.url}/oauth2/authorize"
        with sqlite3.connect(run.data / "longhand.sqlite3") as db:
            [(request_id,)] = db.execute("SELECT id FROM connect_requests WHERE kind = 'wpcom'").fetchall()
        assert query == {
            "client_id": CLIENT_ID,
            "redirect_uri": "longhand://wpcom",
            "response_type": "token",
            "blog": SITE,
            "state": request_id,
        }
        callback = approve(waiting.page)
        assert callback.startswith("longhand://wpcom#access_token=")
        token = callback_params(callback)["access_token"]
        assert token.encode() not in waiting.cmdline
        said = run("open-url", callback).stdout.strip()
        assert said == f"Connected to {shim.name()} as {admin_name(wordpress)}."
        status, out, err = waiting.finish()
        assert (status, out.strip()) == (0, said), err

    [account] = run.json("accounts", "list")
    assert account["name"] == "hosted" and account["backend"] == "wpcom"
    assert account["base_url"] == f"https://{SITE}" and account["username"] == wordpress.admin_user
    assert account["api_root"] == f"{shim.url}/wp/v2/sites/5551234/" and account["options"] == {}
    assert "Connected to" in run("accounts", "test", "hosted").stdout

    # Publish a post with a picture: the picture is uploaded through WordPress.com's layout, and the post
    # on the real WordPress shows it.
    title = f"Hosted with a picture {secrets.token_hex(4)}"
    (tmp_path / "pixel.gif").write_bytes(PIXEL + secrets.token_bytes(8))
    (tmp_path / "post.md").write_text(
        f"---\ntitle: {title}\nstatus: publish\ntags: [hosted]\n---\nA picture:\n\n![pixel](pixel.gif)\n",
        encoding="utf-8",
    )
    published = run.json("publish", str(tmp_path / "post.md"), "--account", "hosted")
    assert published["state"] == "done", published["last_error"]
    [post] = wordpress.posts_titled(title)
    assert post["status"] == "publish" and "/wp-content/uploads/" in post["content"]["raw"]
    assert [t["name"] for t in on_wordpress(wordpress, "tags", include=",".join(map(str, post["tags"])))] == ["hosted"]
    targets = [seen.target for seen in shim.signed_with(token)]
    assert any(t.startswith("/wp/v2/sites/5551234/media") for t in targets)

    # Pull: a post written on the web comes down as a draft.
    written = f"Written on the web {secrets.token_hex(4)}"
    httpx.post(
        f"{wordpress.url}/wp-json/wp/v2/posts",
        auth=(wordpress.admin_user, wordpress.app_password),
        json={"title": written, "status": "publish", "content": "<p>From the browser.</p>"},
        timeout=30,
    ).raise_for_status()
    run("pull", "--account", "hosted")
    assert written in [d["title"] for d in run.json("drafts", "list")]

    # Comments: synced, approved and answered through WordPress.com, and so on the real WordPress.
    tag = secrets.token_hex(4)
    asked = post_public_comment(wordpress.url, post["id"], "Ada Reader", f"ada-{tag}@example.com", f"Which lens? {tag}")
    spam = post_public_comment(wordpress.url, post["id"], "Spammer", f"s-{tag}@example.com", f"Cheap pills {tag}")
    run.json("comments", "sync", "--account", "hosted")
    held = {c["text"]: c for c in run.json("comments", "list", "--status", "pending")}
    question, junk = held[f"Which lens? {tag}"], held[f"Cheap pills {tag}"]
    assert question["remote_id"] == str(asked.comment_id) and question["post_title"] == title
    assert run.json("comments", "approve", str(question["id"]))[0]["status"] == "approved"
    reply = run.json("comments", "reply", str(question["id"]), stdin=f"A **pinhole**. {tag}")
    run.json("comments", "spam", str(junk["id"]))
    assert on_wordpress(wordpress, f"comments/{asked.comment_id}")["status"] == "approved"
    answer = on_wordpress(wordpress, f"comments/{reply['remote_id']}")
    assert answer["parent"] == asked.comment_id and answer["post"] == post["id"] and answer["status"] == "approved"
    assert f"<strong>pinhole</strong>. {tag}" in answer["content"]["raw"]
    assert on_wordpress(wordpress, f"comments/{spam.comment_id}")["status"] == "spam"

    # The token is in the keyring only: no file of the data folder (the database, its WAL) holds it in
    # any form, no command printed it, no address the shim received carried it.
    for path in (p for p in run.data.rglob("*") if p.is_file()):
        assert not [form for form in forms(token) if form in path.read_bytes()], path
    printed = [text for text in run.seen if "open-url" not in text]  # the browser's own argv had it
    assert not [text for text in printed if token in text or quote_plus(token) in text]
    assert not [t for t in (seen.target for seen in shim.seen) if any(f.decode() in t for f in forms(token))]


def test_a_revoked_token_fails_once_stops_the_sync_and_connecting_again_mends_it(longhand, shim, wordpress):
    connect(longhand, f"https://{SITE}", "--name", "hosted")
    token = connect(longhand, SITE)[1]  # connected twice: one blog, the newer token
    assert len(longhand.json("accounts", "list")) == 1
    shim.revoke(token)
    signed = len(shim.signed_with(token))  # connecting read the site and the user

    # The sync is refused once (one request), marks the blog, and then leaves it alone.
    first = longhand("comments", "sync", ok=False)
    assert first.returncode == 1 and first.stderr.strip() == f"longhand: hosted: {REFUSED}"
    assert len(shim.signed_with(token)) == signed + 1
    [account] = longhand.json("accounts", "list")
    assert account["options"] == {"needs_connect": REFUSED}
    again = longhand("comments", "sync", ok=False)
    assert again.stderr.strip() == f"longhand: hosted: {REFUSED}"
    assert len(shim.signed_with(token)) == signed + 1  # not asked again

    # A publish fails at once with the same sentence, and is not retried: no loop of failures.
    title = f"Waits for a new connection {secrets.token_hex(4)}"
    draft = longhand.json("drafts", "new", "-", "--title", title, stdin="Queued while the token was revoked.")
    failed = longhand("publish", str(draft["id"]), "--account", "hosted", "--status", "publish", ok=False)
    assert failed.returncode == 1 and failed.stderr.strip() == f"longhand: {REFUSED}"
    [job] = longhand.json("outbox", "list")
    assert (job["state"], job["attempts"], job["last_error"]) == ("failed", 1, REFUSED)
    sent = len(shim.signed_with(token))
    assert sent == signed + 2  # the one refused request of the publish
    assert longhand("outbox", "run").stdout.strip() == "Nothing to send."
    assert len(shim.signed_with(token)) == sent and wordpress.posts_titled(title) == []

    # Connecting again through the browser replaces the token of the same blog and clears the mark.
    said, fresh = connect(longhand, f"https://{SITE}/")
    assert said.startswith("Connected to ") and fresh != token
    [mended] = longhand.json("accounts", "list")
    assert (mended["id"], mended["options"]) == (account["id"], {})
    retried = longhand.json("outbox", "retry", str(job["id"]))
    assert retried["state"] == "done", retried["last_error"]
    assert len(wordpress.posts_titled(title)) == 1
    longhand("comments", "sync")
    assert len(shim.signed_with(token)) == sent  # the revoked token was never used again


def test_a_refusal_in_the_browser_stores_nothing(longhand, shim):
    with connecting(longhand, f"https://{SITE}", "--no-browser") as waiting:
        refused = longhand("open-url", deny(waiting.page), ok=False)
        sentence = "You did not approve Longhand at WordPress.com; nothing was stored."
        assert (refused.returncode, refused.stderr.strip()) == (1, f"longhand: {sentence}")
        status, _, err = waiting.finish()
        assert status == 1 and err.strip().endswith(f"longhand: {sentence}")
    assert longhand.json("accounts", "list") == []
    with sqlite3.connect(longhand.data / "longhand.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM connect_requests").fetchone()[0] == 0


def test_an_answer_with_another_state_is_refused_and_the_right_one_still_connects(longhand, shim):
    with connecting(longhand, f"https://{SITE}", "--no-browser") as waiting:
        callback = approve(waiting.page)
        state = callback_params(callback)["state"]
        forged = callback.replace(f"state={state}", f"state={secrets.token_hex(16)}")
        refused = longhand("open-url", forged, ok=False)
        assert refused.stderr.strip() == "longhand: Longhand is not waiting for a connection; nothing was stored."
        assert longhand.json("accounts", "list") == [] and waiting.proc.poll() is None
        assert longhand("open-url", callback).stdout.startswith("Connected to ")
        assert waiting.finish()[0] == 0
    assert [a["backend"] for a in longhand.json("accounts", "list")] == ["wpcom"]


def test_an_expired_request_stores_nothing(longhand, shim):
    with connecting(longhand, f"https://{SITE}", "--no-browser") as waiting:
        callback = approve(waiting.page)
        with sqlite3.connect(longhand.data / "longhand.sqlite3") as db:
            db.execute("UPDATE connect_requests SET expires_at = '2000-01-01T00:00:00+00:00'")
        late = longhand("open-url", callback, ok=False)
        assert late.stderr.strip() == (
            "longhand: That connection request expired; start again with “Connect with browser”."
        )
    assert longhand.json("accounts", "list") == []


def test_a_jetpack_site_connects_through_wordpress_com_when_asked(longhand, shim, wordpress):
    said, _ = connect(longhand, "https://jetpack.example", "--wpcom", "--name", "jetpack")
    assert said == f"Connected to {shim.name()} as {admin_name(wordpress)}."
    [account] = longhand.json("accounts", "list")
    assert account["backend"] == "wpcom" and account["base_url"] == "https://jetpack.example"
    assert account["api_root"] == f"{shim.url}/wp/v2/sites/5559876/"
    assert "Connected to" in longhand("accounts", "test", "jetpack").stdout


def test_without_a_client_id_the_author_is_told_how_to_get_one(longhand):
    run = Longhand(longhand.data, {k: v for k, v in longhand.env.items() if k != "LONGHAND_WPCOM_CLIENT_ID"})
    done = run("accounts", "connect", "--url", f"https://{SITE}", "--no-browser", ok=False)
    assert done.returncode == 1 and "register Longhand at https://developer.wordpress.com/apps/" in done.stderr
    assert "longhand accounts wpcom-client --id ID" in done.stderr and done.stdout == ""
    assert run("accounts", "wpcom-client", "--id", "not-a-number", ok=False).returncode == 1
    with sqlite3.connect(run.data / "longhand.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM connect_requests").fetchone()[0] == 0


def test_a_job_that_goes_through_clears_the_mark(longhand, shim, wordpress):
    # The mark can outlive its cause (a token refused once by mistake): a job that the blog accepts with
    # the stored token shows the connection works, and the sync takes the blog up again.
    connect(longhand, f"https://{SITE}", "--name", "hosted")
    with sqlite3.connect(longhand.data / "longhand.sqlite3") as db:
        db.execute("""UPDATE accounts SET options = '{"needs_connect": "Refused once."}'""")
    assert longhand("comments", "sync", ok=False).stderr.strip() == "longhand: hosted: Refused once."
    title = f"Goes through {secrets.token_hex(4)}"
    draft = longhand.json("drafts", "new", "-", "--title", title, stdin="The token works.")
    longhand("publish", str(draft["id"]), "--account", "hosted", "--status", "publish")
    assert len(wordpress.posts_titled(title)) == 1
    assert longhand.json("accounts", "list")[0]["options"] == {}
    longhand("comments", "sync")
