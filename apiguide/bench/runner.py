"""Orchestrate a benchmark run: cost (callgrind) and load (wrk) cells, saved after each one.

Every cell ends as ok, failed (server would not start, died, wrk failed) or
invalid (the server's answer broke the contract, so it was never loaded). The
run's JSON file is rewritten after every cell, so a crash, Ctrl-C or SIGTERM
keeps all finished cells (the run is marked interrupted) and ``resume``
continues it; servers are always stopped (try/finally, plus the launcher's
own atexit handler).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import random
import signal
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from apiguide import launcher, registry
from apiguide.bench import (
    SERVER_ENV,
    callgrind,
    fixedrate,
    procstat,
    results,
    scenarios,
    startup,
    stats,
    verify,
    workers,
    wrk,
)
from apiguide.bench.client import KeepAliveClient
from apiguide.bench.progress import Progress
from apiguide.bench.scenarios import Scenario
from apiguide.registry import Framework

GENERATOR_BUSY_LIMIT = 0.90  # above this the load generator, not the server, may be the limit
ERROR_RATE_LIMIT = 0.001  # more failed requests than this and the cell is flagged
P99_WINDOW_LIMIT = 0.5  # a p99 above half the window is pinned to the window: not ranked
DRAIN_LIMIT_S = 15.0  # longest wait for a server to work off a finished window's backlog
MACHINE_BUSY_LIMIT = 0.15  # cores taken by other processes during a window: not ranked
BUSY_RETRIES = 2  # default: a window measured on a busy machine is taken again this often
BUSY_PAUSE_S = 5.0  # between such attempts


class Interrupted(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl-C: the run is saved as interrupted."""


