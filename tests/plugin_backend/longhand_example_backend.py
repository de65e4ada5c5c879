"""A minimal third-party backend: a blog kept as files in a folder (what a static-site backend would be).

It exists to prove that a backend from another distribution is found through the `longhand.backends`
entry points; it implements the protocol for posts only.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from editor.backends.base import Capability, Credentials, NotFoundError, RemotePost, SiteInfo


class ExampleBackend:
    name = "example"
    label = "Example Folder Blog"
    capabilities = frozenset({Capability.POSTS})

    def __init__(self, credentials: Credentials, *, timeout: float = 30.0) -> None:
        self.folder = Path(credentials.base_url.removeprefix("file://"))

    def discover(self) -> str:
        return self.folder.as_uri()

    def verify(self) -> SiteInfo:
        return SiteInfo(name=self.folder.name, url=self.folder.as_uri(), api_root=self.folder.as_uri())

    def list_posts(self, *, kind="post", modified_after=None):
        for path in sorted(self.folder.glob("*.json")):
            yield self.get_post(path.stem)

    def get_post(self, remote_id, *, kind="post"):
        path = self.folder / f"{remote_id}.json"
        if not path.exists():
            raise NotFoundError(f"No post {remote_id}.")
        data = json.loads(path.read_text())
        return RemotePost(
            title=data["title"],
            content=data["content"],
            slug=data["slug"],
            id=remote_id,
            modified_gmt=datetime.fromtimestamp(path.stat().st_mtime, timezone.utc),
        )

    def create_post(self, post):
        remote_id = post.slug or "post"
        return self.update_post(RemotePost(**{**post.__dict__, "id": remote_id}), last_seen_modified=None)

    def update_post(self, post, *, last_seen_modified):
        path = self.folder / f"{post.id}.json"
        path.write_text(json.dumps({"title": post.title, "content": post.content, "slug": post.slug}))
        return self.get_post(post.id)

    def delete_post(self, remote_id, *, kind="post"):
        (self.folder / f"{remote_id}.json").unlink(missing_ok=True)

    def upload_media(self, filename, data, mime_type):
        raise NotImplementedError

    def find_media(self, filename, sha256):
        return None

    def list_terms(self, kind):
        return []

    def create_term(self, kind, name):
        raise NotImplementedError

    def close(self) -> None:
        pass
