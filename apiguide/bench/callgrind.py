"""Instructions per request: a server under valgrind's callgrind, counted between dumps.

The server starts with instrumentation off (start-up under full callgrind takes
minutes), instrumentation is switched on, and for each scenario the engine sends
a warm-up, dumps, sends ``low`` requests, dumps, sends ``high`` requests, dumps.
The per-request cost is (instructions(high) - instructions(low)) / (high - low):
whatever each segment pays once (the dump itself, a timer tick) cancels out.
Every process of the server's group (workers, threads) is counted.
"""

from __future__ import annotations

import re
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
    warmup: int = 40
    low: int = 50
    high: int = 250

    def as_dict(self) -> dict[str, int]:
        return {"warmup": self.warmup, "low": self.low, "high": self.high}


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


@dataclass
class SegmentCounts:
    low: int
    high: int

    def per_request(self, plan: CostPlan) -> float:
        return (self.high - self.low) / (plan.high - plan.low)


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
        _control(server.pid, "--instr=on")
        for scenario in scenarios:
            if not server.alive():
                on_result(scenario, RuntimeError(f"server died:\n{server.output_tail()}"))
                continue
            try:
                before_load(scenario, server.host, server.port)
                with KeepAliveClient(server.host, server.port, timeout=120) as client:
                    client.send_many([scenario.request(n) for n in range(plan.warmup)])
                    dump(server.pid, out_dir)
                    client.send_many([scenario.request(n) for n in range(plan.low)])
                    low = dump(server.pid, out_dir)
                    client.send_many([scenario.request(n) for n in range(plan.high)])
                    high = dump(server.pid, out_dir)
                on_result(scenario, SegmentCounts(low, high))
            except Exception as error:  # recorded per cell; the run goes on
                on_result(scenario, error)
    finally:
        server.stop(timeout=60)
