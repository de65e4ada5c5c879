"""The static site backend against the real generators: Hugo and Jekyll (Debian's) and Pelican (PyPI's)
build the sites it writes, and git pushes to a bare repository in the test's folder."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from editor.backends.base import (
    ConflictError,
    Credentials,
    NotFoundError,
    PermanentError,
    RemotePost,
    RemoteStatus,
    TransientError,
)
from editor.backends.static import StaticSiteBackend
from tests.longhand_cli import Longhand
from tests.pictures import PNG
from tests.static_sites import GENERATORS, backend, built_pages, git, make_site, pages_with, put_in_git

MEDIA = {"hugo": "static/images", "jekyll": "assets/images", "pelican": "content/images"}
BUILT_IMAGES = {"hugo": "public/images", "jekyll": "_site/assets/images", "pelican": "output/images"}


def image(name: str = "train") -> tuple[str, bytes, str]:
    """A PNG and the name the outbox gives it (its hash in the name)."""
    data = PNG + name.encode()
    digest = hashlib.sha256(data).hexdigest()
    return f"{name}-{digest[:16]}.png", data, digest


def post(title: str, **fields) -> RemotePost:
    return RemotePost(**{"title": title, "content": f"<p>{title} said.</p>", "status": RemoteStatus.PUBLISH, **fields})


def pushed(bare: Path) -> set[str]:
    """The files on the bare repository's main branch."""
    return set(git(bare, "ls-tree", "-r", "--name-only", "main").split())


def built_path(link: str | None) -> str:
    """The file in the built site that a post's public address (on https://example.org/) serves."""
    assert link is not None and link.startswith("https://example.org/"), link
    path = unquote(urlsplit(link).path).lstrip("/")
    return path + "index.html" if path.endswith("/") or not path else path


@pytest.fixture(params=GENERATORS)
def generator(request) -> str:
    return request.param


# -- what the generators build -------------------------------------------------------------------
def test_a_post_is_built_with_its_tags_category_and_image(generator, tmp_path):
    site = make_site(tmp_path / "site", generator, build=True)
    blog = backend(site)
    name, data, _ = image()
    item = blog.upload_media(name, data, "image/png")
    assert (site / MEDIA[generator] / name).read_bytes() == data and item.id == f"{MEDIA[generator]}/{name}"
    body = f'<p>Night train {{{{ not liquid }}}} <img src="{item.url}" alt="A train"></p>\n<h2 id="on">On</h2>'
    made = blog.create_post(
        post("Night train: «north»", content=body, slug="night-train", tags=["sleeper", "rail travel"],
             categories=["Journeys"], excerpt="Overnight.", featured_media=item.id)
    )  # fmt: skip
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    expected = {"hugo": "content/posts/night-train.html", "jekyll": f"_posts/{today}-night-train.md"}
    assert made.id == expected.get(generator, "content/night-train.md") and (site / made.id).is_file()
    assert (made.status, made.tags, made.categories, made.featured_media) == (
        RemoteStatus.PUBLISH, ["sleeper", "rail travel"], ["Journeys"], item.id
    )  # fmt: skip

    links = {"hugo": "posts/night-train/", "pelican": "night-train.html"}
    assert made.link == "https://example.org/" + links.get(
        generator, f"journeys/{today.replace('-', '/')}/night-train.html"
    )
    html = built_pages(site, generator)[built_path(made.link)]  # the post's address is its page
    assert "Night train {{ not liquid }}" in html  # Liquid left the text alone
    assert "Night train: «north»" in html and "rail travel" in html and "sleeper" in html and "Journeys" in html
    assert f'src="{item.url}"' in html and item.url.endswith(name)
    assert (site / BUILT_IMAGES[generator] / name).read_bytes() == data


