"""The decision pages' answers, computed from the newest results (site macros).

Register with ``register(env)`` from apiguide/macros.py's ``define_env``.

"Which one?" is answered here from data only: the newest full run in
benchmarks/results/ (the run the results page shows) and the hostile-input
results in docs/data/robustness.json. Every number links to the row it comes
from (``render.row_id``). Nothing is named a winner alone when its range
overlaps another's: frameworks whose ranges overlap, directly or through a
chain, share a place (``stats.tie_groups``), as on the results page. The range
of each measure:

- requests per second: the 95% interval of the results page;
- p99 latency and peak memory: the lowest to the highest of the rounds;
- instructions per request: the benchmark's 1% repeatability tolerance;
- start-up: the launcher's 50 ms polling;
- hostile requests handled: none (a count).

Baselines (no framework) are measured but never picked or placed: nobody builds
an API on them. Prose macros (``cost_vs``, ``throughput_vs``, ``place``, ...)
write the comparative part of a sentence, direction included, so a new run
that changes an order changes the sentence with it.
"""

from __future__ import annotations

import functools
import inspect
import re
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from apiguide import pages, registry, robustness
from apiguide.bench import render, results, stats, views

RESULTS_PAGE = "benchmarks/results.md"
IO_SECTION = f"{RESULTS_PAGE}#waiting-the-io-scenario"
STARTUP_RESOLUTION_MS = 50.0  # the launcher asks every 50 ms (apiguide/bench/startup.py)
IO_WAIT_MS = 10  # what GET /io waits (docs/benchmarks/contract.md)
NEAR_TIE = 1.5  # ratios from here up read "about N times"; below, as a percentage

# Frameworks whose own validation layer checks the contract's request body; the
# others check it with Pydantic called by hand, or with hand-written code.
# tests/site/test_decision.py checks the list against each contract's source.
VALIDATION = {
    "fastapi": "Pydantic models from type hints",
    "litestar": "msgspec structs from type hints",
    "blacksheep": "Pydantic models bound by FromJSON",
    "robyn": "Pydantic models (robyn[pydantic])",
    "drf": "serializers",
    "ninja": "Pydantic schemas from type hints",
}


@dataclass(frozen=True)
class Entry:
    """One framework's value on one measure."""

    slug: str
    name: str
    value: float | None  # None: not measured (the cell failed)
    span: stats.Interval | None  # what counts as a tie; None: shown but not ranked
    text: str  # the number as shown, or why there is none
    target: str  # the page and row id the number links to, relative to docs/
    note: str = ""  # why it is not ranked

    @property
    def ranked(self) -> bool:
        return self.span is not None


@dataclass(frozen=True)
class Measure:
    """One measure of every framework in a run, ranked by tie groups."""

    key: str
    label: str  # a row of the measured strip
    unit: str  # follows a number in a sentence
    what: str  # follows "the fewest" etc. in a sentence
    best: str  # the word for first place: "fewest", "most", "lowest", ...
    tie: str  # why tied values count as tied
    higher_is_better: bool
    entries: tuple[Entry, ...]

    def get(self, slug: str) -> Entry | None:
        return next((e for e in self.entries if e.slug == slug), None)

    def among(self, slugs: Iterable[str]) -> Measure:
        wanted = set(slugs)
        return replace(self, entries=tuple(e for e in self.entries if e.slug in wanted))

    @property
    def ranked(self) -> list[Entry]:
        return [e for e in self.entries if e.ranked]

    def places(self) -> dict[str, int]:
        spans = {e.slug: e.span for e in self.ranked if e.span is not None}
        return stats.tie_groups(spans, higher_is_better=self.higher_is_better)

    def leaders(self) -> list[Entry]:
        """The first tie group, best value first."""
        places = self.places()
        first = [e for e in self.ranked if places[e.slug] == 1]
        sign = -1 if self.higher_is_better else 1
        return sorted(first, key=lambda e: (sign * (e.value or 0.0), e.name))

    def place(self, slug: str) -> tuple[int, bool] | None:
        """(place, shared) of a ranked framework; None when it is not ranked."""
        places = self.places()
        if slug not in places:
            return None
        return places[slug], sum(p == places[slug] for p in places.values()) > 1


