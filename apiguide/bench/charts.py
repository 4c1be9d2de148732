"""Static SVG charts of a run, light and dark, byte-for-byte reproducible from the same data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from apiguide.bench import views
from apiguide.registry import ROOT

if TYPE_CHECKING:  # matplotlib is imported only to draw: the site build never pays for it
    from matplotlib.axes import Axes

DEFAULT_DIR = ROOT / "docs" / "assets" / "charts"
THEMES = {
    "light": {"text": "#1f2328", "grid": "#d0d7de", "bar": "#3f51b5", "accent": "#c77c00"},
    "dark": {"text": "#e6edf3", "grid": "#444c56", "bar": "#8c9eff", "accent": "#ffc107"},
}


def _style(theme: dict[str, str]) -> dict:
    return {
        "svg.hashsalt": "python-api-frameworks",  # stable element ids
        "svg.fonttype": "none",  # text stays text: a quarter of the size, and searchable
        "font.size": 9,
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
    ax.barh(positions, values, color=theme["bar"], xerr=xerr, ecolor=theme["accent"], capsize=3)
    ax.set_yticks(list(positions), labels)
    ax.invert_yaxis()  # best at the top
    ax.grid(axis="x", linewidth=0.5)
    ax.set_axisbelow(True)


def cost_chart(run: dict, scenario: str) -> Callable[[Axes, dict], None] | None:
    rows = [r for r in views.cost_rows(run, scenario) if r.instructions is not None]
    if not rows:
        return None
    values = [r.instructions / 1e3 for r in rows if r.instructions is not None]

    def draw(ax: Axes, theme: dict[str, str]) -> None:
        _bars(ax, theme, [r.name for r in rows], values)
        ax.set_xlabel(f"thousand instructions per request ({scenario}; fewer is better)")

    return draw


def rps_chart(run: dict, scenario: str, concurrency: int) -> Callable[[Axes, dict], None] | None:
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
            f"requests/s and 95% repeat-run interval ({scenario}, {concurrency} connections)"
        )

    return draw


def io_p99_chart(run: dict) -> Callable[[Axes, dict], None] | None:
    levels = views.concurrencies_in(run, "io")
    series: dict[str, list[float]] = {}
    for level in levels:
        for row in views.load_rows(run, "io", level):
            if row.latency_ms.get("99") is not None:
                series.setdefault(row.name, []).append(row.latency_ms["99"])
    series = {name: values for name, values in series.items() if len(values) == len(levels)}
    if len(levels) < 2 or not series:
        return None

    def draw(ax: Axes, theme: dict[str, str]) -> None:
        for name, values in sorted(series.items()):
            ax.plot(levels, values, marker="o", label=name)
        ax.set_xscale("log", base=2)
        ax.set_xticks(levels, [str(level) for level in levels])
        ax.set_yscale("log")
        from matplotlib import ticker

        ax.yaxis.set_major_formatter(ticker.ScalarFormatter())
        ax.yaxis.set_minor_formatter(ticker.NullFormatter())
        ax.set_xlabel("connections (io scenario: each request waits 10 ms)")
        ax.set_ylabel("p99 latency, ms")
        ax.grid(linewidth=0.5)
        ax.legend(fontsize=7, ncols=2, frameon=False, labelcolor=theme["text"])

    return draw


def memory_chart(run: dict) -> Callable[[Axes, dict], None] | None:
    peaks = sorted(views.peak_memory(run).items(), key=lambda item: item[1])
    if not peaks:
        return None

    def draw(ax: Axes, theme: dict[str, str]) -> None:
        _bars(ax, theme, [views.name_of(run, slug) for slug, _ in peaks], [v for _, v in peaks])
        ax.set_xlabel("peak resident memory of the server's processes, MiB (lower is better)")

    return draw


def startup_chart(run: dict) -> Callable[[Axes, dict], None] | None:
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
        ax.set_xlabel("milliseconds from starting the server to its first answer (lower is better)")

    return draw


def rate_chart(run: dict, scenario: str) -> Callable[[Axes, dict], None] | None:
    cells = [c for c in run.get("rate", []) if c["scenario"] == scenario and c.get("summary")]
    if not cells:
        return None

    def draw(ax: Axes, theme: dict[str, str]) -> None:
        for cell in sorted(cells, key=lambda c: views.name_of(run, c["framework"])):
            rows = [r for r in cell["summary"] if r["p99_ms"] is not None]
            ax.plot(
                [r["fraction"] * 100 for r in rows],
                [r["p99_ms"] for r in rows],
                marker="o",
                label=views.name_of(run, cell["framework"]),
            )
        ax.set_yscale("log")
        from matplotlib import ticker

        ax.yaxis.set_major_formatter(ticker.ScalarFormatter())
        ax.yaxis.set_minor_formatter(ticker.NullFormatter())
        ax.set_xlabel(f"offered load, % of the capacity wrk measured ({scenario}, 64 connections)")
        ax.set_ylabel("p99 latency, ms (h2load, fixed rate)")
        ax.grid(linewidth=0.5)
        ax.legend(fontsize=7, ncols=2, frameon=False, labelcolor=theme["text"])

    return draw


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


def charts_of(run: dict) -> dict[str, Callable[[Axes, dict], None]]:
    """Every chart the run has data for, by file stem."""
    found: dict[str, Callable[[Axes, dict], None] | None] = {}
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
    for name, draw in charts_of(run).items():
        for theme_name, theme in THEMES.items():
            with plt.rc_context(_style(theme)):
                height = 1.2 + 0.28 * max(len(run["metadata"]["frameworks"]), 4)
                fig, ax = plt.subplots(figsize=(7.5, height), layout="constrained")
                draw(ax, theme)
                path = directory / f"{name}-{theme_name}.svg"
                fig.savefig(path, format="svg", metadata={"Date": None})
                plt.close(fig)
            written.append(path)
    return written
