"""Incremental rendering: only the blocks an edit touched are rendered again, and the result is the
very same HTML a full render gives.

The text is cut where `render.block_starts` says a block renders the same on its own. Each block is
rendered alone (its data-line marks counted from its own first line, so a line inserted above it
does not make it stale) and cached by its text. What Markdown makes global is handled so the output
stays identical:
- link and abbreviation definitions apply everywhere: every block is rendered with all of them
  appended (they render nothing), and the cache key includes them;
- heading ids must be unique across the document: they are renumbered over the whole document the
  way the toc extension does;
- footnotes and [TOC] need the whole document, as do attribute lists (explicit ids), raw HTML
  blocks (whose extent only the HTML parser knows) and definitions in odd places: a document with
  any of them is rendered whole, as one block. Plain prose, lists, tables and code never are.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise

from . import frontmatter
from .render import Renderer, block_starts, count_words, iter_block_starts

_DEFINITION_LINE = re.compile(r"^(?:\[(?!\^)[^\]]+\]|\*\[[^\]]+\]):")
_RAW_HTML = re.compile(r"^ {0,3}<")
_WHOLE_DOCUMENT = re.compile(r"\[\^|\[TOC\]|\{[:#.]", re.I)
_FENCE = re.compile(r"^(`{3,}|~{3,})")
_DATA_LINE = re.compile(r' data-line="(\d+)"')
_HEADING_ID = re.compile(r'(<h[1-6]\b[^>]*?\sid=")([^"]*)(")')
_ID_COUNT = re.compile(r"^(.*)_([0-9]+)$")  # the toc extension's own rule
# What may make or unmake a link or abbreviation definition: a definition, a fence around one, raw HTML.
_MAY_DEFINE = re.compile(r"\]:|<|`|~")
_SENTINEL = "lhendofblock" + secrets.token_hex(4)
BATCH_BLOCKS = 40  # blocks converted together in a first render (see IncrementalRenderer._convert_all)


@dataclass(frozen=True)
class Block:
    """One rendered block: `html` has data-line marks counted from 1 at the block's first line (and
    ends with the line breaks that follow it in the document), `line` is that first line in the text;
    equal keys mean identical `html`."""

    key: str
    html: str
    line: int


@dataclass(frozen=True)
class Blocks:
    """A rendered document as blocks, and as the one HTML string a full render gives."""

    blocks: list[Block]
    words: int

    @property
    def html(self) -> str:
        """The whole document's HTML, identical to `Renderer().render(text).html`."""
        return "".join(absolute_html(block) for block in self.blocks).strip()


def absolute_html(block: Block) -> str:
    """A block's HTML with its data-line marks counted from the top of the text."""
    return _shift_lines(block.html, block.line - 1)


def _shift_lines(html: str, offset: int) -> str:
    """`html` with `offset` added to each data-line mark."""
    if not offset:
        return html
    return _DATA_LINE.sub(lambda m: f' data-line="{int(m.group(1)) + offset}"', html)


def _definitions(lines: list[str]) -> str | None:
    """Every link and abbreviation definition outside fenced code, as one text to append to blocks;
    None when the text has raw HTML blocks or a definition somewhere other than at column 0 at the
    start of a block (inside a table, a quote, a list), where only a whole render knows its fate."""
    found: list[str] = []
    fence, after_blank, in_definitions = None, True, False
    for line in lines:
        if fence is not None:
            if line.rstrip(" ") == fence:
                fence = None
            continue
        opened = _FENCE.match(line)
        if opened:
            fence = opened.group(1)
        elif _RAW_HTML.match(line):
            return None
        elif _DEFINITION_LINE.match(line) and (after_blank or in_definitions):
            found.append(line)
            in_definitions = True
            after_blank = False
            continue
        elif "]:" in line or (in_definitions and line.strip()):
            return None  # e.g. a setext underline under it: then it was a heading, not a definition
        in_definitions = False
        after_blank = not line.strip()
    if fence is not None:
        return None  # an unclosed fence is no fence to Python-Markdown: what follows it is live text
    return "\n\n".join(found)  # apart, as each was in the text: none may take the next as its title


def _unique(identifier: str, used: set[str]) -> str:
    # The toc extension's unique(): "notes", "notes_1", "notes_2"…; an empty id becomes "_1".
    while identifier in used or not identifier:
        counted = _ID_COUNT.match(identifier)
        identifier = f"{counted.group(1)}_{int(counted.group(2)) + 1}" if counted else f"{identifier}_1"
    return identifier


def _renamer(names: Iterator[str]) -> Callable[[re.Match[str]], str]:
    """A substitution giving each heading id match the next of `names`."""
    return lambda match: match.group(1) + next(names) + match.group(3)


@dataclass(frozen=True)
class _Cached:
    html: str
    words: int
    heading_ids: tuple[str, ...]  # so a render need not search every block's HTML for them


