"""Orchestrate a benchmark run: cost (callgrind) and load (wrk) cells, saved after each one.

Every cell ends as ok, failed (server would not start, died, wrk failed) or
invalid (the server's answer broke the contract, so it was never loaded). The
run's JSON file is rewritten after every cell, so a crash or Ctrl-C keeps all
finished cells; servers are always stopped (try/finally, plus the launcher's
own atexit/SIGTERM handlers).
"""

from __future__ import annotations

import os
import random
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from apiguide import launcher
from apiguide.bench import SERVER_ENV, callgrind, procstat, results, stats, verify, wrk
from apiguide.bench.progress import Progress
from apiguide.bench.scenarios import Scenario
from apiguide.registry import Framework

GENERATOR_BUSY_LIMIT = 0.90  # above this the load generator, not the server, may be the limit
ERROR_RATE_LIMIT = 0.001  # more failed requests than this and the cell is flagged
SERVER_CORE, WRK_CORE = "0", "1"


@dataclass
class Config:
    frameworks: list[Framework]
    scenarios: list[Scenario]
    results_path: Path
    measure: str = "both"  # cost | load | both
    rounds: int = 3
    duration: int = 1  # seconds per measured wrk window (wrk takes whole seconds)
    windows: int = 3  # measured windows per cell per round
    warmup: int = 1  # seconds of unmeasured load before each concurrency level
    connections: int = 64
    io_connections: tuple[int, ...] = (64, 512)
    cost_plan: callgrind.CostPlan = field(default_factory=callgrind.CostPlan)
    cost_repetitions: int = 2
    seed: int = 0  # the random round order is reproducible from it
    shard: str | None = None
    pin: bool = field(default_factory=lambda: (os.cpu_count() or 1) >= 2)
    quick: bool = False

    def concurrencies(self, scenario: Scenario) -> tuple[int, ...]:
        return self.io_connections if scenario.io_bound else (self.connections,)

    def as_dict(self) -> dict:
        return {
            "measure": self.measure,
            "frameworks": [fw.slug for fw in self.frameworks],
            "scenarios": [s.name for s in self.scenarios],
            "rounds": self.rounds,
            "duration_s": self.duration,
            "windows": self.windows,
            "warmup_s": self.warmup,
            "connections": self.connections,
            "io_connections": list(self.io_connections),
            "cost_plan": self.cost_plan.as_dict(),
            "cost_repetitions": self.cost_repetitions,
            "seed": self.seed,
            "shard": self.shard,
            "pinned": self.pin,
            "quick": self.quick,
        }

    # Rough seconds per step, for the progress ETA only.
    def cost_step_weight(self) -> float:
        plan = self.cost_plan
        requests = plan.warmup + plan.scenario_warmup + plan.segments * 2 * plan.segment_requests
        return 6.0 + len(self.scenarios) * (3.0 + 0.02 * requests)

    def load_step_weight(self, scenario: Scenario) -> float:
        levels = len(self.concurrencies(scenario))
        return 1.5 + levels * (self.warmup + self.windows * (self.duration + 0.1))


def cost_summary(cell: dict) -> dict:
    values = [rep["per_request"] for rep in cell["repetitions"]]
    spread = stats.relative_spread(values)
    return {
        "instructions_per_request": sum(values) / len(values),
        "spread": spread,
        "flagged": len(values) < 2 or spread > stats.COST_TOLERANCE,
    }


