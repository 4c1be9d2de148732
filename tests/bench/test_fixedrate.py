"""Latency at a fixed offered load (h2load): log parsing, summaries, and a real run."""

import numpy as np
import pytest

from apiguide.bench import fixedrate, results, runner
from apiguide.bench.progress import Progress
from tests.bench.conftest import DATA, fake_config


def test_percentiles_come_from_every_logged_request():
    text = (DATA / "h2load-json.tsv").read_text()
    requests, failed, latency = fixedrate.parse_log(text)
    micros = [int(line.split("\t")[2]) for line in text.splitlines()]
    assert requests == len(micros) == 40 and failed == 0
    assert latency["99"] == pytest.approx(np.percentile(micros, 99) / 1e3)


def test_error_answers_and_failed_streams_count_as_failed():
    requests, failed, latency = fixedrate.parse_log((DATA / "h2load-404.tsv").read_text())
    assert requests == failed == 40 and latency is None
    requests, failed, latency = fixedrate.parse_log("1\t-1\t0\n2\t200\t1500\n")
    assert (requests, failed, latency["50"]) == (2, 1, 1.5)


def test_flags_share_the_rate_among_the_connections():
    assert fixedrate.flags(2560, 2, 1, 256) == [
        "--h1",
        "--clients=256",
        "--rps=10.000",
        "--duration=2",
        "--warm-up-time=1",
    ]


def test_connections_keep_their_requests_apart_by_a_few_idle_latencies():
    # A fast server: the 2 ms floor. 10,000 req/s = 20 connections at 500 req/s each.
    assert fixedrate.clients_for(10_000, idle_ms=0.2) == 20
    # The io scenario answers in 10 ms: 30 ms apart, so 3,000 req/s needs 90 connections.
    assert fixedrate.clients_for(3_000, idle_ms=10.0) == 90
    assert fixedrate.clients_for(0.5, idle_ms=1.0) == 1
    assert fixedrate.clients_for(1e9, idle_ms=10.0) == fixedrate.MAX_CLIENTS


def test_summary_takes_medians_over_rounds_and_flags_a_rate_not_held():
    def step(fraction, p99, achieved):
        return fixedrate.RateStep(
            fraction, 100.0, achieved, 200, 0, {"50": p99 / 5, "90": p99 / 2, "99": p99}, 2.0, 4
        ).as_dict()

    rows = fixedrate.summary(
        [[step(0.5, 10, 100), step(0.9, 50, 90)], [step(0.5, 14, 99), step(0.9, 70, 99)]]
    )
    assert [r["fraction"] for r in rows] == [0.5, 0.9]
    assert rows[0]["p99_ms"] == 12 and rows[0]["p99_range_ms"] == [10, 14] and rows[0]["held"]
    assert not rows[1]["held"]  # 90 of 100 offered in one round


def test_fixed_rate_steps_against_a_real_server(tmp_path):
    config = fake_config(tmp_path, "ok", rounds=1)
    data = runner.execute(config)
    run = runner.Run(
        runner.config_with(config, measure="rate", rate_rounds=1, rate_duration=1), data
    )
    runner.run_rate(run, Progress(1.0))
    (cell,) = run.data["rate"]
    assert cell["status"] == "ok", cell["error"]
    (rnd,) = cell["rounds"]
    capacity = data["load"][0]["summary"]["requests_per_s"]["median"]
    assert rnd["capacity_rps"] == capacity
    assert [s["fraction"] for s in rnd["steps"]] == list(fixedrate.FRACTIONS)
    for step in rnd["steps"]:
        assert step["offered_rps"] == pytest.approx(capacity * step["fraction"])
        assert step["requests"] > 0 and step["latency_ms"]["99"] > 0 and step["clients"] >= 1
    assert [r["fraction"] for r in cell["summary"]] == list(fixedrate.FRACTIONS)
    assert results.read(config.results_path)["rate"] == run.data["rate"]