@dataclass
class Config:
    frameworks: list[Framework]
    scenarios: list[Scenario]
    results_path: Path
    measure: str = "both"  # cost | load | rate | both (cost, start-up, load, then rate)
    rounds: int = 4
    duration: int = 2  # seconds per measured wrk window (wrk takes whole seconds)
    io_duration: int = 4  # seconds per window of io-bound scenarios (long p99 at 512)
    windows: int = 1  # measured windows per cell per round
    warmup: int = 1  # seconds of unmeasured load before each concurrency level
    busy_retries: int = BUSY_RETRIES  # takes of a window while other processes use the CPU
    connections: int = 64
    io_connections: tuple[int, ...] = (64, 512)
    cost_plan: callgrind.CostPlan = field(default_factory=callgrind.CostPlan)
    cost_repetitions: int = 2
    cost_jobs: int = 1  # cost repetitions measured side by side (counts do not depend on speed)
    startup_repetitions: int = 3  # 0: no start-up measure
    startup_instructions: bool = False  # count start-up under callgrind (about a minute each)
    rate_rounds: int = 2  # fixed-rate (h2load) rounds, each a fresh server; 0: skip
    rate_duration: int = 2  # seconds measured per offered rate
    rate_warmup: int = 1  # seconds at that rate before measuring
    rate_fractions: tuple[float, ...] = fixedrate.FRACTIONS  # of the measured capacity
    workers: int = 1  # server worker processes
    seed: int = 0  # the random round order is reproducible from it
    shard: str | None = None
    pin: bool = field(default_factory=lambda: (os.cpu_count() or 1) >= 2)
    quick: bool = False

    def concurrencies(self, scenario: Scenario) -> tuple[int, ...]:
        return self.io_connections if scenario.io_bound else (self.connections,)

    def window_seconds(self, scenario: Scenario) -> int:
        return self.io_duration if scenario.io_bound else self.duration

    def as_dict(self) -> dict:
        return {
            "measure": self.measure,
            "frameworks": [fw.slug for fw in self.frameworks],
            "scenarios": [s.name for s in self.scenarios],
            "rounds": self.rounds,
            "duration_s": self.duration,
            "io_duration_s": self.io_duration,
            "windows": self.windows,
            "warmup_s": self.warmup,
            "busy_retries": self.busy_retries,
            "connections": self.connections,
            "io_connections": list(self.io_connections),
            "cost_plan": self.cost_plan.as_dict(),
            "cost_repetitions": self.cost_repetitions,
            "cost_jobs": self.cost_jobs,
            "startup_repetitions": self.startup_repetitions,
            "startup_instructions": self.startup_instructions,
            "rate_rounds": self.rate_rounds,
            "rate_duration_s": self.rate_duration,
            "rate_warmup_s": self.rate_warmup,
            "rate_fractions": list(self.rate_fractions),
            "rate_min_period_s": fixedrate.MIN_PERIOD_S,
            "rate_period_idle_factor": fixedrate.PERIOD_IDLE_FACTOR,
            "workers": self.workers,
            "seed": self.seed,
            "shard": self.shard,
            "pinned": self.pin,
            "quick": self.quick,
        }

    @classmethod
    def from_dict(cls, data: dict, results_path: Path) -> Config:
        """The configuration a results file was made with (for ``--resume``)."""
        return cls(
            frameworks=[registry.get(slug) for slug in data["frameworks"]],
            scenarios=[scenarios.SCENARIOS[name] for name in data["scenarios"]],
            results_path=results_path,
            measure=data["measure"],
            rounds=data["rounds"],
            duration=data["duration_s"],
            io_duration=data.get("io_duration_s", data["duration_s"]),
            windows=data["windows"],
            warmup=data["warmup_s"],
            busy_retries=data.get("busy_retries", 0),
            connections=data["connections"],
            io_connections=tuple(data["io_connections"]),
            cost_plan=callgrind.CostPlan(**data["cost_plan"]),
            cost_repetitions=data["cost_repetitions"],
            cost_jobs=data.get("cost_jobs", 1),
            startup_repetitions=data.get("startup_repetitions", 0),
            startup_instructions=data.get("startup_instructions", False),
            rate_rounds=data.get("rate_rounds", 0),
            rate_duration=data.get("rate_duration_s", 2),
            rate_warmup=data.get("rate_warmup_s", 1),
            rate_fractions=tuple(data.get("rate_fractions", fixedrate.FRACTIONS)),
            workers=data.get("workers", 1),
            seed=data["seed"],
            shard=data.get("shard"),
            pin=data.get("pinned", True),
            quick=data.get("quick", False),
        )

    # Rough seconds per step, for the progress ETA only.
    def cost_step_weight(self) -> float:
        plan = self.cost_plan
        requests = plan.warmup + plan.scenario_warmup + plan.segments * 2 * plan.segment_requests
        return 6.0 + len(self.scenarios) * (3.0 + 0.02 * requests)

    def load_step_weight(self, scenario: Scenario) -> float:
        levels = len(self.concurrencies(scenario))
        window = self.window_seconds(scenario)
        return 1.5 + levels * (self.warmup + 0.5 + self.windows * (window + 0.6))

    def rate_scenarios(self) -> list[Scenario]:
        return [s for s in self.scenarios if s.name in fixedrate.SCENARIOS]

    def rate_step_weight(self) -> float:
        steps = len(self.rate_fractions) * (self.rate_duration + self.rate_warmup + 0.7)
        return 1.5 + steps

    def startup_step_weight(self) -> float:
        return self.startup_repetitions * 4.0 + 75.0 * self.startup_instructions

    def server_cores(self) -> str:
        """Cores the server is pinned to: one per worker, never the last (wrk's)."""
        cores = os.cpu_count() or 1
        last = min(self.workers, cores - 1) - 1
        return "0" if last <= 0 else f"0-{last}"

    def wrk_core(self) -> str:
        return str((os.cpu_count() or 1) - 1)


def cost_summary(cell: dict) -> dict:
    """Median per request (the ranking) and the amortised mean (every segment's spikes)."""
    reps = cell["repetitions"]
    values = [rep["per_request"] for rep in reps]
    spread = stats.relative_spread(values)
    means = [sum(rep["segments"]) / (len(rep["segments"]) * rep["requests"]) for rep in reps]
    return {
        "instructions_per_request": sum(values) / len(values),
        "amortised_mean_per_request": sum(means) / len(means),
        "spread": spread,
        "flagged": len(values) < 2 or spread > stats.COST_TOLERANCE,
        "idle_instructions_per_s": _mean_or_none(
            [rep["idle_instructions_per_s"] for rep in reps if "idle_instructions_per_s" in rep]
        ),
        "timer_share": _mean_or_none([_timer_share(rep) for rep in reps]),
    }


