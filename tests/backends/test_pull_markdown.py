"""A post written in WordPress's block editor, pulled with the real `longhand pull`, is Markdown in the draft, and
publishing it back leaves the blog's blocks as they were: a real WordPress, the `longhand` command as a process,
a real Secret Service. Also: every case of tests/data/wordpress_blocks.html is what WordPress keeps."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import httpx
import pytest

from benchmarks.html_to_markdown import corpus
from editor.core.html_markdown import BLOCK_COMMENT
from tests.longhand_cli import Longhand
from tests.wordpress_server import WordPress

CASES = corpus()
# Paragraphs with inline formatting, headings, a numbered list, a figure with a caption, a shortcode block, an
# inline shortcode, columns of paragraphs, a separator and a spacer: what the block editor writes.
NAMES = ["paragraphs", "headings", "list-ordered", "image-caption", "shortcode-block", "shortcode-inline"]
NAMES += ["columns", "separator-spacer", "footnotes"]
POST = "\n\n".join(CASES[name].strip("\n") for name in NAMES)


@pytest.fixture(scope="module")
def longhand(wordpress: WordPress, secret_service, tmp_path_factory) -> Longhand:
    run = Longhand(tmp_path_factory.mktemp("data"), secret_service.child_env())
    run.add_blog(wordpress.url, wordpress, "blocks")
    return run


def rest(wordpress: WordPress, route: str, method: str = "GET", **kwargs) -> dict:
    response = httpx.request(
        method,
        f"{wordpress.url}/wp-json/wp/v2/{route}",
        auth=(wordpress.admin_user, wordpress.app_password),
        timeout=30,
        **kwargs,
    )
    response.raise_for_status()
    return response.json()


def raw_content(wordpress: WordPress, post_id: object) -> str:
    return rest(wordpress, f"posts/{post_id}", params={"context": "edit"})["content"]["raw"]


def whitespace_normalized(text: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", text)).strip()


def test_the_corpus_is_what_wordpress_keeps(wordpress):
    # WordPress's own block parser and serializer give every case back unchanged...
    serialized = json.loads(
        wordpress.wp_eval(
            "$out = array(); foreach ($args as $name => $text) { $out[$name] = serialize_blocks(parse_blocks($text)); }"
            " echo json_encode($out);",
            CASES,
        )
    )
    assert serialized == CASES
    # ...and a post saved through the REST API keeps it byte for byte.
    for name, content in CASES.items():
        made = rest(wordpress, "posts", "POST", json={"title": f"corpus {name}", "content": content})
        try:
            assert raw_content(wordpress, made["id"]) == content, name
        finally:
            rest(wordpress, f"posts/{made['id']}", "DELETE", params={"force": "true"})


@pytest.fixture
def block_post(wordpress: WordPress) -> Iterator[dict]:
    """The post on the blog, made with block markup; removed afterwards (the blog is the session's)."""
    made = rest(wordpress, "posts", "POST", json={"title": "Written in blocks", "status": "publish", "content": POST})
    try:
        yield made
    finally:
        rest(wordpress, f"posts/{made['id']}", "DELETE", params={"force": "true"})


def test_a_pulled_block_post_is_markdown_and_publishes_back_as_the_same_blocks(longhand, wordpress, block_post):
    made = block_post
    assert raw_content(wordpress, made["id"]) == POST

    longhand.json("pull", "--account", "blocks")
    drafts = {d["title"]: d for d in longhand.json("drafts", "list")}
    draft = longhand.json("drafts", "show", str(drafts["Written in blocks"]["id"]))
    body = draft["body"]
    assert draft["remote_id"] == str(made["id"])
    for markdown in (
        "<!-- wp:paragraph -->\nPlain words, then **bold**, *italic*, ***both***, "
        "[a link](https://example.org/page?a=1&b=2) and `inline code`.\n<!-- /wp:paragraph -->",
        "<!-- wp:heading -->\n## A heading\n<!-- /wp:heading -->",
        "### A smaller one with *emphasis*",
        "3. Third\n4. Fourth, **bold**",
        '<!-- wp:shortcode -->\n[gallery ids="5,6" columns="2" link="file"]\n<!-- /wp:shortcode -->',
        'Listen: [audio mp3="https://blog.example/wp-content/uploads/2024/05/whistle.mp3"] and go on.',
    ):
        assert markdown in body
    assert "<p>Plain words" not in body and "<h2>" not in body and "<ol" not in body
    assert CASES["image-caption"].strip("\n") in body and CASES["columns"].strip("\n") in body  # raw, as written
    assert [m.group(0) for m in BLOCK_COMMENT.finditer(body)] == [m.group(0) for m in BLOCK_COMMENT.finditer(POST)]

    job = longhand.json("publish", str(draft["id"]))
    assert job["state"] == "done" and job["remote_id"] == str(made["id"]), job
    # The same blocks, comments and HTML; the one change is the id every Longhand heading has (toc's anchor,
    # which WordPress's heading block takes as its HTML anchor).
    expected = POST
    for heading, anchor in (
        ("<h2>A heading", "a-heading"),
        ("<h3>A smaller one", "a-smaller-one-with-emphasis"),
        ("<h4>Smaller still", "smaller-still"),
    ):
        expected = expected.replace(heading, f'{heading[:3]} id="{anchor}">{heading[4:]}')
    assert whitespace_normalized(raw_content(wordpress, made["id"])) == whitespace_normalized(expected)
