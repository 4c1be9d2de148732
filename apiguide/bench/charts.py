"""Static SVG charts of a run, light and dark, byte-for-byte reproducible from the same data."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from apiguide import registry
from apiguide.bench import views
from apiguide.registry import ROOT

if TYPE_CHECKING:  # matplotlib is imported only to draw: the site build never pays for it
    from matplotlib.axes import Axes

DEFAULT_DIR = ROOT / "docs" / "assets" / "charts"
# Series colours, each at least 4.9:1 against the page (white, or the dark scheme's
# #1e2129): one per series of a group, so no two series of a group share a colour.
SERIES = {
    "light": ["#1f5fbf", "#c8440a", "#1a7f37", "#8250df", "#bf3989", "#0a7a8a", "#8a5a00"],
    "dark": ["#6ea8fe", "#f0883e", "#3fb950", "#b392f0", "#ff7ab8", "#39c5cf", "#d4a72c"],
}
THEMES = {
    "light": {"text": "#1f2328", "grid": "#d0d7de", "bar": "#3f51b5", "accent": "#c77c00"},
    "dark": {"text": "#e6edf3", "grid": "#444c56", "bar": "#8c9eff", "accent": "#ffc107"},
}
# Every series of a line chart has its own marker, and its group its own line style.
MARKERS = "osD^vP*Xhp<>dH8x+1234"
LINE_STYLES = {"asgi": "-", "wsgi": "--", "own-server": ":"}
KIND_NAMES = {"asgi": "ASGI", "wsgi": "WSGI", "own-server": "own server"}

# Size: the charts are drawn WIDTH_IN wide and shown at that natural size (480 px) on a
# wide page, and shrunk to the article's column on a phone (358 px on a 390 px screen).
# Text is sized so that even there it is MIN_TEXT_PX high (tests/site/test_browser.py
# measures it): everything scales with the figure, so a wider figure gets larger type.
WIDTH_IN = 5.0
PHONE_COLUMN_PX = 358
MIN_TEXT_PX = 10
FONT_PT = round(MIN_TEXT_PX * WIDTH_IN * 72 / PHONE_COLUMN_PX, 1)
ROW_IN = 2.2 * FONT_PT / 72  # one bar, or one legend entry, with room between them
# An axis label wraps to fit under the plot (about 60% of the width, centred on it).
LABEL_CHARS = int(0.6 * WIDTH_IN * 72 / (0.55 * FONT_PT))


@dataclass(frozen=True)
class Chart:
    """How to draw a chart on one axes in a theme, and how tall its figure is (inches)."""

    draw: Callable[[Axes, dict[str, str]], None]
    height: float


def _label(text: str) -> str:
    return textwrap.fill(text, LABEL_CHARS)


def _style(theme: dict[str, str]) -> dict:
    return {
        "svg.hashsalt": "python-api-frameworks",  # stable element ids
        "svg.fonttype": "none",  # text stays text: a quarter of the size, and searchable
        "font.size": FONT_PT,
        "axes.labelsize": FONT_PT,
        "axes.titlesize": FONT_PT,
        "xtick.labelsize": FONT_PT,
        "ytick.labelsize": FONT_PT,
        "legend.fontsize": FONT_PT,
        "figure.facecolor": "none",
        "axes.facecolor": "none",
        "savefig.transparent": True,
        "text.color": theme["text"],
        "axes.labelcolor": theme["text"],
        "axes.edgecolor": theme["grid"],
        "xtick.color": theme["text"],
        "ytick.color": theme["text"],
        "grid.color": theme["grid"],
    }


def _bars(
    ax: Axes,
    theme: dict[str, str],
    labels: list[str],
    values: list[float],
    errors: list[tuple[float, float]] | None = None,
) -> None:
    positions = range(len(labels))
    xerr = None
    if errors:
        xerr = [
            [v - low for v, (low, _) in zip(values, errors, strict=True)],
            [high - v for v, (_, high) in zip(values, errors, strict=True)],
        ]
    from matplotlib import ticker

    ax.barh(positions, values, color=theme["bar"], xerr=xerr, ecolor=theme["accent"], capsize=3)
    ax.set_yticks(list(positions), labels)
    ax.invert_yaxis()  # best at the top
    ax.xaxis.set_major_locator(ticker.MaxNLocator(nbins=4))  # room for each number
    ax.xaxis.set_major_formatter(ticker.FuncFormatter(_number))
    ax.grid(axis="x", linewidth=0.5)
    ax.set_axisbelow(True)


def _number(value: float, _position: object = None) -> str:
    """A tick label: 45k rather than 45,000, so four fit across a phone."""
    return f"{value / 1e3:g}k" if abs(value) >= 1e4 else f"{value:,.0f}"


def _bar_height(count: int) -> float:
    """Room for ``count`` bars, the ticks and a two-line axis label."""
    return ROW_IN * (max(count, 4) + 3.5)


def cost_chart(run: dict, scenario: str) -> Chart | None:
    rows = [r for r in views.cost_rows(run, scenario) if r.instructions is not None]
    if not rows:
        return None
    values = [r.instructions / 1e3 for r in rows if r.instructions is not None]

    def draw(ax: Axes, theme: dict[str, str]) -> None:
        _bars(ax, theme, [r.name for r in rows], values)
        ax.set_xlabel(_label(f"thousand instructions per request ({scenario}; fewer is better)"))

    return Chart(draw, _bar_height(len(rows)))


def rps_chart(run: dict, scenario: str, concurrency: int) -> Chart | None:
    rows = [r for r in views.load_rows(run, scenario, concurrency) if r.rps is not None]
    if not rows:
        return None

    intervals = [r.rps for r in rows if r.rps is not None]

    def draw(ax: Axes, theme: dict[str, str]) -> None:
        _bars(
            ax,
            theme,
            [r.name for r in rows],
            [i.median for i in intervals],
            [(i.low, i.high) for i in intervals],
        )
        ax.set_xlabel(
            _label(
                f"requests/s and 95% repeat-run interval ({scenario}, {concurrency} connections)"
            )
        )

    return Chart(draw, _bar_height(len(rows)))


def _lines(
    ax: Axes,
    theme_name: str,
    series: Sequence[tuple[str, str, Sequence[float], Sequence[float]]],
) -> None:
    """One line per (name, kind, xs, ys): colours distinct within a kind, a marker per
    series and a line style per kind; the legend under the plot, grouped by kind."""
    from matplotlib import ticker

    colours = SERIES[theme_name]
    kinds = list(dict.fromkeys(kind for _, kind, _, _ in series))
    for index, (name, kind, xs, ys) in enumerate(series):
        nth = [k for _, k, _, _ in series[:index]].count(kind)
        ax.plot(
            xs,
            ys,
            color=colours[nth % len(colours)],
            marker=MARKERS[index % len(MARKERS)],
            linestyle=LINE_STYLES.get(kind, "-"),
            linewidth=1.2,
            markersize=5,
            label=name,
        )
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(ticker.LogLocator(subs=(1.0, 3.0)))
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(_number))
    ax.yaxis.set_minor_formatter(ticker.NullFormatter())
    ax.grid(linewidth=0.5)
    styles = {"-": "solid", "--": "dashed", ":": "dotted"}
    title = (
        ", ".join(f"{styles[LINE_STYLES[k]]}: {KIND_NAMES[k]}" for k in kinds if k in LINE_STYLES)
        if len(kinds) > 1
        else None
    )
    ax.figure.legend(
        loc="outside lower center",
        ncols=2,
        frameon=False,
        handlelength=2.5,
        columnspacing=1,
        title=title,
        title_fontsize=FONT_PT,
    )


def _kind(slug: str) -> str:
    try:
        return registry.get(slug).kind
    except KeyError:
        return "?"


def _kind_order(kind: str) -> int:
    """ASGI, WSGI, own server, then anything else: the legend's groups."""
    return list(LINE_STYLES).index(kind) if kind in LINE_STYLES else len(LINE_STYLES)


