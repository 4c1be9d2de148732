"""Result files: atomic writes, history, merging shards, progress display."""

import copy
import io
import json
import stat

import pytest

from apiguide.bench import migrate, results, schema
from apiguide.bench.progress import Progress
from apiguide.registry import ROOT


def test_atomic_write_round_trip_leaves_no_temporary_file(tmp_path, sample_run):
    path = tmp_path / "run.json"
    results.write_atomic(path, sample_run)
    results.write_atomic(path, {**sample_run, "complete": False})
    assert results.read(path)["complete"] is False
    assert [p.name for p in tmp_path.iterdir()] == ["run.json"]


def test_failed_write_keeps_the_previous_file(tmp_path, sample_run):
    path = tmp_path / "run.json"
    results.write_atomic(path, sample_run)
    with pytest.raises(TypeError):
        results.write_atomic(path, {"schema": 2, "bad": object()})
    assert results.read(path) == sample_run
    assert len(list(tmp_path.iterdir())) == 1


def test_result_files_are_readable_by_everyone(tmp_path, sample_run):
    path = tmp_path / "run.json"
    results.write_atomic(path, sample_run)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # mkstemp alone would give 0600


def test_unknown_schema_versions_are_refused(tmp_path):
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"schema": 0}))
    with pytest.raises(ValueError, match="schema 0"):
        results.read(path)


def test_a_document_of_the_wrong_shape_is_refused(tmp_path, sample_run):
    broken = copy.deepcopy(sample_run)
    broken["load"][0]["rounds"][0]["windows"][0]["requests"] = "many"
    results.write_atomic(tmp_path / "run.json", broken)
    with pytest.raises(ValueError, match="requests"):
        results.read(tmp_path / "run.json")


def test_the_schema_version_changes_when_the_shape_does():
    # If this fails, the models in apiguide/bench/schema.py changed: bump schema.VERSION,
    # add a step to apiguide/bench/migrate.py, and record the new fingerprint.
    assert schema.FINGERPRINTS[schema.VERSION] == schema.fingerprint()
    assert results.SCHEMA == schema.VERSION


def test_every_committed_results_file_still_loads(tmp_path):
    files = sorted((ROOT / "benchmarks" / "results").rglob("*.json"))
    assert files
    for path in files:
        run = results.read(path)
        assert run["schema"] == schema.VERSION


def test_version_1_files_are_migrated_by_recomputing_summaries(tmp_path):
    # Two cells of each kind from the first full run, as it was written (schema 1).
    v1 = json.loads((ROOT / "tests/bench/data/results-v1.json").read_text())
    assert v1["schema"] == 1
    cell = v1["load"][0]
    cell["rounds"][0]["windows"][0] |= {"requests": 0, "requests_per_s": 0.0}  # an empty window
    path = tmp_path / "v1.json"
    path.write_text(json.dumps(v1))
    run = results.read(path)
    migrated = run["load"][0]
    assert migrated["rounds"][0]["windows"][0]["latency_ms"] is None  # not wrk's 0 ms
    assert migrated["summary"]["empty_windows"] == 1 and not migrated["summary"]["ranked"]
    assert migrated["summary"]["requests_per_s"]["n"] == 3  # rounds, not windows
    assert "amortised_mean_per_request" in run["cost"][0]["summary"]
    assert migrate.to_current(run) is run  # current documents pass through


def test_latest_ignores_quick_and_partial_runs(tmp_path, sample_run):
    sample_run["metadata"]["utc"] = "2026-11-01T00:00:00Z"
    results.write_atomic(tmp_path / results.run_file_name("2026-11-01T00:00:00Z"), sample_run)
    for n, change in enumerate(({"quick": True}, {"workers": 2}, {"shard": "1/2"}), 2):
        newer = copy.deepcopy(sample_run)
        newer["metadata"]["utc"] = f"2026-11-0{n}T00:00:00Z"
        newer["config"].update(change)
        results.write_atomic(tmp_path / results.run_file_name(newer["metadata"]["utc"]), newer)
    assert results.latest(tmp_path)["metadata"]["utc"] == "2026-11-01T00:00:00Z"


