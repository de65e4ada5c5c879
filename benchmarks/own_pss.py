"""PSS of a group of processes as if no other process mapped their pages.

The kernel's PSS divides each page among every process that maps it: the QtWebEngine library's pages are
shared with any other QtWebEngine program running at the time (another bench, a test run), so the kernel's
figure for Longhand moves by tens of megabytes when one starts or ends, whatever Longhand does. Here each
resident page of the group is found by its page frame number (/proc/PID/pagemap) and divided among the
group's processes that map it only. The frame numbers are readable by root only (others read zeros):
`own_pss` is None then.
"""

from __future__ import annotations

import struct
from collections import Counter
from pathlib import Path

PAGE = 4096
_PRESENT = 1 << 63
_PFN_MASK = (1 << 55) - 1


def _resident_ranges(pid: int) -> list[tuple[int, int]]:
    """The address ranges of `pid`'s mappings that have resident pages (from /proc/PID/smaps)."""
    ranges: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        first = line.split(None, 1)[0]
        if "-" in first and not first.endswith(":"):
            start, end = first.split("-")
            current = (int(start, 16), int(end, 16))
        elif first == "Rss:" and current is not None and int(line.split()[1]) > 0:
            ranges.append(current)
    return ranges


def _frames(pid: int) -> set[int]:
    """The page frame numbers of `pid`'s resident pages (0 stands for "not readable")."""
    frames: set[int] = set()
    with open(f"/proc/{pid}/pagemap", "rb") as pagemap:
        for start, end in _resident_ranges(pid):
            pagemap.seek(start // PAGE * 8)
            data = pagemap.read((end - start) // PAGE * 8)
            for (entry,) in struct.iter_unpack("<Q", data):
                if entry & _PRESENT:
                    frames.add(entry & _PFN_MASK)
    return frames


def own_pss(pids: list[int]) -> float | None:
    """The PSS in MB of the processes `pids` counting only the sharing among them; None when the page
    frame numbers cannot be read (not root) or a process went away meanwhile."""
    try:
        each = [_frames(pid) for pid in pids]
    except OSError:
        return None
    if any(0 in frames for frames in each):
        return None
    sharers = Counter(frame for frames in each for frame in frames)
    return sum(1 / sharers[frame] for frames in each for frame in frames) * PAGE / 2**20
