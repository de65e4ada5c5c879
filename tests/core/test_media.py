"""A draft's media folder: what is there, where the text uses it, and deleting only what it does not use,
never through a symlink and never outside the folder."""

from __future__ import annotations

import os

import pytest

from editor.core.media import MediaFile, _unlink_inside, delete_media, human_size, list_media, unused
from tests.pictures import PNG


@pytest.fixture
def media(tmp_path):
    folder = tmp_path / "media" / "7"
    (folder / "sub").mkdir(parents=True)
    for name in ("Holiday photo.png", "b.png", "c.png", "d.png", "sub/e.png", "featured.png", "unused.png"):
        (folder / name).write_bytes(PNG)
    (folder / "big.jpg").write_bytes(b"x" * 48 * 1024)
    return folder


BODY = """# Trip

![The beach](Holiday%20photo.png)
<img alt="b" src="b.png">
![c][pic]

[pic]: c.png
![again](Holiday%20photo.png)
![e](sub/e.png)
"""


def by_name(files: list[MediaFile]) -> dict[str, MediaFile]:
    return {f.name: f for f in files}


def test_each_file_is_listed_with_its_size_and_where_the_text_uses_it(media):
    files = by_name(list_media(media, BODY + f"![abs]({media / 'd.png'})\n", "featured.png"))
    assert list(files) == [
        "b.png",
        "big.jpg",
        "c.png",
        "d.png",
        "featured.png",
        "Holiday photo.png",
        "sub/e.png",
        "unused.png",
    ]
    assert files["Holiday photo.png"].lines == (3, 8) and files["Holiday photo.png"].where == "lines 3, 8"
    assert files["b.png"].where == "line 4"
    assert files["c.png"].lines == (7,)  # where its address is written
    assert files["d.png"].lines == (10,)  # an absolute path into the folder names the file too
    assert files["sub/e.png"].lines == (9,)
    assert files["featured.png"].where == "the featured image" and files["featured.png"].used
    assert not files["unused.png"].used and files["unused.png"].where == ""
    assert files["big.jpg"].size == 48 * 1024 and human_size(files["big.jpg"].size) == "48 KB"


def test_the_featured_image_named_in_the_text_too_says_both(media):
    [item] = [f for f in list_media(media, "x\n![a](b.png)", "b.png") if f.name == "b.png"]
    assert item.where == "line 2 and the featured image"


def test_an_absent_folder_has_no_files(tmp_path):
    assert list_media(tmp_path / "nothing", "![a](a.png)") == []


@pytest.mark.parametrize(
    ("size", "shown"),
    [(0, "0 bytes"), (1, "1 byte"), (1023, "1023 bytes"), (1024, "1 KB"), (48 * 1024 + 300, "48 KB"),
     (3 * 1024**2 + 200 * 1024, "3.2 MB"), (25 * 1024**2, "25 MB"), (2 * 1024**3, "2.0 GB")],
)  # fmt: skip
def test_sizes_read_as_a_file_manager_shows_them(size, shown):
    assert human_size(size) == shown


def test_delete_refuses_a_used_file_saying_where_and_deletes_an_unused_one(media):
    done = delete_media(media, ["b.png", "unused.png", "featured.png", "nope.png"], BODY, "featured.png")
    assert done.removed == ["unused.png"] and done.freed == len(PNG)
    assert done.refused == [
        "b.png is used (line 4), so it was not deleted.",
        "featured.png is used (the featured image), so it was not deleted.",
        "nope.png is not a file in this draft's media folder.",
    ]
    assert (media / "b.png").exists() and (media / "featured.png").exists() and not (media / "unused.png").exists()


def test_removing_the_unused_files_keeps_every_used_one(media):
    names = [f.name for f in unused(media, BODY, "featured.png")]
    assert names == ["big.jpg", "d.png", "unused.png"]
    done = delete_media(media, names, BODY, "featured.png")
    assert done.removed == names and done.freed == 48 * 1024 + 2 * len(PNG) and done.refused == []
    assert [f.name for f in list_media(media, BODY, "featured.png")] == [
        "b.png",
        "c.png",
        "featured.png",
        "Holiday photo.png",
        "sub/e.png",
    ]


def test_symlinks_are_neither_listed_nor_followed_nor_deleted(media, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.png").write_bytes(PNG)
    (media / "link.png").symlink_to(outside / "keep.png")
    (media / "linked").symlink_to(outside, target_is_directory=True)
    names = {f.name for f in list_media(media, "", "")}
    assert "link.png" not in names and not any(name.startswith("linked/") for name in names)
    done = delete_media(media, ["link.png", "linked/keep.png", "../outside/keep.png", str(outside / "keep.png")], "")
    assert done.removed == [] and len(done.refused) == 4
    assert (outside / "keep.png").read_bytes() == PNG and (media / "link.png").is_symlink()


def test_a_folder_swapped_for_a_symlink_before_the_delete_is_not_followed(media, tmp_path):
    # The moment between listing and deleting: `sub` becomes a link to a folder outside.
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "e.png").write_bytes(PNG)
    os.rename(media / "sub", tmp_path / "old-sub")
    (media / "sub").symlink_to(outside, target_is_directory=True)
    with pytest.raises(OSError):
        _unlink_inside(media, "sub/e.png")
    with pytest.raises(OSError):
        _unlink_inside(media, "../outside/e.png")
    assert (outside / "e.png").exists()
