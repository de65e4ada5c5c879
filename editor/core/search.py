"""Full-text search helpers: user text to an FTS5 query, and a short excerpt around the first hit."""

from __future__ import annotations

SNIPPET_OPEN, SNIPPET_CLOSE, SNIPPET_CUT = "«", "»", "…"
# Control characters mark hits inside the body, since « and » may well be in the author's text.
HIT_OPEN, HIT_CLOSE = "\x02", "\x03"


def query_words(query: str) -> list[str]:
    """The words of what the author typed (a NUL, which would end SQLite's query, is a space)."""
    return query.replace("\0", " ").split()


def match_expression(words: list[str]) -> str:
    """An FTS5 query for what the author typed: each word a quoted phrase (so AND, NEAR(, "-" and "*"
    are just words), and the last one a prefix so results follow the author's typing."""
    phrases = ['"' + word.replace('"', '""') + '"' for word in words]
    return " ".join(phrases) + "*"


def excerpt(marked: str, before: int = 4, after: int = 8) -> str:
    """A few words around the first hit of a text marked with HIT_OPEN/HIT_CLOSE, hits in « »."""
    # Only a window around the first hit is split into words, so a huge body costs one find().
    at = max(marked.find(HIT_OPEN), 0)
    left, right = marked[max(at - 200, 0) : at].split(), marked[at : at + 400].split()
    text = " ".join(left[-before:] + right[:after])
    if text.count(HIT_OPEN) > text.count(HIT_CLOSE):  # the window cut a long match
        text += HIT_CLOSE
    text = text.replace(HIT_OPEN, SNIPPET_OPEN).replace(HIT_CLOSE, SNIPPET_CLOSE)
    if at > 200 or len(left) > before:
        text = SNIPPET_CUT + text
    if len(marked) > at + 400 or len(right) > after:
        text += SNIPPET_CUT
    return text
