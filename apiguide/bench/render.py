"""Markdown for the benchmark pages, rendered from the results files (site macros).

Register with ``register(env)`` from apiguide/macros.py's ``define_env``.
Every function reads the newest complete full run in benchmarks/results/ (or
``results_dir``) and returns Markdown; with no results it says so. A macro
that names a scenario, chart or framework that does not exist raises
``UnknownName``, which fails the site build (mkdocs-macros ``on_error_fail``).
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

from apiguide import registry
from apiguide.bench import (
    agreement,
    charts,
    fixedrate,
    results,
    scenarios,
    stats,
    views,
    window_study,
    workers,
)
from apiguide.bench.runner import P99_WINDOW_LIMIT
from apiguide.registry import ROOT

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


RANK_NOTE = (
    "Rank: frameworks whose 95% intervals overlap, directly or through a chain of "
    "overlapping neighbours, form one tie group and share a rank, marked `=N`; N is 1 + the "
    "number of frameworks in faster groups. A cell whose p99 exceeds half its window, or with "
    "a window in which no request completed, is shown with its flag but not ranked (`"
    + DASH
    + "`)."
)


class UnknownName(ValueError):
    """A macro named a scenario, chart or framework that does not exist."""


def _run(results_dir: Path | None) -> dict | None:
    return results.latest(results_dir or results.DEFAULT_DIR)


def _scenario(name: str) -> str:
    if name not in scenarios.SCENARIOS:
        raise UnknownName(f"unknown scenario {name!r}; known: {', '.join(scenarios.SCENARIOS)}")
    return name


def _framework(slug: str) -> str:
    try:
        fw = registry.get(slug)
    except KeyError:
        fw = None
    if fw is None or not fw.is_server:
        known = ", ".join(f.slug for f in registry.server_frameworks())
        raise UnknownName(f"unknown framework {slug!r}; known: {known}")
    return slug


def row_id(table: str, slug: str, scenario: str = "", concurrency: int | None = None) -> str:
    """The id of one framework's row in a table: the decision pages link numbers to it.

    ``cost-fastapi``, ``load-json-64-fastapi``, ``io-fastapi``, ``startup-fastapi``.
    """
    parts = [table, scenario, str(concurrency) if concurrency else "", slug]
    return "-".join(part for part in parts if part)


def _anchor(anchors: bool, table: str, slug: str, scenario: str = "", level: int = 0) -> str:
    """An empty element carrying a row's id, placed in the framework's cell (site only)."""
    return f'<span id="{row_id(table, slug, scenario, level)}"></span>' if anchors else ""


def _status(status: str) -> str:
    return {"failed": "failed ✗", "invalid": "invalid ✗"}.get(status, status)


def _thousands(value: float) -> str:
    return f"{value / 1e3:,.1f}k"


def _interval(rps: stats.Interval) -> str:
    return f"{rps.median:,.0f} ({rps.low:,.0f}{DASH}{rps.high:,.0f})"


def _rate(rps: stats.Interval | None) -> str:
    return f"{rps.median:,.0f}" if rps else DASH


SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _marks(notes: list[str], texts: list[str]) -> str:
    """Superscript numbers of ``texts`` in ``notes`` (added when new), for a table cell.

    Notes go under the table (``_legend``) instead of a column of their own, which
    took a third of the table's width for a few rows.
    """
    marks = []
    for text in texts:
        if text not in notes:
            notes.append(text)
        marks.append(str(notes.index(text) + 1).translate(SUPERSCRIPT))
    return "\u2009" + "\u2009".join(marks) if marks else ""


def _legend(notes: list[str]) -> str:
    return " ".join(
        f"{str(number).translate(SUPERSCRIPT)}\u2009{text}." for number, text in enumerate(notes, 1)
    )


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


def cost_table(results_dir: Path | None = None, anchors: bool = False) -> str:
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
                mean = f" ({_thousands(row.amortised_mean)})" if row.amortised_mean else ""
                values.append(_thousands(row.instructions) + mean + (" ⚠" if row.flagged else ""))
        name = _anchor(anchors, "cost", slug) + views.name_of(run, slug)
        lines.append(f"| {name} | " + " | ".join(values) + " |")
    lines.append(
        "\nThousands of instructions per request (fewer is better): the median segment, and in "
        "brackets the amortised mean (every instruction of every segment over every request, "
        "periodic spikes included); each the mean of "
        f"{run['config']['cost_repetitions']} runs on fresh servers; ⚠ marks a cell whose "
        "runs differ by more than 1%. This is CPU work of the server's processes, not a speed "
        "ranking across runtimes (see the methodology)."
    )
    return "\n".join(lines)


def _ms(value: float | None, digits: int = 1) -> str:
    return DASH if value is None else f"{value:,.{digits}f}"


def results_table(
    scenario: str,
    concurrency: int | None = None,
    results_dir: Path | None = None,
    anchors: bool = False,
) -> str:
    """Throughput and latency under wrk for one scenario, ranked by tie groups."""
    _scenario(scenario)
    run = _run(results_dir)
    levels = views.concurrencies_in(run, scenario) if run else []
    if run is None or not levels:
        return NO_RESULTS
    concurrency = concurrency or levels[0]
    if concurrency not in levels:
        raise UnknownName(f"{scenario} was measured at {levels} connections, not {concurrency}")
    rows = views.load_rows(run, scenario, concurrency)
    lines = [
        "| Rank | Framework | Requests/s (95% interval) | Latency p50 / p90 / p99, ms "
        "| Peak RSS, MiB |",
        "|---:|---|---:|---:|---:|",
    ]
    notes: list[str] = []
    for row in rows:
        name = _anchor(anchors, "load", row.slug, scenario, concurrency) + row.name
        if row.rps is None:
            error = (row.error or "").splitlines()[0][:120] if row.error else ""
            name += _marks(notes, [error] if error else [])
            lines.append(f"| {DASH} | {name} | {_status(row.status)} | | |")
            continue
        failed = [f"{row.failed_requests:,} failed requests"] if row.failed_requests else []
        name += _marks(notes, [*row.flags, *failed])
        if row.rank is None:
            rank = DASH
        else:
            tied = sum(other.rank == row.rank for other in rows)
            rank = f"={row.rank}" if tied > 1 else str(row.rank)
        lat = row.latency_ms
        rss = f"{row.peak_rss_mib:.0f}" if row.peak_rss_mib else DASH
        latency = " / ".join(_ms(lat.get(p)) for p in ("50", "90", "99"))
        lines.append(f"| {rank} | {name} | {_interval(row.rps)} | {latency} | {rss} |")
    if notes:
        lines.append("\n" + _legend(notes))
    cfg = run["config"]
    window = next(
        (
            c["summary"]["window_s"]
            for c in run["load"]
            if c["scenario"] == scenario and c.get("summary")
        ),
        cfg["duration_s"],
    )
    lines.append(
        f"\n{scenario}, {concurrency} connections: the mean of {cfg['rounds']} rounds' medians "
        f"(each round a fresh server; {cfg['windows']} window(s) of {window:g} s per round); "
        "the 95% interval, from the spread between rounds, is where a repeat run's value is "
        "expected to fall. Latencies are medians over rounds. " + RANK_NOTE
    )
    return "\n".join(lines)


RUNS_PER_TABLE = 4  # run columns in one history table: more would not fit the page


def history_table(scenario: str = "json", results_dir: Path | None = None) -> str:
    """Instructions per request for one scenario in every run: a column per run, newest
    first (a further table for every RUNS_PER_TABLE older runs), a row per framework."""
    _scenario(scenario)
    runs = results.history(results_dir or results.DEFAULT_DIR)
    runs = [run for run in runs if any(c["scenario"] == scenario for c in run["cost"])]
    if not runs:
        return NO_RESULTS
    runs.reverse()
    slugs = list(dict.fromkeys(row.slug for run in runs for row in views.cost_rows(run, scenario)))
    tables = []
    for first in range(0, len(runs), RUNS_PER_TABLE):
        group = runs[first : first + RUNS_PER_TABLE]
        costs = [{row.slug: row for row in views.cost_rows(run, scenario)} for run in group]
        metas = [run["metadata"] for run in group]
        lines = [
            "| Framework / run | "
            + " | ".join(
                f"{m['utc'][:10]} {m['utc'][11:19]} `{(m.get('git_sha') or '?')[:7]}`"
                for m in metas
            )
            + " |",
            "|---|" + "---:|" * len(group),
            "| *CPU* | " + " | ".join(m["cpu_model"] for m in metas) + " |",
            "| *Cost method* | " + " | ".join(views.cost_method(run) for run in group) + " |",
        ]
        for slug in slugs:
            values = [
                _thousands(count) if slug in c and (count := c[slug].instructions) else DASH
                for c in costs
            ]
            lines.append(f"| {views.name_of(runs[0], slug)} | " + " | ".join(values) + " |")
        tables.append("\n".join(lines))
    return "\n\n".join(tables)


def chart(name: str, alt: str = "", charts_dir: Path | None = None) -> str:
    """Light and dark variants of a chart, for a page under docs/benchmarks/."""
    if name not in charts.catalogue():
        raise UnknownName(f"unknown chart {name!r}; known: {', '.join(sorted(charts.catalogue()))}")
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
        "| Framework | Requests/s: article / measured (95% interval) "
        "| p99: article / measured | Memory: article (per request) / measured (peak RSS) "
        "| Measured instructions per request |",
        "|---|---:|---:|---:|---:|",
    ]
    for slug, (rps, p99, memory) in ARTICLE_TABLE.items():
        row, cost = measured.get(slug), costs.get(slug)
        got_rps, got_p99, got_rss = (
            (
                _interval(row.rps),
                f"{_ms(row.latency_ms.get('99'))} ms",
                f"{row.peak_rss_mib:.0f} MiB" if row.peak_rss_mib else DASH,
            )
            if row and row.rps
            else ("not measured",) * 3
        )
        instructions = _thousands(cost.instructions) if cost and cost.instructions else DASH
        lines.append(
            f"| {registry.get(slug).name} | {rps:,} / {got_rps} | {p99} ms / {got_p99} "
            f"| {memory} MB / {got_rss} | {instructions} |"
        )
    return "\n".join(lines)


def _first_level_rows(run: dict, scenario: str) -> dict[str, views.LoadRow]:
    levels = views.concurrencies_in(run, scenario)
    return {row.slug: row for row in views.load_rows(run, scenario, levels[0])} if levels else {}


def _throughput_verdict(run: dict, scenario: str, first: str, second: str) -> tuple[str, str]:
    """(kind, text): kind is faster/slower/tied/flagged/missing, from one run's first level."""
    rows = _first_level_rows(run, scenario)
    ra = rows[first].rps if first in rows else None
    rb = rows[second].rps if second in rows else None
    if not (ra and rb):
        return "missing", DASH
    if rows[first].rank is None or rows[second].rank is None:
        return "flagged", "not ranked (flagged)"
    if ra.overlaps(rb):
        return "tied", "tied (intervals overlap)"
    name = views.name_of(run, first)
    return ("faster" if ra.median > rb.median else "slower"), (
        f"{name} {ra.median / rb.median - 1:+.0%}"
    )


