"""Export All Drafts (a folder of Markdown files, nothing overwritten, read back as the same drafts) and
Export as HTML (one page that needs no other file)."""

from __future__ import annotations

import base64
import re
from dataclasses import replace
from pathlib import Path

import pytest

from editor.core import frontmatter, images, wxr_import
from editor.core.export import ExportError, export_all, export_html
from editor.core.importing import import_draft
from editor.core.model import Draft
from editor.core.store import Store
from tests.pictures import PNG

EXPORT = Path(__file__).resolve().parents[1] / "data" / "wordpress_export.xml"
COMPARED = ("title", "slug", "body", "excerpt", "tags", "categories", "status", "scheduled_at", "kind", "extra")


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as opened:
        yield opened


def fields(draft: Draft) -> tuple:
    return tuple(getattr(draft, name) for name in COMPARED)


def test_export_all_then_import_gives_the_same_drafts(store, tmp_path):
    wxr_import.import_file(store, EXPORT)
    store.create_draft(Draft(title="Hello world!", body="Same title, another draft"))
    before = sorted(fields(store.get_draft(s.id)) for s in store.list_drafts())
    written = export_all(store, tmp_path / "out")
    names = sorted(w.path.name for w in written)
    assert len(names) == 10 and "hello-world.md" in names and "hello-world-2.md" in names
    with Store.open(tmp_path / "other") as other:
        for w in written:
            import_draft(other, frontmatter.read_file(w.path), w.path)
        after = sorted(fields(other.get_draft(s.id)) for s in other.list_drafts())
    assert after == before


def test_export_all_never_overwrites(store, tmp_path):
    store.create_draft(Draft(title="Notes", body="mine"))
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "notes.md").write_text("someone else's file")
    written = export_all(store, folder)
    assert [w.path.name for w in written] == ["notes-2.md"]
    assert (folder / "notes.md").read_text() == "someone else's file"
    assert [w.path.name for w in export_all(store, folder)] == ["notes-3.md"]


def test_export_all_to_a_file_says_so(store, tmp_path):
    store.create_draft(Draft(title="Notes"))
    blocker = tmp_path / "a file"
    blocker.write_text("")
    with pytest.raises(ExportError, match="Could not write to .*a file"):
        export_all(store, blocker)


def test_export_html_is_standalone(store, tmp_path):
    draft = store.create_draft(Draft(title="Pictures & words", body=""))
    media = images.media_folder(store.path.parent, draft.stored_id)
    media.mkdir(parents=True)
    (media / "cat.png").write_bytes(PNG)
    body = "Some *words*.\n\n![a cat](cat.png)\n\n![web](https://example.org/dog.jpg)\n\n![gone](missing.png)\n"
    draft = store.save_draft(replace(draft, body=body))
    page = export_html(store, draft, tmp_path / "page.html").read_text(encoding="utf-8")
    assert "<title>Pictures &amp; words</title>" in page and "<h1>Pictures &amp; words</h1>" in page
    assert "<em>words</em>" in page and ".post" in page  # the preview's CSS is inside the page
    embedded = re.search(r'src="data:image/png;base64,([^"]+)"', page)
    assert embedded and base64.b64decode(embedded.group(1)) == PNG
    assert 'src="https://example.org/dog.jpg"' in page
    assert "missing.png" not in page and str(store.path.parent) not in page and "file:" not in page
    assert not re.search(r"<(link|script)\b[^>]*(href|src)=", page)  # nothing else to load