def test_a_draft_stays_out_of_the_built_site_until_published(generator, tmp_path):
    site = make_site(tmp_path / "site", generator, build=True)
    blog = backend(site)
    draft = blog.create_post(post("Unfinished thoughts", slug="unfinished", status=RemoteStatus.DRAFT))
    assert draft.status is RemoteStatus.DRAFT and draft.date_gmt is None and draft.link is None
    if generator == "jekyll":
        assert draft.id == "_drafts/unfinished.md"
    # Pelican renders drafts under drafts/ (unlinked, for a preview); the others not at all.
    assert [p for p in pages_with(site, generator, "Unfinished thoughts said") if not p.startswith("drafts/")] == []

    published = blog.update_post(
        RemotePost(**{**draft.__dict__, "status": RemoteStatus.PUBLISH}), last_seen_modified=draft.modified_gmt
    )
    assert published.status is RemoteStatus.PUBLISH and published.date_gmt is not None
    assert "Unfinished thoughts said." in built_pages(site, generator)[built_path(published.link)]
    assert [p for p in pages_with(site, generator, "Unfinished thoughts said") if not p.startswith("drafts/")]
    if generator == "jekyll":
        assert published.id.startswith("_posts/") and not (site / draft.id).exists()


@pytest.mark.parametrize("generator", ["hugo", "jekyll"])
def test_a_post_dated_in_the_future_is_held_back(generator, tmp_path):
    site = make_site(tmp_path / "site", generator, build=True)
    blog = backend(site)
    when = (datetime.now(UTC) + timedelta(days=3)).replace(microsecond=0)
    made = blog.create_post(post("Coming soon", status=RemoteStatus.FUTURE, date_gmt=when))
    assert (made.status, made.date_gmt) == (RemoteStatus.FUTURE, when)
    assert pages_with(site, generator, "Coming soon said") == []


def test_pelican_schedules_only_when_told_to_hold_future_posts_back(tmp_path):
    site = make_site(tmp_path / "site", "pelican", build=True)
    when = datetime.now(UTC) + timedelta(days=3)
    with pytest.raises(PermanentError, match="WITH_FUTURE_DATES = False"):
        backend(site).create_post(post("Too soon", status=RemoteStatus.FUTURE, date_gmt=when))
    assert list(backend(site).list_posts()) == []

    with (site / "pelicanconf.py").open("a") as conf:
        conf.write("WITH_FUTURE_DATES = False\n")
    made = backend(site).create_post(post("Coming soon", status=RemoteStatus.FUTURE, date_gmt=when))
    assert made.status is RemoteStatus.FUTURE
    assert [p for p in pages_with(site, "pelican", "Coming soon said") if not p.startswith("drafts/")] == []


def test_pages_go_where_the_generator_keeps_them(generator, tmp_path):
    site = make_site(tmp_path / "site", generator, build=True)
    made = backend(site).create_post(post("About me", slug="about", kind="page"))
    assert (
        made.id == {"hugo": "content/about.html", "jekyll": "about.md", "pelican": "content/pages/about.md"}[generator]
    )
    assert "About me said." in built_pages(site, generator)[built_path(made.link)]


# -- finding the file again ----------------------------------------------------------------------
def test_a_new_slug_renames_the_file_and_keeps_the_authors_own_keys(generator, tmp_path):
    site = make_site(tmp_path / "site", generator)
    blog = backend(site)
    made = blog.create_post(post("Renamed", slug="first-name", tags=["a"]))
    path = site / made.id
    own = "Author: Ada\n" if generator == "pelican" else "weight: 5\n"
    text = path.read_text()
    path.write_text(own + text if generator == "pelican" else text.replace("---\n", "---\n" + own, 1))
    seen = blog.get_post(made.id)  # read again after the author's edit, as a pull would
    moved = blog.update_post(
        RemotePost(**{**seen.__dict__, "slug": "second-name"}), last_seen_modified=seen.modified_gmt
    )
    assert moved.id != made.id and "second-name" in moved.id and not path.exists()
    assert own in (site / moved.id).read_text() and moved.tags == ["a"] and moved.slug == "second-name"
    with pytest.raises(NotFoundError):
        blog.get_post(made.id)
    assert [p.id for p in blog.list_posts()] == [moved.id]


def test_a_post_has_no_address_where_the_site_sets_its_own_permalinks(tmp_path):
    site = make_site(tmp_path / "site", "hugo", build=True)
    with (site / "hugo.toml").open("a") as config:
        config.write('[permalinks]\nposts = "/:year/:slug/"\n')
    made = backend(site).create_post(post("Dated address", slug="dated"))
    assert made.link is None  # rather than a wrong one
    assert pages_with(site, "hugo", "Dated address said") == [f"{datetime.now(UTC).year}/dated/index.html"]


