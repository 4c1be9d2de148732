"""`run_benchmarks.py --quick` end to end: real callgrind, wrk, h2load and FastAPI server."""

import stat
import subprocess
import sys

from apiguide.bench import charts, render, results
from apiguide.registry import ROOT


def _snapshot(directory):
    return {p: p.stat().st_mtime_ns for p in directory.rglob("*") if p.is_file()}


def test_quick_run_writes_results_and_charts_but_not_the_sites(tmp_path):
    results_dir, charts_dir = tmp_path / "results", tmp_path / "charts"
    site_results, site_charts = _snapshot(results.DEFAULT_DIR), _snapshot(charts.DEFAULT_DIR)
    completed = subprocess.run(
        [
            sys.executable,
            "scripts/run_benchmarks.py",
            "--quick",
            "--frameworks=fastapi",
            "--scenarios=json,api",
            "--cost-requests=10",
            "--cost-segments=3",
            f"--results-dir={results_dir}",
            f"--charts-dir={charts_dir}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert "ETA" in completed.stderr and "load round 1/2: fastapi" in completed.stderr
    (path,) = results_dir.glob("*.json")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    run = results.read(path)
    assert run["complete"] and run["config"]["quick"] and not results.is_site_run(run)
    assert run["metadata"]["wrk"]["version"].startswith("wrk ")
    assert run["metadata"]["valgrind"].startswith("valgrind-")
    assert run["metadata"]["h2load"].startswith("h2load")
    assert run["metadata"]["frameworks"]["fastapi"]["version"]
    assert {(c["scenario"], c["status"]) for c in run["cost"]} == {("json", "ok"), ("api", "ok")}
    for cell in run["cost"]:
        assert len(cell["repetitions"]) == 1  # --quick: one server, so marked unconfirmed
        for rep in cell["repetitions"]:
            assert len(rep["segments"]) == 3 and rep["requests"] >= 10
            assert len(rep["segment_seconds"]) == 3 and rep["idle_instructions_per_s"] > 0
        summary = cell["summary"]
        assert 50_000 < summary["instructions_per_request"] < 5_000_000
        assert summary["amortised_mean_per_request"] > 0 and summary["flagged"]
    assert {(c["scenario"], c["status"]) for c in run["load"]} == {("json", "ok"), ("api", "ok")}
    for cell in run["load"]:
        assert [r["round"] for r in cell["rounds"]] == [1, 2]
        assert cell["summary"]["requests_per_s"]["median"] > 0
        assert cell["summary"]["requests_per_s"]["n"] == 2
        window = cell["rounds"][0]["windows"][0]
        assert window["latency_ms"]["99.9"] >= window["latency_ms"]["50"] > 0
    (startup,) = run["startup"]
    assert startup["status"] == "ok" and startup["summary"]["first_answer_s"] > 0
    (rate,) = run["rate"]  # only json of json/io was selected
    assert rate["status"] == "ok", rate["error"]
    assert [row["fraction"] for row in rate["summary"]] == [0.5, 0.9]
    assert (charts_dir / "cost-json-light.svg").exists()
    assert (charts_dir / "rate-json-light.svg").exists()
    assert "| FastAPI |" in render.cost_table(results_dir)
    assert "FastAPI" in render.results_table("api", results_dir=results_dir)
    # The site's own results and charts are untouched.
    assert _snapshot(results.DEFAULT_DIR) == site_results
    assert _snapshot(charts.DEFAULT_DIR) == site_charts
