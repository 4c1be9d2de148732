"""Instructions per request: a server under valgrind's callgrind, counted between dumps.

The server starts with instrumentation off (start-up under full callgrind takes
minutes) and first answers ``warmup`` requests of every scenario, still
uninstrumented, so imports, caches and lazy initialisation have settled before
anything is counted. Then instrumentation is switched on and, for each
scenario, a short scenario warm-up is dumped and discarded, followed by
``segments`` segments of sequential keep-alive requests, each ending in a
dump. A segment holds at least ``segment_requests`` requests and about
``segment_instructions`` instructions, so cheap servers (whose per-request
cost varies most, e.g. Robyn's work-stealing threads) get more requests.

The per-request cost is the median over the segments: a rare event (a full
garbage collection, a worker heartbeat) that lands in one segment does not move
it. The amortised mean (every segment's instructions over every request,
spikes included) is kept beside it. Every process of the server's group
(workers, threads) is counted.

Timer work (a server waking on a clock) is counted per wall-clock second, not
per request, so it is measured on its own: right after counting starts, the
idle server is counted for ``idle_seconds``. Each segment's wall time is
stored too, so the share of a segment that was timer work can be estimated.
"""

from __future__ import annotations

import dataclasses
import math
import re
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from apiguide import launcher
from apiguide.bench import SERVER_ENV, procstat
from apiguide.bench.client import KeepAliveClient
from apiguide.bench.scenarios import Scenario
from apiguide.registry import Framework

VALGRIND = "valgrind"
START_TIMEOUT = 240.0  # start-up runs under valgrind even with instrumentation off
_TOTAL = re.compile(r"^(?:totals|summary):\s+(\d+)", re.M)


@dataclass(frozen=True)
class CostPlan:
    warmup: int = 100  # uninstrumented requests of every scenario before any counting
    scenario_warmup: int = 20  # counted, then discarded; also sizes the segments
    segments: int = 5
    segment_requests: int = 50  # the minimum per segment
    segment_instructions: int = 40_000_000
    max_segment_requests: int = 1000
    idle_seconds: float = 2.0  # counted with no request in flight: the server's timer work

    def segment_size(self, warmup_instructions: int) -> int:
        """Requests per segment, from what the scenario warm-up cost."""
        per_request = max(warmup_instructions / max(self.scenario_warmup, 1), 1.0)
        wanted = math.ceil(self.segment_instructions / per_request)
        return min(max(wanted, self.segment_requests), self.max_segment_requests)

    def as_dict(self) -> dict[str, float]:
        return dataclasses.asdict(self)


def version() -> str:
    result = subprocess.run([VALGRIND, "--version"], capture_output=True, text=True, check=False)
    return result.stdout.strip()


def wrap(out_dir: Path) -> list[str]:
    return [
        VALGRIND,
        "--tool=callgrind",
        "--trace-children=yes",  # forked and exec'd workers are counted too
        "--instr-atstart=no",
        "--separate-threads=no",  # one total per process, threads included
        "--dump-instr=no",
        "--fair-sched=yes",  # hands the CPU between threads promptly (gthread workers)
        "--collect-systime=no",
        f"--callgrind-out-file={out_dir}/cg.%p",
    ]


def total_instructions(path: Path) -> int:
    """The instruction total of one callgrind output file."""
    match = _TOTAL.search(path.read_text(errors="replace"))
    if not match:
        raise ValueError(f"{path}: no totals/summary line")
    return int(match[1])


def _control(pgid: int, *args: str) -> list[int]:
    pids = procstat.group_pids(pgid)
    subprocess.run(
        ["callgrind_control", *args, *map(str, pids)],
        capture_output=True,
        check=True,
        timeout=120,
    )
    return pids