def test_a_slug_in_use_gets_a_number(generator, tmp_path):
    blog = backend(make_site(tmp_path / "site", generator))
    first, second = (blog.create_post(post(f"Same {n}", slug="same")) for n in (1, 2))
    assert (first.slug, second.slug) == ("same", "same-2") and first.id != second.id


def test_delete_removes_the_file_and_its_page(generator, tmp_path):
    site = make_site(tmp_path / "site", generator, build=True)
    blog = backend(site)
    made = blog.create_post(post("Short lived", slug="short-lived"))
    assert pages_with(site, generator, "Short lived said")
    blog.delete_post(made.id)
    assert not (site / made.id).exists() and list(blog.list_posts()) == []
    assert pages_with(site, generator, "Short lived said") == []  # the build cleaned the old page away
    with pytest.raises(NotFoundError):
        blog.delete_post(made.id)


def test_a_change_made_on_disk_is_a_conflict_and_nothing_is_overwritten(tmp_path):
    site = make_site(tmp_path / "site", "hugo")
    blog = backend(site)
    made = blog.create_post(post("Mine"))
    path = site / made.id
    path.write_text(path.read_text().replace("title: Mine", "title: Edited by hand"))
    with pytest.raises(ConflictError) as conflict:
        blog.update_post(RemotePost(**{**made.__dict__, "title": "Mine again"}), last_seen_modified=made.modified_gmt)
    assert conflict.value.remote is not None and conflict.value.remote.title == "Edited by hand"
    assert "Edited by hand" in path.read_text()
    forced = blog.update_post(RemotePost(**{**made.__dict__, "title": "Mine again"}), last_seen_modified=None)
    assert forced.title == "Mine again"


def test_an_authors_own_markdown_post_is_read_and_taken_over(tmp_path):
    """A Hugo post written by hand in Markdown with TOML front matter: listed, and once Longhand updates it
    (its body is HTML now), an .html file, which Hugo renders as it is (its Markdown would drop HTML)."""
    site = make_site(tmp_path / "site", "hugo")
    old = site / "content/posts/by-hand.md"
    old.parent.mkdir(parents=True)
    old.write_text(
        '+++\ntitle = "By hand"\ndate = 2024-03-01T10:00:00Z\ntags = ["old"]\nweight = 3\n+++\nWritten *here*.\n'
    )
    blog = backend(site)
    [seen] = blog.list_posts()
    assert (seen.id, seen.title, seen.slug, seen.tags) == ("content/posts/by-hand.md", "By hand", "by-hand", ["old"])
    assert seen.date_gmt == datetime(2024, 3, 1, 10, tzinfo=UTC) and "Written *here*." in seen.content
    updated = blog.update_post(
        RemotePost(**{**seen.__dict__, "content": "<p>Written <em>here</em>.</p>"}),
        last_seen_modified=seen.modified_gmt,
    )
    assert updated.id == "content/posts/by-hand.html" and not old.exists()
    assert updated.date_gmt == seen.date_gmt and "weight: 3" in (site / updated.id).read_text()


def test_hugo_page_bundles_move_with_their_slug(tmp_path):
    site = make_site(tmp_path / "site", "hugo", bundles=True, build=True)
    blog = backend(site)
    made = blog.create_post(post("Bundled", slug="bundled"))
    assert made.id == "content/posts/bundled/index.html"
    (site / "content/posts/bundled/map.txt").write_text("a resource of the bundle\n")
    moved = blog.update_post(RemotePost(**{**made.__dict__, "slug": "rebundled"}), last_seen_modified=made.modified_gmt)
    assert moved.id == "content/posts/rebundled/index.html" and not (site / "content/posts/bundled").exists()
    assert (site / "content/posts/rebundled/map.txt").exists()  # the bundle moved whole
    assert "Bundled said." in built_pages(site, "hugo")["posts/rebundled/index.html"]
    blog.delete_post(moved.id)
    assert sorted(p.name for p in (site / "content/posts/rebundled").iterdir()) == ["map.txt"]  # not Longhand's


