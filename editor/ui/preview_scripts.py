"""What the web preview puts into its page: its blocks' HTML and the scripts that patch the page.

The scripts run in the application's own script world (the draft's JavaScript never runs); each is a
function expression the preview applies to JSON arguments.
"""

from __future__ import annotations

import html as html_lib

from ..core.incremental import Block, Blocks, absolute_html


def block_list(blocks: Blocks | list[Block]) -> list[Block]:
    """The blocks of a `Blocks`, or a plain list of `Block`s as it is."""
    return list(blocks.blocks if isinstance(blocks, Blocks) else blocks)


def joined_html(blocks: Blocks | list[Block]) -> str:
    """The whole article's HTML for these blocks (what a full render gives)."""
    return "\n".join(absolute_html(block) for block in block_list(blocks) if block.html)


def wrapped(block: Block) -> str:
    """A block in the page: its HTML (data-line counted from the top) in a `display: contents` div
    that carries its key, so a later update can find and replace it."""
    key = html_lib.escape(block.key, quote=True)
    return f'<div class="lh-block" data-key="{key}">{absolute_html(block)}</div>'


# Points the page's <base> at the draft's media folder (made on first use, kept across patches).
BASE_JS = """(function(href) {
  var b = document.getElementById('lh-base');
  if (!b) { b = document.createElement('base'); b.id = 'lh-base'; document.head.prepend(b); }
  b.href = href; return true;
})"""

# Switches the plain page between its light and dark palettes (it holds both: no reload, nothing
# moves); a blog's theme page, which has no #lh-plain, stays as the blog made it.
SCHEME_JS = """(function(scheme) {
  if (!document.getElementById('lh-plain')) return false;
  document.documentElement.dataset.scheme = scheme; return true;
})"""

# Applies a block_patch in the page; false when the page does not hold the blocks Python thinks it
# holds (the caller then replaces the whole article).
PATCH_JS = """(function(start, removed, oldLength, firstKey, nextKey, html, shifts) {
  var c = document.getElementById('content');
  if (!c || c.children.length !== oldLength) return false;
  var kids = c.children;
  if (removed && kids[start].dataset.key !== firstKey) return false;
  if (start + removed < oldLength && kids[start + removed].dataset.key !== nextKey) return false;
  if (removed) {
    var range = document.createRange();
    range.setStartBefore(kids[start]);
    range.setEndAfter(kids[start + removed - 1]);
    range.deleteContents();
  }
  if (html) {
    if (start < kids.length) kids[start].insertAdjacentHTML('beforebegin', html);
    else c.insertAdjacentHTML('beforeend', html);
  }
  for (var s = 0; s < shifts.length; s++) {
    for (var i = shifts[s][0]; i < shifts[s][1]; i++) {
      kids[i].querySelectorAll('[data-line]').forEach(function (e) {
        e.setAttribute('data-line', String(+e.getAttribute('data-line') + shifts[s][2]));
      });
    }
  }
  return true;
})"""
