"""Interval, tie-group and spread arithmetic, and what makes a load cell flagged."""

import copy

import pytest

from apiguide.bench import runner, stats
from apiguide.bench.stats import Interval
from tests.bench.conftest import window


def test_median_interval_is_reproducible_and_contains_the_median():
    samples = [100.0, 104.0, 97.0, 120.0, 101.0, 99.0, 110.0, 95.0, 103.0]
    first, second = stats.median_interval(samples), stats.median_interval(samples)
    assert first == second  # fixed seed
    assert first.median == 101.0 and first.n == 9
    assert min(samples) <= first.low <= first.median <= first.high <= max(samples)


def test_degenerate_samples():
    assert stats.median_interval([5.0]) == Interval(5.0, 5.0, 5.0, 1)
    assert stats.median_interval([3.0, 3.0, 3.0]) == Interval(3.0, 3.0, 3.0, 3)
    assert stats.rounds_interval([[5.0]]) == Interval(5.0, 5.0, 5.0, 1)
    with pytest.raises(ValueError):
        stats.median_interval([])
    with pytest.raises(ValueError):
        stats.rounds_interval([[], []])


def test_the_interval_reflects_the_spread_between_rounds_not_inside_them():
    # Windows inside each round agree closely; the rounds (fresh servers) do not.
    rounds = [[100, 101, 100], [120, 121, 120], [90, 91, 90], [110, 109, 110]]
    between = stats.rounds_interval(rounds)
    pooled = stats.median_interval([w for r in rounds for w in r])
    assert between.n == 4 and between == stats.rounds_interval(rounds)  # reproducible
    assert between.median == pytest.approx(105.0)  # median of the round medians
    assert between.high - between.low > pooled.high - pooled.low
    assert between.low <= 100 and between.high >= 110


def test_overlapping_intervals_share_a_tie_group():
    intervals = {
        "a": Interval(100, 90, 110, 4),
        "b": Interval(95, 85, 105, 4),  # overlaps a
        "c": Interval(50, 45, 55, 4),  # apart from everything
        "d": Interval(80, 60, 92, 4),  # overlaps a and b
    }
    assert stats.tie_groups(intervals) == {"a": 1, "b": 1, "d": 1, "c": 4}
    assert stats.tie_groups(intervals, higher_is_better=False) == {"c": 1, "d": 2, "b": 2, "a": 2}


def test_no_two_overlapping_entries_get_different_ranks_even_through_a_chain():
    # The case: x overlaps y and y overlaps z, but x and z are apart. Counting
    # "strictly better" entries gave y "=1" beside z "2" although they overlap.
    intervals = {
        "x": Interval(3500, 3400, 3600, 4),
        "y": Interval(3300, 3150, 3450, 4),
        "z": Interval(3050, 2900, 3200, 4),
        "w": Interval(2000, 1900, 2100, 4),
    }
    ranks = stats.tie_groups(intervals)
    assert ranks == {"x": 1, "y": 1, "z": 1, "w": 4}
    for a in intervals:
        for b in intervals:
            if intervals[a].overlaps(intervals[b]):
                assert ranks[a] == ranks[b]


def test_cost_spread_flags_over_one_percent_and_keeps_the_amortised_mean():
    assert stats.relative_spread([100.0]) == 0
    assert stats.relative_spread([100.0, 101.0]) == pytest.approx(0.01)

    def rep(per_request: float, segments: list[int]) -> dict:
        return {"per_request": per_request, "requests": 10, "segments": segments}

    ok = runner.cost_summary({"repetitions": [rep(1000.0, [10_000]), rep(1009.0, [10_090])]})
    bad = runner.cost_summary({"repetitions": [rep(1000.0, [10_000]), rep(1011.0, [10_110])]})
    assert ok["instructions_per_request"] == pytest.approx(1004.5) and not ok["flagged"]
    assert bad["flagged"]
    spiky = runner.cost_summary({"repetitions": [rep(1000.0, [10_000, 10_000, 13_000])] * 2})
    assert spiky["instructions_per_request"] == 1000.0
    assert spiky["amortised_mean_per_request"] == pytest.approx(1100.0)


def test_timer_share_is_idle_rate_times_segment_wall_time():
    rep = {
        "per_request": 1000.0,
        "requests": 100,
        "segments": [100_000, 100_000, 100_000],
        "segment_seconds": [0.5, 0.5, 0.5],
        "idle_instructions_per_s": 2_000.0,  # 1,000 instructions of timer work per segment
    }
    summary = runner.cost_summary({"repetitions": [rep, rep]})
    assert summary["idle_instructions_per_s"] == 2_000.0
    assert summary["timer_share"] == pytest.approx(0.01)


def test_load_summary_flags_saturated_generator_and_errors(sample_run):
    cell = sample_run["load"][0]
    first = cell["rounds"][0]["windows"][0]
    first["cpu_busy"] = 0.95
    first["socket_errors"]["timeout"] = 100  # 0.5% of 19,500
    summary = runner.load_summary(cell)
    assert summary["generator_saturated"] and summary["errors_flagged"]
    assert summary["socket_errors"]["timeout"] == 100
    assert summary["requests_per_s"]["median"] == 6500
    assert summary["peak_rss_mib"] == 40 and summary["ranked"]


def test_a_window_with_no_completed_request_is_flagged_not_zero_latency(sample_run):
    cell = copy.deepcopy(sample_run["load"][0])
    cell["rounds"][1]["windows"][0] = window(0, 0)
    summary = runner.load_summary(cell, 3)
    assert summary["empty_windows"] == 1 and not summary["ranked"]
    # Latency comes from the windows that completed requests, not from a stored 0 ms.
    assert summary["latency_ms"]["99"] == 25.0


def test_a_p99_over_half_the_window_is_flagged_and_not_ranked(sample_run):
    cell = copy.deepcopy(sample_run["load"][0])
    for rnd in cell["rounds"]:
        rnd["windows"] = [window(250, 991.0, seconds=1.0)]
    summary = runner.load_summary(cell, 1)
    assert summary["p99_over_half_window"] and not summary["ranked"]
    assert not runner.load_summary(cell, 3)["p99_over_half_window"]  # 3 s window: fine


def test_a_cell_measured_while_another_process_took_a_core_is_flagged_and_not_ranked(
    sample_run,
):
    cell = copy.deepcopy(sample_run["load"][0])
    quiet = runner.load_summary(cell, 3)
    assert quiet["foreign_cores_max"] is None and not quiet["machine_busy"]  # not measured
    for rnd in cell["rounds"]:
        rnd["windows"][0] |= {"foreign_cpu_s": 0.03, "steal_s": 0.0}
    assert runner.load_summary(cell, 3)["foreign_cores_max"] == pytest.approx(0.01)
    assert runner.load_summary(cell, 3)["ranked"]
    cell["rounds"][2]["windows"][0] |= {"foreign_cpu_s": 0.9, "steal_s": 0.3}
    busy = runner.load_summary(cell, 3)
    assert busy["foreign_cores_max"] == pytest.approx(0.4)
    assert busy["machine_busy"] and not busy["ranked"]