def test_an_upload_stays_in_the_media_folder_whatever_its_name(tmp_path):
    site = make_site(tmp_path / "site", "jekyll")
    blog = backend(site)
    item = blog.upload_media("../../.evil name.png", PNG, "image/png")
    assert item.id == "assets/images/evil-name.png" and item.url == "/assets/images/evil-name.png"
    assert (site / item.id).read_bytes() == PNG
    other = blog.upload_media("evil name.png", PNG + b"other", "image/png")  # another file, the same name
    assert other.id == "assets/images/evil-name-2.png"
    assert blog.upload_media("evil name.png", PNG, "image/png") == item  # the same bytes: the same file
    assert blog.find_media("evil name.png", hashlib.sha256(PNG + b"other").hexdigest()) == other


@pytest.mark.parametrize(
    ("options", "said"),
    [
        ({"section": "../outside"}, "section should be a name"),
        ({"generator": "gatsby"}, "not “gatsby”"),
        ({"build": 3}, "build should be"),
    ],
)
def test_options_that_make_no_sense_are_refused(options, said, tmp_path):
    with pytest.raises(PermanentError, match=said):
        backend(make_site(tmp_path / "site", "hugo", **options)).discover()


def test_a_pelican_article_has_one_category(tmp_path):
    blog = backend(make_site(tmp_path / "site", "pelican"))
    with pytest.raises(PermanentError, match="one category"):
        blog.create_post(post("Two", categories=["One", "Two"]))
    assert list(blog.list_posts()) == []


@pytest.mark.parametrize(
    "remote_id", ["../outside.md", "/etc/passwd", "hugo.toml", "content/../hugo.toml", "layouts/_default/list.html"]
)
def test_an_id_outside_the_sites_posts_is_not_found(remote_id, tmp_path):
    site = make_site(tmp_path / "site", "hugo")
    (tmp_path / "outside.md").write_text("---\ntitle: Outside\n---\n")
    blog = backend(site)
    with pytest.raises(NotFoundError):
        blog.get_post(remote_id)
    with pytest.raises(NotFoundError):
        blog.delete_post(remote_id)
    assert (site / "hugo.toml").exists() and (tmp_path / "outside.md").exists()


def test_a_relative_address_means_the_folder_found_when_the_blog_was_added(tmp_path, monkeypatch):
    site = make_site(tmp_path / "site", "hugo")
    monkeypatch.chdir(tmp_path)
    found = backend_at("site").discover()
    assert found == site.as_uri()
    monkeypatch.chdir(site)  # another day, another working directory
    blog = StaticSiteBackend(Credentials("site", "", "", found))
    assert blog.create_post(post("Where")).id == "content/posts/where.html" and (site / "content/posts").is_dir()


def test_addresses_and_options(tmp_path):
    with pytest.raises(PermanentError, match="folder on this computer"):
        backend_at("https://example.org").discover()
    with pytest.raises(TransientError, match="not there"):
        backend_at(str(tmp_path / "missing")).discover()
    (tmp_path / "plain").mkdir()
    with pytest.raises(PermanentError, match="not a Hugo, Jekyll or Pelican site"):
        backend_at(str(tmp_path / "plain")).discover()
    (tmp_path / "plain" / ".longhand.toml").write_text('generator = "jekyll"\n')
    assert backend_at(str(tmp_path / "plain")).site.generator.name == "jekyll"  # chosen, not detected
    site = make_site(tmp_path / "site", "hugo", bild=True)
    with pytest.raises(PermanentError, match="bild"):
        backend(site).discover()
    site = make_site(tmp_path / "site2", "hugo", commit=True)
    with pytest.raises(PermanentError, match="git repository"):
        backend(site).verify()


def backend_at(address: str) -> StaticSiteBackend:
    return StaticSiteBackend(Credentials(address, "", ""))


