"""Spell checking without Qt: which words of a Markdown line are checked, and the checker over the real
hunspell dictionaries (hunspell-en-us, hunspell-en-gb)."""

import pytest

from editor.core.spelling import (
    Checker,
    Context,
    SpellingError,
    WordLists,
    default_language,
    languages,
    word_at,
    words,
)
from tests.small_disk import remount_read_only, small_disk


def checked(line: str, context: Context = Context.PROSE) -> list[str]:
    return [line[start:end] for start, end in words(line, context)]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Plain words, and don’t forget 'quotes'.", ["Plain", "words", "and", "don’t", "forget", "quotes"]),
        ("Some `inline code` and ``a ` tick`` here", ["Some", "and", "here"]),
        ("An `unclosed code span", ["An", "unclosed", "code", "span"]),
        ("See [the docs](https://example.com/pathh 'Titel') now", ["See", "the", "docs", "now"]),
        ("A [reference][labell] link", ["A", "reference", "link"]),
        ('[labell]: https://example.com/x "Titel"', []),
        ("   [labell]: <https://example.com/x>", []),
        ("Text[^notte] and more", ["Text", "and", "more"]),
        ("[^notte]: The footnote's text", ["The", "footnote's", "text"]),
        ("Go to <https://exampel.org/wrogn> or <me@exampel.org>", ["Go", "to", "or"]),
        ("Bare https://exampel.org/a_b?x=y#frag, www.exampel.com and mailto:me@x.org", ["Bare", "and"]),
        ("Mail me@exampel.org today", ["Mail", "today"]),
        ('<a href="https://x.org" title="Titel">the link text</a>', ["the", "link", "text"]),
        ("A <br/> break and <img src=x alt='Alte'>", ["A", "break", "and"]),
        ("A <!-- secrett note --> here <!-- opened and", ["A", "here"]),
        ("v2 mp3 3rd 1990s x86_64 H2O word", ["word"]),
        ("snake_case and _emphasis_ and __strong__ **bold**", ["and", "emphasis", "and", "strong", "bold"]),
        ("## A heading {#custom-idd .klass}", ["A", "heading"]),
        ("Well-known e-mail", ["Well", "known", "e", "mail"]),
        ("Emoji 😀 between", ["Emoji", "between"]),
    ],
)
def test_words_of_a_prose_line(line, expected):
    assert checked(line) == expected


def test_lines_inside_code_and_front_matter_have_no_words():
    assert checked("def mispeled(): return 'wrogn'", Context.CODE) == []
    assert checked("titel: Helo wrold", Context.FRONT_MATTER) == []


def test_a_comment_opened_above_hides_the_line_up_to_its_end():
    assert checked("still in the commment", Context.COMMENT) == []
    assert checked("commment ends --> and prose goes on", Context.COMMENT) == ["and", "prose", "goes", "on"]


def test_offsets_are_the_lines_own():
    line = "Say `x` helo"
    start, end = words(line)[1]
    assert line[start:end] == "helo" and (start, end) == (8, 12)


def test_word_at_finds_the_word_a_position_is_in_or_touches():
    line = "A helo in `codde`"
    assert word_at(line, 3) == (2, 6)
    assert word_at(line, 6) == (2, 6)  # just after it: where a right click often lands
    assert word_at(line, 13) is None  # inside the code span
    assert word_at("```python", 4, Context.CODE) is None


def test_the_checker_knows_english_and_suggests(tmp_path):
    checker = Checker("en_US", WordLists(tmp_path / "dictionary.txt"))
    assert checker.available and checker.problem == ""
    assert checker.check("paragraph") and checker.check("don’t")
    assert not checker.check("paragraf")
    suggestions = checker.suggest("paragraf")
    assert "paragraph" in suggestions and len(suggestions) <= 6
    assert {"en_US", "en_GB"} <= set(languages())
    british = Checker("en_GB", checker.word_lists)
    assert british.check("colour") and not checker.check("colour")


def test_the_default_language_is_the_systems_when_installed(monkeypatch, tmp_path):
    # Substituted: the test machine has no en_GB locale to switch to (only C), and setlocale would change
    # the locale of the whole test process.
    monkeypatch.setattr("locale.getlocale", lambda category: ("en_GB", "UTF-8"))
    assert default_language() == "en_GB"
    assert Checker("", WordLists(tmp_path / "d.txt")).check("colour")
    monkeypatch.setattr("locale.getlocale", lambda category: ("xx_YY", "UTF-8"))
    assert default_language() == "en_US"
    monkeypatch.setattr("locale.getlocale", lambda category: (None, None))
    assert default_language() == "en_US"


def test_added_words_persist_for_a_new_checker_and_ignored_ones_do_not(tmp_path):
    path = tmp_path / "data" / "dictionary.txt"
    checker = Checker("en_US", WordLists(path))
    assert not checker.check("Longhandish")
    checker.word_lists.add("Longhandish")
    checker.word_lists.ignore("frobnicate")
    assert checker.check("Longhandish") and checker.check("frobnicate") and checker.check("FROBNICATE")

    again = Checker("en_US", WordLists(path))
    assert again.check("Longhandish") and not again.check("frobnicate")
    assert path.read_text(encoding="utf-8") == "Longhandish\n"


def test_a_language_without_a_dictionary_checks_nothing_and_says_why(tmp_path):
    checker = Checker("xx_YY", WordLists(tmp_path / "dictionary.txt"))
    assert not checker.available
    assert checker.problem == "No spelling dictionary for xx_YY is installed, so spelling is not checked."
    assert checker.check("paragraf") and checker.suggest("paragraf") == []


def test_a_dictionary_that_cannot_be_written_keeps_the_word_for_the_session(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        (disk / "dictionary.txt").write_text("Longhand\n", encoding="utf-8")
        remount_read_only(disk)
        lists = WordLists(disk / "dictionary.txt")
        with pytest.raises(SpellingError, match="“Longhandish” is accepted until Longhand closes, but could not"):
            lists.add("Longhandish")
        assert "Longhandish" in lists and "Longhand" in lists


def test_an_unreadable_dictionary_is_never_appended_to(tmp_path):
    path = tmp_path / "dictionary.txt"
    path.write_bytes(b"caf\xe9\n")  # not UTF-8
    lists = WordLists(path)
    with pytest.raises(SpellingError, match="cannot be read"):
        lists.add("Longhandish")
    assert path.read_bytes() == b"caf\xe9\n" and "Longhandish" in lists
