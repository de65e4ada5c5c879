"""Images on a Ghost site: uploads through the Admin API, and an earlier upload found again.

Ghost keeps an upload at `content/images/YYYY/MM/NAME` under the site (the month of the upload, in the
server's time), NAME being the file's name with each character other than ASCII letters, digits, "_",
"@" and "." made "-" (and "-1", "-2"... added when the name is taken). When it resizes or recompresses
an image, the file as sent is kept beside it as `STEM_o.EXT`. The Admin API lists no images, so `find`
looks where Ghost would have put the file and compares the content's hash.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import datetime, timedelta, timezone

from editor.backends.base import BadResponseError, MediaItem
from editor.backends.ghost_admin import GhostAdmin

MONTHS_BACK = 12  # how far back a lost upload is looked for; older ones are sent again
_UNSAFE = re.compile(r"[^A-Za-z0-9_@.]")


def ghost_file_name(filename: str) -> str:
    """The name Ghost stores an upload of `filename` under (before any "-1"). Uploads are sent under
    it, so that the name Ghost keeps is known whatever Ghost makes of other characters."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    stem, dot, ext = name.rpartition(".") if "." in name.lstrip(".") else (name, "", "")
    stem = _UNSAFE.sub("-", stem).removesuffix("_o") or "image"  # Ghost keeps "_o" for its originals
    return stem + dot + _UNSAFE.sub("-", ext)


def _months(now: datetime) -> list[tuple[int, int]]:
    """(year, month) from the month a server ahead of UTC may already be in, back MONTHS_BACK months."""
    ahead = now + timedelta(days=1)
    year, month = ahead.year, ahead.month
    found = []
    for _ in range(MONTHS_BACK + 2):
        found.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return found


class GhostMedia:
    """The image part of the Ghost backend, on the backend's client."""

    def __init__(self, admin: GhostAdmin) -> None:
        self._admin = admin

    def upload(self, filename: str, data: bytes, mime_type: str) -> MediaItem:
        """Add an image (`images/upload/`); Ghost's images have no id, so the id is the address."""
        files = {"file": (ghost_file_name(filename), data, mime_type or "application/octet-stream")}
        answer = self._admin.api("POST", "images/upload/", files=files, data={"purpose": "image"})
        url = self._admin.one(answer, "images").get("url")
        if not isinstance(url, str) or not url:
            raise BadResponseError("Ghost answered the upload without the image's address.")
        return MediaItem(id=url, url=url, mime_type=mime_type)

    def find(self, filename: str, sha256: str) -> MediaItem | None:
        """The image an earlier `upload(filename, …)` stored, if the site has it: looked for in the
        months an upload made lately was filed under, and recognised by its content's hash."""
        name = ghost_file_name(filename)
        stem, dot, ext = name.rpartition(".") if "." in name else (name, "", "")
        token = next((part for part in reversed(stem.split("-")) if part and sha256.startswith(part.lower())), "")
        if len(token) < 8:  # a name Longhand did not make: nothing to match safely
            return None
        base = str(self._admin.site_info().get("url") or self._admin.site).rstrip("/") + "/content/images"
        for year, month in _months(datetime.now(timezone.utc)):
            folder = f"{base}/{year:04d}/{month:02d}/"
            stored = self._read(folder + name)
            if stored is None:  # Ghost writes this one first: without it, there is no original either
                continue
            matches = hashlib.sha256(stored[0]).hexdigest() == sha256
            if not matches:  # Ghost may have resized it, keeping the file as sent beside it
                original = self._read(f"{folder}{stem}_o{dot}{ext}")
                matches = original is not None and hashlib.sha256(original[0]).hexdigest() == sha256
            if matches:
                return MediaItem(id=folder + name, url=folder + name, mime_type=stored[1])
        return None

    def _read(self, url: str) -> tuple[bytes, str] | None:
        """(content, type) of a public file; None when the site has no such file. A site that is
        failing raises, so that a failure never reads as "not there" (and makes a second copy)."""
        response = self._admin.send("GET", url, auth=False)
        if response.status_code == 429 or response.status_code >= 500:
            self._admin.check(response)
        if response.status_code != 200:
            return None
        return response.content, response.headers.get("content-type", "").split(";")[0].strip()
