"""Find and replace without Qt: the find text and its options made into a pattern, the matches in
a text, the replacements for them, and stepping through the matches found.

Searching uses Python's `re` throughout (plain text is escaped), so match positions are Python
string indexes (code points); mapping them to an editor's own positions is the caller's business.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter

Span = tuple[int, int]
"""A match's (start, end) positions, in whatever unit the caller counts them."""


@dataclass(frozen=True)
class FindOptions:
    """How the find text is read: case-sensitively or not, whole words only, as a regex.

    With `regular_expression` the replacement text is a template too (`\\1`, `\\g<name>`).
    """

    match_case: bool = False
    whole_words: bool = False
    regular_expression: bool = False


class FindError(ValueError):
    """A find or replacement text that cannot be used; its message is the sentence to show."""


def compile_pattern(text: str, options: FindOptions) -> re.Pattern[str] | None:
    """The pattern that finds `text` read with `options`; None when `text` is empty.

    Raises FindError ("Invalid regular expression: …") when `text` is not a valid regex.
    """
    if not text:
        return None
    source = text if options.regular_expression else re.escape(text)
    flags = re.MULTILINE | (0 if options.match_case else re.IGNORECASE)
    try:
        # Compiled bare first so an error message's positions refer to what the user typed.
        pattern = re.compile(source, flags)
        if options.whole_words:
            pattern = re.compile(rf"(?<!\w)(?:{source})(?!\w)", flags)
    except re.error as error:
        raise FindError(f"Invalid regular expression: {error}") from error
    return pattern


def matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches of `pattern` in `text`, in document order, leaving out empty ones."""
    # Empty matches (`^`, `a*`) are skipped: there is nothing to select, tint or replace.
    return (match for match in pattern.finditer(text) if match.end() > match.start())


def expand(match: re.Match[str], template: str, options: FindOptions) -> str:
    """The replacement for `match`: in regex mode `template` with `\\1`, `\\g<name>` expanded,
    otherwise `template` as it is.

    Raises FindError ("Invalid replacement: …") when the template refers to a missing group.
    """
    if not options.regular_expression:
        return template
    try:
        return match.expand(template)
    except (re.error, IndexError) as error:
        raise FindError(f"Invalid replacement: {error}") from error


def replacements(
    pattern: re.Pattern[str], text: str, template: str, options: FindOptions
) -> list[tuple[int, int, str]]:
    """(start, end, replacement) for every match `matches` finds, in document order.

    Raises FindError, as `expand` does, when the template refers to a missing group.
    """
    return [(m.start(), m.end(), expand(m, template, options)) for m in matches(pattern, text)]


# Stepping through matches: only the order of the spans matters, so any unit of position will do.
def first_from(spans: Sequence[Span], position: int) -> int:
    """The index of the first span starting at or after `position`; len(spans) when none does."""
    return bisect_left(spans, position, key=itemgetter(0))


def next_index(spans: Sequence[Span], position: int) -> int:
    """The index of the first span starting at or after `position`, wrapping round to the first."""
    index = first_from(spans, position)
    return index if index < len(spans) else 0


def previous_index(spans: Sequence[Span], position: int) -> int:
    """The index of the last span starting before `position`, wrapping round to the last."""
    index = first_from(spans, position)
    return index - 1 if index > 0 else len(spans) - 1


def index_of(spans: Sequence[Span], span: Span) -> int | None:
    """The index of `span` in `spans`, or None when it is not one of them."""
    index = first_from(spans, span[0])
    return index if index < len(spans) and spans[index] == span else None


def around(spans: Sequence[Span], index: int, limit: int) -> Sequence[Span]:
    """At most `limit` spans, centred on the one at `index` as far as the ends of `spans` allow."""
    first = max(0, min(index - limit // 2, len(spans) - limit))
    return spans[first : first + limit]


def count_sentence(total: int, current: int | None) -> str:
    """How many matches there are and which one is current (an index, or None), for the author."""
    if not total:
        return "No matches"
    if current is not None:
        return f"{current + 1} of {total}"
    return "1 match" if total == 1 else f"{total} matches"
