"""A broken framework is recorded and the run goes on; nothing is left running."""

import pytest

from apiguide import launcher
from apiguide.bench import procstat, results, runner, wrk
from tests.bench.conftest import fake_config


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
