"""What leaves the machine when publishing, against the real WordPress through a logging proxy:
a post from the blog never makes Longhand read a local file; an upload whose answer was lost is found
again, not sent twice; a file WordPress refuses fails the job at once, and the command says so.

The `longhand` command runs as a real process with the real Secret Service. The proxy only records and,
where a test says so, breaks answers that a local php -S always delivers.
"""

from __future__ import annotations

import json
import random
import secrets
from collections.abc import Iterator

import httpx
import pytest

from editor.core.images import media_folder
from editor.core.model import Draft, PostStatus
from editor.core.store import Store
from soak.local_files import MEDIA, Secrets, hostile_pull, secret_files
from tests.fault_proxy import FaultProxy
from tests.longhand_cli import Longhand, proxied_longhand
from tests.pictures import PNG
from tests.wordpress_server import WordPress


def media_total(wordpress: WordPress) -> int:
    answer = httpx.get(
        f"{wordpress.url}/wp-json/wp/v2/media",
        params={"per_page": 1},
        auth=(wordpress.admin_user, wordpress.app_password),
        timeout=30,
    )
    return int(answer.headers["x-wp-total"])


def unique_png(n: int) -> bytes:
    """A PNG with bytes of its own after the image end: the blog stores the file as sent."""
    return PNG + f"longhand test {n} {secrets.token_hex(8)}".encode()


@pytest.fixture
def proxied(wordpress: WordPress, secret_service, tmp_path) -> Iterator[tuple[Longhand, FaultProxy]]:
    with proxied_longhand(wordpress, tmp_path / "data") as pair:
        yield pair


@pytest.fixture
def local_secrets(tmp_path) -> Iterator[Secrets]:
    with secret_files(tmp_path) as files:
        yield files


def test_a_pulled_post_naming_local_files_uploads_none_of_them(proxied, wordpress, local_secrets):
    run, proxy = proxied
    media_before = media_total(wordpress)
    outcome = hostile_pull(run, proxy, wordpress, local_secrets, 1, random.Random(0))  # every form at once
    assert outcome.not_done == []
    assert (outcome.listed, outcome.uploads, outcome.leaked) == (0, 0, 0)
    assert media_total(wordpress) == media_before
    [draft] = [d for d in run.json("drafts", "list") if d["title"] == outcome.titles[0]]
    body = run.json("drafts", "show", str(draft["id"]))["body"]
    assert "file:" not in body.lower()
    assert f'src="{proxy.url}{local_secrets.outside}"' in body  # a path on the blog, not on this computer


def test_an_author_typed_path_is_listed_and_a_symlink_out_of_the_media_folder_is_not_followed(
    proxied, wordpress, local_secrets, tmp_path
):
    run, proxy = proxied
    picture = tmp_path / "picture.png"
    picture.write_bytes(unique_png(0))
    # Typed in the editor (an imported file's paths are not the author's: tests/core/test_images.py).
    with Store.open(run.data) as store:
        draft = store.create_draft(
            Draft(
                title=f"Typed {secrets.token_hex(4)}",
                status=PostStatus.PUBLISHED,
                body=f"![typed]({picture})\n\n![escape](escape.png)\n",
            )
        )
    folder = media_folder(run.data, draft.stored_id)
    folder.mkdir(parents=True)
    (folder / "escape.png").symlink_to(local_secrets.outside)  # in the draft's own folder, pointing out
    published = run.json("publish", str(draft.stored_id))
    assert published["state"] == "done", published
    assert [item["path"] for item in published["images"]["upload"]] == [str(picture)]
    assert [item["src"] for item in published["images"]["skipped"]] == ["escape.png"]
    assert proxy.count("POST", MEDIA) == 1
    assert not [body for body in proxy.bodies if local_secrets.outside.read_bytes() in body]
    assert "escape.png" in published["notes"]


@pytest.mark.parametrize("fault", ["drop_response", "reset", "truncate"])
def test_an_upload_whose_answer_was_lost_is_found_not_sent_again(proxied, wordpress, fault, tmp_path):
    run, proxy = proxied
    source = tmp_path / "post.md"
    (tmp_path / "photo.png").write_bytes(unique_png(1))
    source.write_text(
        f"---\ntitle: Lost answer {fault} {secrets.token_hex(4)}\nstatus: publish\n---\n![p](photo.png)\n",
        encoding="utf-8",
    )
    draft = run.json("drafts", "import", str(source))[0]
    media_before = media_total(wordpress)
    # Fault: WordPress stores the upload, then its answer is lost on the way back.
    proxy.set(fault)
    first = run("publish", str(draft["id"]), ok=False)
    assert first.returncode == 75 and "Not sent yet" in first.stderr
    assert media_total(wordpress) == media_before + 1
    proxy.set("pass")
    done = run.json("outbox", "retry", str(json.loads(run("outbox", "list", "--json").stdout)[0]["id"]))
    assert done["state"] == "done", done["last_error"]
    assert proxy.count("POST", MEDIA) == 1  # the retry looked the upload up instead of sending it
    assert media_total(wordpress) == media_before + 1
    post = httpx.get(done["remote_url"], timeout=30).text if done.get("remote_url") else ""
    assert "photo-" in post


def test_a_file_wordpress_refuses_fails_the_job_at_once(proxied, wordpress, tmp_path):
    run, proxy = proxied
    (tmp_path / "hostname").write_bytes(b"not an image, no extension")
    source = tmp_path / "post.md"
    source.write_text(f"---\ntitle: Refused {secrets.token_hex(4)}\n---\n![h](hostname)\n", encoding="utf-8")
    done = run("publish", str(source), ok=False)
    assert done.returncode == 1
    assert "refused the request: Sorry, you are not allowed to upload this file type." in done.stderr, done.stderr
    assert proxy.count("POST", MEDIA) == 1
    [job] = run.json("outbox", "list")
    assert job["state"] == "failed" and job["attempts"] == 1