# --- reading a run -------------------------------------------------------------------


def _run(results_dir: Path | None) -> dict | None:
    return results.latest(results_dir or results.DEFAULT_DIR)


def _is_baseline(run: dict, slug: str) -> bool:
    try:
        return registry.get(slug).baseline
    except KeyError:
        return bool(run["metadata"]["frameworks"].get(slug, {}).get("baseline"))


def _cell(run: dict, scenario: str, level: int, slug: str) -> dict:
    return next(
        c
        for c in run["load"]
        if c["framework"] == slug and c["scenario"] == scenario and c["concurrency"] == level
    )


def _spread(values: list[float], shown: float) -> stats.Interval:
    """The shown value with the lowest and highest of the rounds around it."""
    every = [*values, shown]
    return stats.Interval(shown, min(every), max(every), max(1, len(values)))


def _round_p99s(cell: dict) -> list[float]:
    """Each round's p99: the median over its windows (as the summary takes it)."""
    found = []
    for rnd in cell["rounds"]:
        p99 = [w["latency_ms"]["99"] for w in rnd["windows"] if w["requests"] and w["latency_ms"]]
        if p99:
            found.append(statistics.median(p99))
    return found


def _load_target(scenario: str, level: int, slug: str) -> str:
    return f"{RESULTS_PAGE}#{render.row_id('load', slug, scenario, level)}"


def cost_measure(run: dict, scenario: str = "json", *, baselines: bool = False) -> Measure:
    """CPU instructions per request; tied within the benchmark's 1% tolerance."""
    entries = []
    for row in views.cost_rows(run, scenario):
        if _is_baseline(run, row.slug) and not baselines:
            continue
        target = f"{RESULTS_PAGE}#{render.row_id('cost', row.slug)}"
        value = row.instructions
        if value is None:
            text = render._status(row.status)
            entries.append(Entry(row.slug, row.name, None, None, text, target, "not measured"))
            continue
        half = value * stats.COST_TOLERANCE / 2
        span = stats.Interval(value, value - half, value + half, 1)
        entries.append(Entry(row.slug, row.name, value, span, render._thousands(value), target))
    return Measure(
        "cost",
        f"CPU instructions per {scenario} request",
        f"CPU instructions per {scenario} request",
        f"CPU instructions per {scenario} request",
        "fewest",
        f"within {stats.COST_TOLERANCE:.0%} of each other",
        False,
        tuple(entries),
    )


def throughput_measure(
    run: dict, scenario: str = "json", level: int | None = None, *, baselines: bool = False
) -> Measure:
    """Requests per second under wrk; tied when the 95% intervals overlap."""
    levels = views.concurrencies_in(run, scenario)
    level = level or (levels[0] if levels else 0)
    entries = []
    for row in views.load_rows(run, scenario, level) if levels else []:
        if _is_baseline(run, row.slug) and not baselines:
            continue
        target = _load_target(scenario, level, row.slug)
        if row.rps is None:
            text = render._status(row.status)
            entries.append(Entry(row.slug, row.name, None, None, text, target, "not measured"))
            continue
        span = row.rps if row.rank is not None else None
        note = "" if span else "; ".join(row.flags) or "not ranked"
        text = render._interval(row.rps)
        entries.append(Entry(row.slug, row.name, row.rps.median, span, text, target, note))
    return Measure(
        "rps",
        f"Requests/s, {scenario}, {level} connections (95% interval)",
        f"requests/s on {scenario} with {level} connections (95% interval)",
        f"{scenario} requests per second",
        "most",
        "their 95% intervals overlap",
        True,
        tuple(entries),
    )