def load_summary(cell: dict) -> dict:
    windows = [w for rnd in cell["rounds"] for w in rnd["windows"]]
    requests = sum(w["requests"] for w in windows)
    errors = {
        kind: sum(w["socket_errors"].get(kind, 0) for w in windows) for kind in wrk.SOCKET_ERRORS
    }
    non_2xx = sum(w["non_2xx_3xx"] for w in windows)
    failed = sum(errors.values()) + non_2xx
    busy = max(w["cpu_busy"] for w in windows)
    rss = [rnd["peak_rss_kib"] for rnd in cell["rounds"] if rnd.get("peak_rss_kib")]
    return {
        "requests_per_s": stats.median_interval([w["requests_per_s"] for w in windows]).as_dict(),
        "latency_ms": {
            p: stats.median_interval([w["latency_ms"][p] for w in windows]).median
            for p in ("50", "90", "99")
        },
        "socket_errors": errors,
        "non_2xx_3xx": non_2xx,
        "error_rate": failed / requests if requests else 1.0,
        "errors_flagged": (failed / requests if requests else 1.0) > ERROR_RATE_LIMIT,
        "generator_busy_max": busy,
        "generator_saturated": busy > GENERATOR_BUSY_LIMIT,
        "peak_rss_mib": max(rss) / 1024 if rss else None,
        "windows": len(windows),
    }


