"""The data behind the window lengths: throughput and p99 against window length.

    python scripts/run_benchmarks.py window-study

For a few cells chosen to span the range (an event loop and a thread pool at
the io scenario's 512 connections, where p99 is longest, and the json floor at
64), one fresh server is measured with windows of several lengths in a shuffled
order, each after a drain, twice. The file it writes is read by the
methodology page (``render.window_study_table``), so the durations are chosen
from stored data, not typed.
"""

from __future__ import annotations

import random
from pathlib import Path

from apiguide import launcher, registry
from apiguide.bench import SERVER_ENV, results, runner, scenarios, wrk
from apiguide.registry import ROOT

DEFAULT_PATH = ROOT / "benchmarks" / "experiments" / "window-study.json"
CASES = (
    ("flask", "io", 512),
    ("fastapi", "io", 512),
    ("fastapi", "json", 64),
    ("flask", "json", 64),
)
LENGTHS = (1, 2, 3, 5, 8)
REPEATS = 2
SEED = 1


def run(path: Path = DEFAULT_PATH) -> dict:
    config = runner.Config(frameworks=[], scenarios=[], results_path=path)
    server_pin = ["taskset", "-c", config.server_cores()] if config.pin else []
    wrk_pin = ["taskset", "-c", config.wrk_core()] if config.pin else []
    rng = random.Random(SEED)
    rows = []
    for slug, name, connections in CASES:
        scenario = scenarios.SCENARIOS[name]
        server = launcher.start_framework(registry.get(slug), wrap=server_pin, env=SERVER_ENV)
        try:
            idle_ms = runner._idle_latency_ms(server, scenario)
            wrk.run(server.url, scenario, connections=connections, duration=1, prefix=wrk_pin)
            order = [length for length in LENGTHS for _ in range(REPEATS)]
            rng.shuffle(order)
            for length in order:
                drained = runner.drain(server, scenario, idle_ms)
                result = wrk.run(
                    server.url, scenario, connections=connections, duration=length, prefix=wrk_pin
                )
                rows.append(
                    {
                        "framework": slug,
                        "scenario": name,
                        "concurrency": connections,
                        "window_s": length,
                        "drain_s": drained,
                        **result.as_dict(),
                    }
                )
        finally:
            server.stop()
    metadata = {**results.machine_metadata(), "wrk": wrk.version()}
    data = {"metadata": metadata, "lengths": list(LENGTHS), "rows": rows}
    results.write_atomic(path, data)
    return data
