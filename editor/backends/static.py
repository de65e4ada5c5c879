"""A static site (Hugo, Jekyll or Pelican) in a folder on this computer, as a blog.

The blog's address is the site folder (a path, or a file:// address); there is no user name or password
to check. Publishing writes the post as a file with the generator's front matter where the generator
looks for it (Jekyll `_posts/YYYY-MM-DD-slug.md` and `_drafts/slug.md`, Hugo `content/posts/slug.html`
or a page bundle, Pelican `content/slug.md`), drafts marked the generator's way; uploaded images go into
its static folder (Hugo `static/images/`, Jekyll `assets/images/`, Pelican `content/images/`) and posts
name them by their public address. A post's id is its file's path in the site folder, so an update or
a delete finds the file again, and a changed slug renames it. The body is the HTML Longhand rendered:
the core sends HTML, which every generator passes through (see `static_formats`).

Options are a `.longhand.toml` file in the site folder, every key optional:

    generator = "hugo"      # hugo, jekyll or pelican; by default, told by the site's config file
    build = true            # after each change, run the generator's build (`hugo --cleanDestinationDir`,
                            # `jekyll build`, `pelican content --delete-output-directory`), or give the
                            # command: build = "make publish" (a failing build undoes the change)
    commit = true           # commit each change to git (only the files it touched)
    push = "origin"         # and push it to this remote (push = true means "origin")
    section = "posts"       # Hugo: the content section posts go in
    bundles = false         # Hugo: new posts as page bundles (content/posts/slug/index.html)

A change whose build, commit or push fails is taken back whole (files, commit), so a retry starts
clean: a push that fails is a TransientError (the outbox tries again), the rest PermanentErrors.

A scheduled post is a post dated in the future: Hugo and Jekyll leave it out of the built site until a
build after that date (so the site must be built then: a nightly CI build, say); Pelican publishes it at
once unless pelicanconf.py sets WITH_FUTURE_DATES = False, and scheduling is refused until it does. A
static site has no pending or private posts: they are written as drafts. A file whose modification time
is not the one Longhand last saw was changed by someone else: updating it is a ConflictError.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from functools import cached_property
from itertools import count
from pathlib import Path, PurePosixPath
from typing import ClassVar

from editor.backends import static_git
from editor.backends.base import (
    BackendError,
    Capability,
    ClosesWhenDone,
    ConflictError,
    Credentials,
    MediaItem,
    NotFoundError,
    PermanentError,
    RemotePost,
    RemoteStatus,
    SignIn,
    SiteInfo,
    Term,
)
from editor.backends.browse import PostsPage, browse_listed
from editor.backends.static_files import FileEdit, os_error, write_atomically
from editor.backends.static_formats import MARKUP, Entry
from editor.backends.static_site import Site, build, open_site

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_NOT_PUBLIC = (RemoteStatus.DRAFT, RemoteStatus.PENDING, RemoteStatus.PRIVATE)  # a static site has drafts only
_TERM_FIELDS = {"category": "categories", "tag": "tags"}
_URL_IN_HTML = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", re.I)


def modified(path: Path) -> datetime:
    """A file's modification time, to the microsecond (as the store keeps it), in UTC."""
    return _EPOCH + timedelta(microseconds=path.stat().st_mtime_ns // 1000)


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def _stem(text: str, fallback: str) -> str:
    """A file name's stem from a slug: letters, digits, `.`, `-` and `_`, never a hidden or special name."""
    return re.sub(r"[^\w.-]+", "-", text.strip()).strip(".-_")[:100] or fallback


class StaticSiteBackend(ClosesWhenDone):
    """A Hugo, Jekyll or Pelican site folder (see the module's docstring)."""

    name: ClassVar[str] = "static"
    label: ClassVar[str] = "Static site (Hugo, Jekyll, Pelican)"
    capabilities: ClassVar[frozenset[Capability]] = frozenset(
        {
            Capability.POSTS,
            Capability.PAGES,
            Capability.MEDIA,
            Capability.CATEGORIES,
            Capability.TAGS,
            Capability.SCHEDULING,
            Capability.FEATURED_IMAGE,
            Capability.CONFLICT_DETECTION,
            Capability.BROWSE,
        }
    )
    # A folder on this computer: no user name, nothing secret (git pushes with the author's own set-up).
    sign_in: ClassVar[SignIn] = SignIn(address="Site folder", folder=True, user=None, secret=None)

    def __init__(self, credentials: Credentials, *, timeout: float = 30.0) -> None:
        self._credentials = credentials

    def close(self) -> None:
        """Nothing to release."""

    @cached_property
    def site(self) -> Site:
        """The site folder, its generator and options, read on first use. The address discovery made
        absolute (api_root) comes first: `--url ./site` must not mean another folder in another directory."""
        return open_site(self._credentials.api_root or self._credentials.base_url)

    # -- discovery and checking --------------------------------------------------------------------
    def discover(self) -> str:
        """The site folder's file:// address."""
        return self.site.folder.as_uri()

    def verify(self) -> SiteInfo:
        """Check the folder, its generator, and what its options need (git, the build's program)."""
        site = self.site
        if site.options.commit:
            static_git.check_repository(site.folder, site.options.push)
        command = site.build_command
        if command and "/" not in command[0] and shutil.which(command[0]) is None:
            raise PermanentError(f"The site's build needs {command[0]}, which is not installed (or not on the PATH).")
        user = self._credentials.username
        uri = site.folder.as_uri()
        return SiteInfo(name=site.generator.title(), url=uri, api_root=uri, user_name=user, user_login=user)

    # -- reading -----------------------------------------------------------------------------------
    def _path(self, remote_id: str, kind: str) -> Path:
        """The file of a post id: a path inside the site folder, of that kind; NotFoundError otherwise."""
        site, rel = self.site, PurePosixPath(remote_id)
        missing = NotFoundError(f"The site has no {kind} {remote_id!r}.")
        if not remote_id or rel.is_absolute() or ".." in rel.parts or "\\" in remote_id:
            raise missing
        path = site.folder / rel
        if not (site.generator.is_kind(rel, kind) and path.is_file()):
            raise missing
        if not path.resolve().is_relative_to(site.folder.resolve()):  # a symlink out of the site
            raise missing
        return path

    def _entry_of(self, path: Path) -> tuple[Entry, str]:
        rel = PurePosixPath(path.relative_to(self.site.folder).as_posix())
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise os_error(exc, f"Could not read {path}") from None
        return self.site.generator.load(text, rel)

    def _read(self, path: Path, kind: str) -> RemotePost:
        site = self.site
        entry, body = self._entry_of(path)
        rel = PurePosixPath(path.relative_to(site.folder).as_posix())
        if entry.draft:
            status = RemoteStatus.DRAFT
        elif entry.date and entry.date > datetime.now(timezone.utc) and site.generator.holds_future():
            status = RemoteStatus.FUTURE
        else:
            status = RemoteStatus.PUBLISH
        image = site.generator.media_file(entry.image) if entry.image else None
        return RemotePost(
            title=entry.title,
            content=body,
            slug=entry.slug,
            excerpt=entry.excerpt,
            status=status,
            date_gmt=None if entry.draft else entry.date,  # a draft's date floats until it is published
            categories=entry.categories if kind == "post" else [],
            tags=entry.tags if kind == "post" else [],
            featured_media=image.relative_to(site.folder).as_posix() if image and image.is_file() else None,
            kind=kind,
            id=rel.as_posix(),
            link=site.generator.link(entry, rel, kind),
            modified_gmt=modified(path),
        )

    def list_posts(self, *, kind: str = "post", modified_after: datetime | None = None) -> Iterator[RemotePost]:
        """Every post (or page) file of the site, newest first (by date, else by modification)."""
        after = _utc(modified_after) if modified_after is not None else None
        posts = [
            self._read(path, kind)
            for path in self.site.generator.files(kind)
            if after is None or modified(path) > after
        ]
        return iter(sorted(posts, key=lambda p: (p.date_gmt or p.modified_gmt or _EPOCH, p.id or ""), reverse=True))

    def browse_posts(
        self,
        *,
        kind: str = "post",
        search: str = "",
        status: RemoteStatus | None = None,
        page: int = 1,
        per_page: int = 20,
    ) -> PostsPage:
        """A page of the post (or page) files; a folder is read whole in a moment."""
        return browse_listed(self.list_posts(kind=kind), search=search, status=status, page=page, per_page=per_page)

    def get_post(self, remote_id: str, *, kind: str = "post") -> RemotePost:
        """One post, read from its file."""
        return self._read(self._path(remote_id, kind), kind)

    # -- writing -----------------------------------------------------------------------------------
    def _entry(self, post: RemotePost, previous: Entry | None) -> Entry:
        """The front matter for a post (keeping the author's own keys of the file it replaces)."""
        generator = self.site.generator
        if post.kind not in ("post", "page"):
            raise PermanentError(f"A static site has posts and pages, not {post.kind!r}.")
        if post.status is RemoteStatus.FUTURE and post.date_gmt is None:
            raise PermanentError("A scheduled post needs a date and time.")
        if post.status is RemoteStatus.FUTURE and not generator.holds_future():
            raise PermanentError(
                f"This {generator.label} site publishes a post dated in the future at once; to schedule "
                f"posts, {generator.future_setting}."
            )
        if generator.name == "pelican" and len(post.categories) > 1:
            raise PermanentError("A Pelican article has one category; choose one.")
        draft = post.status in _NOT_PUBLIC
        kept = previous.date if previous is not None and not previous.draft else None
        now = datetime.now(timezone.utc).replace(microsecond=0)
        return Entry(
            title=post.title,
            slug=_stem(post.slug or (previous.slug if previous else "") or post.title.lower(), post.kind),
            date=_utc(post.date_gmt) if post.date_gmt else kept or now,
            draft=draft,
            tags=list(post.tags),
            categories=list(post.categories),
            excerpt=post.excerpt,
            image=self._media_url(post.featured_media) if post.featured_media else "",
            extra=dict(previous.extra) if previous else {},
        )

    def _place(self, kind: str, entry: Entry, existing: Path | None) -> Path:
        """Where the post goes: its slug's file, or the first numbered variant (slug-2, …) nothing else
        uses, as WordPress does; the entry's slug becomes the one used."""
        generator, wanted = self.site.generator, entry.slug
        mine = _unit(existing) if existing is not None else None
        for number in count(1):
            entry.slug = wanted if number == 1 else f"{wanted}-{number}"
            path = generator.path_for(kind, entry.slug, entry, existing)
            unit = _unit(path)
            base = unit.name if unit != path else unit.name[: len(unit.name) - len(unit.suffix)]
            names = [unit.parent / f"{base}{suffix}" for suffix in ("", *MARKUP)]  # "": a bundle's folder
            if unit == mine or not any(name.exists() and name != mine for name in names):
                return path
        raise AssertionError("unreachable")

    def _write(self, post: RemotePost, existing: Path | None, verb: str) -> RemotePost:
        generator = self.site.generator
        previous = self._entry_of(existing)[0] if existing is not None else None
        entry = self._entry(post, previous)
        path = self._place(post.kind, entry, existing)
        edit = FileEdit()
        if existing is not None and _unit(existing) != _unit(path):
            edit.move(_unit(existing), _unit(path))
            existing = _unit(path) / existing.name if existing.stem == "index" else path
        edit.write(path, generator.dump(entry, post.content, post.kind))
        if existing is not None and existing != path:
            edit.remove(existing)  # a bundle's index.md that became index.html
        self._finish(edit, f"{verb} “{post.title}”", post.content, entry.image)
        return self._read(path, post.kind)

    def create_post(self, post: RemotePost) -> RemotePost:
        """Write a new post file."""
        return self._write(post, None, "Publish")

    def update_post(self, post: RemotePost, *, last_seen_modified: datetime | None) -> RemotePost:
        """Rewrite a post's file (renamed when its slug or, for Jekyll, its date or draft state changed).
        A file modified since `last_seen_modified` is a ConflictError carrying the file's copy."""
        if post.id is None:
            raise PermanentError("This post is not on the site yet, so it cannot be updated.")
        path = self._path(post.id, post.kind)
        if last_seen_modified is not None and modified(path) != _utc(last_seen_modified):
            raise ConflictError(
                f"{path.name} was changed on disk since Longhand last saw it; nothing was overwritten.",
                remote=self._read(path, post.kind),
            )
        return self._write(post, path, "Update")

    def delete_post(self, remote_id: str, *, kind: str = "post") -> None:
        """Remove a post's file (with git, its history keeps it)."""
        path = self._path(remote_id, kind)
        edit = FileEdit()
        edit.remove(path)
        self._finish(edit, f"Delete {remote_id}", "", "")

    def _finish(self, edit: FileEdit, message: str, html: str, image: str) -> None:
        """Build, commit and push as the options say; any failure takes the whole change back."""
        site, options = self.site, self.site.options
        command, built, made = site.build_command, False, None
        paths = [*edit.paths, *self._media_named(html, image)]
        try:
            if options.commit:
                static_git.check_repository(site.folder, options.push)
            if command:
                self._build(command)
                built = True
            if options.commit:
                made = static_git.commit(site.folder, paths, f"{message} (Longhand)")
            if options.push:
                static_git.push(site.folder, options.push)
        except BackendError:
            if made is not None:
                static_git.uncommit(site.folder, made, paths)
            edit.undo()
            if command and built:  # the built site holds the change: build it again without
                try:
                    self._build(command)
                except BackendError:
                    pass  # the next change builds it again; the first failure is the one to tell
            raise

    def _build(self, command: tuple[str, ...]) -> None:
        if command == self.site.generator.build_command:
            try:
                self.site.generator.prepare_build()
            except OSError as exc:
                raise os_error(exc, "Could not prepare the site's build") from None
        build(self.site.folder, command)

    # -- media and terms ---------------------------------------------------------------------------
    def _media_url(self, media_id: str) -> str:
        rel, generator = PurePosixPath(media_id), self.site.generator
        if rel.parent != PurePosixPath(generator.media_dir) or not (self.site.folder / rel).is_file():
            raise PermanentError(f"{media_id!r} is not an image in the site's {generator.media_dir} folder.")
        return generator.media_url(rel.name)

    def _media_named(self, html: str, image: str) -> list[Path]:
        """The uploaded images a post's HTML and featured image name (committed with it)."""
        files = (self.site.generator.media_file(url) for url in [*_URL_IN_HTML.findall(html), image] if url)
        return [path for path in files if path is not None and path.is_file()]

    def _media_item(self, path: Path) -> MediaItem:
        return MediaItem(
            id=path.relative_to(self.site.folder).as_posix(),
            url=self.site.generator.media_url(path.name),
            mime_type=mimetypes.guess_type(path.name)[0] or "",
        )

    def _media_names(self, filename: str) -> Iterator[Path]:
        """The file an upload of `filename` goes to, then its numbered variants (name-2.png, …)."""
        name = PurePosixPath(filename.replace("\\", "/")).name
        stem, suffix = _stem(Path(name).stem, "image"), re.sub(r"[^\w.]+", "", Path(name).suffix)
        folder = self.site.folder / self.site.generator.media_dir
        yield folder / f"{stem}{suffix}"
        for number in count(2):
            yield folder / f"{stem}-{number}{suffix}"

    def upload_media(self, filename: str, data: bytes, mime_type: str) -> MediaItem:
        """Copy an image into the site's static folder (the same bytes under the same name: the same file)."""
        for path in self._media_names(filename):
            if path.is_file() and path.read_bytes() == data:
                return self._media_item(path)
            if not path.exists():
                try:
                    write_atomically(path, data)
                except OSError as exc:
                    raise os_error(exc, f"Could not copy the image to {path}") from None
                return self._media_item(path)
        raise AssertionError("unreachable")

    def find_media(self, filename: str, sha256: str) -> MediaItem | None:
        """The file an earlier upload of `filename` made, if its content has that hash."""
        for path in self._media_names(filename):
            if not path.exists():
                return None
            if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == sha256:
                return self._media_item(path)
        return None

    def list_terms(self, kind: str) -> list[Term]:
        """The categories or tags the site's posts carry: on a static site, a term is a name on a post."""
        field = _TERM_FIELDS.get(kind)
        if field is None:
            raise PermanentError(f"A static site has categories and tags, not {kind!r}.")
        names = {name for post in self.list_posts(kind="post") for name in getattr(post, field)}
        return [Term(id=name, name=name, kind=kind) for name in sorted(names, key=str.casefold)]

    def create_term(self, kind: str, name: str) -> Term:
        """A category or tag, ready to put on a post: nothing is stored until a post carries it."""
        if kind not in _TERM_FIELDS:
            raise PermanentError(f"A static site has categories and tags, not {kind!r}.")
        if not name.strip():
            raise PermanentError(f"A {kind} needs a name.")
        return Term(id=name.strip(), name=name.strip(), kind=kind)


def _unit(path: Path) -> Path:
    """What a post is on disk: its file, or a page bundle's folder."""
    return path.parent if path.stem == "index" else path
