"""The Micropub handler of the test site: django-indieweb parses and checks every request, then hands the
operation here; posts are kept in SQLite (django-indieweb's own default handler lives in memory and is made
anew for each request, so it forgets everything between requests).

What a small CMS would do with them: the slug from `mp-slug` (else the title) makes the address
/posts/<slug>/ (numbered when taken); `published` is set when the client gave none, `updated` on every
change; `post-status` defaults to published; a deleted post is kept, hidden, and can be undeleted. q=config
offers the statuses and visibilities the site keeps, and the tags its posts carry; the media list is the
index IndexedStorage keeps.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify
from indieweb.handlers import (
    InMemoryMicropubHandler,
    MicropubEntry,
    MicropubEntryList,
    MicropubMediaItem,
    MicropubMediaList,
)

from tests.micropub_server.blog.models import Media, Post


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _path(url: str) -> str:
    return urlsplit(url).path


def _entry(post: Post) -> MicropubEntry:
    return MicropubEntry(url=_absolute(post.path), properties=post.properties)


def _now_text() -> tuple[Any, str]:
    now = timezone.now().replace(microsecond=0)
    return now, now.isoformat()


class StoredPosts(InMemoryMicropubHandler):  # for its replace/add/delete and filter helpers; storage is below
    def _post(self, url: str, *, deleted: bool = False) -> Post:
        post = Post.objects.filter(path=_path(url), deleted=deleted).first()
        if post is None:
            raise ValueError(f"no {'deleted ' if deleted else ''}post at {url}")
        return post

    def create_entry(self, properties, user):
        props = {key: list(value) if isinstance(value, list) else [value] for key, value in properties.items()}
        wanted = (props.pop("mp-slug", None) or [""])[0]
        props = {key: value for key, value in props.items() if not key.startswith("mp-")}  # commands, not content
        name = (props.get("name") or [""])[0]
        base = slugify(wanted) or slugify(name if isinstance(name, str) else "") or "post"
        slug, n = base, 1
        while Post.objects.filter(path=f"/posts/{slug}/").exists():
            n += 1
            slug = f"{base}-{n}"
        now, text = _now_text()
        props.setdefault("published", [text])
        props.setdefault("post-status", ["published"])
        props["updated"] = [text]
        post = Post.objects.create(path=f"/posts/{slug}/", properties=props, published=now, updated=now)
        return _entry(post)

    def update_entry(self, url, updates, user):
        post = self._post(url)
        entry = _entry(post)
        if "replace" in updates:
            self._apply_replace(entry, updates["replace"])
        if "add" in updates:
            self._apply_add(entry, updates["add"])
        if isinstance(updates.get("delete"), list):
            self._apply_delete_list(entry, updates["delete"])
        elif isinstance(updates.get("delete"), dict):
            self._apply_delete_dict(entry, updates["delete"])
        now, text = _now_text()
        entry.properties["updated"] = [text]
        post.properties, post.updated = entry.properties, now
        post.save()
        return entry

    def delete_entry(self, url, user):
        post = self._post(url)
        post.deleted = True
        post.save()

    def undelete_entry(self, url, user):
        post = self._post(url, deleted=True)
        post.deleted = False
        post.save()
        return _entry(post)

    def get_entry(self, url, user):
        post = Post.objects.filter(path=_path(url), deleted=False).first()
        return _entry(post) if post else None

    def list_entries(self, user, *, limit=None, offset=0, filter=None):  # noqa: A002 - django-indieweb's name
        entries = [_entry(p) for p in Post.objects.filter(deleted=False).order_by("-published", "-id")]
        if filter:
            entries = [e for e in entries if self._entry_filter_matches(e, filter.lower())]
        page = entries[offset:] if limit is None else entries[offset : offset + limit]
        return MicropubEntryList(entries=page, total=len(entries))

    @staticmethod
    def _media_item(media: Media) -> MicropubMediaItem:
        url = _absolute(settings.MEDIA_URL + media.stored)
        properties = {
            "url": [url],
            "name": [media.original],
            "mime-type": [media.mime],
            "published": [media.uploaded.replace(microsecond=0).isoformat()],
        }
        return MicropubMediaItem(url=url, properties=properties)

    def list_media(self, user, *, limit=None, offset=0, filter=None):  # noqa: A002
        items = [self._media_item(m) for m in Media.objects.order_by("-uploaded", "-id")]
        if filter:
            items = [i for i in items if filter.lower() in repr(i.properties).lower()]
        page = items[offset:] if limit is None else items[offset : offset + limit]
        return MicropubMediaList(items=page, total=len(items))

    def get_media(self, url, user):
        stored = re.sub(rf"^{re.escape(settings.MEDIA_URL)}", "", _path(url))
        media = Media.objects.filter(stored=stored).first()
        return self._media_item(media) if media else None

    def get_config(self, user):
        tags = {tag for post in Post.objects.filter(deleted=False) for tag in post.properties.get("category", [])}
        return {
            **super().get_config(user),
            "post-status": ["published", "draft"],
            "visibility": ["public", "private"],
            "categories": sorted(t for t in tags if isinstance(t, str)),
        }