def p99_measure(
    run: dict, scenario: str = "io", level: int | None = None, *, baselines: bool = False
) -> Measure:
    """p99 latency (default: io at its highest concurrency); tied when the rounds overlap."""
    levels = views.concurrencies_in(run, scenario)
    level = level or (levels[-1] if levels else 0)
    entries = []
    for row in views.load_rows(run, scenario, level) if levels else []:
        if _is_baseline(run, row.slug) and not baselines:
            continue
        target = (
            f"{RESULTS_PAGE}#{render.row_id('io', row.slug)}"
            if scenario == "io"
            else _load_target(scenario, level, row.slug)
        )
        p99 = row.latency_ms.get("99")
        if p99 is None:
            text = render._status(row.status)
            entries.append(Entry(row.slug, row.name, None, None, text, target, "not measured"))
        elif row.rank is None:
            note = "; ".join(row.flags) or "not ranked"
            entries.append(Entry(row.slug, row.name, p99, None, f"{p99:,.0f} ms ⚑", target, note))
        else:
            span = _spread(_round_p99s(_cell(run, scenario, level, row.slug)), p99)
            entries.append(Entry(row.slug, row.name, p99, span, f"{p99:,.0f} ms", target))
    return Measure(
        "p99",
        f"p99 latency, {scenario}, {level} connections",
        f"p99 latency on {scenario} with {level} connections",
        f"p99 latency on {scenario} with {level} connections",
        "lowest",
        "their p99s overlap across rounds",
        False,
        tuple(entries),
    )


def memory_measure(run: dict, scenario: str = "json", *, baselines: bool = False) -> Measure:
    """Peak resident memory while serving one scenario; tied when the rounds overlap."""
    levels = views.concurrencies_in(run, scenario)
    level = levels[0] if levels else 0
    entries = []
    for row in views.load_rows(run, scenario, level) if levels else []:
        if _is_baseline(run, row.slug) and not baselines:
            continue
        target = _load_target(scenario, level, row.slug)
        if row.peak_rss_mib is None:
            text = render._status(row.status)
            entries.append(Entry(row.slug, row.name, None, None, text, target, "not measured"))
            continue
        rounds = [
            rnd["peak_rss_kib"] / 1024
            for rnd in _cell(run, scenario, level, row.slug)["rounds"]
            if rnd.get("peak_rss_kib")
        ]
        span = _spread(rounds, row.peak_rss_mib)
        text = f"{row.peak_rss_mib:.0f} MiB"
        entries.append(Entry(row.slug, row.name, row.peak_rss_mib, span, text, target))
    return Measure(
        "memory",
        f"Peak memory (RSS), {scenario}",
        f"peak memory (RSS) serving {scenario}",
        f"peak memory serving {scenario}",
        "smallest",
        "their peaks overlap across rounds",
        False,
        tuple(entries),
    )


def startup_measure(run: dict, *, baselines: bool = False) -> Measure:
    """Time to the first answer; tied within the launcher's polling resolution."""
    entries = []
    for cell in run.get("startup", []):
        slug, summary = cell["framework"], cell.get("summary")
        if _is_baseline(run, slug) and not baselines:
            continue
        target = f"{RESULTS_PAGE}#{render.row_id('startup', slug)}"
        name = views.name_of(run, slug)
        if not summary:
            text = render._status(cell["status"])
            entries.append(Entry(slug, name, None, None, text, target, "not measured"))
            continue
        ms = summary["first_answer_s"] * 1e3
        half = STARTUP_RESOLUTION_MS / 2
        span = stats.Interval(ms, ms - half, ms + half, summary.get("samples", 1))
        entries.append(Entry(slug, name, ms, span, f"{ms:,.0f} ms", target))
    return Measure(
        "startup",
        "Start-up, to the first answer",
        "from start to the first answer",
        "start-up time",
        "quickest",
        f"within the {STARTUP_RESOLUTION_MS:.0f} ms resolution",
        False,
        tuple(entries),
    )


@dataclass(frozen=True)
class Robustness:
    handled: int
    total: int
    defects: int  # crashes, smuggled requests and 5xx answers


def robustness_counts(path: Path = robustness.RESULTS_FILE) -> dict[str, Robustness]:
    """Per framework: hostile requests handled, of how many, and how many were defects."""
    counts = {}
    for slug, result in robustness.load(path).items():
        cases = [
            (robustness.CASES[name], outcome)
            for name, outcome in result.outcomes.items()
            if name in robustness.CASES
        ]
        counts[slug] = Robustness(
            handled=sum(outcome.verdict in case.handled for case, outcome in cases),
            total=len(cases),
            defects=sum(outcome.verdict in robustness.DEFECTS for _, outcome in cases),
        )
    return counts


