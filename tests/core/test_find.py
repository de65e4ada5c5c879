"""Find and replace without Qt: patterns from the find text and options, matches, replacements,
and stepping through the matches."""

import pytest

from editor.core.find import (
    FindError,
    FindOptions,
    around,
    compile_pattern,
    count_sentence,
    expand,
    index_of,
    matches,
    next_index,
    previous_index,
    replacements,
)

REGEX = FindOptions(regular_expression=True)


def found(text: str, find: str, options: FindOptions) -> list[str]:
    pattern = compile_pattern(find, options)
    assert pattern is not None
    return [match.group() for match in matches(pattern, text)]


def test_case_is_ignored_unless_asked() -> None:
    text = "Tea, TEA and tea"
    assert found(text, "tea", FindOptions()) == ["Tea", "TEA", "tea"]
    assert found(text, "tea", FindOptions(match_case=True)) == ["tea"]


def test_whole_words_leave_out_parts_of_words() -> None:
    text = "cat catalogue bobcat cat."
    assert found(text, "cat", FindOptions()) == ["cat"] * 4
    assert found(text, "cat", FindOptions(whole_words=True)) == ["cat", "cat"]
    # An alternation is one unit: both of its branches must be whole words.
    words = FindOptions(whole_words=True, regular_expression=True)
    assert found("ab cd abcd", "ab|cd", words) == ["ab", "cd"]


def test_plain_text_is_not_a_regex() -> None:
    assert found("a.b axb (a.b)", "a.b", FindOptions()) == ["a.b", "a.b"]
    assert found("a.b axb", "a.b", REGEX) == ["a.b", "axb"]


def test_empty_find_text_finds_nothing() -> None:
    assert compile_pattern("", REGEX) is None


def test_invalid_regex_is_a_sentence() -> None:
    with pytest.raises(FindError) as raised:
        compile_pattern("(a", REGEX)
    # The position refers to what was typed, even when whole words wrap it in a group.
    message = "Invalid regular expression: missing ), unterminated subpattern at position 0"
    assert str(raised.value) == message
    with pytest.raises(FindError, match="at position 0$"):
        compile_pattern("(a", FindOptions(whole_words=True, regular_expression=True))
    assert compile_pattern("(a", FindOptions()) is not None  # plain text: just brackets


def test_empty_matches_are_skipped() -> None:
    pattern = compile_pattern("x*", REGEX)
    assert pattern is not None
    assert [(m.start(), m.end()) for m in matches(pattern, "axxbx")] == [(1, 3), (4, 5)]
    assert list(matches(compile_pattern("^", REGEX), "one\ntwo")) == []


def test_regex_groups_in_the_replacement() -> None:
    pattern = compile_pattern(r"(\w+)@(?P<host>\w+)", REGEX)
    match = pattern.search("mail ann@example now")
    assert expand(match, r"\2: \1", REGEX) == "example: ann"
    assert expand(match, r"\g<host>/\g<1>", REGEX) == "example/ann"
    # Without regex mode the replacement is taken literally.
    assert expand(match, r"\2: \1", FindOptions()) == r"\2: \1"


def test_bad_group_reference_is_a_sentence() -> None:
    pattern = compile_pattern("(a)b", REGEX)
    match = pattern.search("ab")
    with pytest.raises(FindError, match=r"^Invalid replacement: invalid group reference 2"):
        expand(match, r"\2", REGEX)
    with pytest.raises(FindError, match=r"^Invalid replacement: unknown group name 'x'"):
        expand(match, r"\g<x>", REGEX)


def test_replacements_cover_every_non_empty_match() -> None:
    pattern = compile_pattern(r"(\d)?x", REGEX)
    edits = replacements(pattern, "1x x 2x", r"<\1>", REGEX)
    assert edits == [(0, 2, "<1>"), (3, 4, "<>"), (5, 7, "<2>")]
    with pytest.raises(FindError):
        replacements(pattern, "1x", r"\3", REGEX)


def test_stepping_wraps_round() -> None:
    spans = [(2, 4), (6, 8), (10, 12)]
    assert [next_index(spans, p) for p in (0, 2, 3, 10, 11)] == [0, 0, 1, 2, 0]
    assert [previous_index(spans, p) for p in (0, 2, 3, 6, 11)] == [2, 2, 0, 0, 2]
    assert index_of(spans, (6, 8)) == 1
    assert index_of(spans, (6, 7)) is None and index_of(spans, (20, 22)) is None


def test_around_keeps_the_window_inside_the_spans() -> None:
    spans = [(i, i + 1) for i in range(10)]
    assert around(spans, 5, 4) == spans[3:7]
    assert around(spans, 0, 4) == spans[:4]
    assert around(spans, 10, 4) == spans[6:]
    assert around(spans[:2], 1, 4) == spans[:2]


def test_count_sentence() -> None:
    assert count_sentence(0, None) == "No matches"
    assert count_sentence(1, None) == "1 match"
    assert count_sentence(3, None) == "3 matches"
    assert count_sentence(3, 1) == "2 of 3"
