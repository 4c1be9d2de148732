"""Latency at a fixed offered load: h2load sends requests at a set rate, whatever the answers do.

wrk is a closed loop: a slow answer delays the next request, so overload hides
in fewer requests instead of longer waits. h2load's ``--rps`` sends each
connection's requests on a timer, so the offered load stays fixed. Two limits
shape the number of connections sharing the rate. HTTP/1.1 has one request in
flight per connection, and h2load queues a request whose connection is still
busy, so each connection's period (connections ÷ rate) must be well above the
server's idle latency. And h2load's connections start together, so their
timers fire together: every period the server receives one request per
connection at once, which queues for up to the offered fraction of a period.
So the period is ``PERIOD_IDLE_FACTOR`` times the idle latency, but at least
``MIN_PERIOD_S``, and a step whose achieved rate falls short of the offered one
is flagged.

Per-request times come from h2load's ``--log-file`` (microseconds; only the
measured period, after ``--warm-up-time``), so percentiles are computed here
from every request, not read from a rounded summary.
"""

from __future__ import annotations

import math
import statistics
import subprocess
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

H2LOAD = "h2load"
MIN_PERIOD_S = 0.002  # each connection sends at most one request per 2 ms
PERIOD_IDLE_FACTOR = 3.0  # ... and leaves three idle latencies between its requests
MAX_CLIENTS = 512
FRACTIONS = (0.25, 0.5, 0.75, 0.9)  # of the capacity wrk measured at 64 connections
SCENARIOS = ("json", "io")  # single-GET scenarios (h2load sends one URI per run here)
SHORTFALL_LIMIT = 0.95  # achieved below 95% of offered: the step did not hold its rate


class H2loadError(RuntimeError):
    """h2load failed or logged nothing."""


def clients_for(rate: float, idle_ms: float) -> int:
    """Connections sharing ``rate``: one request per period each (see the module text)."""
    period = max(MIN_PERIOD_S, PERIOD_IDLE_FACTOR * idle_ms / 1e3)
    return max(1, min(MAX_CLIENTS, math.ceil(rate * period)))


@dataclass
class RateStep:
    fraction: float
    offered_rps: float
    achieved_rps: float
    requests: int
    failed: int  # status -1 (stream failed) or >= 400
    latency_ms: dict[str, float] | None  # "50", "90", "99", "99.9"; None when nothing completed
    duration_s: float
    clients: int = 0

    @property
    def held(self) -> bool:
        return self.achieved_rps >= SHORTFALL_LIMIT * self.offered_rps

    def as_dict(self) -> dict:
        return asdict(self) | {"held": self.held}


def version() -> str | None:
    try:
        result = subprocess.run([H2LOAD, "--version"], capture_output=True, text=True, check=False)
    except OSError:
        return None
    return result.stdout.strip() or None


def parse_log(text: str) -> tuple[int, int, dict[str, float] | None]:
    """(requests, failed, latency percentiles in ms) from h2load's --log-file."""
    times, failed = [], 0
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) < 3:
            continue
        status, micros = int(fields[1]), int(fields[2])
        if status == -1 or status >= 400:
            failed += 1
        else:
            times.append(micros / 1e3)
    if not times:
        return failed, failed, None
    values = np.percentile(np.asarray(times), [50, 90, 99, 99.9])
    latency = dict(zip(("50", "90", "99", "99.9"), map(float, values), strict=True))
    return len(times) + failed, failed, latency


def flags(rate: float, duration: int, warmup: int, clients: int) -> list[str]:
    per_client = max(rate / clients, 0.1)
    return [
        "--h1",
        f"--clients={clients}",
        f"--rps={per_client:.3f}",
        f"--duration={duration}",
        f"--warm-up-time={warmup}",
    ]


def run(
    url: str,
    *,
    rate: float,
    fraction: float,
    duration: int,
    warmup: int,
    prefix: list[str] | tuple[str, ...] = (),
    idle_ms: float = 1.0,
) -> RateStep:
    """One step at ``rate`` requests/s offered in total."""
    clients = clients_for(rate, idle_ms)
    with tempfile.TemporaryDirectory(prefix="bench-h2load-") as tmp:
        log = Path(tmp, "requests.tsv")
        args = [*prefix, H2LOAD, *flags(rate, duration, warmup, clients), f"--log-file={log}", url]
        completed = subprocess.run(
            args, capture_output=True, text=True, timeout=duration + warmup + 60, check=False
        )
        if completed.returncode != 0 or not log.exists():
            raise H2loadError(
                f"h2load exited with {completed.returncode}:\n"
                f"{(completed.stdout + completed.stderr)[-2000:]}"
            )
        requests, failed, latency = parse_log(log.read_text())
    return RateStep(
        fraction=fraction,
        offered_rps=rate,
        achieved_rps=(requests - failed) / duration,
        requests=requests,
        failed=failed,
        latency_ms=latency,
        duration_s=float(duration),
        clients=clients,
    )


def summary(rounds: list[list[dict]]) -> list[dict]:
    """Per fraction: median p50/p99 over rounds with the range, achieved rate, held or not."""
    by_fraction: dict[float, list[dict]] = {}
    for steps in rounds:
        for step in steps:
            by_fraction.setdefault(step["fraction"], []).append(step)
    rows = []
    for fraction, steps in sorted(by_fraction.items()):
        measured = [s for s in steps if s["latency_ms"]]
        row = {
            "fraction": fraction,
            "offered_rps": statistics.median(s["offered_rps"] for s in steps),
            "achieved_rps": statistics.median(s["achieved_rps"] for s in steps),
            "held": all(s["held"] for s in steps),
            "failed": sum(s["failed"] for s in steps),
            "rounds": len(steps),
        }
        for p in ("50", "99"):
            values = [s["latency_ms"][p] for s in measured]
            row[f"p{p}_ms"] = statistics.median(values) if values else None
            row[f"p{p}_range_ms"] = [min(values), max(values)] if values else None
        rows.append(row)
    return rows
