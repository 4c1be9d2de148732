"""Markdown for the benchmark pages, rendered from the results files (site macros).

Register with ``register(env)`` from apiguide/macros.py's ``define_env``.
Every function reads the newest complete run in benchmarks/results/ (or
``results_dir``) and returns Markdown; with no results it says so.
"""

from __future__ import annotations

from pathlib import Path

from apiguide import registry
from apiguide.bench import agreement, charts, results, stats, views

NO_RESULTS = (
    '!!! note "No results yet"\n    Run `uv run python scripts/run_benchmarks.py` to measure.'
)
ARTICLE_TABLE = {  # the article's "TechEmpower Round 21" table: rps, p99 ms, "memory use/req" MB
    "robyn": (17_899, 41, 1.7),
    "fastapi": (14_356, 62, 2.1),
    "litestar": (13_980, 64, 2.2),
    "tornado": (9_467, 89, 3.4),
    "flask": (4_128, 198, 4.9),
    "drf": (3_892, 214, 5.8),
}
DASH, TIMES = "\u2013", "\u00d7"  # typographic dash and times sign in tables
KIND_LABELS = {"asgi": "ASGI", "wsgi": "WSGI", "own-server": "own server"}


def _run(results_dir: Path | None) -> dict | None:
    return results.latest(results_dir or results.DEFAULT_DIR)


def _status(status: str) -> str:
    return {"failed": "failed ✗", "invalid": "invalid ✗"}.get(status, status)


def _thousands(value: float) -> str:
    return f"{value / 1e3:,.1f}k"


def _interval(rps: stats.Interval) -> str:
    return f"{rps.median:,.0f} ({rps.low:,.0f}{DASH}{rps.high:,.0f})"


def _rate(rps: stats.Interval | None) -> str:
    return f"{rps.median:,.0f}" if rps else DASH


def measured_on(results_dir: Path | None = None) -> str:
    """One line saying which machine, software and commit produced the numbers."""
    run = _run(results_dir)
    if run is None:
        return NO_RESULTS
    meta = run["metadata"]
    sha = (meta.get("git_sha") or "unknown")[:10]
    wrk_version = (meta.get("wrk") or {}).get("version")
    if wrk_version:  # `wrk -v` ends its first line with a copyright notice
        wrk_version = wrk_version.split(" Copyright")[0]
    return (
        f"Measured {meta['utc'][:10]} on {meta['cpu_model']} ({meta['cores']} cores), "
        f"Linux {meta['kernel']}, Python {meta['python']}, commit `{sha}`; "
        f"{meta.get('valgrind') or 'no valgrind'}; {wrk_version or 'no wrk'}."
    )


def cost_table(results_dir: Path | None = None) -> str:
    """Instructions per request: one row per framework, one column per scenario."""
    run = _run(results_dir)
    if run is None or not run["cost"]:
        return NO_RESULTS
    scenario_names = views.scenarios_in(run, "cost")
    cells = {
        (row.slug, scenario): row
        for scenario in scenario_names
        for row in views.cost_rows(run, scenario)
    }
    order = [row.slug for row in views.cost_rows(run, scenario_names[0])]
    lines = [
        "| Framework | " + " | ".join(scenario_names) + " |",
        "|---|" + "---:|" * len(scenario_names),
    ]
    for slug in order:
        values = []
        for scenario in scenario_names:
            row = cells[(slug, scenario)]
            if row.instructions is None:
                values.append(_status(row.status))
            else:
                values.append(_thousands(row.instructions) + (" ⚠" if row.flagged else ""))
        lines.append(f"| {views.name_of(run, slug)} | " + " | ".join(values) + " |")
    lines.append(
        "\nThousands of instructions per request (fewer is better), the mean of "
        f"{run['config']['cost_repetitions']} runs on fresh servers; ⚠ marks a cell whose "
        "runs differ by more than 1%."
    )
    return "\n".join(lines)