def robustness_measure(path: Path = robustness.RESULTS_FILE) -> Measure:
    """Hostile requests handled by each registered framework (no baselines)."""
    counts = robustness_counts(path) if path.is_file() else {}
    entries = []
    for fw in registry.server_frameworks(baselines=False):
        target = f"{fw.docs}#robustness"
        count = counts.get(fw.slug)
        if count is None:
            entries.append(Entry(fw.slug, fw.name, None, None, "not tested", target, "not tested"))
            continue
        span = stats.Interval(count.handled, count.handled, count.handled, count.total)
        defects = f", {count.defects} with consequences" if count.defects else ""
        text = f"{count.handled} of {count.total}"
        entries.append(Entry(fw.slug, fw.name, count.handled, span, text, target, defects))
    return Measure(
        "robustness",
        "Hostile requests handled",
        "hostile requests handled",
        "count of hostile requests handled",
        "highest",
        "the same count",
        True,
        tuple(entries),
    )


def measures(run: dict) -> dict[str, Measure]:
    """Every measure the strip shows, start-up only when the run has it."""
    found = {
        "cost": cost_measure(run),
        "rps": throughput_measure(run),
        "p99": p99_measure(run),
        "memory": memory_measure(run),
        "startup": startup_measure(run),
        "robustness": robustness_measure(),
    }
    return {key: m for key, m in found.items() if m.entries}


# --- Markdown pieces -----------------------------------------------------------------


def _href(target: str, page: str) -> str:
    return "../" * page.count("/") + target


def _number(entry: Entry, page: str) -> str:
    return f"[{entry.text}]({_href(entry.target, page)})"


def _framework_link(slug: str, page: str) -> str:
    fw = registry.get(slug)
    return f"[{fw.name}]({_href(fw.docs, page)})"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _short_place(measure: Measure, slug: str) -> str:
    entry = measure.get(slug)
    if entry is None or entry.value is None:
        return ""
    found = measure.place(slug)
    if found is None:
        return "not ranked"
    place, shared = found
    return f"{'=' if shared else ''}{_ordinal(place)} of {len(measure.ranked)}"


def _ranking_phrase(measure: Measure, slug: str) -> str:
    """ "the 3rd fewest CPU instructions per json request of the 14 frameworks measured"."""
    found = measure.place(slug)
    if found is None:
        entry = measure.get(slug)
        return f"no ranked {measure.what} ({entry.note if entry else 'not measured'})"
    place, shared = found
    nth = "" if place == 1 else _ordinal(place) + " "
    tied = "tied for " if shared else ""
    return f"{tied}the {nth}{measure.best} {measure.what} of the {len(measure.ranked)} measured"


# --- the answer table ----------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    need: str  # "if this matters most"
    measure: Measure  # the measure the picks lead
    picks: tuple[Entry, ...]  # the first tie group
    context: str = ""  # what the number is one of


def answers(run: dict) -> list[Answer]:
    """One answer per question the data can settle, each the first tie group of a measure."""
    found = []
    cost = cost_measure(run)
    validating = cost.among(VALIDATION)
    if validating.ranked:
        found.append(
            Answer(
                "Least CPU per request, with validation built in",
                validating,
                tuple(validating.leaders()),
                f"the fewest of the {len(validating.ranked)} with a validation layer",
            )
        )
    by_kind = {
        "Most requests per second": throughput_measure(run),
        "Lowest tail latency while requests wait": p99_measure(run),
        "Least memory": memory_measure(run),
        "Quickest start-up": startup_measure(run),
        "Most hostile requests handled": robustness_measure(),
    }
    for need, measure in by_kind.items():
        if measure.ranked:
            found.append(Answer(need, measure, tuple(measure.leaders())))
    wsgi = cost.among(fw.slug for fw in registry.load() if fw.kind == "wsgi")
    if wsgi.ranked:
        found.append(
            Answer(
                "Least CPU per request on a WSGI server",
                wsgi,
                tuple(wsgi.leaders()),
                f"the fewest of the {len(wsgi.ranked)} WSGI frameworks",
            )
        )
    return found


