"""Result files: one JSON per run in a history directory, written atomically.

The site reads ``benchmarks/results/`` (full runs only). Quick and partial runs
(a subset of frameworks, scenarios or measures, a shard, more than one worker)
go to ``benchmarks/scratch/``, which git ignores and the site never reads.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import platform
import subprocess
import tempfile
from pathlib import Path

from apiguide import registry
from apiguide.bench import schema
from apiguide.registry import ROOT

SCHEMA = schema.VERSION
DEFAULT_DIR = ROOT / "benchmarks" / "results"
SCRATCH_DIR = ROOT / "benchmarks" / "scratch"
FILE_MODE = 0o644  # readable by everyone, like any file in the repository


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _git(*args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10
        )
    except OSError:
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine_metadata() -> dict:
    status = _git("status", "--porcelain")
    return {
        "utc": utc_now(),
        "git_sha": _git("rev-parse", "HEAD"),
        "git_dirty": bool(status) if status is not None else None,
        "cpu_model": cpu_model(),
        "cores": os.cpu_count(),
        "kernel": platform.release(),
        "python": platform.python_version(),
    }


def framework_metadata(frameworks: list[registry.Framework], workers: int = 1) -> dict[str, dict]:
    from apiguide.bench import workers as worker_options

    return {
        fw.slug: {
            "name": fw.name,
            "version": fw.version,
            "baseline": fw.baseline,
            "server": fw.server.name if fw.server else None,
            "server_version": fw.server.version if fw.server else None,
            "command": worker_options.describe(fw, workers) or fw.command(),
        }
        for fw in frameworks
    }


def write_atomic(path: Path, data: dict) -> None:
    """Write to a temporary file in the same directory, then rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, FILE_MODE)  # mkstemp creates 0600
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            json.dump(data, file, indent=1, sort_keys=False)
            file.write("\n")
            file.flush()
            os.fsync(file.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read(path: Path) -> dict:
    """A results file in the current schema: older versions are migrated, then validated.

    A site build reads every file many times; migrated, validated files are cached
    (as JSON text) by path, size and modification time, and each caller gets its own
    copy: parsing the text again is many times faster than deep-copying the dict.
    """
    info = path.stat()
    return json.loads(_read(path.resolve(), info.st_size, info.st_mtime_ns))


@functools.lru_cache(maxsize=64)
def _read(path: Path, _size: int, _mtime_ns: int) -> str:
    from apiguide.bench import migrate

    data = json.loads(path.read_text(encoding="utf-8"))
    try:
        data = migrate.to_current(data)
        schema.validate(data)
    except ValueError as error:  # pydantic's ValidationError is a ValueError
        raise ValueError(f"{path}: {error}") from error
    return json.dumps(data)


def is_site_run(run: dict) -> bool:
    """A complete full run: every measure, not quick, not a shard, one worker."""
    config = run.get("config", {})
    return bool(
        run.get("complete")
        and not config.get("quick")
        and not config.get("shard")
        and config.get("workers", 1) == 1
    )


def run_file_name(started_utc: str, shard: str | None = None, workers: int = 1) -> str:
    stamp = started_utc.replace("-", "").replace(":", "")
    shard_part = "-shard-" + shard.replace("/", "of") if shard else ""
    workers_part = f"-w{workers}" if workers != 1 else ""
    return f"{stamp}{shard_part}{workers_part}.json"


def history(directory: Path = DEFAULT_DIR) -> list[dict]:
    """Every run in the directory, oldest first (file names start with the UTC time)."""
    return [read(path) for path in sorted(directory.glob("*.json"))]


def latest(directory: Path = DEFAULT_DIR) -> dict | None:
    """The newest complete full run; else the newest complete run; else the newest run."""
    runs = history(directory)
    full = [run for run in runs if is_site_run(run)]
    complete = [run for run in runs if run.get("complete")]
    chosen = full or complete or runs
    return chosen[-1] if chosen else None


def merge(runs: list[dict]) -> dict:
    """Combine parts of one run into one: shards (disjoint frameworks) or measures
    (a cost part and a load part)."""
    if not runs:
        raise ValueError("nothing to merge")
    first = runs[0]
    merged = {
        **first,
        "metadata": {
            **first["metadata"],
            "frameworks": {k: v for run in runs for k, v in run["metadata"]["frameworks"].items()},
            "shards": [
                {key: run["metadata"].get(key) for key in ("utc", "cpu_model", "cores", "git_sha")}
                | {"shard": run["config"].get("shard")}
                for run in runs
            ],
        },
        "cost": [cell for run in runs for cell in run["cost"]],
        "load": [cell for run in runs for cell in run["load"]],
        "startup": [cell for run in runs for cell in run.get("startup", [])],
        "rate": [cell for run in runs for cell in run.get("rate", [])],
        "complete": all(run.get("complete") for run in runs),
    }
    # Tool descriptions come from the part that used the tool (a cost part ran no wrk).
    meta = merged["metadata"]
    meta["wrk"] = next(
        (
            run["metadata"]["wrk"]
            for run in runs
            if (run["metadata"].get("wrk") or {}).get("version")
        ),
        meta.get("wrk"),
    )
    meta["valgrind"] = next(
        (run["metadata"]["valgrind"] for run in runs if run["metadata"].get("valgrind")), None
    )
    merged["config"] = {**first["config"], "shard": None}
    # A cost-only part and a load-only part make one run with both measures.
    measures = {run["config"].get("measure") for run in runs}
    merged["config"]["measure"] = measures.pop() if len(measures) == 1 else "both"
    merged["config"]["frameworks"] = sorted(
        {slug for run in runs for slug in run["config"].get("frameworks", [])}
    )
    merged["metadata"]["same_machine_model"] = (
        len({run["metadata"]["cpu_model"] for run in runs}) == 1
    )
    return merged
