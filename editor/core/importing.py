"""Markdown files brought in as drafts, with the images beside them."""

from __future__ import annotations

from pathlib import Path

from . import images
from .model import Draft, RevisionReason
from .store import Store


def import_draft(store: Store, draft: Draft, source: Path | None) -> Draft:
    """Create `draft` (read from the file `source`, or from elsewhere when None) and copy the images the
    file names relative to its own folder into the draft's media folder, where publishing and the
    preview look for relative addresses."""
    created = store.create_draft(draft, revision=RevisionReason.IMPORT)
    if source is not None:
        addresses = images.local_sources(created.body) + ([created.featured_image] if created.featured_image else [])
        images.copy_beside(Path(source).parent, addresses, images.media_folder(store.path.parent, created.stored_id))
    return created
