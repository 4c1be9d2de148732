"""Interval, tie and spread arithmetic."""

import pytest

from apiguide.bench import runner, stats
from apiguide.bench.stats import Interval


def test_median_interval_is_reproducible_and_contains_the_median():
    samples = [100.0, 104.0, 97.0, 120.0, 101.0, 99.0, 110.0, 95.0, 103.0]
    first, second = stats.median_interval(samples), stats.median_interval(samples)
    assert first == second  # fixed seed
    assert first.median == 101.0 and first.n == 9
    assert min(samples) <= first.low <= first.median <= first.high <= max(samples)


def test_interval_narrows_with_less_spread():
    wide = stats.median_interval([80, 90, 100, 110, 120, 85, 115])
    narrow = stats.median_interval([99, 100, 101, 100, 99, 101, 100])
    assert narrow.high - narrow.low < wide.high - wide.low


def test_degenerate_samples():
    assert stats.median_interval([5.0]) == Interval(5.0, 5.0, 5.0, 1)
    assert stats.median_interval([3.0, 3.0, 3.0]) == Interval(3.0, 3.0, 3.0, 3)
    with pytest.raises(ValueError):
        stats.median_interval([])


def test_overlapping_intervals_tie():
    intervals = {
        "a": Interval(100, 90, 110, 9),
        "b": Interval(95, 85, 105, 9),  # overlaps a
        "c": Interval(50, 45, 55, 9),  # below both
        "d": Interval(80, 60, 92, 9),  # overlaps a, b and c... not c (55 < 60)
    }
    assert stats.ranks(intervals) == {"a": 1, "b": 1, "d": 1, "c": 4}
    assert stats.ranks(intervals, higher_is_better=False) == {"c": 1, "d": 2, "b": 2, "a": 2}


def test_cost_spread_flags_over_one_percent():
    assert stats.relative_spread([100.0]) == 0
    assert stats.relative_spread([100.0, 101.0]) == pytest.approx(0.01)
    ok = runner.cost_summary({"repetitions": [{"per_request": 1000.0}, {"per_request": 1009.0}]})
    bad = runner.cost_summary({"repetitions": [{"per_request": 1000.0}, {"per_request": 1011.0}]})
    assert ok["instructions_per_request"] == pytest.approx(1004.5) and not ok["flagged"]
    assert bad["flagged"]


def test_load_summary_flags_saturated_generator_and_errors(sample_run):
    cell = sample_run["load"][0]
    window = cell["rounds"][0]["windows"][0]
    window["cpu_busy"] = 0.95
    window["socket_errors"]["timeout"] = 100  # 0.5% of 19,500
    summary = runner.load_summary(cell)
    assert summary["generator_saturated"] and summary["errors_flagged"]
    assert summary["socket_errors"]["timeout"] == 100
    assert summary["requests_per_s"]["median"] == 6500
    assert summary["peak_rss_mib"] == 40
