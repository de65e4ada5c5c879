"""Drafts written out: every draft to a folder of Markdown files, or one draft as a standalone HTML page.

Export All Drafts never overwrites: each draft becomes `SLUG.md` (from its slug, else its title, else
`draft-ID`), and when that name is taken — by a file already in the folder, or by another draft of this
export — `SLUG-2.md`, `SLUG-3.md`, … beside it (files are created exclusively, so a file that appears
meanwhile is not overwritten either). Each file is the draft's front matter and body
(`frontmatter.dump`), which `longhand drafts import` reads back into the same fields. Images in the
drafts' media folders are not copied: their relative addresses are kept as written.

Export as HTML writes one page that needs nothing else: the post as a reader sees it (rendered as the
preview renders it, with the preview's CSS inside the page), its title, and the pictures of the draft's
media folder embedded as data: URIs. Web images stay web addresses; a local address Longhand would not
read (one that came from a blog or a file, or a missing file) is emptied, so the page never points into
the data folder or elsewhere on this computer.
"""

from __future__ import annotations

import base64
import html
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from . import frontmatter, images
from .model import Draft, slugify
from .publish import foreign_addresses
from .render import plain_html, preview_page
from .store import Store

_ARTICLE = '<article id="content" class="post"></article>'


class ExportError(Exception):
    """An export that could not be written, as one plain sentence."""


@dataclass(frozen=True)
class ExportedDraft:
    """A draft and the file it was written to."""

    draft_id: int
    path: Path


def file_stem(draft: Draft) -> str:
    """The name a draft's file is given: its slug, else one from its title, else draft-ID."""
    return slugify(draft.slug) or slugify(draft.title) or f"draft-{draft.id}"


def _write_new(folder: Path, stem: str, suffix: str, text: str) -> Path:
    """Write `text` to STEM.SUFFIX in `folder`, or STEM-2.SUFFIX, … whichever does not exist yet."""
    number = 1
    while True:
        path = folder / (f"{stem}{suffix}" if number == 1 else f"{stem}-{number}{suffix}")
        try:
            with path.open("x", encoding="utf-8") as file:
                file.write(text)
            return path
        except FileExistsError:
            number += 1


def export_all(store: Store, folder: Path) -> list[ExportedDraft]:
    """Write every draft to `folder` (created if needed) as Markdown with front matter, oldest first;
    never overwrites a file (see the module's docstring). ExportError when the folder cannot be written."""
    folder = Path(folder)
    written: list[ExportedDraft] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for summary in reversed(store.list_drafts()):
            draft = store.get_draft(summary.id)
            path = _write_new(folder, file_stem(draft), ".md", frontmatter.dump(draft))
            written.append(ExportedDraft(draft.stored_id, path))
    except OSError as exc:
        done = f" ({len(written)} drafts were written before it)" if written else ""
        raise ExportError(f"Could not write to {folder}: {exc.strerror or exc}{done}.") from None
    return written


def _data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def standalone_html(store: Store, draft: Draft) -> str:
    """The draft as one HTML page that needs no other file (see the module's docstring)."""
    media = images.media_folder(store.path.parent, draft.stored_id)
    foreign = foreign_addresses(store, draft.id)

    def embed(src: str) -> str | None:
        found = images.resolve(src, media, foreign)
        if found is None:
            return None  # a web address (or data:, or none): the page can show it as it is
        if isinstance(found, images.LocalImage):
            try:
                return _data_uri(found.path)
            except OSError:
                return ""
        return ""

    body = images.rewrite_html_images(plain_html(draft.body), embed)
    title = draft.display_title
    article = f'<article id="content" class="post">\n<h1>{html.escape(title)}</h1>\n{body}\n</article>'
    return preview_page(title=title).replace(_ARTICLE, article)


def export_html(store: Store, draft: Draft, target: Path) -> Path:
    """Write the draft's standalone page to `target` (replacing it: the author chose that file)."""
    target = Path(target)
    try:
        target.write_text(standalone_html(store, draft), encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"Could not write {target}: {exc.strerror or exc}.") from None
    return target