def _renumber_heading_ids(blocks: list[Block], cached: list[_Cached]) -> list[Block]:
    """Heading ids unique across the document, as one full render would make them. Only a block whose
    ids collide with earlier ones is rewritten."""
    used: set[str] = set()
    out = []
    for block, entry in zip(blocks, cached, strict=True):
        wanted = []
        for identifier in entry.heading_ids:
            wanted.append(_unique(identifier, used))
            used.add(wanted[-1])
        if tuple(wanted) == entry.heading_ids:
            out.append(block)
            continue
        html = _HEADING_ID.sub(_renamer(iter(wanted)), block.html)
        out.append(Block(block.key + "#" + html_hash(html), html, block.line))
    return out


def html_hash(text: str) -> str:
    """A short stable digest, for cache keys."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


@dataclass(frozen=True)
class _Layout:
    """How the last render cut its text, for the next one to start from."""

    lines: list[str]
    first_line: int
    suffix: str  # the definitions appended to every block ("" when there are none)
    starts: list[int]  # the lines that begin blocks (0 first)
    blocks: list[Block]  # one per start, before heading ids were made unique across the document
    entries: list[_Cached]


def _changed_lines(old: list[str], new: list[str]) -> tuple[int, int, int]:
    """(a, old_end, new_end): lines a..old_end of `old` became a..new_end of `new`; the rest is equal."""
    limit = min(len(old), len(new))
    a = 0
    while a < limit and old[a] == new[a]:
        a += 1
    b = 0
    while b < limit - a and old[-1 - b] == new[-1 - b]:
        b += 1
    return a, len(old) - b, len(new) - b


def _restarted(old_starts: list[int], lines: list[str], change: tuple[int, int, int]) -> tuple[list[int], int, int]:
    """The block starts of `lines`, from the old text's starts and what changed: the scan resumes at
    the last start above the change and stops at the first start below it that the old scan had too
    (what follows a start depends on that line alone). Returns (starts, head, tail): the first `head`
    starts are old ones, and so are the last `tail`, moved by the lines the edit added or removed."""
    a, old_end, new_end = change
    delta = new_end - old_end
    head = max(bisect_left(old_starts, a) - 1, 0)  # the block holding line a is scanned again
    starts = old_starts[:head]
    for start in iter_block_starts(lines, old_starts[head] if old_starts else 0):
        # (Not at old line 0, which may be a start only because every text gets one there.)
        if start >= new_end and start - delta > 0:
            k = bisect_left(old_starts, start - delta)
            if k < len(old_starts) and old_starts[k] == start - delta:
                return starts + [old + delta for old in old_starts[k:]], head, len(old_starts) - k
        starts.append(start)
    return starts, head, 0


class IncrementalRenderer:
    """Renders a text again and again, reusing the blocks an edit did not touch. One per thread.

    After one render the next needs only the lines that changed: the definitions, the whole-document
    constructs and the block boundaries are looked for there (the text around them is known), and the
    blocks above and below the edit are taken as they were. A long post costs about what a short one
    does (docs/performance.md)."""

    def __init__(self) -> None:
        self._renderer = Renderer()
        self._cache: dict[str, _Cached] = {}
        self._checked_definitions = ("", True)
        self._last: _Layout | None = None
        self.rendered_blocks = 0  # how many blocks the last render had to render (the rest were cached)

    def render(self, text: str) -> Blocks:
        """Render a draft body (front matter left out, as in a full render)."""
        _, body, used = frontmatter.split(text)
        first_line = used + 1
        lines = body.split("\n")
        last, self._last = self._last, None
        if last is not None and last.first_line != first_line:
            last = None
        change = _changed_lines(last.lines, lines) if last is not None else (0, 0, len(lines))
        a, old_end, new_end = change
        edited = "\n".join(lines[a:new_end]) if last is not None else body
        # Each construct lies within a line: unchanged lines hold none, the last render having been made
        # in blocks.
        if _WHOLE_DOCUMENT.search(edited):
            return self._whole(body, first_line)
        definitions: str | None
        if last is not None and not last.suffix and not _MAY_DEFINE.search(edited + "\n".join(last.lines[a:old_end])):
            definitions = ""  # no definition, fence or HTML came or went: there are still none
        else:
            definitions = _definitions(lines)
        suffix = "\n\n" + definitions if definitions else ""
        if definitions is None or (suffix and not self._renders_nothing(definitions)):
            return self._whole(body, first_line)
        if last is not None and suffix == last.suffix:
            starts, head, tail = _restarted(last.starts, lines, change)
        else:
            starts, head, tail = block_starts(lines), 0, 0
        if not starts or starts[0] != 0:
            starts.insert(0, 0)
        delta = new_end - old_end
        self.rendered_blocks = 0
        blocks: list[Block] = []
        entries: list[_Cached] = []
        if head and last is not None:  # (head and tail are only ever set from a last render)
            blocks += last.blocks[:head]
            entries += last.entries[:head]
        stop = len(starts) - tail
        edges = [*starts[head:stop], starts[stop] if tail else len(lines)]  # of the blocks to work out
        chunks = ["\n".join(lines[start:end]) for start, end in pairwise(edges)]
        keys = [html_hash(chunk + suffix) for chunk in chunks]
        missing = {key: chunk + suffix for key, chunk in zip(keys, chunks, strict=True) if key not in self._cache}
        converted = self._convert_all(missing)
        if converted is None:  # a block would not end where it should: play safe
            return self._whole(body, first_line)
        for start, chunk, key in zip(edges[:-1], chunks, keys, strict=True):
            entry = self._cache.get(key)
            if entry is None:
                html = converted[key]
                self.rendered_blocks += 1
                entry = _Cached(html, count_words(chunk), tuple(m.group(2) for m in _HEADING_ID.finditer(html)))
            blocks.append(Block(key, entry.html, first_line + start))
            entries.append(entry)
        if tail and last is not None:
            blocks += [Block(b.key, b.html, b.line + delta) if delta else b for b in last.blocks[-tail:]]
            entries += last.entries[-tail:]
        # Only what the current text uses stays cached.
        self._cache = {block.key: entry for block, entry in zip(blocks, entries, strict=True)}
        self._last = _Layout(lines, first_line, suffix, starts, blocks, entries)
        # Words never span lines, so the blocks' counts add up to the text's.
        return Blocks(_renumber_heading_ids(blocks, entries), sum(e.words for e in entries))

    def _renders_nothing(self, definitions: str) -> bool:
        """Whether these lines are all real definitions (a malformed one would render as text)."""
        if self._checked_definitions[0] != definitions:
            self._checked_definitions = (definitions, not self._renderer.convert(definitions, 1))
        return self._checked_definitions[1]

    def _whole(self, body: str, first_line: int) -> Blocks:
        html = self._renderer.convert(body, 1) + "\n"
        self.rendered_blocks, self._cache = 1, {}
        return Blocks([Block("whole:" + html_hash(html), html, first_line)], count_words(body))

    def _convert_all(self, sources: dict[str, str]) -> dict[str, str] | None:
        """Each source's `_convert` by its key, or None if one would not end where it should. They go
        `BATCH_BLOCKS` at a time through one conversion: a long text's first render is ~1,300 blocks, and
        each conversion costs ~0.15 ms before any text. (Text that looks like a line mark goes alone: the
        batch's renumbering of the marks would change it.)"""
        converted: dict[str, str] = {}
        alone = [key for key, source in sources.items() if len(sources) == 1 or "data-line" in source]
        batched = [key for key in sources if key not in set(alone)]
        for first in range(0, len(batched), BATCH_BLOCKS):
            keys = batched[first : first + BATCH_BLOCKS]
            pieces = self._convert_batch([sources[key] for key in keys])
            if pieces is None:
                alone += keys  # something unusual in the batch: each block on its own, as ever
            else:
                converted.update(zip(keys, pieces, strict=True))
        for key in alone:
            html = self._convert(sources[key])
            if html is None:
                return None
            converted[key] = html
        return converted

    def _convert_batch(self, sources: list[str]) -> list[str] | None:
        """`_convert` of each source, from one conversion of all of them, each followed by the sentinel
        paragraph exactly as `_convert` has it, so that no block sees another (a paragraph at column 0
        after a blank line ends any list, quote or code before it); None if the output is not the
        expected sequence of a block's HTML, the sentinel paragraph and one line break, or if a heading
        id may have been made unique across blocks (the toc extension's renaming always ends in _N)."""
        out = self._renderer.convert("\n\n".join(f"{source}\n\n{_SENTINEL}" for source in sources), 1)
        if any(_ID_COUNT.match(match.group(2)) for match in _HEADING_ID.finditer(out)):
            return None
        close = f">{_SENTINEL}</p>"
        pieces: list[str] = []
        position, line = 0, 1
        for source in sources:
            found = out.find(close, position)
            end = out.rfind("<p", position, found) if found >= 0 else -1
            if end < 0:
                return None
            pieces.append(_shift_lines(out[position:end], 1 - line))  # marks counted from its own line 1
            position = found + len(close)
            line += source.count("\n") + 4  # the source, a blank line, the sentinel, a blank line
            if position < len(out):
                # Then the next block's first element: not the end of an element the sentinel was inside.
                if not out.startswith("\n<", position) or out.startswith("\n</", position):
                    return None
                position += 1
        return pieces if position == len(out) else None

    def _convert(self, chunk: str) -> str | None:
        """A block's HTML with the line break(s) that follow it in a whole document: Python-Markdown
        puts two after raw and highlighted HTML, one after the rest. A paragraph rendered after the
        block shows which; None if it did not come out as its own paragraph."""
        out = self._renderer.convert(f"{chunk}\n\n{_SENTINEL}", 1)
        end = out.rfind("<p")
        if end < 0 or not out.endswith(f">{_SENTINEL}</p>"):
            return None
        return out[:end]