def compare(first: str, second: str, results_dir: Path | None = None) -> str:
    """Two frameworks side by side per scenario: cost ratio and throughput (tied if overlapping).

    When the two newest full runs reach different throughput verdicts for a scenario
    (one ties what the other orders, or they order it oppositely), the verdict says
    "depends on the run" and gives both.
    """
    _framework(first)
    _framework(second)
    run = _run(results_dir)
    if run is None:
        return NO_RESULTS
    pair = _two_newest(results_dir)
    previous = pair[0] if pair and pair[1]["metadata"]["utc"] == run["metadata"]["utc"] else None
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
        rows = _first_level_rows(run, scenario)
        ra = rows[first].rps if first in rows else None
        rb = rows[second].rps if second in rows else None
        kind, verdict = _throughput_verdict(run, scenario, first, second)
        if previous is not None and kind in ("faster", "slower", "tied"):
            before_kind, before = _throughput_verdict(previous, scenario, first, second)
            if before_kind in ("faster", "slower", "tied") and before_kind != kind:
                verdict = f"depends on the run: {verdict} (previous run: {before})"
        lines.append(
            f"| {scenario} | {_thousands(ca) if ca else DASH} | {_thousands(cb) if cb else DASH} "
            f"| {ratio} | {_rate(ra)} | {_rate(rb)} "
            f"| {verdict} |"
        )
    return "\n".join(lines)