def _because(answer: Answer, page: str) -> str:
    measure = answer.measure
    what = measure.unit
    if measure.key == "p99":
        what += f", each request waiting {IO_WAIT_MS} ms"
    if len(answer.picks) == 1:
        text = f"{_number(answer.picks[0], page)} {what}"
        if measure.key == "robustness":
            text += answer.picks[0].note
        return text + (f", {answer.context}" if answer.context else "")
    numbers = ", ".join(f"{e.name} {_number(e, page)}" for e in answer.picks)
    context = f"; {answer.context}" if answer.context else ""
    return f"{what}: {numbers}; tied, as {measure.tie}{context}"


def answer_table(page: str = "", results_dir: Path | None = None) -> str:
    """ "If this matters most, pick this, because": each row the leaders of one measure."""
    run = _run(results_dir)
    if run is None:
        return render.NO_RESULTS
    lines = ["| If this matters most | Pick | Because (measured) |", "|---|---|---|"]
    for answer in answers(run):
        picks = _and([_framework_link(e.slug, page) for e in answer.picks])
        if len(answer.picks) > 1:
            picks += " (tied)"
        lines.append(f"| {answer.need} | {picks} | {_because(answer, page)} |")
    meta = run["metadata"]
    lines.append(
        f"\nFrom the run of {meta['utc'][:10]}, one worker on one core ({meta['cpu_model']}); "
        "the baselines without a framework are left out. Where values are within each other's "
        "range (the 95% interval for requests per second, the spread between rounds for "
        "latency and memory, 1% for instruction counts), every framework in the tie is "
        f"named. Each number links to its row on the [results page]({_href(RESULTS_PAGE, page)})"
        " or to the framework's hostile-input results."
    )
    return "\n".join(lines)


# --- the measured strip on each framework page ---------------------------------------


def measured_strip(*slugs: str, page: str = "", results_dir: Path | None = None) -> str:
    """One framework's numbers (or a few, side by side), each with its place and link."""
    for slug in slugs:
        render._framework(slug)
    if not slugs:
        raise render.UnknownName("measured_strip needs at least one framework")
    run = _run(results_dir)
    if run is None:
        return render.NO_RESULTS
    names = " | ".join(registry.get(slug).name for slug in slugs)
    lines = [f"| Measured, run of {run['metadata']['utc'][:10]} | {names} |"]
    lines.append("|---|" + "---|" * len(slugs))
    for measure in measures(run).values():
        cells = []
        for slug in slugs:
            entry = measure.get(slug)
            if entry is None:
                cells.append("not measured")
                continue
            number = _number(entry, page) if entry.value is not None else entry.text
            place = _short_place(measure, slug)
            cells.append(f"{number} · {place}" if place else number)
        lines.append(f"| {measure.label} | " + " | ".join(cells) + " |")
    lines.append(
        "\nPlace among the frameworks measured, baselines left out; 1st has the fewest "
        "instructions, the most requests, the lowest p99, the least memory, the quickest "
        "start-up or the most hostile requests handled. `=`: a place shared within the same "
        "range; ⚑: a p99 bounded by the measuring window, not ranked. Numbers link to their "
        f"rows on the [results page]({_href(RESULTS_PAGE, page)}) or to the robustness "
        "table below."
    )
    return "\n".join(lines)


# --- comparative phrases for prose ---------------------------------------------------


def _pair(measure: Measure, first: str, second: str) -> tuple[Entry, Entry] | None:
    a, b = measure.get(first), measure.get(second)
    if a is None or b is None or a.value is None or b.value is None:
        return None
    return a, b


def cost_ratio(run: dict, first: str, second: str, scenario: str = "json") -> float | None:
    """first's instructions per request over second's, or None if either is missing."""
    pair = _pair(cost_measure(run, scenario, baselines=True), first, second)
    if pair is None:
        return None
    a, b = pair
    assert a.value is not None and b.value is not None
    return a.value / b.value


