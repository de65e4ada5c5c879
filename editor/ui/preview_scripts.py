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


# The article holds its blocks in groups of this many (`div.lh-chunk`, plain blocks that margins collapse
# through, so the page looks the same): after a patch Chromium lays out, pre-paints and paints the
# article's children again, and ~40 groups of 32 blocks cost a 50,000-word post a fraction of its ~1,300
# blocks side by side (a forced style and layout: 0.6 ms against 2.3 ms).
CHUNK_BLOCKS = 32


def article_html(blocks: list[Block]) -> str:
    """The article's whole content: the blocks, wrapped, in groups of CHUNK_BLOCKS."""
    return "".join(
        '<div class="lh-chunk">' + "".join(wrapped(block) for block in blocks[i : i + CHUNK_BLOCKS]) + "</div>"
        for i in range(0, len(blocks), CHUNK_BLOCKS)
    )


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
# holds (the caller then replaces the whole article). The blocks are the groups' children, in order, found
# by counting whole groups (no walk over every block); new blocks go into the group of the block they
# precede (or the last group), and a group grown past twice `size` is split, so a paste does not make one
# long group again.
PATCH_JS = """(function(start, removed, oldLength, firstKey, nextKey, html, shifts, size) {
  var c = document.getElementById('content');
  if (!c) return false;
  var groups = c.children, total = 0;
  for (var g = 0; g < groups.length; g++) total += groups[g].childElementCount;
  if (total !== oldLength) return false;
  function at(i) {
    for (var g = 0; g < groups.length; g++) {
      var n = groups[g].childElementCount;
      if (i < n) return groups[g].children[i];
      i -= n;
    }
    return null;
  }
  function following(e) {
    var group = e.parentNode.nextElementSibling;
    return e.nextElementSibling || (group && group.firstElementChild);
  }
  var gone = [], next = at(start);
  for (var r = 0; r < removed; r++, next = following(next)) gone.push(next);
  if (removed && gone[0].dataset.key !== firstKey) return false;
  if (next && next.dataset.key !== nextKey) return false;
  var host = next ? next.parentNode : c.lastElementChild;
  if (!host) { host = document.createElement('div'); host.className = 'lh-chunk'; c.appendChild(host); }
  if (html) {
    var t = document.createElement('template');
    t.innerHTML = html;
    host.insertBefore(t.content, next);
  }
  gone.forEach(function (e) {
    var group = e.parentNode;
    group.removeChild(e);
    if (!group.firstElementChild) c.removeChild(group);
  });
  if (host.parentNode && host.childElementCount > 2 * size) {
    var after = host.nextSibling, moved = Array.prototype.slice.call(host.children, size);
    for (var m = 0; m < moved.length; m += size) {
      var d = document.createElement('div');
      d.className = 'lh-chunk';
      d.append.apply(d, moved.slice(m, m + size));
      c.insertBefore(d, after);
    }
  }
  shifts.forEach(function (shift) {
    for (var i = shift[0], e = at(i); i < shift[1]; i++, e = following(e)) {
      e.querySelectorAll('[data-line]').forEach(function (l) {
        l.setAttribute('data-line', String(+l.getAttribute('data-line') + shift[2]));
      });
    }
  });
  return true;
})"""