class Run:
    """The results document of one run, saved after every change."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.data: dict = {
            "schema": results.SCHEMA,
            "metadata": {
                **results.machine_metadata(),
                "frameworks": results.framework_metadata(config.frameworks),
                "wrk": {
                    "version": wrk.version() if config.measure != "cost" else None,
                    "flags": wrk.flags(config.connections, config.duration),
                    "timeout": wrk.TIMEOUT,
                    "pinning": (
                        f"server taskset -c {SERVER_CORE}, wrk taskset -c {WRK_CORE}"
                        if config.pin
                        else "none (fewer than 2 cores)"
                    ),
                },
                "valgrind": callgrind.version() if config.measure != "load" else None,
            },
            "config": config.as_dict(),
            "cost": [],
            "load": [],
            "complete": False,
            "interrupted": False,
        }
        self.save()

    def save(self) -> None:
        results.write_atomic(self.config.results_path, self.data)

    def cell(self, kind: str, **key: object) -> dict:
        for cell in self.data[kind]:
            if all(cell[k] == v for k, v in key.items()):
                return cell
        cell = {**key, "status": "pending", "error": None}
        cell.update({"repetitions": []} if kind == "cost" else {"rounds": []})
        self.data[kind].append(cell)
        return cell

    def fail(self, cell: dict, status: str, error: BaseException | str) -> None:
        cell["status"] = status
        cell["error"] = str(error)[-4000:]
        self.save()


def _scenario_error_status(error: BaseException) -> str:
    return "invalid" if isinstance(error, verify.VerificationError) else "failed"


def run_cost(run: Run, progress: Progress) -> None:
    config = run.config
    for fw in config.frameworks:
        cells = {
            s.name: run.cell("cost", framework=fw.slug, scenario=s.name) for s in config.scenarios
        }
        for rep in range(config.cost_repetitions):
            todo = [s for s in config.scenarios if cells[s.name]["status"] == "pending"]
            progress.show(f"cost {fw.slug} repetition {rep + 1}/{config.cost_repetitions}")
            if todo:
                _cost_repetition(run, fw, todo, cells)
            progress.advance(config.cost_step_weight())
        for cell in cells.values():
            if cell["status"] == "pending":
                cell["status"] = "ok"
                cell["summary"] = cost_summary(cell)
        run.save()


def _cost_repetition(run: Run, fw: Framework, todo: list[Scenario], cells: dict) -> None:
    plan = run.config.cost_plan

    def record(scenario: Scenario, outcome: callgrind.SegmentCounts | Exception) -> None:
        cell = cells[scenario.name]
        if isinstance(outcome, Exception):
            run.fail(cell, _scenario_error_status(outcome), outcome)
            return
        cell["repetitions"].append(outcome.as_dict())
        cell["plan"] = plan.as_dict()
        run.save()

    with tempfile.TemporaryDirectory(prefix=f"bench-cg-{fw.slug}-") as out_dir:
        try:
            callgrind.measure(
                fw, todo, plan, Path(out_dir), before_load=verify.verify, on_result=record
            )
        except launcher.ServerStartError as error:
            for scenario in todo:
                run.fail(cells[scenario.name], "failed", error)


def run_load(run: Run, progress: Progress) -> None:
    config = run.config
    rng = random.Random(config.seed)
    for round_number in range(1, config.rounds + 1):
        for fw in rng.sample(config.frameworks, len(config.frameworks)):
            for scenario in rng.sample(config.scenarios, len(config.scenarios)):
                progress.show(
                    f"load round {round_number}/{config.rounds}: {fw.slug} {scenario.name}"
                )
                cells = {
                    c: run.cell("load", framework=fw.slug, scenario=scenario.name, concurrency=c)
                    for c in config.concurrencies(scenario)
                }
                if all(cell["status"] == "pending" for cell in cells.values()):
                    started = _load_cells(run, fw, scenario, cells, round_number)
                    if not started:
                        _fail_framework(run, fw)
                progress.advance(config.load_step_weight(scenario))
    for cell in run.data["load"]:
        if cell["status"] == "pending":
            cell["status"] = "ok"
        if cell["status"] == "ok":
            cell["summary"] = load_summary(cell)
    run.save()


def _fail_framework(run: Run, fw: Framework) -> None:
    """A server that cannot start will not start for the next scenario either."""
    error = next(c["error"] for c in run.data["load"] if c["framework"] == fw.slug and c["error"])
    for scenario in run.config.scenarios:
        for c in run.config.concurrencies(scenario):
            cell = run.cell("load", framework=fw.slug, scenario=scenario.name, concurrency=c)
            if cell["status"] == "pending":
                run.fail(cell, "failed", error)


def _load_cells(
    run: Run, fw: Framework, scenario: Scenario, cells: dict[int, dict], round_number: int
) -> bool:
    """One round of one scenario on a fresh server; False if the server did not start."""
    config = run.config
    server_pin = ["taskset", "-c", SERVER_CORE] if config.pin else []
    wrk_pin = ["taskset", "-c", WRK_CORE] if config.pin else []
    try:
        server = launcher.start_framework(fw, wrap=server_pin, env=SERVER_ENV)
    except launcher.ServerStartError as error:
        for cell in cells.values():
            run.fail(cell, "failed", error)
        return False
    try:
        try:
            verify.verify(scenario, server.host, server.port)
        except Exception as error:
            for cell in cells.values():
                run.fail(cell, _scenario_error_status(error), error)
            return True
        for concurrency, cell in cells.items():
            try:
                _ensure_alive(server)
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
                        wrk.run(
                            server.url,
                            scenario,
                            connections=concurrency,
                            duration=config.duration,
                            prefix=wrk_pin,
                        ).as_dict()
                    )
                    _ensure_alive(server)
            except Exception as error:
                run.fail(cell, "failed", error)
                continue
            cell["rounds"].append(
                {
                    "round": round_number,
                    "windows": windows,
                    "peak_rss_kib": procstat.group_peak_rss_kib(server.pid),
                }
            )
            run.save()
        return True
    finally:
        server.stop()


def _ensure_alive(server: launcher.RunningServer) -> None:
    if not server.alive():
        raise RuntimeError(
            f"server exited with code {server.process.returncode} under load:\n"
            + server.output_tail()
        )


def execute(config: Config) -> dict:
    """Run the configured measures; always leaves the results file consistent on disk."""
    load_steps = sum(config.load_step_weight(s) for s in config.scenarios)
    total = (
        (config.cost_repetitions * config.cost_step_weight() if config.measure != "load" else 0)
        + (config.rounds * load_steps if config.measure != "cost" else 0)
    ) * len(config.frameworks)
    progress = Progress(total)
    run = Run(config)
    try:
        if config.measure in ("cost", "both"):
            run_cost(run, progress)
        if config.measure in ("load", "both"):
            run_load(run, progress)
        run.data["complete"] = True
    except KeyboardInterrupt:
        run.data["interrupted"] = True
        raise
    finally:
        run.data["finished_utc"] = results.utc_now()
        run.save()
        progress.close()
    return run.data