def results_table(
    scenario: str, concurrency: int | None = None, results_dir: Path | None = None
) -> str:
    """Throughput and latency under wrk for one scenario, tied ranks for overlapping intervals."""
    run = _run(results_dir)
    levels = views.concurrencies_in(run, scenario) if run else []
    if run is None or not levels:
        return NO_RESULTS
    concurrency = concurrency or levels[0]
    lines = [
        "| Rank | Framework | Requests/s (95% interval) | p50 ms | p90 ms | p99 ms "
        "| Peak RSS MiB | Failed requests | Notes |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in views.load_rows(run, scenario, concurrency):
        if row.rps is None:
            note = (row.error or "").splitlines()[0][:120] if row.error else ""
            lines.append(f"| {DASH} | {row.name} | {_status(row.status)} | | | | | | {note} |")
            continue
        tied = sum(other.rank == row.rank for other in views.load_rows(run, scenario, concurrency))
        rank = f"={row.rank}" if tied > 1 else str(row.rank)
        lat = row.latency_ms
        rss = f"{row.peak_rss_mib:.0f}" if row.peak_rss_mib else DASH
        lines.append(
            f"| {rank} | {row.name} | {_interval(row.rps)}"
            f" | {lat['50']:.1f} | {lat['90']:.1f} | {lat['99']:.1f} | {rss} "
            f"| {row.failed_requests} | {'; '.join(row.flags)} |"
        )
    cfg = run["config"]
    lines.append(
        f"\n{scenario}, {concurrency} connections: median over {cfg['rounds']} rounds {TIMES} "
        f"{cfg['windows']} windows of {cfg['duration_s']:g} s. "
        "An equal sign marks frameworks whose intervals overlap: tied, not ranked."
    )
    return "\n".join(lines)


def history_table(scenario: str = "json", results_dir: Path | None = None) -> str:
    """Instructions per request for one scenario in every run, newest first."""
    runs = results.history(results_dir or results.DEFAULT_DIR)
    runs = [run for run in runs if any(c["scenario"] == scenario for c in run["cost"])]
    if not runs:
        return NO_RESULTS
    slugs = list(dict.fromkeys(row.slug for run in runs for row in views.cost_rows(run, scenario)))
    lines = [
        "| Date | Commit | CPU | Cost method | "
        + " | ".join(views.name_of(runs[-1], s) for s in slugs)
        + " |",
        "|---|---|---|---|" + "---:|" * len(slugs),
    ]
    for run in reversed(runs):
        costs = {row.slug: row for row in views.cost_rows(run, scenario)}
        values = [
            _thousands(costs[s].instructions) if s in costs and costs[s].instructions else DASH
            for s in slugs
        ]
        meta = run["metadata"]
        lines.append(
            f"| {meta['utc'][:10]} | `{(meta.get('git_sha') or '?')[:7]}` | {meta['cpu_model']} | "
            f"{views.cost_method(run)} | " + " | ".join(values) + " |"
        )
    return "\n".join(lines)


def chart(name: str, alt: str = "", charts_dir: Path | None = None) -> str:
    """Light and dark variants of a chart, for a page under docs/benchmarks/."""
    directory = charts_dir or charts.DEFAULT_DIR
    if not (directory / f"{name}-light.svg").exists():
        return f'!!! note "Chart not drawn yet"\n    `{name}` appears after a benchmark run.'
    alt = alt or name.replace("-", " ")
    base = f"../assets/charts/{name}"
    return f"![{alt}]({base}-light.svg#only-light)\n![{alt}]({base}-dark.svg#only-dark)"


def article_table(results_dir: Path | None = None) -> str:
    """The article's table beside what we measured for the same frameworks (json scenario)."""
    run = _run(results_dir)
    measured = {}
    if run and views.concurrencies_in(run, "json"):
        level = views.concurrencies_in(run, "json")[0]
        measured = {row.slug: row for row in views.load_rows(run, "json", level)}
    costs = {row.slug: row for row in views.cost_rows(run, "json")} if run else {}
    lines = [
        "| Framework | Article: req/s | Article: p99 | Article: memory/req "
        "| Measured: req/s (95% interval) | Measured: p99 | Measured: peak RSS | "
        "Measured: instructions/request |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for slug, (rps, p99, memory) in ARTICLE_TABLE.items():
        row, cost = measured.get(slug), costs.get(slug)
        got = (
            [
                _interval(row.rps),
                f"{row.latency_ms['99']:.1f} ms",
                f"{row.peak_rss_mib:.0f} MiB" if row.peak_rss_mib else DASH,
            ]
            if row and row.rps
            else ["not measured"] * 3
        )
        got.append(_thousands(cost.instructions) if cost and cost.instructions else DASH)
        lines.append(
            f"| {registry.get(slug).name} | {rps:,} | {p99} ms | {memory} MB | "
            + " | ".join(got)
            + " |"
        )
    return "\n".join(lines)


def compare(first: str, second: str, results_dir: Path | None = None) -> str:
    """Two frameworks side by side per scenario: cost ratio and throughput (tied if overlapping)."""
    run = _run(results_dir)
    if run is None:
        return NO_RESULTS
    a, b = views.name_of(run, first), views.name_of(run, second)
    lines = [
        f"| Scenario | {a} instr/req | {b} instr/req | {a} vs {b} (instructions) "
        f"| {a} req/s | {b} req/s | Throughput |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for scenario in views.scenarios_in(run, "cost") or views.scenarios_in(run, "load"):
        costs = {row.slug: row.instructions for row in views.cost_rows(run, scenario)}
        ca, cb = costs.get(first), costs.get(second)
        ratio = f"{(ca / cb - 1):+.0%}" if ca and cb else DASH
        level = (views.concurrencies_in(run, scenario) or [None])[0]
        load = {row.slug: row.rps for row in views.load_rows(run, scenario, level)} if level else {}
        ra, rb = load.get(first), load.get(second)
        if ra and rb:
            verdict = (
                "tied (intervals overlap)"
                if ra.overlaps(rb)
                else (f"{a} {ra.median / rb.median - 1:+.0%}")
            )
        else:
            verdict = DASH
        lines.append(
            f"| {scenario} | {_thousands(ca) if ca else DASH} | {_thousands(cb) if cb else DASH} "
            f"| {ratio} | {_rate(ra)} | {_rate(rb)} "
            f"| {verdict} |"
        )
    return "\n".join(lines)


def io_table(results_dir: Path | None = None) -> str:
    """p99 latency of the io scenario at each concurrency, by framework kind (ASGI vs WSGI)."""
    run = _run(results_dir)
    levels = views.concurrencies_in(run, "io") if run else []
    if run is None or not levels:
        return NO_RESULTS
    by_level = {level: {r.slug: r for r in views.load_rows(run, "io", level)} for level in levels}
    slugs = sorted({slug for rows in by_level.values() for slug in rows})
    header = " | ".join(f"req/s @{n} | p99 ms @{n}" for n in levels)
    lines = [f"| Framework | Kind | {header} |", "|---|---|" + "---:|---:|" * len(levels)]
    for slug in sorted(slugs, key=lambda s: (registry_kind(s), s)):
        values = []
        for level in levels:
            row = by_level[level].get(slug)
            if row and row.rps:
                values += [f"{row.rps.median:,.0f}", f"{row.latency_ms['99']:.0f}"]
            else:
                values += [_status(row.status) if row else DASH, ""]
        lines.append(
            f"| {views.name_of(run, slug)} | {KIND_LABELS.get(registry_kind(slug), '?')} | "
            + " | ".join(values)
            + " |"
        )
    return "\n".join(lines)


def registry_kind(slug: str) -> str:
    try:
        return registry.get(slug).kind
    except KeyError:
        return "?"


def repeatability(results_dir: Path | None = None) -> str:
    """How the two newest complete full runs compare (apiguide.bench.agreement)."""
    runs = [
        run
        for run in results.history(results_dir or results.DEFAULT_DIR)
        if run.get("complete") and not run["config"].get("quick") and run.get("cost")
    ]
    # Counts made by different methods are not expected to agree.
    newest_method = views.cost_method(runs[-1]) if runs else None
    runs = [run for run in runs if views.cost_method(run) == newest_method]
    if len(runs) < 2:
        return "Only one full run with the current cost method so far: repeatability needs two."
    older, newer = runs[-2], runs[-1]
    ok, text = agreement.report(older, newer)
    verdict = "They agree." if ok else "They do **not** fully agree:"
    return (
        f"Comparing the runs of {older['metadata']['utc']} and {newer['metadata']['utc']}. "
        f"{verdict}\n\n```text\n{text}\n```"
    )


MACROS = (
    repeatability,
    measured_on,
    cost_table,
    results_table,
    history_table,
    chart,
    article_table,
    compare,
    io_table,
)


def register(env) -> None:
    """Add every benchmark macro to mkdocs-macros' ``env``."""
    for macro in MACROS:
        env.macro(macro)
