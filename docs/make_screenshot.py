"""Takes the README's pictures with the real window under Xvfb, in a throwaway data directory:
docs/screenshot.png (a real draft beside its rendered preview), docs/inbox.png (the comment inbox
with a threaded conversation) and docs/dark.png (the draft again, in View ▸ Appearance ▸ Dark).

Run it through `make screenshot`, which starts Xvfb and names the three files.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from editor.ui.app import prepare_environment  # noqa: E402

POST = """---
title: Packing light for a month of writing on trains
slug: packing-light
tags: [travel, writing, tools]
categories: [Field notes]
status: draft
excerpt: What fits in one bag when the office is a window seat.
---

# Packing light for a month on trains

Four weeks, eleven countries, **one bag**. The rule was simple: if it doesn't earn
its place in the first three days, it goes home by post.

## What made the cut

| Item             | Weight | Verdict        |
|------------------|-------:|----------------|
| Laptop + charger | 1.6 kg | essential      |
| Paper notebook   | 0.3 kg | used every day |
| Travel kettle    | 0.5 kg | *sent home*    |

## Counting words offline

There is no Wi-Fi between Ljubljana and Zagreb, so the word count lives in a tiny script:

```python
import re
from pathlib import Path

def words(path: Path) -> int:
    \"\"\"Count the words in a Markdown draft.\"\"\"
    return len(re.findall(r"\\w+", path.read_text()))
```

> Write first, publish when the train pulls into a station with signal.
"""


# A conversation under a post, as a sync would store it (the blog row is written directly: nothing here
# signs in, so no password is needed).
THREAD = [
    (
        "101",
        None,
        "Marta Kowalska",
        "Did you book the sleeper in advance, or at the station? The Vienna–Zagreb one was full every night we tried.",
        26,
        "approved",
    ),
    ("102", "101", "You", "In advance — about three weeks out. The station desk only had seats left.", 25, "approved"),
    (
        "103",
        "102",
        "Marta Kowalska",
        "Three weeks, noted. And was the <em>travel kettle</em> really that useless?",
        24,
        "approved",
    ),
    ("104", None, "Tomás Ruiz", "Which notebook do you use? Mine never survives a month of rain.", 5, "hold"),
    ("105", None, "Best Prices", "Cheap tickets here!!! <a href='http://spam.example'>click</a>", 2, "hold"),
]


def _seed_comments(store) -> None:
    from datetime import UTC, datetime, timedelta

    from editor.backends.base import CommentStatus, RemoteComment
    from editor.core.comments import Comments

    now = datetime.now(UTC)
    with store.transaction("add the blog") as conn:
        account = conn.execute(
            "INSERT INTO accounts (name, backend, base_url, username, created_at) "
            "VALUES ('Field notes', 'wordpress', 'https://fieldnotes.example', 'you', ?)",
            (now.isoformat(),),
        ).lastrowid
    comments = Comments(store)
    for remote_id, parent, author, text, hours, status in THREAD:
        comments.upsert(
            account,
            RemoteComment(
                remote_id,
                "7",
                f"<p>{text}</p>",
                parent,
                author,
                date_gmt=now - timedelta(hours=hours),
                status=CommentStatus(status),
                post_title="Packing light for a month of writing on trains",
            ),
        )
    comments.mark_read([c.id for c in comments.list() if c.author_name == "You"])


def main(targets: list[Path]) -> int:
    prepare_environment()
    import PySide6.QtWebEngineWidgets  # noqa: F401  (before the application object)
    from PySide6.QtCore import QCoreApplication, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(sys.argv[:1])
    from editor.core import frontmatter
    from editor.core.store import Store
    from editor.ui.color_scheme import Appearance, ColorScheme
    from editor.ui.main_window import MainWindow

    store = Store.open(Path(tempfile.mkdtemp(prefix="longhand-shot-")))
    store.create_draft(frontmatter.parse((ROOT / "resources" / "welcome.md").read_text(encoding="utf-8")))
    draft = store.create_draft(frontmatter.parse(POST))
    window = MainWindow(store)
    window.open_draft(draft.id)
    _seed_comments(store)
    window.inbox.refresh()
    window.setGeometry(0, 0, 1400, 900)
    window.show()
    cursor = window.editor.textCursor()
    cursor.setPosition(window.editor.toPlainText().index("## Counting"))
    window.editor.setTextCursor(cursor)

    def shoot_editor() -> None:
        window.save_now()
        window.editor.setFocus()
        app.processEvents()
        app.primaryScreen().grabWindow(0).save(str(targets[0]))
        print(f"wrote {targets[0]}")
        if len(targets) < 2:
            return finish()
        window.side_tabs.setCurrentIndex(1)
        marta = next(c for c in window.inbox.comments.list() if c.remote_id == "103")
        window.inbox.conversation.updated.connect(lambda: QTimer.singleShot(1500, shoot_inbox))
        window.inbox.list_panel.select(marta.id)

    def shoot_inbox() -> None:
        app.primaryScreen().grabWindow(0).save(str(targets[1]))
        print(f"wrote {targets[1]}")
        window.side_tabs.setCurrentIndex(0)
        scheme = window.findChild(ColorScheme)
        scheme.choose(Appearance.DARK)
        window.editor.setFocus()
        QTimer.singleShot(1500, shoot_dark)

    def shoot_dark() -> None:
        dark = targets[2] if len(targets) > 2 else targets[0].with_name("dark.png")
        app.primaryScreen().grabWindow(0).save(str(dark))
        print(f"wrote {dark}")
        finish()

    def finish() -> None:
        window.close()
        window.deleteLater()  # before the application goes: QtWebEngine crashes if a page outlives it
        app.quit()

    window.preview.updated.connect(lambda: QTimer.singleShot(1500, shoot_editor))
    return app.exec()


if __name__ == "__main__":
    sys.exit(
        main(
            [Path(arg) for arg in sys.argv[1:]]
            or [ROOT / "docs" / "screenshot.png", ROOT / "docs" / "inbox.png", ROOT / "docs" / "dark.png"]
        )
    )