def _line_height(series: int) -> float:
    """A plot about two thirds as high as it is wide, and the legend (and its title) under it."""
    return 3.4 + ROW_IN * ((series + 1) // 2 + 2)


def io_p99_chart(run: dict) -> Chart | None:
    levels = views.concurrencies_in(run, "io")
    series: dict[str, list[float]] = {}
    names: dict[str, str] = {}
    for level in levels:
        for row in views.load_rows(run, "io", level):
            if row.latency_ms.get("99") is not None:
                series.setdefault(row.slug, []).append(row.latency_ms["99"])
                names[row.slug] = row.name
    series = {slug: values for slug, values in series.items() if len(values) == len(levels)}
    if len(levels) < 2 or not series:
        return None
    order = sorted(series, key=lambda slug: (_kind_order(_kind(slug)), names[slug]))

    def draw(ax: Axes, theme: dict[str, str]) -> None:
        from matplotlib import ticker

        _lines(
            ax,
            theme["name"],
            [(names[slug], _kind(slug), levels, series[slug]) for slug in order],
        )
        ax.set_xscale("log", base=2)
        ax.set_xticks(levels, [str(level) for level in levels])
        ax.xaxis.set_minor_locator(ticker.NullLocator())
        ax.set_xlabel(_label("connections (io scenario: each request waits 10 ms)"))
        ax.set_ylabel("p99 latency, ms")

    return Chart(draw, _line_height(len(order)))


def memory_chart(run: dict) -> Chart | None:
    peaks = sorted(views.peak_memory(run).items(), key=lambda item: item[1])
    if not peaks:
        return None

    def draw(ax: Axes, theme: dict[str, str]) -> None:
        _bars(ax, theme, [views.name_of(run, slug) for slug, _ in peaks], [v for _, v in peaks])
        ax.set_xlabel(
            _label("peak resident memory of the server's processes, MiB (lower is better)")
        )

    return Chart(draw, _bar_height(len(peaks)))


def startup_chart(run: dict) -> Chart | None:
    cells = sorted(
        (c for c in run.get("startup", []) if c.get("summary")),
        key=lambda c: c["summary"]["first_answer_s"],
    )
    if not cells:
        return None

    def draw(ax: Axes, theme: dict[str, str]) -> None:
        _bars(
            ax,
            theme,
            [views.name_of(run, c["framework"]) for c in cells],
            [c["summary"]["first_answer_s"] * 1e3 for c in cells],
        )
        ax.set_xlabel(
            _label("milliseconds from starting the server to its first answer (lower is better)")
        )

    return Chart(draw, _bar_height(len(cells)))


def rate_chart(run: dict, scenario: str) -> Chart | None:
    cells = [c for c in run.get("rate", []) if c["scenario"] == scenario and c.get("summary")]
    if not cells:
        return None
    cells.sort(key=lambda c: views.name_of(run, c["framework"]))

    def draw(ax: Axes, theme: dict[str, str]) -> None:
        series = []
        for cell in cells:
            rows = [r for r in cell["summary"] if r["p99_ms"] is not None]
            series.append(
                (
                    views.name_of(run, cell["framework"]),
                    _kind(cell["framework"]),
                    [r["fraction"] * 100 for r in rows],
                    [r["p99_ms"] for r in rows],
                )
            )
        series.sort(key=lambda one: (_kind_order(one[1]), one[0]))
        _lines(ax, theme["name"], series)
        ax.set_xlabel(
            _label(f"offered load, % of the capacity wrk measured ({scenario}, 64 connections)")
        )
        ax.set_ylabel(_label("p99 latency, ms (h2load, fixed rate)"))

    return Chart(draw, _line_height(len(cells)))


def catalogue() -> set[str]:
    """Every chart name a run can produce (pages may only name these)."""
    from apiguide.bench import runner, scenarios

    defaults = runner.Config(frameworks=[], scenarios=[], results_path=Path())
    from apiguide.bench import fixedrate

    names = {"io-p99", "memory", "startup"} | {f"rate-{name}" for name in fixedrate.SCENARIOS}
    for scenario in scenarios.SCENARIOS.values():
        names.add(f"cost-{scenario.name}")
        for level in defaults.concurrencies(scenario):
            names.add(f"rps-{scenario.name}-c{level}")
    return names


def charts_of(run: dict) -> dict[str, Chart]:
    """Every chart the run has data for, by file stem."""
    found: dict[str, Chart | None] = {}
    for scenario in views.scenarios_in(run, "cost"):
        found[f"cost-{scenario}"] = cost_chart(run, scenario)
    for scenario in views.scenarios_in(run, "load"):
        for level in views.concurrencies_in(run, scenario):
            found[f"rps-{scenario}-c{level}"] = rps_chart(run, scenario, level)
    found["io-p99"] = io_p99_chart(run)
    found["memory"] = memory_chart(run)
    found["startup"] = startup_chart(run)
    for scenario in dict.fromkeys(c["scenario"] for c in run.get("rate", [])):
        found[f"rate-{scenario}"] = rate_chart(run, scenario)
    return {name: draw for name, draw in found.items() if draw is not None}


def generate(run: dict, directory: Path = DEFAULT_DIR) -> list[Path]:
    """Write NAME-light.svg and NAME-dark.svg for every chart; return the paths."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, chart in charts_of(run).items():
        for theme_name, theme in THEMES.items():
            with plt.rc_context(_style(theme)):
                fig, ax = plt.subplots(figsize=(WIDTH_IN, chart.height), layout="constrained")
                chart.draw(ax, {**theme, "name": theme_name})
                path = directory / f"{name}-{theme_name}.svg"
                fig.savefig(path, format="svg", metadata={"Date": None})
                plt.close(fig)
            written.append(path)
    return written
