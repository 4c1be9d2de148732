"""Process facts read from /proc (no psutil): a server's process group, its peak memory, and
how much CPU other processes took while it was measured."""

from __future__ import annotations

import contextlib
import os
import resource
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


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


def process_cpu_s(pid: int) -> float:
    """User plus system CPU seconds of a live process (0 if it is gone)."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        fields = (PROC / str(pid) / "stat").read_text().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime
    return 0.0


def machine_cpu_s(stat: Path = PROC / "stat") -> tuple[float, float]:
    """(busy, steal) CPU seconds of the whole machine since boot, all cores together.

    Busy is time spent running processes and interrupts; steal is time the
    hypervisor gave this machine's cores to another guest.
    """
    values = [int(v) for v in stat.read_text().splitlines()[0].split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = values
    return (user + nice + system + irq + softirq) / CLOCK_TICKS, steal / CLOCK_TICKS


def own_cpu_s() -> float:
    """This process's CPU seconds plus those of its reaped children (wrk, h2load)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@dataclass(frozen=True)
class CpuSnapshot:
    busy_s: float
    steal_s: float
    measured_s: float  # the server's group, this process and its reaped children


def snapshot(pgid: int) -> CpuSnapshot:
    busy, steal = machine_cpu_s()
    group = sum(process_cpu_s(pid) for pid in group_pids(pgid))
    return CpuSnapshot(busy, steal, group + own_cpu_s())


def foreign_cpu_s(before: CpuSnapshot, after: CpuSnapshot) -> tuple[float, float]:
    """(CPU seconds other processes used, CPU seconds stolen) between two snapshots.

    Whatever the machine spent beyond the server, the runner and the load
    generator belongs to someone else: a test suite, a build, a helper. On a
    quiet machine it is the kernel's own housekeeping, a few hundredths of a core.
    """
    other = (after.busy_s - before.busy_s) - (after.measured_s - before.measured_s)
    return max(0.0, other), max(0.0, after.steal_s - before.steal_s)


@contextlib.contextmanager
def foreign_during(pgid: int) -> Iterator[dict[str, float]]:
    """Yields a dict that, after the block, holds ``foreign_cpu_s`` and ``steal_s`` of it."""
    found: dict[str, float] = {}
    before = snapshot(pgid)
    yield found
    found["foreign_cpu_s"], found["steal_s"] = foreign_cpu_s(before, snapshot(pgid))
