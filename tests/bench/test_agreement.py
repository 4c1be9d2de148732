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
    a = {"cost": [], "load": [load("x", 100, 80, 120), load("y", 60, 45, 75)]}
    b = {"cost": [], "load": [load("x", 85, 70, 110), load("y", 70, 50, 90)]}  # tied here
    assert agreement.report(a, b)[0]


def test_intervals_that_miss_the_other_run_fail_the_agreement():
    a = {"cost": [], "load": [load("x", 100, 95, 105)]}
    b = {"cost": [], "load": [load("x", 60, 40, 80)]}
    ok, text = agreement.report(a, b)
    assert not ok and "misses the 90% target" in text


def test_failed_cells_are_not_compared():
    a = {"cost": [cost("x", "json", 1.0) | {"status": "failed"}], "load": []}
    b = {"cost": [cost("x", "json", 2.0)], "load": []}
    ok, text = agreement.report(a, b)
    assert ok and "0/0 cells" in text


def test_calibration_counts_cells_whose_medians_sit_inside_the_other_runs_interval():
    a = {"cost": [], "load": [load("x", 100, 90, 110), load("y", 50, 45, 55)]}
    b = {"cost": [], "load": [load("x", 105, 95, 115), load("y", 60, 57, 63)]}
    cells = agreement.calibration(a, b)
    assert [(c.framework, c.inside) for c in cells] == [("x", True), ("y", False)]
    assert cells[1].spread == 0.2
    line = agreement.calibration_line(cells)
    assert "1/2 load cells (50%)" in line and "misses the 90% target" in line
    assert "calibration: 1/2" in agreement.report(a, b)[1]


def test_the_history_page_compares_the_two_newest_full_runs(tmp_path, sample_run):
    import copy

    from apiguide.bench import render, results

    def run(utc: str, instructions: float, plan: dict | None = None) -> dict:
        doc = copy.deepcopy(sample_run)
        doc["metadata"]["utc"] = utc
        doc["config"]["cost_plan"] = plan or {"segments": 5}
        doc["cost"] = [
            doc["cost"][0]
            | {"summary": {**doc["cost"][0]["summary"], "instructions_per_request": instructions}}
        ]
        return doc

    assert "Only one full run" in render.repeatability(tmp_path)
    # A run made by the older method (difference of two segments) is not compared.
    older_method = {"warmup": 40, "low": 50, "high": 250}
    results.write_atomic(tmp_path / "0.json", run("2025-12-01T00:00:00Z", 90_000, older_method))
    results.write_atomic(tmp_path / "1.json", run("2026-01-01T00:00:00Z", 100_000))
    assert "Only one full run with the current cost method" in render.repeatability(tmp_path)
    # A quick run is never compared, however new.
    quick = run("2026-01-02T00:00:00Z", 50_000)
    quick["config"]["quick"] = True
    results.write_atomic(tmp_path / "1q.json", quick)
    results.write_atomic(tmp_path / "2.json", run("2026-01-08T00:00:00Z", 100_500))
    text = render.repeatability(tmp_path)
    assert "They agree." in text and "7/7 load cells (100%)" in text
    assert "3 rounds" in text  # each run's load method is named
    spread = render.run_spread(tmp_path)
    assert "| json | 64 | 3 | 3 | 0.0% |" in spread
    per_cell = spread.split('??? note "Every cell')[1].splitlines()
    cell_rows = [row for row in per_cell if row.startswith("    | ") and "---" not in row]
    assert len(cell_rows) == 1 + 7 and all(row.endswith("| yes |") for row in cell_rows[1:])
    results.write_atomic(tmp_path / "3.json", run("2026-01-15T00:00:00Z", 110_000))
    text = render.repeatability(tmp_path)
    assert "do **not** fully agree" in text and "fastapi json" in text
