"""Process facts read from /proc (no psutil): a server's process group and its peak memory."""

from __future__ import annotations

import contextlib
from pathlib import Path

PROC = Path("/proc")


def group_pids(pgid: int) -> list[int]:
    """Every live process whose process group is ``pgid`` (a server and its workers)."""
    pids = []
    for stat in PROC.glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            # Fields after the command name, which is in parentheses and may hold spaces.
            fields = stat.read_text().rpartition(")")[2].split()
            if int(fields[2]) == pgid:
                pids.append(int(stat.parent.name))
    return sorted(pids)


def peak_rss_kib(pid: int) -> int:
    """The process's peak resident set size (VmHWM), 0 if it is gone."""
    with contextlib.suppress(OSError):
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def group_peak_rss_kib(pgid: int) -> int:
    """Peak RSS summed over the live processes of a group (each process's own peak)."""
    return sum(peak_rss_kib(pid) for pid in group_pids(pgid))
