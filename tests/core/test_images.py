"""Which local files a publish may read: the draft's media folder and paths the author typed, never an
address that came from a blog; a blog's image addresses made absolute before they become a draft."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.backends.base import PermanentError, RemotePost
from editor.core import images
from editor.core.frontmatter import read_file
from editor.core.importing import import_draft
from editor.core.model import Draft, RevisionReason
from editor.core.publish import featured_path, plan_images, to_draft
from editor.core.store import Store

POST_URL = "https://blog.example/2024/05/a-post/"


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "data") as s:
        yield s


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "outside" / "id_rsa"
    path.parent.mkdir()
    path.write_bytes(b"-----BEGIN OPENSSH PRIVATE KEY----- not for the blog")
    return path


def media(store: Store, draft: Draft) -> Path:
    folder = images.media_folder(store.path.parent, draft.id)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize(
    "src, expected",
    [
        ("/etc/hostname", "https://blog.example/etc/hostname"),
        ("../../../../etc/hostname", "https://blog.example/etc/hostname"),
        ("~/.ssh/id_rsa", "https://blog.example/2024/05/a-post/~/.ssh/id_rsa"),
        ("picture.png", "https://blog.example/2024/05/a-post/picture.png"),
        ("file:///etc/passwd", ""),
        ("FILE:///etc/passwd", ""),
        ("https://cdn.example/a.png", "https://cdn.example/a.png"),
        ("//cdn.example/a.png", "//cdn.example/a.png"),
    ],
)
def test_a_blogs_image_addresses_are_resolved_against_the_post(src, expected):
    for text in (f'<p><img src="{src}" alt="x"></p>', f"<img src={src}>", f"![x]({src})", f"![x][r]\n\n[r]: {src}"):
        safe = images.safe_remote_text(text, POST_URL)
        assert images.local_sources(safe) == [], safe
        if expected:
            assert expected in safe
        assert "file:" not in safe.lower()


def test_without_a_post_address_local_looking_addresses_are_emptied():
    assert images.safe_remote_text('<img src="/etc/hostname">', None) == '<img src="">'


def test_a_pulled_post_becomes_a_draft_without_local_addresses():
    remote = RemotePost(title="t", content='<img src="/etc/hostname"><img src="file:///etc/passwd">', link=POST_URL)
    body = to_draft(remote).body
    assert images.local_sources(body) == []
    assert "https://blog.example/etc/hostname" in body


def test_relative_addresses_name_files_in_the_media_folder_only(store, secret, tmp_path):
    draft = store.create_draft(Draft(body=""))
    folder = media(store, draft)
    (folder / "photo.png").write_bytes(b"png")
    (folder / "escape.png").symlink_to(secret)
    (folder / "sub").mkdir()
    draft.body = "![a](photo.png) ![b](escape.png) ![c](../../outside/id_rsa) ![d](sub/../photo.png) ![e](missing.png)"
    plan = plan_images(store, store.save_draft(draft))
    assert [item.path for item in plan.uploads] == [(folder / "photo.png").resolve()] * 2
    reasons = {item.src: item.reason for item in plan.skipped}
    assert set(reasons) == {"escape.png", "../../outside/id_rsa", "missing.png"}
    assert "outside this draft's media folder" in reasons["escape.png"]
    assert all(str(secret) not in str(item.path) for item in plan.uploads)


def test_paths_the_author_typed_are_uploaded(store, secret):
    draft = store.create_draft(Draft(body=f"![a]({secret}) <img src='{secret.as_uri()}'>"))
    plan = plan_images(store, draft)
    assert {item.path for item in plan.uploads} == {secret}
    assert plan.skipped == []


def test_an_address_that_came_from_the_blog_is_never_read_locally(store, secret):
    # A draft pulled before pulls made addresses safe still holds the blog's own text in a server revision.
    hostile = f'<img src="{secret}">'
    draft = store.create_draft(Draft(title="pulled", body=hostile), revision=RevisionReason.SERVER)
    plan = plan_images(store, draft)
    assert plan.uploads == []
    assert [item.reason for item in plan.skipped] == [
        f"The image {secret} came from the blog, so Longhand does not look for it on this computer."
    ]
    assert plan.notes == plan.skipped[0].reason


def test_a_featured_image_outside_the_rules_is_refused(store, secret):
    draft = store.create_draft(Draft(featured_image="../../outside/id_rsa"))
    with pytest.raises(PermanentError, match="not in this draft's media folder"):
        featured_path(store, draft)
    assert featured_path(store, store.create_draft(Draft(featured_image=str(secret)))) == secret


def test_importing_a_markdown_file_copies_the_images_beside_it(store, secret, tmp_path):
    folder = tmp_path / "post"
    (folder / "img").mkdir(parents=True)
    (folder / "img" / "a.png").write_bytes(b"a")
    (folder / "b.png").write_bytes(b"b")
    (folder / "link.png").symlink_to(secret)
    source = folder / "post.md"
    source.write_text(
        "---\ntitle: T\nfeatured_image: b.png\n---\n![a](img/a.png) ![s](link.png) "
        "![up](../outside/id_rsa) ![w](https://example.org/x.png)\n",
        encoding="utf-8",
    )
    draft = import_draft(store, read_file(source), source)
    copies = images.media_folder(store.path.parent, draft.id)
    assert sorted(p.relative_to(copies).as_posix() for p in copies.rglob("*") if p.is_file()) == ["b.png", "img/a.png"]
    assert "![a](img/a.png)" in draft.body  # the text is unchanged: relative addresses now mean the copies
    plan = plan_images(store, draft)
    assert {item.src for item in plan.uploads} == {"img/a.png"}
    assert {item.src for item in plan.skipped} == {"link.png", "../outside/id_rsa"}
    assert featured_path(store, draft) == (copies / "b.png").resolve()


def test_data_src_and_lookalikes_are_not_image_addresses():
    assert images.html_image_sources('<img data-src="/etc/x" src="a.png"><imgx src="/etc/y">') == ["a.png"]
    assert images.html_image_sources("<img alt='a > b' src=\"c&amp;d.png\">") == ["c&d.png"]


def test_a_path_named_by_an_imported_file_is_never_read(store, secret, tmp_path):
    # A downloaded Markdown file names a private file by its absolute path, and as its featured image.
    source = tmp_path / "downloaded" / "post.md"
    source.parent.mkdir()
    source.write_text(
        f"---\ntitle: T\nfeatured_image: {secret}\n---\n![a]({secret}) ![b]({secret.as_uri()})\n", encoding="utf-8"
    )
    draft = import_draft(store, read_file(source), source)
    plan = plan_images(store, draft)
    assert plan.uploads == []
    assert [item.reason for item in plan.skipped] == [
        f"The image {src} came from an imported file, so Longhand does not look for it on this computer."
        for src in (str(secret), secret.as_uri())
    ]
    with pytest.raises(PermanentError, match="came from an imported file"):
        featured_path(store, draft)
    # The same path typed by the author into a draft of their own is theirs to upload.
    assert {i.path for i in plan_images(store, store.create_draft(Draft(body=f"![a]({secret})"))).uploads} == {secret}
