"""Shared helpers for the benchmark engine's tests: fake frameworks and a sample results file."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from apiguide import launcher, registry
from apiguide.bench import fixedrate, results, runner, scenarios

DATA = Path(__file__).with_name("data")


@pytest.fixture(autouse=True)
def untraced_servers(monkeypatch):
    """Servers and runs the engine's tests start are benchmarked, not measured: the
    coverage gate's tracer would be in every instruction count and every request."""
    monkeypatch.delenv(launcher.COVERAGE_HOOK, raising=False)


def fake_framework(mode: str, after: int = 50, tag: str = "") -> registry.Framework:
    """A registry entry for tests/bench/apps/fake_server.py in one of its failure modes.

    ``tag`` goes onto the command line, so a test can find its server's processes.
    """
    server = registry.Server(
        key="fake",
        name="Fake",
        package="fake-server",
        cmd=f"python -m tests.bench.apps.fake_server --host {{host}} --port {{port}} "
        f"--mode {mode} --after {after}" + (f" --tag {tag}" if tag else ""),
        why="test double",
    )
    return registry.Framework(
        slug=f"fake-{mode}",
        name=f"Fake ({mode})",
        kind="own-server",
        package="fake-server",
        docs="benchmarks/results.md",
        server=server,
        app="tests.bench.apps.fake_server",
    )


def fake_config(tmp_path: Path, *modes: str, **overrides: object) -> runner.Config:
    settings: dict = {
        "frameworks": [fake_framework(mode) for mode in modes],
        "scenarios": [scenarios.SCENARIOS["json"]],
        "results_path": tmp_path / "run.json",
        "measure": "load",
        "rounds": 2,
        "duration": 1,
        "io_duration": 1,
        "windows": 1,
        "startup_repetitions": 0,
        "warmup": 1,
        "busy_retries": 0,  # the other test worker keeps the machine busy
        "connections": 8,
        "io_connections": (8,),
    }
    settings.update(overrides)
    return runner.Config(**settings)


def window(rps: float, p99: float, seconds: float = 3.0) -> dict:
    return {
        "requests": int(rps * seconds),
        "duration_s": seconds,
        "requests_per_s": rps,
        "latency_ms": (
            {"50": p99 / 4, "75": p99 / 3, "90": p99 / 2, "99": p99, "99.9": p99 * 1.1}
            if rps
            else None
        ),
        "socket_errors": {"connect": 0, "read": 0, "write": 0, "timeout": 0},
        "non_2xx_3xx": 0,
        "cpu_s": 0.2 * seconds,
        "cpu_busy": 0.2,
    }


def _load_cell(slug: str, scenario: str, concurrency: int, rps: list[float], p99: float) -> dict:
    """One round (a fresh server) per value, one window each."""
    cell = {
        "framework": slug,
        "scenario": scenario,
        "concurrency": concurrency,
        "status": "ok",
        "error": None,
        "rounds": [
            {"round": n, "windows": [window(r, p99)], "peak_rss_kib": 40_960}
            for n, r in enumerate(rps, 1)
        ],
    }
    cell["summary"] = runner.load_summary(cell)
    return cell


def _cost_cell(slug: str, scenario: str, values: list[float]) -> dict:
    cell = {
        "framework": slug,
        "scenario": scenario,
        "status": "ok",
        "error": None,
        "repetitions": [
            {
                "requests": 100,
                "segments": [int(v * 100)] * 2 + [int(v * 130)],  # one segment with a spike
                "per_request": v,
                "segment_seconds": [0.5, 0.5, 0.6],
                "idle_instructions_per_s": 200_000.0,
            }
            for v in values
        ],
    }
    cell["summary"] = runner.cost_summary(cell)
    return cell


SAMPLE_RUN = {
    "schema": results.SCHEMA,
    "metadata": {
        "utc": "2026-11-25T10:00:00Z",
        "git_sha": "0123456789abcdef",
        "git_dirty": False,
        "cpu_model": "Test CPU",
        "cores": 2,
        "kernel": "6.0",
        "python": "3.11.7",
        "frameworks": {
            "fastapi": {"name": "FastAPI"},
            "starlette": {"name": "Starlette"},
            "flask": {"name": "Flask"},
        },
        "wrk": {"version": "wrk 4.1.0", "flags": []},
        "valgrind": "valgrind-3.19.0",
    },
    "config": {
        "measure": "both",
        "frameworks": ["fastapi", "starlette", "flask"],
        "rounds": 3,
        "windows": 1,
        "duration_s": 3,
        "io_duration_s": 3,
        "workers": 1,
        "quick": False,
        "cost_repetitions": 2,
        "cost_plan": {"segments": 5, "segment_requests": 50},
        "shard": None,
    },
    "cost": [
        _cost_cell("fastapi", "json", [440_000, 441_000]),
        _cost_cell("starlette", "json", [150_000, 160_000]),  # 6.7% apart: flagged
        {
            "framework": "flask",
            "scenario": "json",
            "status": "failed",
            "error": "boom",
            "repetitions": [],
        },
    ],
    "load": [
        # FastAPI and Starlette overlap (tied); Flask is clearly slower.
        _load_cell("fastapi", "json", 64, [6000, 6500, 7000], 25.0),
        _load_cell("starlette", "json", 64, [6800, 7200, 7600], 20.0),
        _load_cell("flask", "json", 64, [1500, 1600, 1700], 50.0),
        _load_cell("fastapi", "io", 64, [3000, 3100, 3200], 90.0),
        _load_cell("fastapi", "io", 512, [2200, 2300, 2400], 600.0),
        _load_cell("flask", "io", 64, [700, 720, 740], 100.0),
        _load_cell("flask", "io", 512, [650, 660, 670], 2500.0),
    ],
    "startup": [
        {
            "framework": "fastapi",
            "status": "ok",
            "error": None,
            "samples": [{"first_answer_s": 0.5, "import_s": 0.2}],
            "summary": {"first_answer_s": 0.5, "import_s": 0.2, "instructions": None, "samples": 1},
        }
    ],
    "rate": [
        {
            "framework": "fastapi",
            "scenario": "json",
            "status": "ok",
            "error": None,
            "rounds": [
                {
                    "round": 1,
                    "capacity_rps": 6500.0,
                    "steps": [
                        {
                            "fraction": f,
                            "offered_rps": 6500.0 * f,
                            "achieved_rps": 6500.0 * f * (0.9 if f == 0.9 else 1.0),
                            "requests": int(13000 * f),
                            "failed": 0,
                            "latency_ms": {"50": 1.0, "90": 2.0, "99": 4.0 * f, "99.9": 9.0},
                            "duration_s": 2.0,
                            "clients": 26,
                            "held": f != 0.9,
                        }
                        for f in (0.25, 0.5, 0.75, 0.9)
                    ],
                }
            ],
        }
    ],
    "complete": True,
    "interrupted": False,
}
SAMPLE_RUN["rate"][0]["summary"] = fixedrate.summary(
    [r["steps"] for r in SAMPLE_RUN["rate"][0]["rounds"]]
)


@pytest.fixture
def sample_run() -> dict:
    return copy.deepcopy(SAMPLE_RUN)


@pytest.fixture
def results_dir(tmp_path: Path, sample_run: dict) -> Path:
    directory = tmp_path / "results"
    results.write_atomic(
        directory / results.run_file_name(sample_run["metadata"]["utc"]), sample_run
    )
    return directory
