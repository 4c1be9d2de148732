"""`run_benchmarks.py --quick` end to end: real callgrind, real wrk, real FastAPI server."""

import subprocess
import sys

from apiguide.bench import render, results
from apiguide.registry import ROOT


def test_quick_run_writes_results_and_charts(tmp_path):
    results_dir, charts_dir = tmp_path / "results", tmp_path / "charts"
    completed = subprocess.run(
        [
            sys.executable,
            "scripts/run_benchmarks.py",
            "--quick",
            "--frameworks=fastapi",
            "--scenarios=json,api",
            "--cost-requests=10",
            "--cost-segments=3",
            "--windows=1",
            f"--results-dir={results_dir}",
            f"--charts-dir={charts_dir}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=150,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert "ETA" in completed.stderr and "load round 1/1: fastapi" in completed.stderr
    run = results.latest(results_dir)
    assert run["complete"] and run["config"]["quick"]
    assert run["metadata"]["wrk"]["version"].startswith("wrk ")
    assert run["metadata"]["valgrind"].startswith("valgrind-")
    assert run["metadata"]["frameworks"]["fastapi"]["version"]
    assert {(c["scenario"], c["status"]) for c in run["cost"]} == {("json", "ok"), ("api", "ok")}
    for cell in run["cost"]:
        assert len(cell["repetitions"]) == 2
        assert all(
            len(rep["segments"]) == 3 and rep["requests"] >= 10 for rep in cell["repetitions"]
        )
        assert 50_000 < cell["summary"]["instructions_per_request"] < 5_000_000
    assert {(c["scenario"], c["status"]) for c in run["load"]} == {("json", "ok"), ("api", "ok")}
    assert all(c["summary"]["requests_per_s"]["median"] > 0 for c in run["load"])
    assert (charts_dir / "cost-json-light.svg").exists()
    assert "| FastAPI |" in render.cost_table(results_dir)
    assert "FastAPI" in render.results_table("api", results_dir=results_dir)
