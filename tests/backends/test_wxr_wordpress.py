"""An export made by the real WordPress's own export_wp() (what Tools ▸ Export runs), imported with the real
`longhand drafts import`: the drafts are linked to the blog (publishing one updates its post, no second
post), the threaded comments are in the inbox, and a second import changes nothing."""

from __future__ import annotations

import httpx

from tests.longhand_cli import Longhand
from tests.wordpress_server import WordPress

MAKE_AND_EXPORT = r"""
$post = wp_insert_post(array('post_title' => 'Exported post', 'post_status' => 'publish',
    'post_content' => "<!-- wp:paragraph -->\n<p>Words with <em>stress</em>.</p>\n<!-- /wp:paragraph -->",
    'tags_input' => array('exported')));
$top = wp_insert_comment(array('comment_post_ID' => $post, 'comment_author' => 'Ann',
    'comment_content' => 'First!', 'comment_approved' => 1));
wp_insert_comment(array('comment_post_ID' => $post, 'comment_author' => 'Bob',
    'comment_content' => 'A reply', 'comment_parent' => $top, 'comment_approved' => 1));
wp_insert_post(array('post_title' => 'Exported page', 'post_type' => 'page', 'post_status' => 'publish',
    'post_content' => 'Plain page text.'));
require_once ABSPATH . 'wp-admin/includes/export.php';
ob_start();
export_wp(array('content' => 'all'));
echo ob_get_clean();
"""


def test_a_wordpress_export_imports_linked_with_its_comments(wordpress: WordPress, secret_service, tmp_path):
    export = tmp_path / "blog.wordpress.xml"
    export.write_text(wordpress.wp_eval(MAKE_AND_EXPORT), encoding="utf-8")
    longhand = Longhand(tmp_path / "data", secret_service.child_env())
    longhand.add_blog(wordpress.url, wordpress, "exported")

    said = longhand("drafts", "import", str(export)).stdout
    assert "linked to your blog “exported”" in said
    drafts = {d["title"]: d for d in longhand.json("drafts", "list")}
    post, page = drafts["Exported post"], drafts["Exported page"]
    assert page["kind"] == "page"
    assert post["remote_id"] and post["account_id"] and post["tags"] == ["exported"]
    assert "Words with *stress*." in longhand.json("drafts", "show", str(post["id"]))["body"]

    comments = longhand.json("comments", "list")
    ours = {c["author"]: c for c in comments if c["post_id"] == post["remote_id"]}
    assert ours["Bob"]["parent"] == ours["Ann"]["remote_id"]

    again = longhand("drafts", "import", str(export)).stdout
    assert "No new drafts" in again and "0 comments added to the inbox, 0 updated." in again
    assert len(longhand.json("comments", "list")) == len(comments)

    # Linked: publishing the imported draft updates the blog's post rather than making a second one.
    longhand("publish", str(post["id"]))
    assert len(wordpress.posts_titled("Exported post")) == 1
    live = httpx.get(f"{wordpress.url}/wp-json/wp/v2/posts/{post['remote_id']}", timeout=30).json()
    assert "<em>stress</em>" in live["content"]["rendered"]
    assert len(live["tags"]) == 1  # its tag, kept by name
