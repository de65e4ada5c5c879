"""The conversation's page: a thread of comments as one HTML document (comment bodies already sanitised),
styled in both palettes so the colour scheme switches by the page's class alone, and the script that moves
the highlight to another comment of the same thread without loading the page again."""

from __future__ import annotations

import json
from html import escape

from ..core.model import Comment
from ..core.sanitize import with_images

INDENT_PX = 28
# setHtml refuses (silently) pages above 2 MB; a thread that large is cut, newest replies kept visible.
MAX_PAGE_CHARS = 1_800_000
STATUS_WORDS = {"approved": "approved", "hold": "held for moderation", "spam": "spam", "trash": "in the trash"}


# Each palette: text, page, muted text, thread line, the selected comment, flags, errors, links.
_LIGHT = ("#222", "#fff", "#666", "#ddd", "#fff6cc", "#b35c00", "#c00", "#0969da")
_DARK = ("#e6edf3", "#0d1117", "#9198a1", "#3d444d", "#1c2a3d", "#d29922", "#f85149", "#4493f8")


def _palette_css(scope: str, colours: tuple[str, ...]) -> str:
    fg, bg, muted, line, mark, flag, err, link = colours
    return (
        f"{scope}body{{color:{fg};background:{bg}}} {scope}a{{color:{link}}}"
        f"{scope}.c{{border-left-color:{line}}} {scope}.c.selected{{background:{mark};border-left-color:#e0a800}}"
        f"{scope}.meta{{color:{muted}}} {scope}.meta b{{color:{fg}}}"
        f"{scope}.flag{{color:{flag}}} {scope}.err{{color:{err}}}"
    )


def page_css() -> str:
    """The page's style in both palettes: the light one, and the dark one for `<html class="dark">`, so
    the page switches by its class alone (nothing reloads)."""
    return (
        "body{font-family:sans-serif;margin:12px;line-height:1.45} .meta{font-size:0.85em} .flag{font-weight:bold}"
        ".c{border-left:2px solid;padding:6px 10px;margin:8px 0} img{max-width:100%}img[data-blocked-src]{display:none}"
        "html.dark{color-scheme:dark}" + _palette_css("", _LIGHT) + _palette_css("html.dark ", _DARK)
    )


HTML_TAG = {False: '<html class="light">', True: '<html class="dark">'}  # the page's first tag, by scheme


def thread_html(
    thread: list[tuple[Comment, int]], selected_id: int | None, images_for: set[int], *, dark: bool = False
) -> str:
    """The page for a thread: one block per comment, indented by depth; comment bodies are the sanitised
    `html` (with images back only for the comments in `images_for`)."""
    blocks = []
    for comment, depth in thread:
        body = comment.html
        if comment.id in images_for:
            body = with_images(body)
        when = comment.date.astimezone().strftime("%d %b %Y, %H:%M") if comment.date else ""
        flags = []
        if comment.status != "approved":
            flags.append(STATUS_WORDS.get(comment.status, comment.status))
        if comment.pending:
            flags.append(f"queued: {comment.pending}")
        meta = f"<b>{escape(comment.author_name or 'Anonymous')}</b> · {escape(when)}"
        if flags:
            meta += f' · <span class="flag">{escape(", ".join(flags))}</span>'
        if comment.error:
            meta += f' · <span class="err">{escape(comment.error)}</span>'
        blocks.append(
            f'{block_start(comment.id, comment.id == selected_id)} style="margin-left:{depth * INDENT_PX}px">'
            f'<div class="meta">{meta}</div><div class="body">{body}</div></div>'
        )
    images = "http: https: data:" if images_for else "data:"
    csp = f"default-src 'none'; style-src 'unsafe-inline'; img-src {images}"
    head = (
        f'<!DOCTYPE html>{HTML_TAG[dark]}<head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}"><style>{page_css()}</style></head><body>'
    )
    page = head + "".join(blocks) + "</body></html>"
    while len(page) > MAX_PAGE_CHARS and len(blocks) > 1:
        blocks.pop(0)
        page = head + "<p>(older comments not shown)</p>" + "".join(blocks) + "</body></html>"
    return page


def block_start(comment_id: int, selected: bool) -> str:
    """How a comment's block opens in the page (`thread_html` writes it; `move_selection` rewrites it)."""
    return f'<div class="{"c selected" if selected else "c"}" id="c{comment_id}"'


def move_selection(html: str, old_id: int, new_id: int) -> str:
    """The page with the highlight moved from one comment's block to another's (both in it)."""
    html = html.replace(block_start(old_id, True), block_start(old_id, False), 1)
    return html.replace(block_start(new_id, False), block_start(new_id, True), 1)


def selection_script(old_id: int, new_id: int) -> str:
    """The same move, in the shown page: the class, then the new comment scrolled into view if it is not."""
    old, new = json.dumps(f"c{old_id}"), json.dumps(f"c{new_id}")
    return (
        f"(function () {{ var o = document.getElementById({old}), n = document.getElementById({new});"
        " if (!n) return false; if (o) o.classList.remove('selected'); n.classList.add('selected');"
        " n.scrollIntoView({block: 'nearest'}); return true; })()"
    )
