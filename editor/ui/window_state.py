"""What the window keeps between runs (its size and the splitter's), and how the Python garbage collector
is tuned once the window is built."""

from __future__ import annotations

import base64
import gc

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QMainWindow, QSplitter

from ..core.store import Store, StoreError

GEOMETRY_KEY, SPLITTER_KEY = "window/geometry", "window/splitter"
FULL_COLLECTION_EVERY = 100  # middle-generation collections (Python's default: 10)


def restore(store: Store, window: QMainWindow, splitter: QSplitter) -> None:
    """Give the window and its splitter the sizes they had when last closed (a first run: 1280×800)."""
    for key, apply in ((GEOMETRY_KEY, window.restoreGeometry), (SPLITTER_KEY, splitter.restoreState)):
        saved = store.get_setting(key)
        if saved:
            apply(QByteArray(base64.b64decode(saved)))
    if not store.get_setting(GEOMETRY_KEY):
        window.resize(1280, 800)


def save(store: Store, window: QMainWindow, splitter: QSplitter) -> None:
    """Remember the window's and the splitter's sizes; a store that cannot is not worth an error."""
    try:
        # bytes(QByteArray) works (it has the buffer protocol), but PySide6's stubs do not say so.
        geometry = bytes(window.saveGeometry())  # type: ignore[call-overload]
        sizes = bytes(splitter.saveState())  # type: ignore[call-overload]
        store.set_setting(GEOMETRY_KEY, base64.b64encode(geometry).decode())
        store.set_setting(SPLITTER_KEY, base64.b64encode(sizes).decode())
    except StoreError:
        pass  # losing the window size is not worth keeping the window open for


def settle_garbage_collector() -> None:
    """Called once the window is built. What exists now (Qt's wrappers, the modules, the renderer) lives
    as long as the window; frozen, Python's full garbage collections stop walking it, and no longer stall
    typing for 20-30 ms. Even so a full collection walks every block of a long post (4-8 ms at 50k words),
    and by default one comes every ten middle ones, every few keystrokes: a tenth as often. Longhand makes
    little cyclic garbage (blocks, strings and trees are freed by reference counting)."""
    gc.freeze()
    young, middle_aged, _full = gc.get_threshold()
    gc.set_threshold(young, middle_aged, FULL_COLLECTION_EVERY)