def io_table(results_dir: Path | None = None, anchors: bool = False) -> str:
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
                flag = " ⚑" if row.rank is None else ""
                values += [f"{row.rps.median:,.0f}{flag}", _ms(row.latency_ms.get("99"), 0)]
            else:
                values += [_status(row.status) if row else DASH, ""]
        name = _anchor(anchors, "io", slug) + views.name_of(run, slug)
        lines.append(
            f"| {name} | {KIND_LABELS.get(registry_kind(slug), '?')} | " + " | ".join(values) + " |"
        )
    lines.append(
        "\nRequests/s (mean of the rounds' medians) and p99 latency (ms, median over rounds). "
        "⚑: not ranked, because the p99 "
        "exceeds half the measuring window or a window completed no request."
    )
    return "\n".join(lines)


def registry_kind(slug: str) -> str:
    try:
        return registry.get(slug).kind
    except KeyError:
        return "?"


def _two_newest(results_dir: Path | None) -> tuple[dict, dict] | None:
    """The two newest complete full runs whose instruction counts were made the same way."""
    runs = [
        run
        for run in results.history(results_dir or results.DEFAULT_DIR)
        if results.is_site_run(run) and run.get("cost")
    ]
    # Counts made by different methods are not expected to agree.
    newest_method = views.cost_method(runs[-1]) if runs else None
    runs = [run for run in runs if views.cost_method(run) == newest_method]
    return (runs[-2], runs[-1]) if len(runs) >= 2 else None


