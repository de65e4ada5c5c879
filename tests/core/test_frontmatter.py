"""Markdown files with YAML front matter, in and out."""

from datetime import UTC, datetime

import pytest

from editor.core import frontmatter
from editor.core.model import Draft, PostStatus

POST = """---
title: "Offline: a field guide"
slug: offline-guide
tags: [travel, writing]
categories: Notes, Essays
status: future
date: 2026-12-24T09:30:00+01:00
excerpt: Where the trains have no Wi-Fi.
layout: post
---

# Offline

Text with `code`.
"""


def test_parse_reads_every_field():
    d = frontmatter.parse(POST)
    assert d.title == "Offline: a field guide" and d.slug == "offline-guide"
    assert d.tags == ["travel", "writing"] and d.categories == ["Notes", "Essays"]
    assert d.status is PostStatus.SCHEDULED
    assert d.scheduled_at == datetime(2026, 12, 24, 8, 30, tzinfo=UTC)
    assert d.excerpt == "Where the trains have no Wi-Fi."
    assert d.extra == {"layout": "post"}
    assert d.body == "# Offline\n\nText with `code`.\n"


def test_round_trip_keeps_fields_body_and_unknown_keys():
    first = frontmatter.parse(POST)
    again = frontmatter.parse(frontmatter.dump(first))
    for name in ("title", "slug", "tags", "categories", "status", "scheduled_at", "excerpt", "extra", "body"):
        assert getattr(again, name) == getattr(first, name), name


def test_dump_of_a_plain_draft_is_readable_yaml():
    text = frontmatter.dump(Draft(title="Ünïcode: yes", body="Body\n"))
    assert text.startswith("---\ntitle: 'Ünïcode: yes'\nstatus: draft\n---\n\nBody")


def test_no_front_matter_is_all_body():
    d = frontmatter.parse("# Just text\n\n---\n\nafter a rule\n")
    assert d.title == "" and d.body.startswith("# Just text")


def test_split_reports_lines_used():
    raw, body, used = frontmatter.split("---\na: 1\n---\nbody\n")
    assert raw == "a: 1\n" and body == "body\n" and used == 3


@pytest.mark.parametrize(
    "text, words",
    [
        ("---\ntitle: [unclosed\n---\nbody", "not valid YAML (near line 3)"),
        ("---\n- a list\n---\nbody", "must be a list of 'key: value' lines"),
        ("---\ntags: {a: 1}\n---\n", "'tags' must be a list"),
        ("---\nstatus: gone\n---\n", "unknown status 'gone'"),
        ("---\ndate: next tuesday\n---\n", "'date' must be an ISO-8601 date"),
    ],
)
def test_malformed_front_matter_says_what_is_wrong(text, words):
    with pytest.raises(frontmatter.FrontMatterError) as info:
        frontmatter.parse(text, source="post.md")
    assert str(info.value).startswith("post.md: ") and words in str(info.value)


def test_binary_and_non_utf8_files_are_refused(tmp_path):
    png = tmp_path / "image.md"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    with pytest.raises(frontmatter.FrontMatterError, match="is not a text file"):
        frontmatter.read_file(png)
    latin = tmp_path / "latin.md"
    latin.write_bytes("café".encode("latin-1"))
    with pytest.raises(frontmatter.FrontMatterError, match="is not UTF-8 text"):
        frontmatter.read_file(latin)
    with pytest.raises(frontmatter.FrontMatterError, match="Cannot read"):
        frontmatter.read_file(tmp_path / "missing.md")
