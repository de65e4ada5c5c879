"""The window on real widgets: typing, preview, autosave, reopening, search, delete with undo."""

from PySide6.QtCore import Qt

from editor.core.store import Store
from editor.ui.main_window import AUTOSAVE_MS, MainWindow
from tests.small_disk import small_disk


def preview_text(qtbot, window, selector: str) -> str:
    """The text of the first element matching `selector` in the preview page ('' if none)."""
    if not window.preview.is_web:
        document = window.preview.view.document()
        return document.toPlainText()
    box = {}
    script = f"(function(){{var e=document.querySelector({selector!r}); return e ? e.textContent : '';}})()"
    window.preview.view.run_script(script, lambda value: box.setdefault("v", value))
    qtbot.waitUntil(lambda: "v" in box, timeout=10000)
    return box["v"]


def type_text(qtbot, widget, text: str) -> None:
    """Type like a person: QTest cannot type a newline character, so Enter is pressed for it."""
    for number, line in enumerate(text.split("\n")):
        if number:
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        qtbot.keyClicks(widget, line)


def type_new_draft(qtbot, window, text: str) -> None:
    window.new_draft()
    window.editor.setFocus()
    type_text(qtbot, window.editor, text)


def test_first_run_opens_the_welcome_draft(open_window):
    window = open_window()
    assert window.session.draft.title == "Welcome to Longhand"
    assert "```python" in window.editor.toPlainText()
    assert window.windowTitle() == "Welcome to Longhand — Longhand"


def test_typing_shows_the_rendered_heading_in_the_preview(qtbot, open_window):
    window = open_window()
    assert window.preview.is_web, "QtWebEngine should be available in the test environment"
    type_new_draft(qtbot, window, "# Hello preview\n\nSome *text*.")
    qtbot.waitUntil(lambda: preview_text(qtbot, window, "h1") == "Hello preview", timeout=15000)
    assert preview_text(qtbot, window, "em") == "text"
    assert preview_text(qtbot, window, "h1[data-line='1']") == "Hello preview"


def test_the_text_preview_fallback_renders_too(qtbot, open_window):
    window = open_window(use_web_preview=False)
    type_new_draft(qtbot, window, "# Fallback heading")
    qtbot.waitUntil(lambda: "Fallback heading" in window.preview.view.toPlainText(), timeout=10000)


def test_page_script_in_a_draft_does_not_run(qtbot, open_window):
    window = open_window()
    script = '<script>document.getElementById("t").textContent="ran"</script>'
    type_new_draft(qtbot, window, f'<p id="t">before</p>\n\n{script}\n\n# done')
    qtbot.waitUntil(lambda: preview_text(qtbot, window, "h1") == "done", timeout=15000)
    assert preview_text(qtbot, window, "#t") == "before"


def test_autosave_then_reopen_brings_text_and_cursor_back(qtbot, open_window):
    window = open_window()
    type_new_draft(qtbot, window, "Saved by itself")
    cursor = window.editor.textCursor()
    cursor.setPosition(5)
    window.editor.setTextCursor(cursor)
    qtbot.waitUntil(lambda: window.status.save_state.text() == "Saved", timeout=AUTOSAVE_MS * 4)
    draft_id = window.session.draft.id
    window.close()

    again = open_window()
    assert again.session.draft.id == draft_id
    assert again.editor.toPlainText() == "Saved by itself"
    assert again.editor.textCursor().position() == 5


def test_status_bar_counts_words_and_shows_save_state(qtbot, open_window):
    window = open_window()
    type_new_draft(qtbot, window, "one two three")
    assert window.status.save_state.text() == "Saving…"
    qtbot.waitUntil(lambda: window.status.words.text() == "3 words", timeout=10000)
    assert window.status.reading.text() == "1 min read"
    qtbot.waitUntil(lambda: window.status.save_state.text() == "Saved", timeout=AUTOSAVE_MS * 4)


def test_fields_are_saved_with_the_draft(qtbot, open_window, data_dir):
    window = open_window()
    window.new_draft()
    qtbot.keyClicks(window.fields.title, "Field test")
    qtbot.keyClicks(window.fields.tags, "a, b, a")
    window.save_now()
    saved = window.store.get_draft(window.session.draft.id)
    assert saved.title == "Field test" and saved.tags == ["a", "b"]
    assert window.fields.slug.placeholderText() == "field-test"


def test_search_finds_a_draft(qtbot, open_window):
    window = open_window()
    type_new_draft(qtbot, window, "A note about zeppelins")
    type_new_draft(qtbot, window, "Something else entirely")
    window.save_now()
    qtbot.keyClicks(window.sidebar.search, "zeppel")
    model = window.sidebar.model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=5000)  # the search runs off the UI thread
    assert model.index(0).data().startswith("A note about zeppelins")
    window.sidebar.list.clicked.emit(model.index(0))
    assert window.editor.toPlainText() == "A note about zeppelins"


