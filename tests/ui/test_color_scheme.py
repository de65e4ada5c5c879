"""View ▸ Appearance on the real window: Dark switches the editor, its highlighting, the preview (its code
style too) and the conversation page together, without reloading a page; System follows the desktop;
the choice outlasts the window.
"""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette

from editor.ui import color_scheme
from editor.ui.color_scheme import Appearance, ColorScheme, is_dark
from editor.ui.highlighter import DARK_COLOURS, LIGHT_COLOURS
from editor.ui.preview import Preview

TIMEOUT = 20000  # ms; Chromium starts slowly on a shared machine
DRAFT = "# Trains\n\nSome words.\n\n```python\ndef words():\n    return 1\n```\n"
LIGHT_PAGE, DARK_PAGE = "rgb(255, 255, 255)", "rgb(13, 17, 23)"  # preview.css's --bg


@pytest.fixture(autouse=True)
def desktop_colours(qapp):
    """Every test starts, and leaves the application, in the desktop's own colours (the application
    object, and so its palette, outlives each window)."""
    yield
    if qapp.property(color_scheme._OWN_PALETTE):
        qapp.setPalette(QPalette())
        qapp.setProperty(color_scheme._OWN_PALETTE, False)
    QGuiApplication.styleHints().unsetColorScheme()


def run(qtbot, view, script: str):
    """The value of `script` in the application's script world of `view`'s page."""
    box = {}
    view.run_script(script, lambda value: box.setdefault("v", value))
    qtbot.waitUntil(lambda: "v" in box, timeout=TIMEOUT)
    return box["v"]


def style_of(qtbot, view, selector: str, prop: str) -> str:
    script = f"getComputedStyle(document.querySelector({selector!r})).{prop}"
    return run(qtbot, view, script)


def heading_colour(editor) -> str:
    """The colour the highlighter gives the text of the draft's first line, a heading (after its "# ")."""
    block = editor.document().firstBlock()
    ranges = [r for r in block.layout().formats() if r.start <= 2 < r.start + r.length]
    assert ranges, "the heading should be highlighted"
    return ranges[-1].format.foreground().color().name()


def wait_for_editor(qtbot, window, dark: bool) -> None:
    """Wait until the editor shows `dark` colours: Qt hands a new application palette to the widgets
    in posted events, and the highlighter repaints when its editor's palette changes."""
    colours = DARK_COLOURS if dark else LIGHT_COLOURS
    qtbot.waitUntil(lambda: is_dark(window.editor.palette()) == dark, timeout=TIMEOUT)
    assert heading_colour(window.editor) == colours["heading"]


def scheme_of(window) -> ColorScheme:
    found = window.findChild(ColorScheme)
    assert found is not None
    return found


def window_with_code(qtbot, open_window):
    """A window showing a draft with a heading and a code block, its preview rendered."""
    window = open_window()
    assert window.preview.is_web, "QtWebEngine should be available in the test environment"
    window.new_draft()
    with qtbot.waitSignal(window.preview.updated, timeout=TIMEOUT):
        window.editor.setPlainText(DRAFT)
    has_code = "!!document.querySelector('.highlight .k')"
    qtbot.waitUntil(lambda: run(qtbot, window.preview.view, has_code), timeout=TIMEOUT)
    return window


def test_dark_switches_editor_preview_code_and_conversation_in_place(qtbot, open_window):
    window = window_with_code(qtbot, open_window)
    scheme = scheme_of(window)
    assert scheme.appearance is Appearance.SYSTEM and not scheme.dark  # the offscreen desktop is light
    page = window.preview.view
    window.side_tabs.setCurrentIndex(1)  # the inbox: its conversation page is made when first shown
    conversation = window.inbox.conversation
    page_class = "document.documentElement.className"
    qtbot.waitUntil(lambda: run(qtbot, conversation.view, page_class) == "light", timeout=TIMEOUT)
    assert style_of(qtbot, conversation.view, "body", "backgroundColor") == LIGHT_PAGE
    window.side_tabs.setCurrentIndex(0)
    assert heading_colour(window.editor) == LIGHT_COLOURS["heading"]
    assert style_of(qtbot, page, "body", "backgroundColor") == "rgba(0, 0, 0, 0)"  # the page's colour is html's
    assert style_of(qtbot, page, "html", "backgroundColor") == LIGHT_PAGE
    code_background = style_of(qtbot, page, ".highlight", "backgroundColor")
    keyword = style_of(qtbot, page, ".highlight .k", "color")
    # Marks that survive only if neither page is loaded again.
    run(qtbot, page, "window.lhMark = 'kept'; true")
    run(qtbot, conversation.view, "window.lhMark = 'kept'; true")
    loads: list[str] = []
    window.editor.textChanged.connect(lambda: loads.append("editor text"))  # repainting is no edit
    page.loadStarted.connect(lambda: loads.append("preview"))
    conversation.view.loadStarted.connect(lambda: loads.append("conversation"))

    with qtbot.waitSignal(scheme.changed, timeout=TIMEOUT) as changed:
        scheme.actions[Appearance.DARK].trigger()
    assert changed.args == [True]
    assert scheme.actions[Appearance.DARK].isChecked() and not scheme.actions[Appearance.SYSTEM].isChecked()
    wait_for_editor(qtbot, window, dark=True)
    assert window.editor.palette().color(QPalette.ColorRole.Base).name() == "#0d1117"
    qtbot.waitUntil(lambda: style_of(qtbot, page, "html", "backgroundColor") == DARK_PAGE, timeout=TIMEOUT)
    assert style_of(qtbot, page, "h1", "color") == "rgb(230, 237, 243)"
    assert style_of(qtbot, page, ".highlight", "backgroundColor") not in (code_background, DARK_PAGE)
    assert style_of(qtbot, page, ".highlight .k", "color") not in (keyword, "rgb(230, 237, 243)")
    qtbot.waitUntil(lambda: style_of(qtbot, conversation.view, "body", "backgroundColor") == DARK_PAGE, timeout=TIMEOUT)
    assert run(qtbot, page, "window.lhMark") == "kept"
    assert run(qtbot, conversation.view, "window.lhMark") == "kept"
    assert loads == []

    scheme.actions[Appearance.LIGHT].trigger()
    qtbot.waitUntil(lambda: style_of(qtbot, page, "html", "backgroundColor") == LIGHT_PAGE, timeout=TIMEOUT)
    assert style_of(qtbot, page, ".highlight .k", "color") == keyword
    wait_for_editor(qtbot, window, dark=False)
    assert loads == []