# -- failures undo the change --------------------------------------------------------------------
def test_a_failing_build_changes_nothing(tmp_path):
    site = make_site(tmp_path / "site", "hugo", build=True)
    blog = backend(site)
    made = blog.create_post(post("Before the break", slug="kept"))
    template = site / "layouts/_default/single.html"
    working = template.read_text()
    template.write_text(working.replace("{{ .Title }}</h1>", "{{ .NoSuchField }}</h1>"))
    with pytest.raises(PermanentError, match="NoSuchField"):
        blog.create_post(post("Never written"))
    with pytest.raises(PermanentError, match="NoSuchField"):
        blog.update_post(RemotePost(**{**made.__dict__, "slug": "moved"}), last_seen_modified=made.modified_gmt)
    assert [p.id for p in blog.list_posts()] == [made.id] and blog.get_post(made.id).modified_gmt == made.modified_gmt
    template.write_text(working)
    # The undone update put the file back as it was, time included: no conflict with the last time seen.
    moved = blog.update_post(RemotePost(**{**made.__dict__, "slug": "moved"}), last_seen_modified=made.modified_gmt)
    assert moved.id == "content/posts/moved.html"


# -- git -----------------------------------------------------------------------------------------
def test_each_change_is_committed_and_pushed_to_a_bare_repository(generator, tmp_path):
    site = make_site(tmp_path / "site", generator, commit=True, push="origin")
    bare = put_in_git(site, tmp_path / "remote.git")
    (site / "notes.txt").write_text("the author's own work\n")
    git(site, "add", "notes.txt")  # staged by the author: not Longhand's to commit
    blog = backend(site)
    blog.verify()
    name, data, _ = image()
    item = blog.upload_media(name, data, "image/png")
    made = blog.create_post(post("Pushed", slug="pushed", content=f'<p><img src="{item.url}"></p>'))
    assert git(bare, "log", "-1", "--format=%s") == "Publish “Pushed” (Longhand)\n"
    assert {made.id, item.id} <= pushed(bare)
    assert "notes.txt" not in pushed(bare)
    assert git(site, "status", "--porcelain", "notes.txt") == "A  notes.txt\n"

    moved = blog.update_post(RemotePost(**{**made.__dict__, "slug": "moved"}), last_seen_modified=made.modified_gmt)
    tree = pushed(bare)
    assert moved.id in tree and made.id not in tree
    blog.delete_post(moved.id)
    assert git(bare, "log", "-1", "--format=%s") == f"Delete {moved.id} (Longhand)\n"
    assert moved.id not in pushed(bare)


def test_a_failed_push_takes_the_change_back_and_a_retry_starts_clean(tmp_path):
    site = make_site(tmp_path / "site", "hugo", commit=True, push="origin")
    put_in_git(site)
    git(site, "remote", "add", "origin", str(tmp_path / "not-yet.git"))
    (site / "notes.txt").write_text("staged\n")
    git(site, "add", "notes.txt")
    head = git(site, "rev-parse", "HEAD")
    blog = backend(site)
    with pytest.raises(TransientError, match="Pushing the change to “origin” failed") as failed:
        blog.create_post(post("Offline", slug="offline"))
    assert "not-yet.git" in str(failed.value)  # git's own sentence
    assert git(site, "rev-parse", "HEAD") == head and list(blog.list_posts()) == []
    assert git(site, "status", "--porcelain") == "A  notes.txt\n"  # as the author left it

    git(tmp_path, "init", "--quiet", "--bare", "--initial-branch=main", "not-yet.git")  # the remote is back
    made = blog.create_post(post("Offline", slug="offline"))
    assert made.id == "content/posts/offline.html"
    assert git(tmp_path / "not-yet.git", "log", "-1", "--format=%s") == "Publish “Offline” (Longhand)\n"


def test_a_password_in_a_remotes_address_is_never_repeated(tmp_path):
    site = make_site(tmp_path / "site", "hugo", commit=True, push="origin")
    put_in_git(site)
    git(site, "remote", "add", "origin", "http://ada:hunter2@127.0.0.1:9/site.git")  # port 9: nobody listens
    with pytest.raises(TransientError) as failed:
        backend(site).create_post(post("Secretive"))
    assert "hunter2" not in str(failed.value)