def test_the_drafts_list_follows_the_draft_being_written(qtbot, open_window, monkeypatch):
    window = open_window()
    welcome = window.session.draft.id
    type_new_draft(qtbot, window, "First title")
    first_line = lambda: window.sidebar.model.index(0).data().split("\n")[0]  # noqa: E731
    qtbot.waitUntil(lambda: first_line() == "First title", timeout=5000)
    reads = []
    original = window.store.list_drafts
    monkeypatch.setattr(window.store, "list_drafts", lambda *args: (reads.append(1), original(*args))[1])
    type_text(qtbot, window.editor, " and more")
    qtbot.waitUntil(lambda: first_line() == "First title and more", timeout=5000)
    assert reads == []  # the draft already headed the list: its line was changed in place
    # Writing in an older draft brings it to the top: its row moves, the list is not read again.
    window.open_draft(welcome)
    reads.clear()
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    type_text(qtbot, window.editor, " More.")
    qtbot.waitUntil(lambda: first_line() == "Welcome to Longhand", timeout=5000)
    assert reads == []
    assert window.sidebar.model.rowCount() == 2 and window.sidebar.list.currentIndex().row() == 0


def test_delete_offers_undo(qtbot, open_window):
    window = open_window()
    type_new_draft(qtbot, window, "Doomed draft")
    doomed = window.session.draft.id
    qtbot.mouseClick(window.sidebar.delete_button, Qt.MouseButton.LeftButton)
    assert window.session.draft.id != doomed
    assert doomed not in [s.id for s in window.store.list_drafts()]
    assert window.sidebar.undo_bar.isVisible()
    qtbot.mouseClick(window.sidebar.undo_button, Qt.MouseButton.LeftButton)
    assert window.session.draft.id == doomed
    assert window.editor.toPlainText() == "Doomed draft"


def test_hidden_preview_does_not_render_until_shown(qtbot, open_window):
    window = open_window()
    window.preview.hide()
    qtbot.wait(200)
    started = window.renderer.renders_started
    type_new_draft(qtbot, window, "# Hidden")
    qtbot.waitUntil(lambda: window.status.words.text() == "1 word", timeout=5000)  # words still counted
    assert not window.preview.is_web or preview_text(qtbot, window, "h1") != "Hidden"
    window.preview.show()
    qtbot.waitUntil(lambda: preview_text(qtbot, window, "h1") == "Hidden", timeout=15000)
    assert window.renderer.renders_started > started


def test_a_full_disk_keeps_the_text_and_says_so(qtbot, tmp_path):
    with small_disk(tmp_path / "disk", size_kb=768) as disk:
        window = MainWindow(Store.open(disk))
        qtbot.addWidget(window)
        type_new_draft(qtbot, window, "kept")
        window.save_now()
        window.editor.insertPlainText(" in memory" + " padding" * 200_000)
        window.save_now()
        assert window.status.save_state.text() == "Could not save: the disk is full."
        assert window.editor.toPlainText().startswith("kept in memory")
        assert window.session.dirty  # the next autosave tries again
        window.editor.selectAll()
        window.editor.insertPlainText("kept, shorter")  # the author makes room
        window.save_now()
        assert window.status.save_state.text() == "Saved"
        assert window.store.get_draft(window.session.draft.id).body == "kept, shorter"
        window.close()
        window.store.close()


def test_window_geometry_is_remembered(qtbot, open_window):
    window = open_window()
    window.resize(700, 500)  # the offscreen screen is 800×600; Qt keeps restored windows on screen
    window.close()
    again = open_window()
    assert (again.width(), again.height()) == (700, 500)


def test_history_shows_what_changed_and_restores(qtbot, open_window):
    window = open_window()
    type_new_draft(qtbot, window, "first version")
    window.save_revision()
    window.editor.selectAll()
    type_text(qtbot, window.editor, "second version")
    dialog = window.show_history()
    assert dialog.list.count() == 1
    shown = dialog.diff.toPlainText()
    assert "-first version" in shown and "+second version" in shown
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert window.editor.toPlainText() == "first version"
    reasons = [r.reason.value for r in window.store.list_revisions(window.session.draft.id)]
    assert reasons == ["restore", "save"]  # the replaced text is kept too


def test_a_background_autosave_that_fails_says_so_and_keeps_the_text(qtbot, tmp_path):
    with small_disk(tmp_path / "disk", size_kb=768) as disk:
        window = MainWindow(Store.open(disk), use_web_preview=False)
        qtbot.addWidget(window)
        type_new_draft(qtbot, window, "kept")
        window.save_now()
        window.editor.insertPlainText(" in memory" + " padding" * 200_000)
        window._save_in_background()  # what the autosave timer and focus loss do
        qtbot.waitUntil(lambda: window.status.save_state.text() == "Could not save: the disk is full.", timeout=10_000)
        assert window.session.dirty  # the next save tries again; the editor still has every word
        assert window.editor.toPlainText().startswith("kept in memory")
        window.editor.selectAll()
        window.editor.insertPlainText("kept, shorter")
        window._save_in_background()
        qtbot.waitUntil(lambda: window.status.save_state.text() == "Saved", timeout=10_000)
        assert window.store.get_draft(window.session.draft.id).body == "kept, shorter"
        window.close()
        window.store.close()