def test_latest_prefers_the_newest_complete_run(tmp_path, sample_run):
    older = {**sample_run, "metadata": {**sample_run["metadata"], "utc": "2026-11-01T00:00:00Z"}}
    results.write_atomic(tmp_path / results.run_file_name("2026-11-01T00:00:00Z"), older)
    results.write_atomic(
        tmp_path / results.run_file_name("2026-11-02T00:00:00Z"), {**sample_run, "complete": False}
    )
    assert results.latest(tmp_path)["metadata"]["utc"] == "2026-11-01T00:00:00Z"
    assert len(results.history(tmp_path)) == 2
    assert results.latest(tmp_path / "empty") is None


def test_file_names_sort_by_time_and_name_shards():
    assert results.run_file_name("2026-11-25T10:00:00Z") == "20261125T100000Z.json"
    assert (
        results.run_file_name("2026-11-25T10:00:00Z", "2/3") == "20261125T100000Z-shard-2of3.json"
    )
    assert results.run_file_name("2026-11-25T10:00:00Z", workers=4) == "20261125T100000Z-w4.json"


def test_merge_combines_disjoint_shards(sample_run):
    first = {**sample_run, "cost": sample_run["cost"][:1], "config": {"shard": "1/2"}}
    second = {
        **sample_run,
        "cost": sample_run["cost"][1:],
        "load": [],
        "config": {"shard": "2/2"},
        "complete": False,
    }
    merged = results.merge([first, second])
    assert merged["cost"] == sample_run["cost"]
    assert merged["load"] == sample_run["load"]
    assert merged["complete"] is False
    assert merged["config"]["shard"] is None
    assert [s["shard"] for s in merged["metadata"]["shards"]] == ["1/2", "2/2"]
    assert merged["metadata"]["same_machine_model"] is True
    with pytest.raises(ValueError):
        results.merge([])


def test_machine_metadata_names_the_machine():
    meta = results.machine_metadata()
    assert meta["utc"].endswith("Z") and meta["cores"] >= 1 and meta["cpu_model"]
    assert meta["python"].startswith("3.")


def test_progress_line_shows_label_and_eta():
    stream = io.StringIO()
    progress = Progress(10.0, stream=stream)
    progress.show("cost fastapi")
    progress.advance(5.0)
    progress.show("load fastapi json")
    progress.close()
    first, second = stream.getvalue().splitlines()
    assert "ETA --:--" in first and first.endswith("cost fastapi")
    assert "50%" in second and "ETA 0:0" in second and second.endswith("load fastapi json")


def test_a_cost_part_and_a_load_part_merge_into_one_run():
    def part(measure: str, wrk_version: str | None, valgrind: str | None) -> dict:
        return {  # merge works on documents as read, without validating them
            "schema": results.SCHEMA,
            "metadata": {
                "utc": "2026-11-25T19:43:08Z",
                "cpu_model": "cpu",
                "cores": 2,
                "git_sha": "abc",
                "frameworks": {measure: {}},
                "wrk": {"version": wrk_version, "flags": ["-t1"]},
                "valgrind": valgrind,
            },
            "config": {"measure": measure, "frameworks": [measure], "shard": None},
            "cost": [{"framework": "x"}] if measure == "cost" else [],
            "load": [{"framework": "x"}] if measure == "load" else [],
            "complete": True,
        }

    merged = results.merge([part("cost", None, "valgrind-3.19.0"), part("load", "wrk 4.1", None)])
    assert merged["config"]["measure"] == "both"
    assert merged["metadata"]["wrk"]["version"] == "wrk 4.1"
    assert merged["metadata"]["valgrind"] == "valgrind-3.19.0"
    assert len(merged["cost"]) == len(merged["load"]) == 1 and merged["complete"]
