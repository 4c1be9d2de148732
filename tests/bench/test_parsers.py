"""The parsers of wrk's and callgrind's output, on output captured from real runs here."""

import pytest

from apiguide.bench import callgrind, scenarios, wrk
from tests.bench.conftest import DATA


def test_wrk_json_run():
    result = wrk.parse((DATA / "wrk-json.txt").read_text())
    assert result.requests == 32478
    assert result.duration_s == pytest.approx(2.0)
    assert result.requests_per_s == pytest.approx(16216.72)
    assert result.latency_ms == pytest.approx({"50": 3.25, "75": 4.97, "90": 5.69, "99": 6.24})
    assert result.socket_errors == {}
    assert result.non_2xx_3xx == 0


def test_wrk_units_and_error_counts():
    errors = wrk.parse((DATA / "wrk-socket-errors.txt").read_text())
    assert errors.socket_errors == {"connect": 0, "read": 19, "write": 0, "timeout": 0}
    assert errors.duration_s == pytest.approx(2.01)
    rejected = wrk.parse((DATA / "wrk-non2xx.txt").read_text())
    assert rejected.non_2xx_3xx == rejected.requests == 8656
    # "us" latencies elsewhere in the file do not disturb the ms percentiles.
    assert rejected.latency_ms["99"] == pytest.approx(3.46)


def test_wrk_lua_run_is_parsed_the_same_way():
    result = wrk.parse((DATA / "wrk-api.txt").read_text())
    assert result.requests_per_s == pytest.approx(8860.63)
    assert result.latency_ms["99"] == pytest.approx(14.48)


def test_wrk_garbage_is_an_error():
    with pytest.raises(wrk.WrkError, match="unexpected wrk output"):
        wrk.parse("unable to connect to 127.0.0.1:1 Connection refused\n")


def test_lua_script_only_when_needed():
    assert wrk.lua_script(scenarios.SCENARIOS["json"]) is None
    script = wrk.lua_script(scenarios.SCENARIOS["api"])
    assert 'wrk.format("POST", "/items", {["Content-Type"] = "application/json"}, [==[{' in script
    assert 'wrk.format("GET", "/items/42?q=bench", {}, nil)' in script
    assert script.count("wrk.format") == 2


def test_wrk_flags_keep_alive_and_latency():
    assert wrk.flags(64, 2) == ["-t1", "-c64", "-d2s", "--timeout=8s", "--latency"]


def test_callgrind_total_matches_valgrinds_own_summary():
    # valgrind printed "I refs: 126,637" for this run of /bin/true.
    assert callgrind.total_instructions(DATA / "callgrind.out.true") == 126_637


def test_callgrind_file_without_totals(tmp_path):
    broken = tmp_path / "cg.1"
    broken.write_text("# callgrind format\nversion: 1\n")
    with pytest.raises(ValueError, match="no totals"):
        callgrind.total_instructions(broken)


def test_cost_is_the_median_segment_so_one_rare_event_does_not_move_it():
    # The third segment holds a full garbage collection worth 30M instructions.
    segments = [400_100_000, 399_900_000, 430_400_000, 400_000_000, 400_200_000]
    counts = callgrind.SegmentCounts(100, segments)
    assert counts.per_request == 4_001_000  # the mean would be 4,061,000
    assert counts.as_dict()["segments"] == counts.instructions


def test_cheap_servers_get_longer_segments():
    plan = callgrind.CostPlan(scenario_warmup=20, segment_requests=50, segment_instructions=40e6)
    assert plan.segment_size(20 * 2_000_000) == 50  # expensive: the minimum
    assert plan.segment_size(20 * 100_000) == 400  # cheap: about 40M instructions
    assert plan.segment_size(0) == plan.max_segment_requests  # never unbounded