def cost_vs(
    first: str,
    second: str,
    scenario: str = "json",
    page: str = "",
    results_dir: Path | None = None,
) -> str:
    """A clause comparing two frameworks' instructions per request, direction included."""
    render._framework(first)
    render._framework(second)
    run = _run(results_dir)
    measure = cost_measure(run, scenario, baselines=True) if run else None
    pair = _pair(measure, first, second) if measure else None
    if pair is None:
        return f"{first} and {second} have no instruction counts in the newest run"
    a, b = pair
    ratio = (a.value or 0.0) / (b.value or 1.0)
    numbers = f"({_number(a, page)} against {_number(b, page)})"
    what = f"CPU instructions per {scenario} request"
    if abs(ratio - 1) <= stats.COST_TOLERANCE:
        return f"{a.name} and {b.name} execute about as many {what} {numbers}"
    if ratio >= NEAR_TIE:
        return f"{a.name} executes about {ratio:.1f} times the {what} of {b.name} {numbers}"
    if ratio > 1:
        return f"{a.name} executes {ratio - 1:.0%} more {what} than {b.name} {numbers}"
    return f"{a.name} executes {1 - ratio:.0%} fewer {what} than {b.name} {numbers}"


def throughput_verdict(run: dict, first: str, second: str, scenario: str = "json") -> str:
    """more / fewer / tied / unranked / missing: first against second."""
    pair = _pair(throughput_measure(run, scenario, baselines=True), first, second)
    if pair is None:
        return "missing"
    a, b = pair
    if a.span is None or b.span is None:
        return "unranked"
    if a.span.overlaps(b.span):
        return "tied"
    return "more" if (a.value or 0.0) > (b.value or 0.0) else "fewer"


def throughput_vs(
    first: str,
    second: str,
    scenario: str = "json",
    page: str = "",
    results_dir: Path | None = None,
) -> str:
    """A clause comparing two frameworks' requests per second, tied when intervals overlap."""
    render._framework(first)
    render._framework(second)
    run = _run(results_dir)
    if run is None:
        return f"{first} and {second} have no throughput in the newest run"
    verdict = throughput_verdict(run, first, second, scenario)
    pair = _pair(throughput_measure(run, scenario, baselines=True), first, second)
    if pair is None:
        return f"{first} and {second} have no throughput in the newest run"
    a, b = pair
    numbers = f"{_number(a, page)} against {_number(b, page)}"
    what = f"{scenario} requests per second"
    if verdict == "unranked":
        return f"{a.name} and {b.name} cannot be ranked on {what} in this run ({numbers})"
    if verdict == "tied":
        return (
            f"{a.name} and {b.name} served as many {what} within the noise "
            f"({numbers}: the 95% intervals overlap)"
        )
    ratio = (a.value or 0.0) / (b.value or 1.0)
    if ratio >= NEAR_TIE:
        amount = f"about {ratio:.1f} times the {what} of"
    elif ratio > 1:
        amount = f"{ratio - 1:.0%} more {what} than"
    else:
        amount = f"{1 - ratio:.0%} fewer {what} than"
    return f"{a.name} served {amount} {b.name} ({numbers}, 95% intervals apart)"


MEASURES: dict[str, Callable[[dict], Measure]] = {
    "cost": cost_measure,
    "rps": throughput_measure,
    "p99": p99_measure,
    "memory": memory_measure,
    "startup": startup_measure,
    "robustness": lambda run: robustness_measure(),
}


def place(
    slug: str,
    measure: str = "cost",
    short: bool = False,
    page: str = "",
    results_dir: Path | None = None,
) -> str:
    """Where a framework stands on one measure, with its number.

    "the 2nd fewest CPU instructions per json request of the 14 measured ([170.1k](…))";
    ``short=True``: "[170.1k](…), 2nd fewest of 14".
    """
    render._framework(slug)
    if measure not in MEASURES:
        raise render.UnknownName(f"unknown measure {measure!r}; known: {', '.join(MEASURES)}")
    run = _run(results_dir)
    if run is None:
        return "no place yet (no results)"
    board = MEASURES[measure](run)
    entry = board.get(slug)
    if entry is None or entry.value is None:
        return f"not measured in the newest run ({board.what})"
    found = board.place(slug)
    if not short:
        return f"{_ranking_phrase(board, slug)} ({_number(entry, page)})"
    if found is None:
        return f"{_number(entry, page)}, not ranked"
    rank, shared = found
    if rank == 1:
        where = f"{'tied for ' if shared else ''}{board.best}"
    else:
        where = f"{'=' if shared else ''}{_ordinal(rank)} {board.best}"
    return f"{_number(entry, page)}, {where} of {len(board.ranked)}"


