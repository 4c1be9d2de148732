"""A broken framework is recorded and the run goes on; nothing is left running."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from apiguide import launcher
from apiguide.bench import procstat, results, runner, startup, wrk
from apiguide.registry import ROOT
from tests.bench.conftest import fake_config, fake_framework


def cells_by_framework(data: dict, kind: str) -> dict[str, dict]:
    return {cell["framework"]: cell for cell in data[kind]}


def test_failures_are_recorded_and_the_run_continues(tmp_path):
    config = fake_config(tmp_path, "exit", "dies", "wrong", "ok")
    data = runner.execute(config)
    assert data["complete"] is True
    cells = cells_by_framework(data, "load")
    assert cells["fake-exit"]["status"] == "failed"
    assert "refusing to start" in cells["fake-exit"]["error"]
    assert cells["fake-dies"]["status"] == "failed"
    assert "exited" in cells["fake-dies"]["error"] or "wrk" in cells["fake-dies"]["error"]
    assert cells["fake-wrong"]["status"] == "invalid"
    assert "Goodbye" in cells["fake-wrong"]["error"]
    ok = cells["fake-ok"]
    assert ok["status"] == "ok" and [r["round"] for r in ok["rounds"]] == [1, 2]
    assert ok["summary"]["requests_per_s"]["median"] > 0
    assert ok["summary"]["peak_rss_mib"] > 0
    # The file on disk is the same document, and no server outlived the run.
    assert results.read(config.results_path) == data
    assert not launcher._RUNNING


def test_a_server_that_cannot_start_fails_its_cost_cells(tmp_path):
    data = runner.execute(fake_config(tmp_path, "exit", measure="cost"))
    (cell,) = data["cost"]
    assert cell["status"] == "failed" and "refusing to start" in cell["error"]


def test_ctrl_c_saves_finished_cells_and_stops_the_server(tmp_path, monkeypatch):
    config = fake_config(tmp_path, "ok", rounds=1)
    started = []
    real_run = wrk.run

    def interrupted(url, *args, **kwargs):
        started.extend(launcher._RUNNING.values())
        real_run(url, *args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(wrk, "run", interrupted)
    with pytest.raises(KeyboardInterrupt):
        runner.execute(config)
    saved = results.read(config.results_path)
    assert saved["interrupted"] is True and saved["complete"] is False
    assert saved["finished_utc"]
    (server,) = started
    assert not server.alive() and not procstat.group_pids(server.pid)


def test_an_interrupted_run_resumes_where_it_stopped(tmp_path, monkeypatch):
    config = fake_config(tmp_path, "ok", rounds=2)
    calls = []
    real_run = wrk.run

    def stop_in_round_two(url, *args, **kwargs):
        calls.append(url)
        if len(calls) == 3:  # round 1: warm-up and one window; then round 2's warm-up
            raise KeyboardInterrupt
        return real_run(url, *args, **kwargs)

    monkeypatch.setattr(wrk, "run", stop_in_round_two)
    with pytest.raises(KeyboardInterrupt):
        runner.execute(config)
    saved = results.read(config.results_path)
    (cell,) = saved["load"]
    assert saved["interrupted"] and cell["status"] == "pending"
    assert [r["round"] for r in cell["rounds"]] == [1]
    monkeypatch.setattr(wrk, "run", real_run)

    data = runner.execute(config, resume=saved)
    (cell,) = data["load"]
    assert data["complete"] and not data["interrupted"] and data["resumed_utc"]
    assert [r["round"] for r in cell["rounds"]] == [1, 2]
    assert cell["rounds"][0] == saved["load"][0]["rounds"][0]  # kept as measured
    assert cell["status"] == "ok" and cell["summary"]["rounds"] == 2
    assert not launcher._RUNNING


SIGTERM_SCRIPT = """
import sys
from pathlib import Path
from apiguide.bench import runner
from tests.bench.conftest import fake_config, fake_framework

tag = sys.argv[2]
config = fake_config(
    Path(sys.argv[1]), "ok", frameworks=[fake_framework("ok", tag=tag)], rounds=40
)
try:
    runner.execute(config)
except KeyboardInterrupt:
    sys.exit(130)
"""


def _processes_with(tag: str) -> list[int]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if tag.encode() in cmdline.read_bytes():
                found.append(int(cmdline.parent.name))
        except OSError:
            pass
    return found


def test_sigterm_is_handled_like_ctrl_c(tmp_path):
    tag = f"sigterm-test-{os.getpid()}-{tmp_path.name}"
    process = subprocess.Popen(
        [sys.executable, "-c", SIGTERM_SCRIPT, str(tmp_path), tag],
        cwd=ROOT,
        env=launcher.environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    path = tmp_path / "run.json"
    try:
        deadline = time.monotonic() + 120
        # Wait until a round is saved and a fresh server is up (each round starts one).
        while time.monotonic() < deadline:
            measured = path.exists() and any(c["rounds"] for c in results.read(path)["load"])
            if measured and _processes_with(tag):
                break
            time.sleep(0.05)
        assert _processes_with(tag), "the fake server should be running mid-run"
        process.send_signal(signal.SIGTERM)
        assert process.wait(60) == 130, process.stdout.read().decode()[-2000:]
    finally:
        if process.poll() is None:
            process.kill()
    saved = results.read(path)
    assert saved["interrupted"] is True and saved["complete"] is False
    assert saved["finished_utc"]
    assert not _processes_with(tag)  # every server it started is gone


def test_start_up_is_timed_to_the_first_answer():
    sample = startup.measure(fake_framework("ok"))
    assert sample["first_answer_s"] > 0 and sample["import_s"] > 0
    assert "instructions" not in sample
    summary = startup.summary([sample, {**sample, "first_answer_s": 9.0}, sample])
    assert summary["first_answer_s"] == sample["first_answer_s"] and summary["samples"] == 3
    with pytest.raises(launcher.ServerStartError, match="refusing to start"):
        startup.time_to_first_answer(fake_framework("exit"))


def test_a_run_stops_only_the_servers_it_started(tmp_path):
    other = launcher.start_framework(fake_framework("ok"))  # e.g. a test's live server
    try:
        runner.execute(fake_config(tmp_path, "ok", rounds=1))
        assert other.alive() and other.pid in launcher._RUNNING
    finally:
        other.stop()