# -- end to end: the `longhand` command ----------------------------------------------------------
def test_publish_and_unpublish_with_the_longhand_command(secret_service, tmp_path):
    """A real `longhand` process adds the site (a static site has no password: any line will do, see the
    report), publishes a Markdown file with an image, tags and a category, builds, commits and pushes."""
    site = make_site(tmp_path / "site", "hugo", build=True, commit=True, push="origin")
    bare = put_in_git(site, tmp_path / "remote.git")
    run = Longhand(tmp_path / "data", secret_service.child_env())
    add = ["accounts", "add", "--backend", "static", "--url", site.as_uri(), "--user", "ada", "--name", "site"]
    account = run.json(*add, stdin="-\n")
    assert account["backend"] == "static" and account["api_root"] == site.as_uri()
    assert "Connected to Hugo test site" in run("accounts", "test", "site").stdout

    (tmp_path / "train.png").write_bytes(PNG)
    source = tmp_path / "night-train.md"
    source.write_text(
        "---\ntitle: The night train\nslug: night-train\ntags: [sleeper, rail travel]\ncategories: [Journeys]\n"
        "status: published\nfeatured_image: train.png\n---\n\n![A train](train.png)\n\nWe left at *nine*.\n",
        encoding="utf-8",
    )
    job = run.json("publish", str(source))
    assert job["state"] == "done" and job["remote_id"] == "content/posts/night-train.html", job
    assert job["remote_url"] == "https://example.org/posts/night-train/"
    html = built_pages(site, "hugo")["posts/night-train/index.html"]
    assert "The night train" in html and "rail travel" in html and "Journeys" in html
    assert "We left at <em>nine</em>." in html
    uploaded = f"train-{hashlib.sha256(PNG).hexdigest()[:16]}.png"
    assert f'src="/images/{uploaded}"' in html and (site / "public/images" / uploaded).read_bytes() == PNG
    assert f'<img class="featured" src="/images/{uploaded}">' in html  # the same file, as the featured image
    assert git(bare, "log", "-1", "--format=%s") == "Publish “The night train” (Longhand)\n"
    assert {job["remote_id"], f"static/images/{uploaded}"} <= pushed(bare)

    again = run.json("publish", str(job["draft_id"]))  # nothing changed: the same file, no new commit
    assert (again["state"], again["remote_id"]) == ("done", job["remote_id"])
    assert git(bare, "rev-list", "--count", "main") == "2\n"

    gone = run.json("unpublish", str(job["draft_id"]))
    assert gone["state"] == "done" and not (site / job["remote_id"]).exists()
    assert "posts/night-train/index.html" not in built_pages(site, "hugo")
    assert git(bare, "log", "-1", "--format=%s") == f"Delete {job['remote_id']} (Longhand)\n"


def test_a_publish_whose_push_failed_lands_once_when_the_remote_is_back(secret_service, tmp_path):
    """Through the real outbox: the push fails (the remote is not there yet), the change is taken back and
    the job waits; once the remote exists, `longhand outbox run` publishes it, once."""
    site = make_site(tmp_path / "site", "jekyll", commit=True, push="origin")
    put_in_git(site)
    git(site, "remote", "add", "origin", str(tmp_path / "later.git"))
    run = Longhand(tmp_path / "data", secret_service.child_env())
    run("accounts", "add", "--backend", "static", "--url", str(site), "--user", "ada", "--name", "site", stdin="-\n")
    source = tmp_path / "later.md"
    source.write_text("---\ntitle: Later\nslug: later\nstatus: published\n---\n\nWhen the remote is back.\n")
    waiting = run("publish", str(source), ok=False)
    assert waiting.returncode == 75 and "Pushing the change to “origin” failed" in waiting.stderr
    assert list(backend(site).list_posts()) == []

    git(tmp_path, "init", "--quiet", "--bare", "--initial-branch=main", "later.git")
    [job] = run.json("outbox", "run")
    assert job["state"] == "done" and job["remote_id"].endswith("-later.md")
    assert [p.id for p in backend(site).list_posts()] == [job["remote_id"]]
    assert git(tmp_path / "later.git", "log", "--format=%s", "main").splitlines() == [
        "Publish “Later” (Longhand)",
        "The site",
    ]