def cheapest(
    count: int = 3,
    kind: str = "",
    scenario: str = "json",
    page: str = "",
    results_dir: Path | None = None,
) -> str:
    """The ``count`` frameworks with the fewest instructions per request, linked, with numbers."""
    run = _run(results_dir)
    if run is None:
        return "(no results yet)"
    board = cost_measure(run, scenario)
    if kind:
        board = board.among(fw.slug for fw in registry.load() if fw.kind == kind)
    chosen = sorted(board.ranked, key=lambda e: e.value or 0.0)[:count]
    return _and([f"{_framework_link(e.slug, page)} ({_number(e, page)})" for e in chosen])


# --- the claims and the ASGI/WSGI page -----------------------------------------------


def wsgi_threads() -> int:
    """Threads per Gunicorn worker, from the registry's command."""
    found = re.search(r"--threads (\d+)", registry.servers()["gunicorn"].cmd)
    if found is None:
        raise registry.RegistryError("the gunicorn command names no --threads")
    return int(found[1])


def wsgi_ceiling() -> str:
    """The arithmetic ceiling of a threaded WSGI worker in the io scenario."""
    threads = wsgi_threads()
    per_second = threads * 1000 / IO_WAIT_MS
    return (
        f"{threads} threads can finish at most {threads} requests per {IO_WAIT_MS} ms, "
        f"about {per_second:,.0f} per second"
    )


def max_connections(results_dir: Path | None = None) -> str:
    """The most concurrent connections any cell of the newest run was measured with."""
    run = _run(results_dir)
    levels = {cell["concurrency"] for cell in run["load"]} if run else set()
    return f"{max(levels):,}" if levels else "no"


KIND_GROUPS = {
    "wsgi": "the WSGI frameworks",
    "asgi": "the ASGI ones",
    "own-server": "those with their own server",
}


def io_ranges(run: dict) -> tuple[int, dict[str, tuple[float, float]]]:
    """(connections, kind -> lowest and highest requests/s) in io at its highest level."""
    levels = views.concurrencies_in(run, "io")
    if not levels:
        return 0, {}
    board = throughput_measure(run, "io", levels[-1])
    found: dict[str, tuple[float, float]] = {}
    for kind in KIND_GROUPS:
        values = [e.value for e in board.entries if e.value is not None and _kind(e.slug) == kind]
        if values:
            found[kind] = (min(values), max(values))
    return levels[-1], found


def _kind(slug: str) -> str:
    try:
        return registry.get(slug).kind
    except KeyError:
        return "?"


def io_by_kind(page: str = "", results_dir: Path | None = None) -> str:
    """Requests per second in io at its highest concurrency, as a range per interface:
    "with 512 connections, the WSGI frameworks served 202-256, ... requests per second"."""
    run = _run(results_dir)
    level, ranges = io_ranges(run) if run else (0, {})
    if not ranges:
        return "The io scenario has not been measured yet."
    parts: list[str] = []
    for kind, (low, high) in ranges.items():
        span = f"{low:,.0f}" if round(low) == round(high) else f"{low:,.0f}{render.DASH}{high:,.0f}"
        verb = " served" if not parts else ""
        parts.append(f"{KIND_GROUPS[kind]}{verb} {span}")
    return (
        f"with {level} connections, {_and(parts)} requests per second "
        f"([the io scenario]({_href(IO_SECTION, page)}))"
    )


@dataclass(frozen=True)
class Flow:
    """One load cell seen through Little's law (requests in flight = rate x time).

    wrk is a closed loop: each connection has one request outstanding at all
    times, so the requests in flight are the connections, and the law gives the
    mean time each one took (the results keep percentiles, not the mean).
    """

    scenario: str
    level: int
    rps: stats.Interval
    ranked: bool

    @property
    def in_flight(self) -> int:
        return self.level

    @property
    def mean_ms(self) -> float:
        return self.level / self.rps.median * 1000


def flows(run: dict, slug: str) -> list[Flow]:
    """Every load cell of one framework in a run."""
    found = []
    for scenario in views.scenarios_in(run, "load"):
        for level in views.concurrencies_in(run, scenario):
            for row in views.load_rows(run, scenario, level):
                if row.slug == slug and row.rps:
                    found.append(Flow(scenario, level, row.rps, row.rank is not None))
    return found