def test_system_follows_the_desktop_while_running(qtbot, open_window):
    window = window_with_code(qtbot, open_window)
    scheme = scheme_of(window)
    page = window.preview.view
    # The offscreen platform ignores QStyleHints.setColorScheme (it has no theme that can switch: the
    # request changes nothing and colorSchemeChanged is not emitted), so the desktop's change is the
    # signal itself, as a desktop's switch sends it.
    hints = QGuiApplication.styleHints()
    with qtbot.waitSignal(scheme.changed, timeout=TIMEOUT):
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert scheme.dark
    wait_for_editor(qtbot, window, dark=True)
    qtbot.waitUntil(lambda: style_of(qtbot, page, "html", "backgroundColor") == DARK_PAGE, timeout=TIMEOUT)

    # A forced Light is not moved by the desktop.
    scheme.actions[Appearance.LIGHT].trigger()
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert not scheme.dark
    wait_for_editor(qtbot, window, dark=False)

    # Back to System: the desktop's scheme again, and its later change.
    scheme.actions[Appearance.SYSTEM].trigger()
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert scheme.dark
    with qtbot.waitSignal(scheme.changed, timeout=TIMEOUT):
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    wait_for_editor(qtbot, window, dark=False)
    qtbot.waitUntil(lambda: style_of(qtbot, page, "html", "backgroundColor") == LIGHT_PAGE, timeout=TIMEOUT)


def test_the_choice_survives_a_restart(qtbot, open_window, qapp):
    window = open_window()
    scheme_of(window).actions[Appearance.DARK].trigger()
    window.close()
    # A new process starts in the desktop's (light) colours.
    qapp.setPalette(QPalette())
    qapp.setProperty(color_scheme._OWN_PALETTE, False)
    assert not is_dark()

    window = open_window()
    scheme = scheme_of(window)
    assert scheme.appearance is Appearance.DARK and scheme.actions[Appearance.DARK].isChecked()
    wait_for_editor(qtbot, window, dark=True)
    qtbot.waitUntil(lambda: window.preview.view._ready, timeout=TIMEOUT)
    qtbot.waitUntil(
        lambda: style_of(qtbot, window.preview.view, "html", "backgroundColor") == DARK_PAGE, timeout=TIMEOUT
    )
    assert window.store.get_setting(color_scheme.SETTING) == "dark"


def test_a_blog_theme_page_keeps_its_own_colours(qtbot):
    preview = Preview()
    qtbot.addWidget(preview)
    preview.show()
    theme = '<!DOCTYPE html><html><body style="background: rgb(250, 240, 230)"><div id="content"></div></body></html>'
    preview.set_page(theme)
    qtbot.waitUntil(lambda: preview.view._ready, timeout=TIMEOUT)
    preview.set_dark(True)
    assert run(qtbot, preview.view, "document.documentElement.dataset.scheme || 'none'") == "none"
    assert style_of(qtbot, preview.view, "body", "backgroundColor") == "rgb(250, 240, 230)"


def test_the_text_preview_switches_too(qtbot, open_window):
    window = open_window(use_web_preview=False)
    window.new_draft()
    window.editor.setPlainText(DRAFT)
    view = window.preview.view
    qtbot.waitUntil(lambda: "Trains" in view.toPlainText(), timeout=TIMEOUT)
    scheme_of(window).actions[Appearance.DARK].trigger()
    assert 'data-scheme="dark"' in view._head and "Trains" in view.toPlainText()
    qtbot.waitUntil(lambda: is_dark(view.palette()), timeout=TIMEOUT)