def dump(pgid: int, out_dir: Path, settle: float = 60.0) -> int:
    """Dump every process of the group; return the instructions since the previous dump."""
    # Dumps are cg.PID.PART; cg.PID itself is written only when the process exits.
    before = set(out_dir.glob("cg.*.*"))
    pids = _control(pgid, "--dump")
    deadline = time.monotonic() + settle
    while True:
        new = set(out_dir.glob("cg.*.*")) - before
        try:
            # A file is complete once its totals line (written last) is there.
            if len(new) >= len(pids):
                return sum(total_instructions(path) for path in new)
        except ValueError:
            pass
        if time.monotonic() > deadline:
            return sum(total_instructions(path) for path in new)  # raises: names the file
        time.sleep(0.05)


def idle_rate(pgid: int, out_dir: Path, seconds: float) -> float | None:
    """Instructions per second the server's processes execute with no request in flight."""
    if seconds <= 0:
        return None
    dump(pgid, out_dir)
    started = time.monotonic()
    time.sleep(seconds)
    total = dump(pgid, out_dir)
    return total / (time.monotonic() - started)


@dataclass
class SegmentCounts:
    requests: int  # per segment
    instructions: list[int]  # one total per segment
    seconds: list[float] = dataclasses.field(default_factory=list)  # wall time per segment
    idle_per_s: float | None = None  # instructions per second of the idle server

    @property
    def per_segment_request(self) -> list[float]:
        return [total / self.requests for total in self.instructions]

    @property
    def per_request(self) -> float:
        return statistics.median(self.per_segment_request)

    @property
    def amortised_mean(self) -> float:
        return sum(self.instructions) / (len(self.instructions) * self.requests)

    def as_dict(self) -> dict:
        return {
            "requests": self.requests,
            "segments": self.instructions,
            "per_request": self.per_request,
            "segment_seconds": self.seconds,
            "idle_instructions_per_s": self.idle_per_s,
        }


def _send(client: KeepAliveClient, scenario: Scenario, count: int) -> None:
    client.send_many([scenario.request(n) for n in range(count)])


def measure(
    framework: Framework,
    scenarios: list[Scenario],
    plan: CostPlan,
    out_dir: Path,
    *,
    before_load: Callable[[Scenario, str, int], None],
    on_result: Callable[[Scenario, SegmentCounts | Exception], None],
) -> None:
    """One repetition: a fresh server under callgrind measures every scenario in turn.

    ``before_load`` verifies the scenario (raising to mark it invalid);
    ``on_result`` receives the counts or the exception of each scenario.
    Start-up failure propagates to the caller.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    server = launcher.start_framework(
        framework, wrap=wrap(out_dir), env=SERVER_ENV, timeout=START_TIMEOUT
    )
    try:
        valid = []
        for scenario in scenarios:
            try:
                before_load(scenario, server.host, server.port)
                with KeepAliveClient(server.host, server.port, timeout=120) as client:
                    _send(client, scenario, plan.warmup)
                valid.append(scenario)
            except Exception as error:  # recorded per cell; the run goes on
                on_result(scenario, error)
        _control(server.pid, "--instr=on")
        idle_per_s = idle_rate(server.pid, out_dir, plan.idle_seconds)
        for scenario in valid:
            if not server.alive():
                on_result(scenario, RuntimeError(f"server died:\n{server.output_tail()}"))
                continue
            try:
                with KeepAliveClient(server.host, server.port, timeout=120) as client:
                    dump(server.pid, out_dir)
                    _send(client, scenario, plan.scenario_warmup)
                    size = plan.segment_size(dump(server.pid, out_dir))
                    counts = SegmentCounts(size, [], [], idle_per_s)
                    for _ in range(plan.segments):
                        started = time.monotonic()
                        _send(client, scenario, size)
                        counts.seconds.append(time.monotonic() - started)
                        counts.instructions.append(dump(server.pid, out_dir))
                on_result(scenario, counts)
            except Exception as error:  # recorded per cell; the run goes on
                on_result(scenario, error)
    finally:
        server.stop(timeout=60)
