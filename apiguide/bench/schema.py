"""The typed shape of a results file (pydantic), and its version.

``VERSION`` is the ``schema`` number written into every file. Its
``FINGERPRINTS`` entry is a hash of the models' JSON Schema, and a test
recomputes it: changing the shape without a new version (and a migration in
apiguide/bench/migrate.py) fails the tests. ``python scripts/run_benchmarks.py
schema`` prints the JSON Schema.
"""

from __future__ import annotations

import hashlib
import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

VERSION = 3
FINGERPRINTS = {2: "fbe9d80fa0d81246", 3: "a1de0d20588a11ab"}  # see tests/bench/test_results.py

Status = Literal["pending", "ok", "failed", "invalid"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Interval(Strict):
    median: float
    low: float
    high: float
    n: int


class Window(Strict):
    requests: int
    duration_s: float
    requests_per_s: float
    latency_ms: dict[str, float] | None  # None: no request completed in the window
    latency_mean_ms: float | None = None
    latency_max_ms: float | None = None
    socket_errors: dict[str, int]
    non_2xx_3xx: int
    bytes: int | None = None
    cpu_s: float
    cpu_busy: float
    drain_s: float | None = None
    # Other processes' CPU seconds and stolen CPU seconds during the window (schema 3).
    foreign_cpu_s: float | None = None
    steal_s: float | None = None
    busy_retries: int | None = None  # windows discarded before this one: the machine was busy


class LoadRound(Strict):
    round: int
    windows: list[Window]
    peak_rss_kib: int | None = None
    idle_latency_ms: float | None = None


class LoadSummary(Strict):
    requests_per_s: Interval
    interval_method: str
    latency_ms: dict[str, float]
    socket_errors: dict[str, int]
    non_2xx_3xx: int
    error_rate: float
    errors_flagged: bool
    generator_busy_max: float
    generator_saturated: bool
    empty_windows: int
    window_s: float
    p99_over_half_window: bool
    foreign_cores_max: float | None = None  # None: not measured (runs before schema 3)
    machine_busy: bool = False
    ranked: bool
    peak_rss_mib: float | None
    rounds: int
    windows: int


class LoadCell(Strict):
    framework: str
    scenario: str
    concurrency: int
    status: Status
    error: str | None = None
    rounds: list[LoadRound] = []
    summary: LoadSummary | None = None


class CostRepetition(Strict):
    per_request: float
    requests: int | None = None  # per segment
    segments: list[int] | None = None  # instructions per segment
    segment_seconds: list[float] | None = None  # wall time per segment (under valgrind)
    idle_instructions_per_s: float | None = None  # timer work of the idle server
    low: int | None = None  # first method (2026-11-25): the two segment totals
    high: int | None = None


class CostSummary(Strict):
    instructions_per_request: float
    amortised_mean_per_request: float | None = None
    spread: float
    flagged: bool
    idle_instructions_per_s: float | None = None
    timer_share: float | None = None


class CostCell(Strict):
    framework: str
    scenario: str
    status: Status
    error: str | None = None
    repetitions: list[CostRepetition] = []
    plan: dict[str, float] | None = None
    summary: CostSummary | None = None


class StartupSample(Strict):
    first_answer_s: float
    import_s: float
    instructions: int | None = None


class StartupSummary(Strict):
    first_answer_s: float
    import_s: float
    instructions: float | None = None
    samples: int


class StartupCell(Strict):
    framework: str
    status: Status
    error: str | None = None
    samples: list[StartupSample] = []
    summary: StartupSummary | None = None


class RateStep(Strict):
    fraction: float
    offered_rps: float
    achieved_rps: float
    requests: int
    failed: int
    latency_ms: dict[str, float] | None
    duration_s: float
    clients: int
    held: bool
    foreign_cpu_s: float | None = None
    steal_s: float | None = None


class RateRound(Strict):
    round: int
    capacity_rps: float
    steps: list[RateStep]


class RateSummaryRow(Strict):
    fraction: float
    offered_rps: float
    achieved_rps: float
    held: bool
    failed: int
    rounds: int
    p50_ms: float | None
    p50_range_ms: list[float] | None
    p99_ms: float | None
    p99_range_ms: list[float] | None


class RateCell(Strict):
    framework: str
    scenario: str
    status: Status
    error: str | None = None
    rounds: list[RateRound] = []
    summary: list[RateSummaryRow] | None = None


class Metadata(Open):
    utc: str
    git_sha: str | None = None
    cpu_model: str
    cores: int
    kernel: str | None = None
    python: str | None = None
    frameworks: dict[str, dict]
    wrk: dict | None = None
    valgrind: str | None = None


class RunConfig(Open):
    measure: Literal["cost", "load", "rate", "both"] = "both"
    frameworks: list[str] = []
    rounds: int
    duration_s: int
    windows: int
    workers: int = 1
    quick: bool = False
    shard: str | None = None


class Run(Strict):
    schema_version: Literal[3] = Field(alias="schema")
    metadata: Metadata
    config: RunConfig
    cost: list[CostCell]
    load: list[LoadCell]
    startup: list[StartupCell] = []
    rate: list[RateCell] = []
    complete: bool
    interrupted: bool = False
    finished_utc: str | None = None
    resumed_utc: list[str] = []


def json_schema() -> dict:
    return Run.model_json_schema(by_alias=True)


def fingerprint() -> str:
    text = json.dumps(json_schema(), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def validate(data: dict) -> None:
    """Raise pydantic.ValidationError if ``data`` is not a current results document."""
    Run.model_validate(data)
