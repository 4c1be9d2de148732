"""Read results files written with an older schema: each version's step to the next.

Version 1 (2026-11-25): windows stored wrk's zero latency for a window that
completed no request; load intervals were bootstrapped over all windows
(rounds times windows, as if independent); ranks counted entries strictly better.
Version 2: a window that completed nothing has no latency, summaries carry the
between-round interval, the p99-against-window flag and the amortised mean
cost. Migrating recomputes every summary from the raw numbers, so old runs are
shown by the current method; the raw numbers are kept as measured.
Version 3: windows and fixed-rate steps record the CPU other processes took
while they were measured (and the hypervisor stole); a load cell measured on a
busy machine is flagged and not ranked. Older runs did not measure it: their
summaries say so (``foreign_cores_max`` is None).
"""

from __future__ import annotations

from apiguide.bench import schema


def _v1_to_v2(data: dict) -> dict:
    from apiguide.bench import runner  # runner imports results, which imports this lazily

    data = {**data, "schema": 2}
    data.setdefault("startup", [])
    data.setdefault("rate", [])
    data.setdefault("interrupted", False)
    config = data["config"]
    for cell in data.get("load", []):
        for rnd in cell.get("rounds", []):
            for window in rnd["windows"]:
                if not window["requests"]:
                    window["latency_ms"] = None
        if cell["status"] == "ok" and cell.get("rounds"):
            cell["summary"] = runner.load_summary(cell, config.get("duration_s"))
    for cell in data.get("cost", []):
        cell.setdefault("repetitions", [])
        if cell["status"] == "ok" and cell["repetitions"]:
            if all("segments" in rep for rep in cell["repetitions"]):
                cell["summary"] = runner.cost_summary(cell)
            else:  # first method: no segments to average
                cell["summary"] = {**cell["summary"], "amortised_mean_per_request": None}
    return data


def _v2_to_v3(data: dict) -> dict:
    from apiguide.bench import runner

    data = {**data, "schema": 3}
    for cell in data.get("load", []):
        if cell["status"] == "ok" and cell.get("rounds"):
            window_s = (cell.get("summary") or {}).get("window_s")
            cell["summary"] = runner.load_summary(cell, window_s)
    return data


STEPS = {1: _v1_to_v2, 2: _v2_to_v3}


def to_current(data: dict) -> dict:
    """``data`` in schema ``schema.VERSION`` (unchanged if it already is)."""
    version = data.get("schema")
    while version != schema.VERSION:
        if version not in STEPS:
            raise ValueError(f"schema {version!r} is not one this code reads (1..{schema.VERSION})")
        data = STEPS[version](data)
        version = data["schema"]
    return data
