"""wrk's numbers come from JSON its Lua done() hook prints; callgrind totals from its files.

The .out files are wrk's complete output, captured from real runs here.
"""

import pytest

from apiguide.bench import callgrind, scenarios, wrk
from tests.bench.conftest import DATA


def test_wrk_json_run_is_read_exactly():
    result = wrk.parse((DATA / "wrk-json.out").read_text())
    assert result.requests == 6094
    assert result.duration_s == pytest.approx(1.000460)
    assert result.requests_per_s == pytest.approx(6094 / 1.000460)
    # Microseconds from the histogram, not the rounded "8.69ms" of the text report.
    assert result.latency_ms == pytest.approx(
        {"50": 0.698, "75": 2.454, "90": 4.757, "99": 22.073, "99.9": 28.710}
    )
    assert result.latency_max_ms == pytest.approx(28.860)
    assert result.socket_errors == {"connect": 0, "read": 0, "write": 0, "timeout": 0}
    assert result.non_2xx_3xx == 0 and result.bytes == 926288 and not result.empty


def test_wrk_error_counts():
    errors = wrk.parse((DATA / "wrk-socket-errors.out").read_text())
    assert errors.socket_errors == {"connect": 0, "read": 18438, "write": 0, "timeout": 0}
    rejected = wrk.parse((DATA / "wrk-non2xx.out").read_text())
    assert rejected.non_2xx_3xx == rejected.requests == 12271


def test_a_window_with_no_completed_request_has_no_latency():
    # wrk's empty histogram reports 0 for every percentile (and 2**64-1 as its minimum).
    empty = wrk.parse((DATA / "wrk-empty.out").read_text())
    assert empty.empty and empty.requests == 0 and empty.requests_per_s == 0
    assert empty.latency_ms is None and empty.latency_mean_ms is None


def test_wrk_lua_run_is_read_the_same_way():
    result = wrk.parse((DATA / "wrk-api.out").read_text())
    assert result.requests == 5446
    assert result.latency_ms["99"] == pytest.approx(8.686)


@pytest.mark.parametrize(
    "output",
    [
        "unable to connect to 127.0.0.1:1 Connection refused\n",
        "WRK_RESULT_JSON {not json\n",
        "WRK_RESULT_JSON {}\nWRK_RESULT_JSON {}\n",
    ],
)
def test_wrk_without_one_readable_result_line_is_an_error(output):
    with pytest.raises(wrk.WrkError):
        wrk.parse(output)


def test_every_script_has_the_done_hook_and_a_request_cycle_only_when_needed():
    plain = wrk.lua_script(scenarios.SCENARIOS["json"])
    assert "done = function(summary, latency, requests)" in plain
    assert "request = function()" not in plain
    script = wrk.lua_script(scenarios.SCENARIOS["api"])
    assert 'wrk.format("POST", "/items", {["Content-Type"] = "application/json"}, [==[{' in script
    assert 'wrk.format("GET", "/items/42?q=bench", {}, nil)' in script
    assert script.count("wrk.format") == 2 and "done = function" in script


def test_wrk_flags_keep_alive():
    assert wrk.flags(64, 2) == ["-t1", "-c64", "-d2s", "--timeout=8s"]


def test_callgrind_total_matches_valgrinds_own_summary():
    # valgrind printed "I refs: 126,637" for this run of /bin/true.
    assert callgrind.total_instructions(DATA / "callgrind.out.true") == 126_637


def test_callgrind_file_without_totals(tmp_path):
    broken = tmp_path / "cg.1"
    broken.write_text("# callgrind format\nversion: 1\n")
    with pytest.raises(ValueError, match="no totals"):
        callgrind.total_instructions(broken)


def test_cost_median_ignores_one_rare_event_and_the_amortised_mean_keeps_it():
    # The third segment holds a full garbage collection worth 30M instructions.
    segments = [400_100_000, 399_900_000, 430_400_000, 400_000_000, 400_200_000]
    counts = callgrind.SegmentCounts(100, segments)
    assert counts.per_request == 4_001_000
    assert counts.amortised_mean == 4_061_200
    assert counts.as_dict()["segments"] == counts.instructions


def test_cheap_servers_get_longer_segments():
    plan = callgrind.CostPlan(scenario_warmup=20, segment_requests=50, segment_instructions=40e6)
    assert plan.segment_size(20 * 2_000_000) == 50  # expensive: the minimum
    assert plan.segment_size(20 * 100_000) == 400  # cheap: about 40M instructions
    assert plan.segment_size(0) == plan.max_segment_requests  # never unbounded