def _flow_link(flow: Flow, slug: str, page: str) -> str:
    target = (
        f"{RESULTS_PAGE}#{render.row_id('io', slug)}"
        if flow.scenario == "io"
        else _load_target(flow.scenario, flow.level, slug)
    )
    return f"[{flow.rps.median:,.0f}]({_href(target, page)})"


def against(rps: stats.Interval, rate: float) -> str:
    """above / below / around ``rate``, from the 95% interval."""
    if rps.low >= rate:
        return "above"
    if rps.high < rate:
        return "below"
    return "around"


def _against(rps: stats.Interval, rate: float) -> str:
    verdict = against(rps, rate)
    spans = " (its 95% interval spans it)" if verdict == "around" else ""
    return f"{verdict} {rate:,.0f}{spans}"


def _cell_words(flow: Flow) -> str:
    wait = f", each request waiting {IO_WAIT_MS} ms" if flow.scenario == "io" else ""
    return f"{flow.scenario}, {flow.level} connections{wait}"


def rate_claim(
    slug: str,
    rate: float,
    latency_ms: float,
    reference: str = "bare-asgi",
    page: str = "",
    results_dir: Path | None = None,
) -> str:
    """A claim of ``rate`` requests/s at ``latency_ms`` each, set against Little's law
    and against what ``slug`` served on our machine (``reference`` shows the law's side)."""
    render._framework(slug)
    render._framework(reference)
    run = _run(results_dir)
    if run is None:
        return "We have no measurements to set against it yet."
    own, ref = flows(run, slug), flows(run, reference)
    if not own or not ref:
        return "We have no measurements to set against it yet."
    needed = rate * latency_ms / 1000
    name, ref_name = views.name_of(run, slug), views.name_of(run, reference)
    near = min(ref, key=lambda f: (abs(f.in_flight - needed), -f.rps.median))
    text = [
        f"By Little's law, {rate:,.0f} requests per second at {latency_ms:g} ms each keep "
        f"{needed:,.0f} requests in flight at every moment: a lot for one worker, but no "
        "contradiction. "
        "Our load generator keeps one request in flight per connection, so the same law "
        f"gives each cell's mean latency: with {near.in_flight:,} in flight ({_cell_words(near)}) "
        f"{ref_name} served {_flow_link(near, reference, page)} requests per second on one "
        f"core, {_against(near.rps, rate)}, a mean of {near.mean_ms:,.0f} ms each.",
    ]
    best = max(own, key=lambda f: f.rps.median)
    closest = min(own, key=lambda f: (abs(f.in_flight - needed), -f.rps.median))
    text.append(
        f"Whether one {name} worker gets there on our machine is a measured fact. At its "
        f"highest throughput ({_cell_words(best)}) it served {_flow_link(best, slug, page)} "
        f"requests per second, {_against(best.rps, rate)}, with {best.in_flight:,} in flight: "
        f"a mean of {best.mean_ms:,.1f} ms."
    )
    if closest != best:
        flag = "" if closest.ranked else " (⚑: its p99 reached half the measuring window)"
        text.append(
            f"With {closest.in_flight:,} in flight ({_cell_words(closest)}) it served "
            f"{_flow_link(closest, slug, page)}, {_against(closest.rps, rate)}: a mean of "
            f"{closest.mean_ms:,.0f} ms{flag}."
        )
    return " ".join(text)


# --- registration --------------------------------------------------------------------

MACROS = (
    answer_table,
    measured_strip,
    cost_vs,
    throughput_vs,
    place,
    cheapest,
    rate_claim,
    io_by_kind,
    wsgi_ceiling,
    wsgi_threads,
    max_connections,
)


def register(env) -> None:
    """Add the decision macros; links are made relative to the page that renders them."""

    def current_page() -> str:
        return pages.source_path(env.page)

    def on_page(macro: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(macro)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            return macro(*args, **{"page": current_page(), **kwargs})

        return wrapper

    for macro in MACROS:
        takes_page = "page" in inspect.signature(macro).parameters
        env.macro(on_page(macro) if takes_page else macro)