def _timer_share(rep: dict) -> float | None:
    """Timer work's share of a segment: idle instructions/s times wall seconds of the segment."""
    idle, seconds = rep.get("idle_instructions_per_s"), rep.get("segment_seconds")
    if idle is None or not seconds:
        return None
    shares = [
        idle * wall / total for wall, total in zip(seconds, rep["segments"], strict=True) if total
    ]
    return sorted(shares)[len(shares) // 2] if shares else None


def _mean_or_none(values: list) -> float | None:
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def load_summary(cell: dict, window_s: float | None = None) -> dict:
    """Aggregates of one load cell; the interval comes from the spread between rounds."""
    rounds = [rnd["windows"] for rnd in cell["rounds"] if rnd["windows"]]
    windows = [w for rnd in rounds for w in rnd]
    requests = sum(w["requests"] for w in windows)
    errors = {
        kind: sum(w["socket_errors"].get(kind, 0) for w in windows) for kind in wrk.SOCKET_ERRORS
    }
    non_2xx = sum(w["non_2xx_3xx"] for w in windows)
    failed = sum(errors.values()) + non_2xx
    busy = max(w["cpu_busy"] for w in windows)
    rss = [rnd["peak_rss_kib"] for rnd in cell["rounds"] if rnd.get("peak_rss_kib")]
    # A window in which nothing completed has no latency (wrk's empty histogram says 0).
    empty = sum(1 for w in windows if not w["requests"])
    filled = [[w for w in rnd if w["requests"] and w.get("latency_ms")] for rnd in rounds]
    filled = [rnd for rnd in filled if rnd]
    latency = {
        p: stats.median_of_rounds([[w["latency_ms"][p] for w in rnd] for rnd in filled])
        for p in ("50", "90", "99")
        if filled and all(p in w["latency_ms"] for rnd in filled for w in rnd)
    }
    window_s = window_s or max(w["duration_s"] for w in windows)
    foreign = [f for f in map(foreign_cores, windows) if f is not None]
    foreign_max = max(foreign) if foreign else None
    busy_machine = foreign_max is not None and foreign_max > MACHINE_BUSY_LIMIT
    p99 = latency.get("99")
    pinned = p99 is None or p99 > P99_WINDOW_LIMIT * window_s * 1e3
    error_rate = failed / requests if requests else 1.0
    return {
        "requests_per_s": stats.rounds_interval(
            [[w["requests_per_s"] for w in rnd] for rnd in rounds]
        ).as_dict(),
        "interval_method": "mean of round medians; 95% repeat-run interval (t, between rounds)",
        "latency_ms": latency,
        "socket_errors": errors,
        "non_2xx_3xx": non_2xx,
        "error_rate": error_rate,
        "errors_flagged": error_rate > ERROR_RATE_LIMIT,
        "generator_busy_max": busy,
        "generator_saturated": busy > GENERATOR_BUSY_LIMIT,
        "empty_windows": empty,
        "window_s": window_s,
        "p99_over_half_window": pinned,
        "foreign_cores_max": foreign_max,
        "machine_busy": busy_machine,
        "ranked": not pinned and not empty and not busy_machine,
        "peak_rss_mib": max(rss) / 1024 if rss else None,
        "rounds": len(rounds),
        "windows": len(windows),
    }


class Run:
    """The results document of one run, saved after every change (thread-safe)."""

    def __init__(self, config: Config, data: dict | None = None) -> None:
        self.config = config
        self.lock = threading.RLock()
        self.stopping = threading.Event()
        # Servers running before the run are not the run's to stop (a test's, say).
        self.servers_before = set(launcher._RUNNING)
        if data is not None:  # resuming
            self.data = data
            self.data["interrupted"] = False
            self.data.setdefault("resumed_utc", []).append(results.utc_now())
            self.save()
            return
        self.data = {
            "schema": results.SCHEMA,
            "metadata": {
                **results.machine_metadata(),
                "frameworks": results.framework_metadata(config.frameworks, config.workers),
                "wrk": {
                    "version": wrk.version() if config.measure != "cost" else None,
                    "flags": wrk.flags(config.connections, config.duration),
                    "timeout": wrk.TIMEOUT,
                    "pinning": (
                        f"server taskset -c {config.server_cores()}, "
                        f"wrk taskset -c {config.wrk_core()}"
                        if config.pin
                        else "none (fewer than 2 cores)"
                    ),
                },
                "valgrind": callgrind.version() if config.measure != "load" else None,
                "h2load": fixedrate.version() if config.measure in ("rate", "both") else None,
            },
            "config": config.as_dict(),
            "cost": [],
            "load": [],
            "startup": [],
            "rate": [],
            "complete": False,
            "interrupted": False,
        }
        self.save()

    def stop_servers(self) -> None:
        """Stop every server this run started that is still running."""
        for pid, server in list(launcher._RUNNING.items()):
            if pid not in self.servers_before:
                server.stop()

    def save(self) -> None:
        with self.lock:
            results.write_atomic(self.config.results_path, self.data)

    def cell(self, kind: str, **key: object) -> dict:
        with self.lock:
            for cell in self.data[kind]:
                if all(cell[k] == v for k, v in key.items()):
                    return cell
            cell = {**key, "status": "pending", "error": None}
            cell.update(
                {
                    "cost": {"repetitions": []},
                    "load": {"rounds": []},
                    "startup": {"samples": []},
                    "rate": {"rounds": []},
                }[kind]
            )
            self.data[kind].append(cell)
            return cell

    def fail(self, cell: dict, status: str, error: BaseException | str) -> None:
        if self.stopping.is_set():
            return  # the run is being interrupted: the cell stays pending for --resume
        with self.lock:
            cell["status"] = status
            cell["error"] = str(error)[-4000:]
            self.save()


def _scenario_error_status(error: BaseException) -> str:
    return "invalid" if isinstance(error, verify.VerificationError) else "failed"


def _start(config: Config, fw: Framework, **kwargs) -> launcher.RunningServer:
    return launcher.start_framework(workers.with_workers(fw, config.workers), **kwargs)


def run_cost(run: Run, progress: Progress) -> None:
    config = run.config
    tasks = []
    for fw in config.frameworks:
        cells = {
            s.name: run.cell("cost", framework=fw.slug, scenario=s.name) for s in config.scenarios
        }
        for rep in range(config.cost_repetitions):
            tasks.append((fw, rep, cells))

    def work(fw: Framework, rep: int, cells: dict) -> None:
        if run.stopping.is_set():
            return
        # Resuming: a scenario with rep+1 repetitions already has this one.
        todo = [
            s
            for s in config.scenarios
            if cells[s.name]["status"] == "pending" and len(cells[s.name]["repetitions"]) <= rep
        ]
        progress.show(f"cost {fw.slug} repetition {rep + 1}/{config.cost_repetitions}")
        if todo:
            _cost_repetition(run, fw, todo, cells)
        progress.advance(config.cost_step_weight() / max(config.cost_jobs, 1))

    if config.cost_jobs <= 1:
        for task in tasks:
            work(*task)
    else:
        with ThreadPoolExecutor(config.cost_jobs) as pool:
            futures = [pool.submit(work, *task) for task in tasks]
            try:
                for future in futures:
                    future.result()
            except BaseException:
                run.stopping.set()
                run.stop_servers()  # the other job's server: its thread then ends
                pool.shutdown(wait=True, cancel_futures=True)
                raise
    with run.lock:
        for cell in run.data["cost"]:
            if cell["status"] == "pending" and len(cell["repetitions"]) >= config.cost_repetitions:
                cell["status"] = "ok"
            if cell["status"] == "ok":
                cell["summary"] = cost_summary(cell)
        run.save()


def _cost_repetition(run: Run, fw: Framework, todo: list[Scenario], cells: dict) -> None:
    config = run.config
    plan = config.cost_plan

    def record(scenario: Scenario, outcome: callgrind.SegmentCounts | Exception) -> None:
        cell = cells[scenario.name]
        if isinstance(outcome, Exception):
            run.fail(cell, _scenario_error_status(outcome), outcome)
            return
        with run.lock:
            cell["repetitions"].append(outcome.as_dict())
            cell["plan"] = plan.as_dict()
            run.save()

    with tempfile.TemporaryDirectory(prefix=f"bench-cg-{fw.slug}-") as out_dir:
        try:
            callgrind.measure(
                workers.with_workers(fw, config.workers),
                todo,
                plan,
                Path(out_dir),
                before_load=verify.verify,
                on_result=record,
            )
        except launcher.ServerStartError as error:
            for scenario in todo:
                run.fail(cells[scenario.name], "failed", error)


def run_startup(run: Run, progress: Progress) -> None:
    """Start-up cost: wall time and instructions to the first answer, and app import time."""
    config = run.config
    for fw in config.frameworks:
        cell = run.cell("startup", framework=fw.slug)
        if cell["status"] != "pending":
            continue
        progress.show(f"start-up {fw.slug}")
        try:
            while len(cell["samples"]) < config.startup_repetitions:
                sample = startup.measure(
                    workers.with_workers(fw, config.workers),
                    instructions=config.startup_instructions and not cell["samples"],
                )
                with run.lock:
                    cell["samples"].append(sample)
                    run.save()
        except Exception as error:  # recorded per cell; the run goes on
            run.fail(cell, "failed", error)
        else:
            cell["status"] = "ok"
            cell["summary"] = startup.summary(cell["samples"])
            run.save()
        progress.advance(config.startup_step_weight())


def round_plan(config: Config) -> Iterator[tuple[int, Framework, Scenario]]:
    """The seeded, shuffled order of a run's load steps (the same on --resume)."""
    rng = random.Random(config.seed)
    for round_number in range(1, config.rounds + 1):
        for fw in rng.sample(config.frameworks, len(config.frameworks)):
            for scenario in rng.sample(config.scenarios, len(config.scenarios)):
                yield round_number, fw, scenario


def run_load(run: Run, progress: Progress) -> None:
    config = run.config
    for round_number, fw, scenario in round_plan(config):
        progress.show(f"load round {round_number}/{config.rounds}: {fw.slug} {scenario.name}")
        cells = {
            c: run.cell("load", framework=fw.slug, scenario=scenario.name, concurrency=c)
            for c in config.concurrencies(scenario)
        }
        # Only pending cells that lack this round (a resumed run skips what it has).
        todo = {
            c: cell
            for c, cell in cells.items()
            if cell["status"] == "pending"
            and round_number not in {r["round"] for r in cell["rounds"]}
        }
        if todo:
            started = _load_cells(run, fw, scenario, todo, round_number)
            if not started:
                _fail_framework(run, fw)
        progress.advance(config.load_step_weight(scenario))
    for cell in run.data["load"]:
        if cell["status"] == "pending":
            cell["status"] = "ok"
        if cell["status"] == "ok":
            scenario = scenarios.SCENARIOS[cell["scenario"]]
            cell["summary"] = load_summary(cell, config.window_seconds(scenario))
    run.save()


def _fail_framework(run: Run, fw: Framework) -> None:
    """A server that cannot start will not start for the next scenario either."""
    error = next(c["error"] for c in run.data["load"] if c["framework"] == fw.slug and c["error"])
    for scenario in run.config.scenarios:
        for c in run.config.concurrencies(scenario):
            cell = run.cell("load", framework=fw.slug, scenario=scenario.name, concurrency=c)
            if cell["status"] == "pending":
                run.fail(cell, "failed", error)


def drain(server: launcher.RunningServer, scenario: Scenario, idle_ms: float) -> float:
    """Wait until the server has worked off the backlog a finished window left behind.

    When wrk stops, the requests it had in flight are still queued in the
    server (at 512 connections on eight threads, over half a second of work),
    so a window started right away would begin by serving them. One request
    of the scenario is sent until it is answered about as fast as on an idle
    server. Returns the seconds waited.
    """
    started = time.monotonic()
    request = scenario.requests[-1]
    while time.monotonic() - started < DRAIN_LIMIT_S:
        # A fresh connection each time: a server may close an idle keep-alive one.
        with KeepAliveClient(server.host, server.port, timeout=DRAIN_LIMIT_S) as client:
            sent = time.monotonic()
            client.send(request)
            if (time.monotonic() - sent) * 1e3 <= max(3 * idle_ms, idle_ms + 5):
                break
        time.sleep(0.05)
    return time.monotonic() - started


def _idle_latency_ms(server: launcher.RunningServer, scenario: Scenario) -> float:
    """The fastest of a few sequential requests on the idle server."""
    best = float("inf")
    with KeepAliveClient(server.host, server.port, timeout=30) as client:
        for _ in range(5):
            sent = time.monotonic()
            client.send(scenario.requests[-1])
            best = min(best, (time.monotonic() - sent) * 1e3)
    return best


def _load_cells(
    run: Run, fw: Framework, scenario: Scenario, cells: dict[int, dict], round_number: int
) -> bool:
    """One round of one scenario on a fresh server; False if the server did not start."""
    config = run.config
    server_pin = ["taskset", "-c", config.server_cores()] if config.pin else []
    wrk_pin = ["taskset", "-c", config.wrk_core()] if config.pin else []
    try:
        server = _start(config, fw, wrap=server_pin, env=SERVER_ENV)
    except launcher.ServerStartError as error:
        for cell in cells.values():
            run.fail(cell, "failed", error)
        return False
    try:
        try:
            verify.verify(scenario, server.host, server.port)
            idle_ms = _idle_latency_ms(server, scenario)
        except Exception as error:
            for cell in cells.values():
                run.fail(cell, _scenario_error_status(error), error)
            return True
        for concurrency, cell in cells.items():
            try:
                _ensure_alive(server)
                if config.warmup > 0:  # --quick may skip it
                    wrk.run(
                        server.url,
                        scenario,
                        connections=concurrency,
                        duration=config.warmup,
                        prefix=wrk_pin,
                    )
                windows = []
                for _ in range(config.windows):
                    windows.append(
                        _quiet_window(config, server, scenario, concurrency, idle_ms, wrk_pin)
                    )
                    _ensure_alive(server)
            except Exception as error:
                if not server.alive():  # say why, not just "connection refused"
                    error = RuntimeError(
                        f"server exited with code {server.process.returncode} under load "
                        f"({error}):\n{server.output_tail()}"
                    )
                run.fail(cell, "failed", error)
                continue
            with run.lock:
                cell["rounds"].append(
                    {
                        "round": round_number,
                        "windows": windows,
                        "idle_latency_ms": idle_ms,
                        "peak_rss_kib": procstat.group_peak_rss_kib(server.pid),
                    }
                )
                run.save()
        return True
    finally:
        server.stop()


def foreign_cores(window: dict) -> float | None:
    """Cores other processes (or the hypervisor) took during a window; None if not measured."""
    if window.get("foreign_cpu_s") is None or not window["duration_s"]:
        return None
    return (window["foreign_cpu_s"] + window.get("steal_s", 0.0)) / window["duration_s"]


def _quiet_window(
    config: Config,
    server: launcher.RunningServer,
    scenario: Scenario,
    concurrency: int,
    idle_ms: float,
    wrk_pin: list[str],
) -> dict:
    """One measured window, taken again (up to ``config.busy_retries`` times) while another process
    takes more than MACHINE_BUSY_LIMIT of a core: the server and wrk have the two cores
    to themselves only if nothing else runs."""
    retries = 0
    while True:
        drained = drain(server, scenario, idle_ms)
        with procstat.foreign_during(server.pid) as foreign:
            result = wrk.run(
                server.url,
                scenario,
                connections=concurrency,
                duration=config.window_seconds(scenario),
                prefix=wrk_pin,
            )
        window = result.as_dict() | foreign | {"drain_s": drained, "busy_retries": retries}
        busy = (foreign_cores(window) or 0.0) > MACHINE_BUSY_LIMIT
        if not busy or retries >= config.busy_retries:
            return window
        retries += 1
        time.sleep(BUSY_PAUSE_S)


def capacity(run: dict, framework: str, scenario: str, concurrency: int) -> float | None:
    """The median requests/s wrk measured for a cell (the base of the offered rates)."""
    for cell in run.get("load", []):
        if (cell["framework"], cell["scenario"], cell["concurrency"]) == (
            framework,
            scenario,
            concurrency,
        ) and cell.get("summary"):
            return cell["summary"]["requests_per_s"]["median"]
    return None


def site_capacities(config: Config) -> dict[tuple[str, str], float]:
    """Capacities from the site's newest full run (for a rate-only run)."""
    site = results.latest(results.DEFAULT_DIR) if config.measure == "rate" else None
    if site is None:
        return {}
    return {
        (c["framework"], c["scenario"]): c["summary"]["requests_per_s"]["median"]
        for c in site["load"]
        if c.get("summary") and c["concurrency"] == config.connections
    }


def run_rate(run: Run, progress: Progress, capacities: dict | None = None) -> None:
    """Latency at fixed fractions of each framework's measured capacity (h2load, open loop).

    Capacities come from this run's load cells, or from ``capacities`` (the newest
    full run) when this run has none.
    """
    config = run.config
    rng = random.Random(config.seed + 1)
    for round_number in range(1, config.rate_rounds + 1):
        for fw in rng.sample(config.frameworks, len(config.frameworks)):
            for scenario in config.rate_scenarios():
                progress.show(f"fixed rate round {round_number}/{config.rate_rounds}: {fw.slug}")
                cell = run.cell("rate", framework=fw.slug, scenario=scenario.name)
                done = {r["round"] for r in cell["rounds"]}
                if cell["status"] == "pending" and round_number not in done:
                    base = capacity(run.data, fw.slug, scenario.name, config.connections)
                    if base is None and capacities:
                        base = capacities.get((fw.slug, scenario.name))
                    if not base:
                        run.fail(cell, "failed", "no capacity measured by wrk to take fractions of")
                    else:
                        _rate_round(run, fw, scenario, cell, round_number, base)
                progress.advance(config.rate_step_weight())
    for cell in run.data["rate"]:
        if cell["status"] == "pending":
            cell["status"] = "ok"
        if cell["status"] == "ok":
            cell["summary"] = fixedrate.summary([r["steps"] for r in cell["rounds"]])
    run.save()


def _rate_round(
    run: Run, fw: Framework, scenario: Scenario, cell: dict, round_number: int, base: float
) -> None:
    config = run.config
    server_pin = ["taskset", "-c", config.server_cores()] if config.pin else []
    tool_pin = ["taskset", "-c", config.wrk_core()] if config.pin else []
    try:
        server = _start(config, fw, wrap=server_pin, env=SERVER_ENV)
    except launcher.ServerStartError as error:
        run.fail(cell, "failed", error)
        return
    try:
        verify.verify(scenario, server.host, server.port)
        idle_ms = _idle_latency_ms(server, scenario)
        steps = []
        for fraction in config.rate_fractions:
            drain(server, scenario, idle_ms)
            with procstat.foreign_during(server.pid) as foreign:
                step = fixedrate.run(
                    server.url + scenario.requests[0].path,
                    rate=base * fraction,
                    fraction=fraction,
                    duration=config.rate_duration,
                    warmup=config.rate_warmup,
                    prefix=tool_pin,
                    idle_ms=idle_ms,
                )
            steps.append(step.as_dict() | foreign)
            _ensure_alive(server)
        with run.lock:
            cell["rounds"].append({"round": round_number, "capacity_rps": base, "steps": steps})
            run.save()
    except Exception as error:  # recorded per cell; the run goes on
        run.fail(cell, _scenario_error_status(error), error)
    finally:
        server.stop()


def _ensure_alive(server: launcher.RunningServer) -> None:
    if not server.alive():
        raise RuntimeError(
            f"server exited with code {server.process.returncode} under load:\n"
            + server.output_tail()
        )


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """Turn SIGTERM into Interrupted (a KeyboardInterrupt) while a run is measuring."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, _frame) -> None:
        raise Interrupted(f"signal {signum}")

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _total_weight(config: Config) -> float:
    load_steps = sum(config.load_step_weight(s) for s in config.scenarios)
    per_framework = (
        (config.cost_repetitions * config.cost_step_weight() / max(config.cost_jobs, 1))
        * (config.measure in ("cost", "both"))
        + config.rounds * load_steps * (config.measure in ("load", "both"))
        + config.startup_step_weight() * (config.measure == "both")
        + config.rate_rounds
        * len(config.rate_scenarios())
        * config.rate_step_weight()
        * (config.measure in ("rate", "both"))
    )
    return per_framework * len(config.frameworks)


def execute(config: Config, resume: dict | None = None) -> dict:
    """Run the configured measures; always leaves the results file consistent on disk.

    ``resume``: the document of an interrupted run made with this configuration;
    what it already holds is kept and not measured again.
    """
    progress = Progress(_total_weight(config))
    run = Run(config, resume)
    try:
        with sigterm_as_interrupt():
            if config.measure in ("cost", "both"):
                run_cost(run, progress)
            if config.measure == "both" and config.startup_repetitions:
                run_startup(run, progress)
            if config.measure in ("load", "both"):
                run_load(run, progress)
            if config.measure in ("rate", "both") and config.rate_rounds:
                run_rate(run, progress, site_capacities(config))
        run.data["complete"] = True
    except KeyboardInterrupt:
        run.stopping.set()
        run.data["interrupted"] = True
        raise
    finally:
        run.stop_servers()  # nothing this run started outlives it
        run.data["finished_utc"] = results.utc_now()
        run.save()
        progress.close()
    return run.data


def config_with(config: Config, **changes: Any) -> Config:
    return dataclasses.replace(config, **changes)