def repeatability(results_dir: Path | None = None) -> str:
    """How the two newest complete full runs compare (apiguide.bench.agreement)."""
    pair = _two_newest(results_dir)
    if pair is None:
        return "Only one full run with the current cost method so far: repeatability needs two."
    older, newer = pair
    ok, text = agreement.report(older, newer)
    verdict = "They agree." if ok else "They do **not** fully agree:"
    return (
        f"Comparing the runs of {older['metadata']['utc']} ({views.load_method(older)}) and "
        f"{newer['metadata']['utc']} ({views.load_method(newer)}). "
        f"{verdict}\n\n```text\n{text}\n```"
    )


def run_spread(results_dir: Path | None = None) -> str:
    """Run-to-run spread of throughput per scenario and concurrency, for the two newest runs."""
    pair = _two_newest(results_dir)
    if pair is None:
        return "Only one full run with the current cost method so far: spread needs two."
    cells = agreement.calibration(*pair)
    groups: dict[tuple[str, int], list[agreement.Calibration]] = {}
    for cell in cells:
        groups.setdefault((cell.scenario, cell.concurrency), []).append(cell)
    lines = [
        "| Scenario | Connections | Cells | Inside the other run's interval "
        "| Median run-to-run difference | Largest difference |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for (scenario, level), group in sorted(groups.items()):
        spreads = sorted(c.spread for c in group)
        worst = max(group, key=lambda c: c.spread)
        lines.append(
            f"| {scenario} | {level} | {len(group)} | {sum(c.inside for c in group)} "
            f"| {spreads[len(spreads) // 2]:.1%} "
            f"| {views.name_of(pair[1], worst.framework)} {worst.spread:.1%} |"
        )
    lines.append("\n" + agreement.calibration_line(cells) + ".")
    lines.append("\n" + _spread_per_cell(pair[1], cells))
    return "\n".join(lines)


def _spread_per_cell(newer: dict, cells: list[agreement.Calibration]) -> str:
    """Every cell of the two runs, largest difference first, folded away."""
    rows = [
        "| Framework | Scenario | Connections | Older run | Newer run | Difference "
        "| Inside both intervals |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for cell in sorted(cells, key=lambda c: -c.spread):
        rows.append(
            f"| {views.name_of(newer, cell.framework)} | {cell.scenario} | {cell.concurrency} "
            f"| {_interval(cell.a)} | {_interval(cell.b)} | {cell.spread:.1%} "
            f"| {'yes' if cell.inside else '**no**'} |"
        )
    body = "\n".join("    " + row for row in rows)
    return f'??? note "Every cell: requests per second (95% interval) in both runs"\n\n{body}'


def timer_table(results_dir: Path | None = None) -> str:
    """Timer work per framework: idle instructions per second, and its share of a segment."""
    run = _run(results_dir)
    if run is None or not run["cost"]:
        return NO_RESULTS
    rows = [r for r in views.cost_rows(run, "json") if r.idle_per_s is not None]
    if not rows:
        return (
            '!!! note "Not measured yet"\n    Timer work is measured by runs made after '
            "2026-11-30; the newest run predates it."
        )
    lines = [
        "| Framework | Idle instructions per second | Share of a json segment |",
        "|---|---:|---:|",
    ]
    for row in sorted(rows, key=lambda r: -(r.idle_per_s or 0.0)):
        share = f"{row.timer_share:.2%}" if row.timer_share is not None else DASH
        lines.append(f"| {row.name} | {row.idle_per_s:,.0f} | {share} |")
    return "\n".join(lines)


EVENT_LOOPS = {
    # server key -> (what runs the requests, why)
    "uvicorn": "uvloop (`--loop uvloop`), httptools parser",
    "hypercorn": "uvloop (`--worker-class uvloop`)",
    "sanic": "uvloop (Sanic uses it automatically when it is installed)",
    "gunicorn": "no event loop: a pool of threads (`--threads`) in each worker (gthread)",
    "aiohttp": "asyncio's default loop, **no uvloop**",
    "tornado": "asyncio's default loop, **no uvloop**",
    "robyn": "Rust runtime (actix/tokio) for the network, Python for the handlers",
}
NO_UVLOOP_REASON = (
    "aiohttp's `python -m aiohttp.web` and Tornado's `listen()` start asyncio's default event "
    "loop, and neither framework's getting-started or deployment documentation switches it; "
    "uvloop is an opt-in there (aiohttp offers it through Gunicorn's "
    "`aiohttp.GunicornUVLoopWebWorker`). They are measured as their documentation runs them, "
    "which is the fair comparison for a reader following that documentation, and a reason "
    "part of their gap to the Uvicorn servers is the loop, not the framework."
)


def command_cell(command: str) -> str:
    """A shell command as inline code for a table cell, breaking only between arguments.

    Each option stays on one line with its value (``--log-level warning``), so a narrow
    cell wraps the command between options instead of inside ``--no-access-log``.
    """
    groups: list[str] = []
    for token in command.split():
        last = groups[-1] if groups else ""
        if last.startswith("-") and not token.startswith("-") and not {" ", "="} & set(last):
            groups[-1] += " " + token  # an option and its value
        else:
            groups.append(token)
    spans = " ".join(f'<span class="nowrap">{html.escape(g)}</span>' for g in groups)
    return f"<code>{spans}</code>"


def server_setup(results_dir: Path | None = None) -> str:
    """Every measured server's configuration: event loop and command, then why each server
    (one line for the frameworks that share a server and a reason, not one per row)."""
    run = _run(results_dir)
    worker_count = run["config"].get("workers", 1) if run else 1
    lines = [
        "| Framework | Server | Event loop | Command |",
        "|---|---|---|---|",
    ]
    reasons: dict[tuple[str, str], list[str]] = {}
    for fw in registry.server_frameworks():
        if fw.server is None:
            continue
        command = workers.describe(fw, worker_count) or fw.command()
        lines.append(
            f"| {fw.name} | {fw.server.name} | {EVENT_LOOPS.get(fw.server.key, '?')} "
            f"| {command_cell(command)} |"
        )
        reasons.setdefault((fw.server.name, fw.server.why), []).append(fw.name)
    lines.append(
        f"\nEvery server runs {worker_count} worker process{'es' if worker_count > 1 else ''}. "
        "Why each server:\n"
    )
    lines += [f"- **{name}** ({', '.join(fws)}): {why}" for (name, why), fws in reasons.items()]
    lines.append("\n" + NO_UVLOOP_REASON)
    return "\n".join(lines)


def startup_table(results_dir: Path | None = None, anchors: bool = False) -> str:
    """Start-up cost: time to the first answered request and import time of the app module."""
    run = _run(results_dir)
    cells = [c for c in (run or {}).get("startup", []) if c.get("summary")]
    if run is None or not cells:
        return (
            '!!! note "Not measured yet"\n    Start-up cost is measured by full runs made '
            "after 2026-11-30; the newest run predates it."
        )
    with_instructions = any(c["summary"].get("instructions") for c in cells)
    header = "| Framework | First answer, ms | Import of the app module, ms |"
    lines = [header + (" Instructions to first answer |" if with_instructions else "")]
    lines.append("|---|---:|---:|" + ("---:|" if with_instructions else ""))
    for cell in sorted(cells, key=lambda c: c["summary"]["first_answer_s"]):
        summary = cell["summary"]
        slug = cell["framework"]
        name = _anchor(anchors, "startup", slug) + views.name_of(run, slug)
        row = (
            f"| {name} | {summary['first_answer_s'] * 1e3:,.0f} "
            f"| {summary['import_s'] * 1e3:,.0f} |"
        )
        if with_instructions:
            count = summary.get("instructions")
            row += f" {count / 1e6:,.0f}M |" if count else f" {DASH} |"
        lines.append(row)
    samples = cells[0]["summary"]["samples"]
    lines.append(
        f"\nMedians of {samples} fresh starts each. First answer: from starting the server "
        "command to the first HTTP answer to `GET /`, asked every 50 ms (the resolution). "
        "Import: a fresh interpreter importing the app module, timed inside the interpreter."
    )
    return "\n".join(lines)


def rate_table(scenario: str = "json", results_dir: Path | None = None) -> str:
    """Latency at fixed fractions of each framework's capacity (h2load, open loop)."""
    _scenario(scenario)
    if scenario not in fixedrate.SCENARIOS:
        raise UnknownName(
            f"the fixed-rate measure covers {', '.join(fixedrate.SCENARIOS)}, not {scenario!r}"
        )
    run = _run(results_dir)
    cells = [
        c
        for c in (run or {}).get("rate", [])
        if c["scenario"] == scenario and (c.get("summary") or c["status"] != "pending")
    ]
    if run is None or not cells:
        return (
            '!!! note "Not measured yet"\n    Latency at a fixed offered load is measured by '
            "full runs made after 2026-11-30; the newest run predates it."
        )
    fractions = list(run["config"].get("rate_fractions", fixedrate.FRACTIONS))
    header = " | ".join(f"p50 / p99 ms at {f:.0%}" for f in fractions)
    lines = [
        f"| Framework | Capacity req/s | {header} |",
        "|---|---:|" + "---:|" * len(fractions),
    ]
    for cell in sorted(cells, key=lambda c: views.name_of(run, c["framework"])):
        name = views.name_of(run, cell["framework"])
        if not cell.get("summary"):
            lines.append(f"| {name} | {_status(cell['status'])} |" + " |" * len(fractions))
            continue
        rows = {r["fraction"]: r for r in cell["summary"]}
        capacity = statistics.median(r["capacity_rps"] for r in cell["rounds"])
        values = []
        for fraction in fractions:
            row = rows.get(fraction)
            if row is None or row["p99_ms"] is None:
                values.append(DASH)
                continue
            low, high = row["p99_range_ms"]
            text = f"{row['p50_ms']:,.1f} / {row['p99_ms']:,.1f} ({low:,.1f}{DASH}{high:,.1f})"
            values.append(text + ("" if row["held"] else " ⚠"))
        lines.append(f"| {name} | {capacity:,.0f} | " + " | ".join(values) + " |")
    cfg = run["config"]
    lines.append(
        f"\nh2load offers a fixed rate (a share of the capacity wrk measured at "
        f"{cfg.get('connections', 64)} connections), shared by as many connections as keep "
        "each one's requests three idle latencies apart (at least 2 ms), "
        f"for {cfg.get('rate_duration_s', '?')} s after "
        f"{cfg.get('rate_warmup_s', '?')} s at that rate; medians over "
        f"{cfg.get('rate_rounds', '?')} rounds on fresh servers, the p99's range over rounds "
        "in brackets. ⚠: the server did not keep up (achieved under 95% of the offered rate)."
    )
    return "\n".join(lines)


def window_study_table(path: Path | None = None) -> str:
    """Throughput and p99 against window length (``run_benchmarks.py window-study``)."""
    path = path or window_study.DEFAULT_PATH
    if not path.exists():
        return (
            '!!! note "Window study not run yet"\n    `python scripts/run_benchmarks.py '
            "window-study` measures it (a few minutes) and writes "
            f"`{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}`."
        )
    data = json.loads(path.read_text(encoding="utf-8"))
    cases: dict[tuple[str, str, int], dict[int, list[dict]]] = {}
    for row in data["rows"]:
        key = (row["framework"], row["scenario"], row["concurrency"])
        cases.setdefault(key, {}).setdefault(row["window_s"], []).append(row)
    lengths = data["lengths"]
    lines = [
        "| Cell | " + " | ".join(f"{n} s window" for n in lengths) + " |",
        "|---|" + "---:|" * len(lengths),
    ]
    for (slug, scenario, level), by_length in cases.items():
        values = []
        for length in lengths:
            rows = by_length.get(length, [])
            p99 = [r["latency_ms"]["99"] for r in rows if r.get("latency_ms")]
            rps = statistics.median(r["requests_per_s"] for r in rows) if rows else None
            if rps is None or not p99:
                values.append(DASH)
                continue
            worst = max(p99)
            mark = " ⚑" if worst > 1e3 * length * P99_WINDOW_LIMIT else ""
            values.append(f"{rps:,.0f} req/s, p99 {statistics.median(p99):,.0f} ms{mark}")
        name = registry.get(slug).name
        lines.append(f"| {name} {scenario} @{level} | " + " | ".join(values) + " |")
    meta = data["metadata"]
    lines.append(
        f"\nMeasured {meta['utc'][:10]} on {meta['cpu_model']} ({meta['cores']} cores), "
        "one fresh server per cell, each length twice in a shuffled order after a drain; "
        "medians of the two. ⚑: a p99 over half the window in at least one of them."
    )
    return "\n".join(lines)


def run_duration(results_dir: Path | None = None) -> str:
    """How long the newest full run took, from its own timestamps."""
    run = _run(results_dir)
    if run is None:
        return NO_RESULTS
    meta = run["metadata"]
    if meta.get("shards"):
        return (
            f"The newest full run ({meta['utc'][:10]}) was merged from "
            f"{len(meta['shards'])} parts measured separately, so it has no single duration."
        )
    finished = run.get("finished_utc")
    if not finished:
        return "The newest full run has no finishing time."
    start = dt.datetime.fromisoformat(meta["utc"].replace("Z", "+00:00"))
    end = dt.datetime.fromisoformat(finished.replace("Z", "+00:00"))
    minutes = (end - start).total_seconds() / 60
    return f"The newest full run ({meta['utc'][:10]}) took {minutes:.0f} minutes."


def bench_setting(name: str) -> str:
    """A default of the benchmark's configuration, so pages never restate it by hand."""
    from apiguide.bench import runner

    defaults = runner.Config(frameworks=[], scenarios=[], results_path=Path())
    plan = defaults.cost_plan
    values: dict[str, object] = {
        **{k: v for k, v in vars(defaults).items() if isinstance(v, int | float | tuple)},
        **{f"cost_{k}": v for k, v in plan.as_dict().items()},
        "rate_fractions": ", ".join(f"{f:.0%}" for f in defaults.rate_fractions),
        "io_connections": " and ".join(map(str, defaults.io_connections)),
        "machine_busy_limit": f"{runner.MACHINE_BUSY_LIMIT:.0%}",
        "busy_pause_s": runner.BUSY_PAUSE_S,
    }
    if name not in values:
        raise UnknownName(f"unknown benchmark setting {name!r}; known: {', '.join(sorted(values))}")
    value = values[name]
    return f"{value:g}" if isinstance(value, float) else str(value)


MACROS = (
    bench_setting,
    window_study_table,
    run_duration,
    rate_table,
    repeatability,
    run_spread,
    timer_table,
    server_setup,
    startup_table,
    measured_on,
    cost_table,
    results_table,
    history_table,
    chart,
    article_table,
    compare,
    io_table,
)


# On the site these tables give each row an id (row_id), which the decision pages'
# numbers link to; called directly (tests, scripts) they render without them.
ANCHORED = (cost_table, results_table, io_table, startup_table)


def _with_anchors(macro: Callable[..., str]) -> Callable[..., str]:
    @functools.wraps(macro)
    def anchored(*args: Any, **kwargs: Any) -> str:
        return macro(*args, **{"anchors": True, **kwargs})

    return anchored


def register(env) -> None:
    """Add every benchmark macro to mkdocs-macros' ``env``."""
    for macro in MACROS:
        env.macro(_with_anchors(macro) if macro in ANCHORED else macro)
