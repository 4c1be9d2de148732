"""Rows of a results document, shaped for tables and charts (one home for both)."""

from __future__ import annotations

from dataclasses import dataclass

from apiguide.bench import stats


@dataclass(frozen=True)
class CostRow:
    slug: str
    name: str
    status: str
    instructions: float | None  # per request: median over segments
    spread: float | None
    flagged: bool
    error: str | None
    amortised_mean: float | None = None  # every segment, spikes included
    idle_per_s: float | None = None  # timer work of the idle server, instructions/s
    timer_share: float | None = None  # estimated share of a segment that was timer work


@dataclass(frozen=True)
class LoadRow:
    slug: str
    name: str
    status: str
    rps: stats.Interval | None
    rank: int | None  # tie-group rank; None when not ranked (flagged or not ok)
    latency_ms: dict[str, float]
    peak_rss_mib: float | None
    failed_requests: int
    flags: tuple[str, ...]
    error: str | None


def name_of(run: dict, slug: str) -> str:
    return run["metadata"]["frameworks"].get(slug, {}).get("name", slug)


def scenarios_in(run: dict, kind: str) -> list[str]:
    return list(dict.fromkeys(cell["scenario"] for cell in run[kind]))


def concurrencies_in(run: dict, scenario: str) -> list[int]:
    return sorted({c["concurrency"] for c in run["load"] if c["scenario"] == scenario})


def cost_rows(run: dict, scenario: str) -> list[CostRow]:
    """Cheapest first; cells that are not ok last."""
    rows = []
    for cell in run["cost"]:
        if cell["scenario"] != scenario:
            continue
        summary = cell.get("summary") or {}
        rows.append(
            CostRow(
                slug=cell["framework"],
                name=name_of(run, cell["framework"]),
                status=cell["status"],
                instructions=summary.get("instructions_per_request"),
                spread=summary.get("spread"),
                flagged=bool(summary.get("flagged")),
                error=cell.get("error"),
                amortised_mean=summary.get("amortised_mean_per_request"),
                idle_per_s=summary.get("idle_instructions_per_s"),
                timer_share=summary.get("timer_share"),
            )
        )
    return sorted(rows, key=lambda r: (r.instructions is None, r.instructions or 0.0, r.slug))


def load_rows(run: dict, scenario: str, concurrency: int) -> list[LoadRow]:
    """Fastest first, ranked by tie groups (overlapping intervals share a rank).

    A cell whose p99 exceeds half its window, or with a window in which no
    request completed, is shown but not ranked: its numbers are bounded by the
    window, not by the server.
    """
    cells = [
        c for c in run["load"] if c["scenario"] == scenario and c["concurrency"] == concurrency
    ]
    intervals = {
        c["framework"]: stats.Interval(**c["summary"]["requests_per_s"])
        for c in cells
        if c["status"] == "ok"
    }
    ranked = {
        c["framework"]: intervals[c["framework"]]
        for c in cells
        if c["status"] == "ok" and c["summary"].get("ranked", True)
    }
    ranks = stats.tie_groups(ranked)
    rows = []
    for cell in cells:
        summary = cell.get("summary") or {}
        flags = []
        if summary.get("empty_windows"):
            flags.append(f"{summary['empty_windows']} window(s) completed no request")
        if summary.get("p99_over_half_window") and not summary.get("empty_windows"):
            flags.append(f"p99 over half the {summary['window_s']:g} s window: not ranked")
        if summary.get("machine_busy"):
            flags.append(
                f"another process took {summary['foreign_cores_max']:.0%} of a core "
                "during a window: not ranked"
            )
        if summary.get("generator_saturated"):
            flags.append("load generator over 90% busy")
        if summary.get("errors_flagged"):
            flags.append(f"{summary['error_rate']:.2%} of requests failed")
        failed = sum(summary.get("socket_errors", {}).values()) + summary.get("non_2xx_3xx", 0)
        rows.append(
            LoadRow(
                slug=cell["framework"],
                name=name_of(run, cell["framework"]),
                status=cell["status"],
                rps=intervals.get(cell["framework"]),
                rank=ranks.get(cell["framework"]),
                latency_ms=summary.get("latency_ms", {}),
                peak_rss_mib=summary.get("peak_rss_mib"),
                failed_requests=failed,
                flags=tuple(flags),
                error=cell.get("error"),
            )
        )
    return sorted(rows, key=lambda r: (r.rps is None, -(r.rps.median if r.rps else 0), r.slug))


def peak_memory(run: dict) -> dict[str, float]:
    """Each framework's highest peak RSS (MiB) over its load cells."""
    peaks: dict[str, float] = {}
    for cell in run["load"]:
        value = (cell.get("summary") or {}).get("peak_rss_mib")
        if value is not None:
            peaks[cell["framework"]] = max(value, peaks.get(cell["framework"], 0.0))
    return peaks


def cost_method(run: dict) -> str:
    """How a run's instruction counts were made (the method changed once, 2026-11-25)."""
    plan = run["config"].get("cost_plan") or {}
    if "segments" in plan:
        return f"median of {plan['segments']} segments"
    if "low" in plan:
        return f"difference {plan['low']}/{plan['high']} requests"
    return "?"


def load_method(run: dict) -> str:
    """How a run's load numbers were made: rounds, windows and their length."""
    cfg = run["config"]
    io = cfg.get("io_duration_s")
    window = f"{cfg['duration_s']} s" + (f", io {io} s" if io and io != cfg["duration_s"] else "")
    return f"{cfg['rounds']} rounds {chr(0xD7)} {cfg['windows']} window(s) of {window}"
