"""Spell checking without Qt: which words of a Markdown line are prose, and a checker over enchant.

`words` finds the words of one line worth checking: not code, addresses, link targets, HTML tags or
words with digits. A line's place in the document (inside a fenced code block, the front matter, an
HTML comment) is the caller's to know — the editor's highlighter already carries it from block to
block — and is passed in as a `Context`.

`Checker` answers for one language, through enchant with the system's hunspell dictionaries; the
author's own words (`WordLists`: a personal dictionary kept in the data folder, and the words ignored
for this session) are shared by every checker. Without a dictionary, or without enchant's C library,
a checker accepts every word and says why in `problem`.
"""

from __future__ import annotations

import locale
import re
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any, Final

FALLBACK_LANGUAGE: Final = "en_US"
SUGGESTIONS: Final = 6
NO_ENCHANT: Final = "Spelling is not checked: the enchant library is not installed."
PERSONAL_DICTIONARY: Final = "dictionary.txt"
# The system's hunspell dictionaries first; the others only for languages hunspell has none for.
_PROVIDERS: Final = "hunspell,nuspell,aspell,myspell,hspell"


class Context(Enum):
    """Where a line stands in the document, as far as spelling goes."""

    PROSE = "prose"
    CODE = "code"  # a fence line or a line inside a fenced code block
    FRONT_MATTER = "front matter"
    COMMENT = "comment"  # the line continues an HTML comment opened above


# Everything on a line that is not prose, in one pattern: the leftmost construct wins, so a URL inside
# a code span stays code. Only the code span captures a group (its backtick run, to close it).
_NOT_PROSE: Final = re.compile(
    "|".join(
        (
            r"(?<!`)(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)",  # an inline code span
            r"<!--.*?(?:-->|$)",  # an HTML comment, to its end or the line's
            r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>",  # an autolink
            r"<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>",  # an e-mail autolink
            r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>",  # an HTML tag with its attributes
            r"\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)",  # a link's target and title
            r"\]\[[^\]]*\]",  # a reference link's label
            r"^ {0,3}\[(?!\^)[^\]]+\]:.*",  # a link reference definition: label, address, title
            r"\[\^[^\]]*\]:?",  # a footnote's label
            r"(?:\b[A-Za-z][A-Za-z0-9+.-]*://|\bwww\.|\bmailto:)\S+",  # a bare address
            r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+",  # a bare e-mail address
            r"\{[:#.][^}]*\}",  # an attribute list ({#id .class})
        )
    )
)
# A word: letters with apostrophes inside, maybe quoted or in _emphasis_; a run of word characters with
# a digit or an inner underscore (a version, a measurement, an identifier) does not match at all.
_WORD: Final = re.compile(r"(?<![\w'’])['’_]*([^\W\d_]+(?:['’][^\W\d_]+)*)['’_]*(?![\w'’])")
_COMMENT_END: Final = "-->"


def words(text: str, context: Context = Context.PROSE) -> list[tuple[int, int]]:
    """The (start, end) offsets of the words in the line `text` that are worth checking."""
    if context in (Context.CODE, Context.FRONT_MATTER):
        return []
    start = 0
    if context is Context.COMMENT:
        closed = text.find(_COMMENT_END)
        if closed < 0:
            return []
        start = closed + len(_COMMENT_END)
    found: list[tuple[int, int]] = []
    for skipped in _NOT_PROSE.finditer(text, start):
        _prose_words(text, start, skipped.start(), found)
        start = skipped.end()
    _prose_words(text, start, len(text), found)
    return found


def _prose_words(text: str, start: int, end: int, found: list[tuple[int, int]]) -> None:
    found.extend(word.span(1) for word in _WORD.finditer(text, start, end))


def word_at(text: str, position: int, context: Context = Context.PROSE) -> tuple[int, int] | None:
    """The checked word of the line `text` that `position` is in or touches, if any."""
    for start, end in words(text, context):
        if start <= position <= end:
            return start, end
    return None


# -- dictionaries -------------------------------------------------------------------------------------
@cache
def _enchant() -> Any:
    """pyenchant, imported on first use (it costs start-up time), or None without enchant's C library."""
    try:
        import enchant  # type: ignore[import-untyped]
    except ImportError:  # pyenchant raises ImportError when the C library is missing, too
        return None
    return enchant


@cache
def _broker() -> Any:
    return _enchant().Broker()


def languages() -> list[str]:
    """The languages with an installed dictionary, e.g. ["en_GB", "en_US"]; none without enchant."""
    if _enchant() is None:
        return []
    return sorted(set(_broker().list_languages()))


def default_language() -> str:
    """The system locale's language when it has a dictionary, else en_US."""
    system = locale.getlocale(locale.LC_CTYPE)[0] or ""
    return system if system and system in languages() else FALLBACK_LANGUAGE


class SpellingError(Exception):
    """A personal word could not be stored; the message is one sentence for the author."""


class WordLists:
    """The author's own words, shared by every checker: the personal dictionary (a text file, one word a
    line, kept across sessions) and the words ignored until the program ends."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.ignored: set[str] = set()
        self.personal: set[str] = set()
        self._unreadable: str | None = None
        try:
            self.personal = set(path.read_text(encoding="utf-8").split())
        except FileNotFoundError:
            pass
        except (OSError, UnicodeDecodeError) as error:
            # Unreadable: start empty, and never append to it (adding says so) lest it be damaged further.
            self._unreadable = f"The personal dictionary {path} cannot be read: {error}."

    def __contains__(self, word: str) -> bool:
        lower = word.lower()
        return any(word in words or lower in words for words in (self.personal, self.ignored))

    def add(self, word: str) -> None:
        """Put `word` in the personal dictionary (for this session even when the file cannot be written)."""
        self.personal.add(word)
        if self._unreadable:
            raise SpellingError(self._unreadable)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as file:
                file.write(word + "\n")
        except OSError as error:
            raise SpellingError(
                f"“{word}” is accepted until Longhand closes, but could not be saved: {error}."
            ) from None

    def ignore(self, word: str) -> None:
        """Accept `word` until the program ends."""
        self.ignored.add(word)


class Checker:
    """One language's dictionary, plus the author's word lists. `problem` is "" when it works, else the
    sentence saying why nothing is checked (then every word passes)."""

    def __init__(self, language: str, word_lists: WordLists) -> None:
        self.language = language or default_language()
        self.word_lists = word_lists
        self._known: dict[str, bool] = {}  # enchant's answers: typing asks about the same words again
        self._dictionary: Any = None
        self.problem = ""
        enchant = _enchant()
        if enchant is None:
            self.problem = NO_ENCHANT
            return
        try:
            _broker().set_ordering(self.language, _PROVIDERS)
            self._dictionary = _broker().request_dict(self.language)
        except enchant.errors.Error:
            self.problem = f"No spelling dictionary for {self.language} is installed, so spelling is not checked."

    @property
    def available(self) -> bool:
        """Whether words are really checked."""
        return self._dictionary is not None

    def check(self, word: str) -> bool:
        """Whether `word` is spelled right (or the author accepted it, or nothing can tell)."""
        known = self._known.get(word)
        if known is None:
            known = self._dictionary is None or bool(self._dictionary.check(word))
            self._known[word] = known
        return known or word in self.word_lists

    def suggest(self, word: str, limit: int = SUGGESTIONS) -> list[str]:
        """Up to `limit` replacements for `word`, best first."""
        if self._dictionary is None:
            return []
        return [str(suggestion) for suggestion in self._dictionary.suggest(word)[:limit]]
