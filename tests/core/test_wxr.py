"""WordPress exports: read safely (tests/data/wordpress_export.xml was made by the test WordPress's own
export_wp(), see tests/backends/test_wxr_wordpress.py) and imported into drafts and the inbox, once."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from editor.core import wxr, wxr_import
from editor.core.accounts import Accounts
from editor.core.comments import Comments
from editor.core.model import Account, DraftKind, PostStatus
from editor.core.store import Store

EXPORT = Path(__file__).resolve().parents[1] / "data" / "wordpress_export.xml"
BLOG_URL = "http://127.0.0.1:49615"  # the address of the WordPress the fixture was exported from


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as opened:
        yield opened


def drafts_by_title(store: Store) -> dict:
    return {d.title: d for d in (store.get_draft(s.id) for s in store.list_drafts())}


def add_blog(store: Store, url: str = BLOG_URL + "/") -> Account:
    return Accounts(store).add(Account(None, "test blog", "wordpress", url, "admin"), None)


def test_reads_what_wordpress_exports():
    export = wxr.read(EXPORT)
    assert (export.title, export.link, export.wxr_version) == ("Longhand Test Blog", BLOG_URL, "1.2")
    assert export.post_types() == {"post": 6, "page": 3, "attachment": 1}
    post = next(i for i in export.items if i.slug == "hello-welcome")
    assert (post.post_id, post.status, post.tags, post.categories) == (
        "4",
        "publish",
        ["alpha", "beta gamma"],
        ["Uncategorized"],
    )
    assert post.excerpt == "An excerpt" and "<!-- wp:paragraph -->" in post.content
    assert [(c.id, c.parent_id, c.status.value) for c in post.comments] == [
        ("2", None, "approved"),
        ("3", "2", "approved"),
        ("5", "3", "hold"),
    ]
    assert post.other_comments == 1  # the pingback


def test_unlinked_import_makes_drafts_and_skips_comments(store):
    result = wxr_import.import_file(store, EXPORT)
    drafts = drafts_by_title(store)
    assert len(result.created) == 9 and len(drafts) == 9
    post = drafts["Hello &amp; welcome"]
    assert (post.kind, post.status, post.slug, post.excerpt) == (
        DraftKind.POST,
        PostStatus.PUBLISHED,
        "hello-welcome",
        "An excerpt",
    )
    assert post.tags == ["alpha", "beta gamma"] and post.categories == ["Uncategorized"]
    assert "First **bold** para with [a link](https://example.org/)." in post.body  # HTML became Markdown
    assert "<!-- wp:paragraph -->" in post.body and '[gallery ids="1,2"]' in post.body  # blocks, shortcodes kept
    assert "https://example.org/cat.jpg" in post.body  # the image address as it was, nothing downloaded
    assert post.account_id is None and post.remote_id is None
    assert post.scheduled_at.isoformat() == "2026-12-06T11:38:17+00:00"
    assert drafts["About"].kind is DraftKind.PAGE and drafts["About"].status is PostStatus.PUBLISHED
    assert drafts["Coming soon"].status is PostStatus.SCHEDULED
    assert drafts["Coming soon"].scheduled_at.isoformat() == "2030-01-02T03:04:05+00:00"
    assert (drafts["Only me"].status, drafts["Waiting"].status) == (PostStatus.PRIVATE, PostStatus.PENDING)
    assert drafts["A draft"].status is PostStatus.DRAFT and drafts["A draft"].body.strip() == "Draft *body*"
    assert Comments(store).list() == []
    assert result.comments_skipped == 4
    said = "\n".join(result.lines())
    assert "4 comments skipped: the blog is not one of your blogs; add it" in said
    assert "attachment (1)" in said


def test_linked_import_threads_comments_in_the_inbox(store):
    blog = add_blog(store)
    result = wxr_import.import_file(store, EXPORT)
    assert result.blog == blog and result.comments_new == 4
    post = drafts_by_title(store)["Hello &amp; welcome"]
    assert (post.account_id, post.remote_id, post.remote_url) == (blog.id, "4", BLOG_URL + "/hello-welcome/")
    assert post.remote_modified is not None  # an update made on the blog since the export is noticed
    comments = Comments(store)
    first = next(c for c in comments.list() if c.remote_id == "2")
    thread = [(c.remote_id, depth) for c, depth in comments.thread(first.id)]
    assert thread == [("2", 0), ("3", 1), ("5", 2)]
    assert first.html == "<p>Nice post.</p>\n<p>Second para</p>"  # paragraphs as WordPress shows them
    assert first.post_title == "Hello &amp; welcome" and first.account_id == blog.id
    assert [c.remote_id for c in comments.list(view="pending")] == ["5"]


def test_importing_twice_duplicates_nothing(store):
    add_blog(store)
    wxr_import.import_file(store, EXPORT)
    again = wxr_import.import_file(store, EXPORT)
    assert again.created == [] and len(again.existing) == 9
    assert (again.comments_new, again.comments_updated) == (0, 0)
    assert len(store.list_drafts()) == 9 and len(Comments(store).list()) == 4
    assert "9 were already imported and were left as they are." in again.lines()


def test_adding_the_blog_and_importing_again_links_the_drafts(store):
    first = wxr_import.import_file(store, EXPORT)
    blog = add_blog(store)
    second = wxr_import.import_file(store, EXPORT)
    assert sorted(second.linked) == sorted(first.created) and second.created == []
    assert {d.account_id for d in drafts_by_title(store).values()} == {blog.id}
    assert second.comments_new == 4


def test_an_edited_draft_is_left_as_the_author_made_it(store):
    wxr_import.import_file(store, EXPORT)
    draft = drafts_by_title(store)["About"]
    draft.body = "My own words"
    store.save_draft(draft)
    wxr_import.import_file(store, EXPORT)
    assert store.get_draft(draft.stored_id).body == "My own words"


def test_a_malformed_export_names_the_line_and_imports_nothing(store, tmp_path):
    broken = tmp_path / "broken.xml"
    text = EXPORT.read_text(encoding="utf-8")
    cut = text.index("<title><![CDATA[Only me]]>")  # most items before it are well formed
    broken.write_text(text[:cut] + "<title>Only me</titel>" + text[cut:], encoding="utf-8")
    line = text[:cut].count("\n") + 1
    with pytest.raises(wxr.WxrError, match=rf"broken\.xml is not a complete WordPress export: .* line {line}\b"):
        wxr_import.import_file(store, broken)
    assert store.list_drafts() == []


def test_a_store_failure_midway_imports_nothing(store, monkeypatch):
    # A full disk halfway through cannot be made on demand in SQLite; the store's own insert failing on the
    # fifth draft stands for it.
    original = Store.create_draft
    made = []

    def failing(self, draft, **kwargs):
        if len(made) == 4:
            raise sqlite3.OperationalError("disk I/O error")
        made.append(draft)
        return original(self, draft, **kwargs)

    monkeypatch.setattr(Store, "create_draft", failing)
    with pytest.raises(Exception, match="Could not import the WordPress export"):
        wxr_import.import_file(store, EXPORT)
    monkeypatch.undo()
    assert len(made) == 4 and store.list_drafts() == []


def test_not_an_export(store, tmp_path):
    other = tmp_path / "feed.xml"
    other.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>A feed</title></channel></rss>')
    with pytest.raises(wxr.WxrError, match="feed.xml is not a WordPress export"):
        wxr.read(other)


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE rss [<!ENTITY secret SYSTEM "file://{secret}">]>',
        '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
        '<!DOCTYPE rss SYSTEM "http://127.0.0.1:9/evil.dtd">',
    ],
    ids=["external-entity", "billion-laughs", "external-dtd"],
)
def test_hostile_exports_are_refused_and_read_no_file(store, tmp_path, doctype):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-WORDS")
    text = EXPORT.read_text(encoding="utf-8")
    text = text.replace("<rss version", doctype.format(secret=secret) + "\n<rss version", 1)
    text = text.replace("<![CDATA[Hello world!]]>", "&secret;&d;", 1)
    hostile = tmp_path / "hostile.xml"
    hostile.write_text(text, encoding="utf-8")
    with pytest.raises(wxr.WxrError, match="declares a DOCTYPE"):
        wxr_import.import_file(store, hostile)
    assert store.list_drafts() == []


def test_a_big_export_is_streamed(store, tmp_path):
    # 3,000 copies of the real items: read item by item, each dropped once read.
    text = EXPORT.read_text(encoding="utf-8")
    start, end = text.index("<item>"), text.rindex("</item>") + len("</item>")
    big = tmp_path / "big.xml"
    with big.open("w", encoding="utf-8") as out:
        out.write(text[:start])
        for _ in range(300):
            out.write(text[start:end])
        out.write(text[end:])
    export = wxr.read(big)
    assert len(export.items) == 3000


def test_a_copy_of_the_export_elsewhere_is_the_same_blog(store, tmp_path):
    copy = tmp_path / "renamed export.xml"
    shutil.copy(EXPORT, copy)
    add_blog(store, "https://127.0.0.1:49615")  # the scheme and a trailing slash aside, the same blog
    assert wxr_import.import_file(store, copy).blog is not None
