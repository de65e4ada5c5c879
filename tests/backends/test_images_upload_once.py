"""Pictures put in a draft in the real window reach the real WordPress once: one dropped on the editor and
one pasted from the clipboard, published, edited and published again, leave exactly one media item each in
the blog's library, and the post's content names them by the blog's own addresses."""

from __future__ import annotations

import hashlib
import random
import secrets

import httpx
import keyring
from keyring.backends import SecretService
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from editor.core.accounts import Accounts
from editor.core.images import media_folder
from editor.core.model import Account, JobState
from editor.core.publish import HASH_IN_NAME
from editor.core.store import Store
from editor.ui.main_window import MainWindow
from tests.backends.test_trusted_uploads import media_total, unique_png
from tests.ui.test_main_window import type_new_draft
from tests.ui.test_publish_images import drop_files, paste_image
from tests.wordpress_server import WordPress

TIMEOUT = 60_000


def rest(wordpress: WordPress, route: str, **params) -> httpx.Response:
    answer = httpx.get(
        f"{wordpress.url}/wp-json/wp/v2/{route}",
        params={"context": "edit", **params},
        auth=(wordpress.admin_user, wordpress.app_password),
        timeout=30,
    )
    answer.raise_for_status()
    return answer


def library_items(wordpress: WordPress, digest: str) -> list[str]:
    """The source URLs of the blog's media items whose file carries this content hash."""
    token = digest[:HASH_IN_NAME]
    found = rest(wordpress, "media", search=token, per_page=100).json()
    return [item["source_url"] for item in found if token in item["source_url"].rsplit("/", 1)[-1]]


def publish_and_wait(qtbot, window: MainWindow, previous_job: int | None) -> None:
    dialog = window.publishing.publish()
    dialog.publish_button.click()
    draft_id = window.session.draft.id

    def done() -> bool:
        job = window.services.latest_job(draft_id)
        if job is None or job.id == previous_job:
            return False
        assert job.state is not JobState.FAILED, job.error
        return job.state is JobState.DONE

    qtbot.waitUntil(done, timeout=TIMEOUT)


def test_a_dropped_and_a_pasted_picture_are_uploaded_once_and_named_by_the_blogs_addresses(
    qtbot,
    wordpress: WordPress,
    secret_service,
    restore_keyring,  # noqa: F811
    tmp_path,
):
    keyring.set_keyring(SecretService.Keyring())
    store = Store.open(tmp_path / "data")
    Accounts(store).add(
        Account(None, "images-blog", "wordpress", wordpress.url, wordpress.admin_user), wordpress.app_password
    )
    window = MainWindow(store, use_web_preview=False)
    qtbot.addWidget(window)
    window.show()
    try:
        tag = secrets.token_hex(4)
        type_new_draft(qtbot, window, f"Pictures {tag}\n\n")
        dropped = tmp_path / f"dropped {tag}.png"
        dropped.write_bytes(unique_png(random.randrange(10**9)))
        editor = window.editor
        editor.moveCursor(QTextCursor.MoveOperation.End)
        drop_files(editor, dropped)
        qtbot.keyClicks(editor, "A dropped picture")
        qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        # A colour of its own: the PNG Qt makes of it is a file no earlier run has sent.
        paste_image(qtbot, editor, 4, 3, f"#{secrets.token_hex(3)}")
        qtbot.keyClicks(editor, "A pasted picture")
        files = sorted(media_folder(store.path.parent, window.session.draft.id).iterdir())
        assert len(files) == 2
        digests = [hashlib.sha256(path.read_bytes()).hexdigest() for path in files]
        before = media_total(wordpress)

        publish_and_wait(qtbot, window, None)
        first_job = window.services.latest_job(window.session.draft.id).id
        qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(editor, " And a sentence written after the first publish.")
        publish_and_wait(qtbot, window, first_job)

        assert media_total(wordpress) == before + 2
        urls = []
        for digest in digests:
            [url] = library_items(wordpress, digest)  # exactly one item per picture
            assert url.startswith(f"{wordpress.url}/wp-content/uploads/")
            urls.append(url)
        post = rest(wordpress, f"posts/{window.session.draft.remote_id}").json()
        content = post["content"]["raw"]
        assert "written after the first publish" in content
        assert all(f'src="{url}"' in content for url in urls)
        assert 'alt="A dropped picture"' in content and 'alt="A pasted picture"' in content
        assert not any(path.name in content or path.name.replace(" ", "%20") in content for path in files)
    finally:
        window.close()
        store.close()
