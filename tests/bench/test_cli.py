"""run_benchmarks.py's choices: where results go, which charts it may touch, --workers, --resume."""

import importlib.util
from pathlib import Path

import pytest

from apiguide import registry
from apiguide.bench import results, runner, workers
from apiguide.registry import ROOT

spec = importlib.util.spec_from_file_location("run_benchmarks", ROOT / "scripts/run_benchmarks.py")
cli = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cli)


def config_for(*argv: str) -> runner.Config:
    parser = cli.run_parser()
    if "--quick" in argv:
        parser.set_defaults(**cli.QUICK_DEFAULTS)
    return cli.config_from(parser.parse_args(list(argv)), parser)


def test_only_a_full_run_goes_where_the_site_reads():
    assert config_for().results_path.parent == results.DEFAULT_DIR
    for argv in (
        ["--quick"],
        ["--frameworks", "fastapi"],
        ["--scenarios", "json"],
        ["--measure", "cost"],
        ["--shard", "1/2"],
        ["--workers", "2"],
    ):
        assert config_for(*argv).results_path.parent == results.SCRATCH_DIR, argv


def test_a_quick_run_may_not_write_the_sites_results(capsys):
    with pytest.raises(SystemExit):
        config_for("--quick", "--results-dir", str(results.DEFAULT_DIR))
    assert "cannot write to" in capsys.readouterr().err


def test_the_scratch_folder_is_ignored_by_git():
    ignore = (results.SCRATCH_DIR / ".gitignore").read_text().split()
    assert "*" in ignore and "!.gitignore" in ignore


def test_quick_defaults_and_labels():
    config = config_for("--quick")
    assert config.quick and [fw.slug for fw in config.frameworks] == cli.QUICK_FRAMEWORKS.split(",")
    assert config.rounds == 2  # an interval needs more than one round
    scaled = config_for("--workers", "4", "--frameworks", "fastapi")
    assert scaled.workers == 4 and scaled.results_path.name.endswith("-w4.json")


def test_resume_rebuilds_the_configuration_from_the_file(tmp_path):
    config = config_for("--frameworks", "fastapi,flask", "--rounds", "5", "--seed", "7")
    again = runner.Config.from_dict(config.as_dict(), tmp_path / "run.json")
    assert again.as_dict() == config.as_dict()
    assert [fw.slug for fw in again.frameworks] == ["fastapi", "flask"]
    assert list(runner.round_plan(again)) == list(runner.round_plan(config))


def test_workers_rewrite_each_servers_own_option():
    fastapi = workers.with_workers(registry.get("fastapi"), 3)
    assert "--workers 3" in fastapi.command() and "--workers 1" not in fastapi.command()
    assert "--workers 3" in workers.with_workers(registry.get("flask"), 3).command()
    assert "--workers=3" in workers.with_workers(registry.get("sanic"), 3).command()
    assert workers.with_workers(registry.get("fastapi"), 1) is registry.get("fastapi")
    with pytest.raises(workers.WorkersUnsupported, match="no worker-process option"):
        workers.with_workers(registry.get("aiohttp"), 2)
    assert workers.describe(registry.get("tornado"), 2) is None


def test_a_framework_without_workers_fails_its_cells_and_the_run_goes_on(tmp_path):
    config = runner.Config(
        frameworks=[registry.get("aiohttp")],
        scenarios=[cli.scenarios.SCENARIOS["json"]],
        results_path=tmp_path / "run.json",
        measure="load",
        rounds=1,
        workers=2,
    )
    data = runner.execute(config)
    (cell,) = data["load"]
    assert cell["status"] == "failed" and "no worker-process option" in cell["error"]
    assert data["config"]["workers"] == 2 and data["complete"]


def test_schema_subcommand_prints_the_json_schema(capsys):
    assert cli.main(["schema"]) == 0
    assert '"title": "Run"' in capsys.readouterr().out


def test_site_charts_are_left_alone_by_partial_runs(capsys, tmp_path):
    with pytest.raises(SystemExit):
        cli.main(
            [
                "--quick",
                "--results-dir",
                str(tmp_path),
                "--charts-dir",
                str(Path(cli.charts.DEFAULT_DIR)),
            ]
        )
    assert "only a full run redraws the site's charts" in capsys.readouterr().err


def test_import_time_imports_the_app_the_way_the_launcher_serves_it():
    from apiguide.bench import startup

    folder, module, _ = startup.app_module(registry.get("fastapi"))
    assert folder.is_relative_to(ROOT / "examples") and (folder / f"{module}.py").exists()
    assert startup.import_seconds(registry.get("fastapi")) > 0


def test_server_pinning_follows_the_worker_count(monkeypatch):
    monkeypatch.setattr(runner.os, "cpu_count", lambda: 8)
    one = runner.Config(frameworks=[], scenarios=[], results_path=Path())
    assert (one.server_cores(), one.wrk_core()) == ("0", "7")
    four = runner.Config(frameworks=[], scenarios=[], results_path=Path(), workers=4)
    assert four.server_cores() == "0-3"
    monkeypatch.setattr(runner.os, "cpu_count", lambda: 2)
    assert four.server_cores() == "0"  # two cores: one for the server, one for wrk


def test_the_progress_estimate_counts_only_the_measures_that_run():
    full = config_for("--frameworks", "fastapi")
    parts = [
        config_for("--frameworks", "fastapi", "--measure", m) for m in ("cost", "load", "rate")
    ]
    total = runner._total_weight(full)
    assert all(0 < runner._total_weight(part) < total for part in parts)
    startup = full.startup_step_weight() * len(full.frameworks)
    assert sum(runner._total_weight(part) for part in parts) + startup == total
