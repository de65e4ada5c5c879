"""The Chromium switches Longhand adds to QtWebEngine's, and how they meet the user's own."""

from editor.ui.app import chromium_flags

OURS = '--js-flags="--expose-gc --no-compilation-cache"'


def test_on_a_desktop_only_the_v8_flags_are_added():
    assert chromium_flags(None, "xcb") == OURS
    assert chromium_flags("", "wayland") == OURS


def test_offscreen_also_turns_the_gpu_off():
    assert chromium_flags(None, "offscreen") == f"--disable-gpu {OURS}"


def test_the_users_own_switches_are_kept_and_win():
    assert chromium_flags("--force-dark-mode", "offscreen") == f"--force-dark-mode {OURS}"
    mine = '--js-flags="--max-old-space-size=200"'
    assert chromium_flags(mine, "xcb") == mine
