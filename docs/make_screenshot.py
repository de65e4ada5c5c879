"""Takes docs/screenshot.png: the real window under Xvfb, with a real draft and its rendered preview.

Run it through `make screenshot` (which starts Xvfb); it uses a throwaway data directory.
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


def main(target: Path) -> int:
    prepare_environment()
    from PySide6.QtCore import QCoreApplication, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    import PySide6.QtWebEngineWidgets  # noqa: F401  (before the application object)

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(sys.argv[:1])
    from editor.core import frontmatter
    from editor.core.store import Store
    from editor.ui.main_window import MainWindow

    store = Store.open(Path(tempfile.mkdtemp(prefix="longhand-shot-")))
    store.create_draft(frontmatter.parse((ROOT / "resources" / "welcome.md").read_text(encoding="utf-8")))
    draft = store.create_draft(frontmatter.parse(POST))
    window = MainWindow(store)
    window.open_draft(draft.id)
    window.setGeometry(0, 0, 1400, 900)
    window.show()
    cursor = window.editor.textCursor()
    cursor.setPosition(window.editor.toPlainText().index("## Counting"))
    window.editor.setTextCursor(cursor)

    def shoot() -> None:
        window.save_now()
        window.editor.setFocus()
        app.processEvents()
        app.primaryScreen().grabWindow(0).save(str(target))
        print(f"wrote {target}")
        window.close()
        window.deleteLater()  # before the application goes: QtWebEngine crashes if a page outlives it
        app.quit()

    window.preview.updated.connect(lambda: QTimer.singleShot(1500, shoot))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "screenshot.png")))
