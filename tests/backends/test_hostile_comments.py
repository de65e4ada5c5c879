"""Hostile comments against the real WordPress and the real inbox window: the XSS corpus of
tests/xss_vectors.py, put into WordPress's comments table as a compromised or hostile server holds them
(bypassing kses), synced by the window, and shown in the Inbox tab's conversation page (QtWebEngine).
No script may run and nothing remote may load; once the author presses "Load images", only the pictures
of those comments may load. The whole procedure is soak/hostile_comments.py's, shared with the soak.
"""

from __future__ import annotations

import keyring
from keyring.backends import SecretService

from editor.core.store import Store
from editor.ui.main_window import MainWindow
from soak.hostile_comments import CONTROL, MODES, add_blog, examine, inject
from tests.sentinel import Sentinel
from tests.wordpress_server import WordPress
from tests.xss_vectors import vectors


def test_hostile_comments_run_no_script_and_load_nothing_remote(
    qtbot, wordpress: WordPress, secret_service, restore_keyring, tmp_path
):
    """(secret_service and restore_keyring are tests/conftest.py's: the blog's password goes to a private
    Secret Service, and the keyring choice is undone afterwards.)"""
    keyring.set_keyring(SecretService.Keyring())
    with Sentinel() as sentinel:
        corpus = vectors(sentinel.url)
        assert len(set(corpus.values())) >= 100
        injected = inject(wordpress, corpus, sentinel.url)
        store = Store.open(tmp_path / "data")
        add_blog(store, wordpress)
        window = MainWindow(store)
        qtbot.addWidget(window)
        window.show()
        try:
            findings = examine(window, injected, sentinel)
        finally:
            window.close()
            store.close()

    assert findings.comments == len(corpus) * len(MODES)
    assert findings.stored == {}, f"unsafe HTML kept in the store: {findings.stored}"
    # Images blocked: not one request reached the sentinel, nor was one even attempted and blocked.
    assert findings.sentinel_paths["default"] == []
    assert findings.blocked["default"] == []
    assert findings.scripts == set(), {n: corpus.get(n, "control") for n in sorted(findings.scripts)}
    assert findings.loads == set(), {n: corpus.get(n, "control") for n in sorted(findings.loads)}
    # After "Load images" the pictures asked for did load (so the page could reach the sentinel), and
    # nothing else did: every /r/ request is one of them, and no /s/ request came.
    assert CONTROL in findings.images_asked  # every post's page was shown with images allowed
    assert findings.images_loaded == findings.images_asked
    assert not any(path.startswith("/s/") for path in findings.sentinel_paths["images"])
