"""Two runs agree when instruction counts are within 1% and no sure ordering flips."""

from apiguide.bench import agreement


def cost(framework: str, scenario: str, instructions: float) -> dict:
    return {
        "framework": framework,
        "scenario": scenario,
        "status": "ok",
        "summary": {"instructions_per_request": instructions},
    }


def load(framework: str, median: float, low: float, high: float) -> dict:
    return {
        "framework": framework,
        "scenario": "json",
        "concurrency": 64,
        "status": "ok",
        "summary": {"requests_per_s": {"median": median, "low": low, "high": high, "n": 9}},
    }


def test_counts_within_one_percent_agree():
    a = {"cost": [cost("x", "json", 100_000)], "load": []}
    b = {"cost": [cost("x", "json", 100_900)], "load": []}
    ok, text = agreement.report(a, b)
    assert ok and "1/1 cells within 1%" in text


def test_counts_further_apart_disagree_and_are_named():
    a = {"cost": [cost("x", "json", 100_000)], "load": []}
    b = {"cost": [cost("x", "json", 101_200)], "load": []}
    ok, text = agreement.report(a, b)
    assert not ok
    assert "x json: 100,000 vs 101,200 (1.20%)" in text


def test_a_reversed_ordering_with_separate_intervals_is_a_conflict():
    a = {"cost": [], "load": [load("x", 100, 95, 105), load("y", 50, 45, 55)]}
    b = {"cost": [], "load": [load("x", 40, 35, 45), load("y", 90, 85, 95)]}
    ok, text = agreement.report(a, b)
    assert not ok
    assert "json c64: x > y in A, reversed in B" in text


def test_a_tie_in_either_run_contradicts_nothing():
    a = {"cost": [], "load": [load("x", 100, 95, 105), load("y", 50, 45, 55)]}
    b = {"cost": [], "load": [load("x", 60, 40, 80), load("y", 70, 50, 90)]}
    assert agreement.report(a, b)[0]


def test_failed_cells_are_not_compared():
    a = {"cost": [cost("x", "json", 1.0) | {"status": "failed"}], "load": []}
    b = {"cost": [cost("x", "json", 2.0)], "load": []}
    ok, text = agreement.report(a, b)
    assert ok and "0/0 cells" in text


def test_the_history_page_compares_the_two_newest_full_runs(tmp_path):
    from apiguide.bench import render, results

    def run(utc: str, instructions: float, plan: dict | None = None) -> dict:
        return {
            "schema": results.SCHEMA,
            "complete": True,
            "config": {"quick": False, "cost_plan": plan or {"segments": 5}},
            "metadata": {"utc": utc},
            "cost": [cost("x", "json", instructions)],
            "load": [],
        }

    assert "Only one full run" in render.repeatability(tmp_path)
    # A run made by the older method (difference of two segments) is not compared.
    older_method = {"warmup": 40, "low": 50, "high": 250}
    results.write_atomic(tmp_path / "0.json", run("2025-12-01T00:00:00Z", 90_000, older_method))
    results.write_atomic(tmp_path / "1.json", run("2026-01-01T00:00:00Z", 100_000))
    assert "Only one full run with the current cost method" in render.repeatability(tmp_path)
    results.write_atomic(tmp_path / "2.json", run("2026-01-08T00:00:00Z", 100_500))
    assert "They agree." in render.repeatability(tmp_path)
    results.write_atomic(tmp_path / "3.json", run("2026-01-15T00:00:00Z", 110_000))
    text = render.repeatability(tmp_path)
    assert "do **not** fully agree" in text and "x json" in text
