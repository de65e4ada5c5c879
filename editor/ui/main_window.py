"""The main window: lays out the panes, builds the menus and connects the editor to the draft session.

The services (store, outbox, comment sync, network) are the hub's (`services.py`); the Blog menu's
flows are `publishing.py`'s; the panes subscribe to the hub themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox, QSplitter, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from ..core.images import media_folder
from ..core.incremental import Blocks
from ..core.model import Draft, RevisionReason
from ..core.session import DraftSession, SaveState
from ..core.store import Store, StoreError
from . import (
    archive_files,
    color_scheme,
    focus_mode,
    help_menu,
    markdown_files,
    media_panel,
    menus,
    notifications,
    open_from_blog,
    spelling,
    window_state,
)
from .after_paint import AfterPaint
from .drafts import DraftsSidebar
from .editor import MarkdownEditor
from .fields import PostFieldsPanel
from .findbar import FindBar
from .history import HistoryDialog
from .inbox import Inbox
from .linked_file import LinkedFileView
from .outbox import OutboxPanel
from .pictures import PictureInserter
from .preview import Preview
from .publish import PublishStatus
from .publishing import Publishing, open_dialog
from .render_worker import RenderScheduler
from .saver import BackgroundSaver
from .scroll_link import ScrollLink
from .services import Services
from .status import EditorStatusBar
from .theme_toggle import ThemeToggle

# Autosave throttles rather than debounces: the first change starts the clock and the draft is written
# 0.15 s later even if typing goes on, so a crash never costs more than half a second of text. The
# 0.35 s to spare are for a busy machine, where timers fire late and the first write after a crash can
# wait on the disk (soak/kill_typing.py kills the window while it types and checks the promise: at
# 0.25 s about one run of 100 kills in three lost a keystroke 0.55-0.61 s old, just after the window
# opened; at 0.15 s the oldest keystroke missing at a kill was 0.32 s in the same runs).
AUTOSAVE_MS = 150
INBOX_LIST_WIDTH = 560


class MainWindow(QMainWindow):
    """Drafts on the left, fields and editor in the middle, the preview on the right."""

    def __init__(self, store: Store, *, use_web_preview: bool = True) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.store = store
        self.services = Services(store, self)
        self.status = EditorStatusBar(self)
        self.setStatusBar(self.status)
        self.session = DraftSession(store, on_state=self.status.set_save_state)
        self.saver = BackgroundSaver(self.session, self)
        self.saver.saved.connect(self._saved_in_background)

        self.sidebar = DraftsSidebar(self.services)
        self.fields = PostFieldsPanel(self.services)
        self.editor = MarkdownEditor()
        self.pictures = PictureInserter(self.editor, self._media_folder, self)
        self.find_bar = FindBar(self.editor, self)
        self.linked_file = LinkedFileView(self, self)  # the open draft's Markdown file, if it came from one
        self.preview = Preview(use_web=use_web_preview)
        self.renderer = RenderScheduler(self)
        # A long draft's highlighting goes on in slices after it opens; they wait while the preview renders
        # (both need the GIL), so that the preview of a newly opened post comes first.
        self.editor.highlighter.progress.wait = lambda: self.renderer.busy
        self.scroll_link = ScrollLink(self.editor, self.preview)
        self.theme = ThemeToggle(store, self.preview, self)
        self.outbox_panel = OutboxPanel(self.services, self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.outbox_panel)
        self.outbox_panel.hide()
        self.publish_status = PublishStatus(self.services)
        self.status.addWidget(self.publish_status, 1)
        self.publishing = Publishing(self.services, self, self, self.fields, self.editor)

        middle = QWidget()
        column = QVBoxLayout(middle)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.fields)
        column.addWidget(self.linked_file.bar)
        column.addWidget(self.editor, 1)
        column.addWidget(self.find_bar)
        # Drafts and Inbox share the left; the Inbox's conversation replaces editor and preview while shown.
        self.inbox = Inbox(self.services, self, use_web=use_web_preview)
        self.side_tabs = QTabWidget()
        self.side_tabs.setDocumentMode(True)
        self.side_tabs.addTab(self.sidebar, self.tr("Drafts"))
        self.side_tabs.addTab(self.inbox.list_panel, self.tr("Inbox"))
        self.writing = QSplitter(Qt.Orientation.Horizontal)
        self.writing.addWidget(middle)
        self.writing.addWidget(self.preview)
        self.writing.setSizes([1000, 1000])  # editor and preview side by side, half each
        self.work = QStackedWidget()
        self.work.addWidget(self.writing)
        self.work.addWidget(self.inbox.conversation)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.side_tabs)
        self.splitter.addWidget(self.work)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setSizes([320, 1040])
        self._side_widths: dict[bool, int] = {}  # the side pane's width, with the inbox shown or not
        self.setCentralWidget(self.splitter)

        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS, timerType=Qt.TimerType.PreciseTimer)
        self._autosave.timeout.connect(self._save_in_background)
        # No pause before rendering: a zero-time timer already merges the keystrokes of one event-loop
        # turn, and while a render runs the scheduler keeps only the newest text.
        self._render_timer = QTimer(self, singleShot=True, interval=0)
        self._render_timer.timeout.connect(self._render)
        self._preview_stale = True
        self._render_waits = False  # for the editor's paint: see _schedule_render
        self._editor_painted = AfterPaint(self.editor.viewport()).call

        self.menus = menus.build(self)
        focus_mode.install(self)  # F11 distraction-free writing; words written today
        notifications.install(self)  # new comments: a desktop notification or the tray; Blog ▸ Notify…
        archive_files.install(self)  # File ▸ Import WordPress Export…, Export All Drafts…, Export as HTML…
        help_menu.install(self)  # Help: Keyboard Shortcuts (F1, Ctrl+/), About Longhand
        spelling.install(self)  # spell check as you type: marks, Edit ▸ Spelling, suggestions
        color_scheme.install(self)  # View ▸ Appearance: System, Light, Dark
        open_from_blog.install(self)  # Blog ▸ Open from Blog…
        media_panel.install(self)  # View ▸ Media: the draft's pictures
        self.editor.textChanged.connect(self._text_changed)
        self.editor.cursorPositionChanged.connect(lambda: self.session.set_cursor(self.editor.textCursor().position()))
        self.editor.focus_lost.connect(self._save_in_background)
        self.fields.changed.connect(self._fields_changed)
        self.renderer.rendered.connect(self._rendered)
        self.renderer.failed.connect(self.status.show_problem)
        self.preview.shown.connect(self._preview_shown)
        self.sidebar.open_requested.connect(self.open_draft)
        self.sidebar.new_requested.connect(self.new_draft)
        self.sidebar.delete_requested.connect(lambda _: self.delete_draft())
        self.sidebar.undo_delete_requested.connect(self._undelete)
        self.services.worker_failed.connect(self.status.show_problem)
        self.services.online_changed.connect(self.status.set_online)
        self.services.browser.finished.connect(lambda _ok, said: self.status.show_problem(said))
        self.pictures.failed.connect(self.status.show_problem)
        self.outbox_panel.resolve_requested.connect(self.publishing.resolve_conflict)
        self.publish_status.resolve_requested.connect(self.publishing.resolve_conflict)
        self.side_tabs.currentChanged.connect(self._tab_changed)
        self.inbox.unread_changed.connect(self._unread_changed)
        self._unread_changed(self.inbox.unread_count())

        self._restore_geometry()
        self.show_draft(self.session.open_initial())
        self.services.start()
        window_state.settle_garbage_collector()

    # -- drafts -----------------------------------------------------------------------------------
    @property
    def current_draft(self) -> Draft:
        """The open draft: the window has one from the moment it is built (deleting one opens another)."""
        draft = self.session.draft
        if draft is None:
            raise RuntimeError("The window has no draft open.")
        return draft

    def show_draft(self, draft: Draft) -> None:
        """Load a draft into the panes."""
        self.editor.blockSignals(True)
        self.editor.load(draft.body, self.session.cursor)
        self.editor.blockSignals(False)
        self.fields.load(draft)
        # Relative image addresses name files in the draft's media folder, for publishing and here alike.
        self.preview.set_base(self._media_folder())
        self.sidebar.refresh(current=draft.id)
        self.publish_status.show_draft(draft)
        self.theme.draft_shown(draft)
        self.linked_file.draft_shown(draft)
        self._update_title()
        self._schedule_render(after_editor_paint=True)

    def _media_folder(self) -> Path:
        """The open draft's folder for pictures."""
        return media_folder(self.store.path.parent, self.current_draft.stored_id)

    def open_draft(self, draft_id: int) -> None:
        """Open another draft (the current one is saved first)."""
        self.run_step(lambda: self.show_draft(self.session.open(draft_id)))

    def new_draft(self) -> None:
        """Create an empty draft and put the cursor in its title."""
        self.run_step(lambda: self.show_draft(self.session.new()))
        self.fields.focus_title()

    def delete_draft(self) -> None:
        """Delete the open draft, offering Undo in the sidebar."""
        title = self.session.draft.display_title if self.session.draft else ""

        def delete() -> None:
            gone = self.session.delete()
            self.show_draft(self.current_draft)
            if gone is not None:
                self.sidebar.offer_undo(gone, title)

        self.run_step(delete)

    def _undelete(self, draft_id: int) -> None:
        self.run_step(lambda: self.show_draft(self.session.undelete(draft_id)))

    def save_now(self) -> None:
        """Write the open draft now, if it changed, and wait for it (before switching drafts, closing)."""
        self._autosave.stop()
        self.saver.flush()
        if self.session.draft is None:
            return
        self.session.set_body(self.editor.toPlainText())
        was_dirty = self.session.dirty
        if self.session.save() and was_dirty:
            self.sidebar.refresh()

    def _save_in_background(self) -> None:
        """Autosave and focus loss: the text is taken now and written without holding up typing."""
        self._autosave.stop()
        if self.session.draft is not None:
            self.session.set_body(self.editor.toPlainText())
            self.saver.save()

    def _saved_in_background(self, draft: Draft | None) -> None:
        if draft is not None:
            self.sidebar.draft_saved(draft)

    def save_revision(self) -> None:
        """Save now and keep a revision the author can go back to; a draft opened from a file is written
        back to it."""
        self.session.set_body(self.editor.toPlainText())
        if self.session.save(RevisionReason.SAVE):
            self.statusBar().showMessage(self.tr("Revision saved"), 3000)
            self.linked_file.save_to_file()

    def show_history(self) -> HistoryDialog:
        """List the open draft's revisions; restoring one reloads the draft."""
        self.save_now()
        draft_id = self.current_draft.stored_id
        dialog = HistoryDialog(self.store, draft_id, self)
        dialog.accepted.connect(lambda: self.run_step(lambda: self.show_draft(self.session.open(draft_id))))
        return open_dialog(dialog)

    def import_file(self) -> None:
        """Import Markdown files (with YAML front matter) as new drafts; the last one opens."""
        last = markdown_files.import_files(self, self.store)
        if last is not None:
            self.open_draft(last.stored_id)

    def export_file(self) -> None:
        """Write the open draft to a Markdown file with YAML front matter."""
        self.save_now()
        markdown_files.export_file(self, self.current_draft)

    def run_step(self, step: Callable[[], object]) -> None:
        """Do a draft operation; a store failure becomes a message and the window stays as it was."""
        self.save_now()
        try:
            step()
        except StoreError as exc:
            QMessageBox.warning(self, "Longhand", str(exc))

    # -- typing -----------------------------------------------------------------------------------
    def _text_changed(self) -> None:
        self.status.set_save_state(SaveState.PENDING)
        if not self._autosave.isActive():
            self._autosave.start()
        self._schedule_render()

    def _fields_changed(self, changes: dict) -> None:
        self.session.set_fields(**changes)
        if not self._autosave.isActive():
            self._autosave.start()
        if "title" in changes:
            self._update_title()
            self.theme.set_title(self.current_draft.display_title)

    def _schedule_render(self, *, after_editor_paint: bool = False) -> None:
        """Render soon; a text just loaded once the editor shows it: a render on the worker thread holds
        Python's lock in turns with the UI thread, and delayed that paint by ~20 ms (10k words, at start)."""
        self._preview_stale = True
        self._render_waits = after_editor_paint  # until then; a render asked for meanwhile does it
        if after_editor_paint:
            self._editor_painted(lambda: self._render_timer.start() if self._render_waits else None)
        else:
            self._render_timer.start()

    def _render(self) -> None:
        self._render_waits = False
        want_html = self.preview.isVisible()
        self.renderer.submit(self.editor.toPlainText(), want_html=want_html)
        self._preview_stale = not want_html

    def _preview_shown(self) -> None:
        if self._preview_stale:
            self._schedule_render(after_editor_paint=True)

    def _rendered(self, blocks: Blocks | None, words: int) -> None:
        self.status.set_words(words)
        if blocks is not None:
            self.preview.show_blocks(blocks)  # only the blocks the edit changed reach the page

    # -- the inbox --------------------------------------------------------------------------------
    def _tab_changed(self, index: int) -> None:
        inbox = self.side_tabs.widget(index) is self.inbox.list_panel
        if inbox:
            self.save_now()
            self.inbox.refresh()
        self.work.setCurrentIndex(1 if inbox else 0)
        # Each side keeps its own width: the comment list wants room for its columns, the drafts don't.
        sizes = self.splitter.sizes()
        self._side_widths[not inbox] = sizes[0]
        wanted = self._side_widths.get(inbox, INBOX_LIST_WIDTH if inbox else sizes[0])
        self.splitter.setSizes([wanted, sum(sizes) - wanted])

    def _unread_changed(self, count: int) -> None:
        self.side_tabs.setTabText(
            1, self.tr("Inbox ({count} unread)").format(count=count) if count else self.tr("Inbox")
        )

    def _update_title(self) -> None:
        draft = self.session.draft
        self.setWindowTitle(self.tr("{title} — Longhand").format(title=draft.display_title) if draft else "Longhand")

    # -- window state -----------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        window_state.restore(self.store, self, self.splitter)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.save_now()
        if self.session.state is SaveState.FAILED:
            answer = QMessageBox.warning(
                self,
                "Longhand",
                self.tr("The last changes could not be saved. Close anyway and lose them?"),
                QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Close:
                event.ignore()
                return
        window_state.save(self.store, self, self.splitter)
        self.renderer.shutdown()
        self.saver.stop()
        self.services.stop()
        super().closeEvent(event)
