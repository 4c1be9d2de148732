"""Markdown tables and charts rendered from a results file (the site's benchmark macros)."""

import copy
import re
from pathlib import Path

import pytest

from apiguide import registry
from apiguide.bench import charts, render, results, runner
from tests.bench.conftest import window


def test_no_results_says_so(tmp_path):
    assert "No results yet" in render.cost_table(tmp_path)
    assert "No results yet" in render.results_table("json", results_dir=tmp_path)
    assert "No results yet" in render.history_table(results_dir=tmp_path)
    assert "No results yet" in render.measured_on(tmp_path)
    assert "No results yet" in render.io_table(tmp_path)
    assert "No results yet" in render.compare("robyn", "fastapi", tmp_path)


def test_measured_on_names_machine_and_commit(results_dir):
    line = render.measured_on(results_dir)
    assert "2026-11-25" in line and "Test CPU (2 cores)" in line and "`0123456789`" in line


def test_measured_on_leaves_out_wrks_copyright_notice(tmp_path, sample_run):
    sample_run["metadata"]["wrk"]["version"] = "wrk 4.1.0 [epoll] Copyright (C) 2012 Will Glozer"
    results.write_atomic(tmp_path / "run.json", sample_run)
    line = render.measured_on(tmp_path)
    assert line.endswith("; wrk 4.1.0 [epoll].")


def test_cost_table_cheapest_first_with_flags_and_failures(results_dir):
    table = render.cost_table(results_dir).splitlines()
    assert table[0] == "| Framework | json |"
    # Median segment, then the amortised mean with the spiky third segment in it.
    assert table[2] == "| Starlette | 155.0k (170.5k) ⚠ |"  # runs 6.7% apart
    assert table[3] == "| FastAPI | 440.5k (484.6k) |"
    assert table[4] == "| Flask | failed ✗ |"
    assert "amortised mean" in table[-1] and "not a speed ranking across runtimes" in table[-1]


def test_results_table_ties_overlapping_intervals(results_dir):
    rows = render.results_table("json", results_dir=results_dir).splitlines()
    assert rows[2].startswith("| =1 | Starlette | 7,200 (")
    assert rows[3].startswith("| =1 | FastAPI | 6,500 (")
    assert rows[4].startswith("| 3 | Flask | 1,600 (")
    assert rows[4].endswith("| 12.5 / 25.0 / 50.0 | 40 |")  # p50 / p90 / p99, peak RSS
    assert rows[0].count("|") == 6  # five columns: notes go under the table
    assert "3 rounds" in rows[-1] and "spread between rounds" in rows[-1]
    assert "tie group" in rows[-1] and "`=N`" in rows[-1]  # the notation is explained


def test_a_cell_pinned_to_its_window_is_shown_but_not_ranked(tmp_path, sample_run):
    flask = sample_run["load"][2]
    for rnd in flask["rounds"]:
        rnd["windows"] = [window(250, 2900.0)]  # p99 near the 3 s window
    flask["summary"] = runner.load_summary(flask, 3)
    results.write_atomic(tmp_path / "run.json", sample_run)
    rows = render.results_table("json", results_dir=tmp_path).splitlines()
    assert rows[4].startswith(f"| {render.DASH} | Flask\u2009¹ | 250 (")
    assert "¹\u2009p99 over half the 3 s window: not ranked." in rows  # the note, under the table


def test_unknown_names_fail_instead_of_rendering_an_empty_table(results_dir):
    with pytest.raises(render.UnknownName, match="unknown scenario 'jsno'"):
        render.results_table("jsno", results_dir=results_dir)
    with pytest.raises(render.UnknownName, match="unknown framework 'fastapl'"):
        render.compare("fastapi", "fastapl", results_dir)
    with pytest.raises(render.UnknownName, match="unknown chart 'nope'"):
        render.chart("nope")
    with pytest.raises(render.UnknownName, match="unknown scenario"):
        render.history_table("jsno", results_dir)
    with pytest.raises(render.UnknownName, match="not 999"):
        render.results_table("json", 999, results_dir=results_dir)


def test_history_table_one_column_per_run(results_dir):
    table = render.history_table("json", results_dir).splitlines()
    assert table[0].startswith("| Framework / run | 2026-11-25 ") and "`0123456`" in table[0]
    assert table[2:4] == ["| *CPU* | Test CPU |", "| *Cost method* | median of 5 segments |"]
    assert table[4:] == [
        "| Starlette | 155.0k |",
        "| FastAPI | 440.5k |",
        f"| Flask | {render.DASH} |",
    ]


def test_history_tables_hold_a_few_runs_each(tmp_path, sample_run):
    for day in range(1, render.RUNS_PER_TABLE + 2):
        run = copy.deepcopy(sample_run)
        run["metadata"]["utc"] = f"2026-12-{day:02d}T10:00:00Z"
        results.write_atomic(tmp_path / f"run-{day}.json", run)
    tables = render.history_table("json", tmp_path).split("\n\n")
    assert len(tables) == 2  # newest first, the oldest in a second table
    assert tables[0].splitlines()[0].startswith(f"| Framework / run | 2026-12-{day:02d} ")
    assert tables[0].splitlines()[0].count("|") == render.RUNS_PER_TABLE + 2
    assert "2026-12-01" in tables[1].splitlines()[0]


def test_compare_and_io_tables(results_dir):
    compare = render.compare("starlette", "fastapi", results_dir)
    assert "| json | 155.0k | 440.5k | -65% | 7,200 | 6,500 | tied (intervals overlap) |" in compare
    io = render.io_table(results_dir)
    assert "| FastAPI | ASGI | 3,100 | 90 | 2,300 | 600 |" in io
    assert "| Flask | WSGI | 720 | 100 | 660 ⚑ | 2,500 |" in io  # p99 over half of 3 s
    assert "⚑: not ranked" in io


def test_article_table_beside_measurements(results_dir):
    table = render.article_table(results_dir)
    assert "| FastAPI | 14,356 / 6,500 (" in table
    assert "| 62 ms / 25.0 ms | 2.1 MB / 40 MiB | 440.5k |" in table
    assert (
        "| Robyn | 17,899 / not measured | 41 ms / not measured | 1.7 MB / not measured |" in table
    )


def test_charts_are_deterministic_and_linked(tmp_path, sample_run):
    first = charts.generate(sample_run, tmp_path / "a")
    second = charts.generate(sample_run, tmp_path / "b")
    names = sorted(p.name for p in first)
    assert "cost-json-dark.svg" in names and "io-p99-light.svg" in names
    assert "memory-light.svg" in names and "rps-json-c64-dark.svg" in names
    assert "startup-light.svg" in names and "rate-json-dark.svg" in names
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes()
    assert b"<dc:date>" not in first[0].read_bytes()
    markdown = render.chart("cost-json", "Cost", charts_dir=tmp_path / "a")
    assert "![Cost](../assets/charts/cost-json-light.svg#only-light)" in markdown
    assert "cost-json-dark.svg#only-dark" in markdown
    assert "not drawn yet" in render.chart("rps-db-c64", charts_dir=tmp_path / "a")


def test_register_adds_every_macro():
    class Env:
        def __init__(self):
            self.names = []

        def macro(self, function):
            self.names.append(function.__name__)

    env = Env()
    render.register(env)
    assert env.names == [m.__name__ for m in render.MACROS]


def test_timer_work_and_start_up_tables(results_dir):
    timer = render.timer_table(results_dir)
    assert "| FastAPI | 200,000 |" in timer and "| Starlette | 200,000 |" in timer
    startup = render.startup_table(results_dir)
    assert "| FastAPI | 500 | 200 |" in startup
    assert "Medians of 1 fresh starts" in startup


def test_server_setup_says_which_servers_run_without_uvloop():
    table = render.server_setup()
    assert "| AIOHTTP | aiohttp.web | asyncio's default loop, **no uvloop** |" in table
    assert "| Tornado | Tornado HTTPServer | asyncio's default loop, **no uvloop** |" in table
    assert "--loop uvloop" in table and "GunicornUVLoopWebWorker" in table
    assert "Every server runs 1 worker process." in table
    # One reason per server, naming the frameworks that run under it.
    assert table.count("The ASGI server FastAPI, Starlette and Litestar document") == 1
    assert "- **Uvicorn** (FastAPI, Litestar, Starlette," in table


def test_a_command_in_a_table_breaks_only_between_arguments():
    cell = render.command_cell("A=1 uvicorn main:app --host 127.0.0.1 --no-access-log -m x --y=z")
    groups = re.findall(r'<span class="nowrap">([^<]*)</span>', cell)
    assert groups == [
        "A=1",
        "uvicorn",
        "main:app",
        "--host 127.0.0.1",
        "--no-access-log",
        "-m x",
        "--y=z",
    ]
    assert cell.startswith("<code>") and cell.endswith("</code>")
    escaped = render.command_cell("echo '<b>'")
    assert escaped.endswith('<span class="nowrap">&#x27;&lt;b&gt;&#x27;</span></code>')


def test_old_results_without_new_measures_say_so(tmp_path, sample_run):
    old = copy.deepcopy(sample_run)
    old["startup"] = []
    for cell in old["cost"]:
        for rep in cell.get("repetitions", []):
            rep.pop("idle_instructions_per_s")
        if cell.get("summary"):
            cell["summary"]["idle_instructions_per_s"] = None
    results.write_atomic(tmp_path / "run.json", old)
    assert "Not measured yet" in render.timer_table(tmp_path)
    assert "Not measured yet" in render.startup_table(tmp_path)


def test_latency_at_fixed_load_table(results_dir):
    table = render.rate_table("json", results_dir)
    assert f"| FastAPI | 6,500 | 1.0 / 1.0 (1.0{render.DASH}1.0) |" in table
    assert table.splitlines()[2].endswith(" ⚠ |")  # the 90% step was not held
    assert "fixed rate" in table and "three idle latencies apart" in table
    assert "Not measured yet" in render.rate_table("io", results_dir)
    with pytest.raises(render.UnknownName, match="not 'api'"):
        render.rate_table("api", results_dir)


def test_window_study_table_flags_lengths_that_pin_the_p99(tmp_path):
    rows = [
        {
            "framework": "flask",
            "scenario": "io",
            "concurrency": 512,
            "window_s": length,
            **window(500, p99, seconds=length),
        }
        for length, p99 in ((1, 990.0), (1, 995.0), (5, 1200.0), (5, 1300.0))
    ]
    meta = {"utc": "2026-11-30T08:00:00Z", "cpu_model": "Test CPU", "cores": 2}
    path = tmp_path / "window-study.json"
    results.write_atomic(path, {"metadata": meta, "lengths": [1, 5], "rows": rows})
    table = render.window_study_table(path)
    assert "| Flask io @512 | 500 req/s, p99 992 ms ⚑ | 500 req/s, p99 1,250 ms |" in table
    assert "Test CPU (2 cores)" in table
    assert "not run yet" in render.window_study_table(tmp_path / "missing.json")


def test_run_duration_comes_from_the_runs_own_timestamps(tmp_path, sample_run):
    sample_run["finished_utc"] = "2026-11-25T10:58:00Z"
    results.write_atomic(tmp_path / "run.json", sample_run)
    assert "took 58 minutes" in render.run_duration(tmp_path)
    sample_run["metadata"]["shards"] = [{}, {}]
    results.write_atomic(tmp_path / "run.json", sample_run)
    assert "merged from 2 parts" in render.run_duration(tmp_path)


def test_pages_quote_settings_from_the_code_not_by_hand():
    assert render.bench_setting("rounds") == str(runner.Config([], [], Path()).rounds)
    assert render.bench_setting("rate_fractions") == "25%, 50%, 75%, 90%"
    with pytest.raises(render.UnknownName, match="unknown benchmark setting"):
        render.bench_setting("round")


def test_compare_says_depends_on_the_run_when_the_two_newest_runs_disagree(tmp_path, sample_run):
    older = copy.deepcopy(sample_run)
    older["metadata"]["utc"] = "2026-11-20T10:00:00Z"
    # In the older run Starlette was clearly ahead of FastAPI; the newer one ties them.
    older["load"][1]["summary"]["requests_per_s"] = {
        "median": 9000.0,
        "low": 8800.0,
        "high": 9200.0,
        "n": 3,
    }
    results.write_atomic(tmp_path / "a.json", older)
    results.write_atomic(tmp_path / "b.json", sample_run)
    table = render.compare("starlette", "fastapi", tmp_path)
    assert "depends on the run: tied (intervals overlap) (previous run: Starlette +" in table


def test_every_line_of_a_chart_has_its_own_colour_marker_and_style():
    """16 frameworks on one plot: within a kind no two lines share a colour, every line has
    its own marker, and each kind its own line style (the io p99 chart once drew BlackSheep
    and Sanic in the same colour and style)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    frameworks = registry.server_frameworks()
    for theme in charts.THEMES:
        fig, ax = plt.subplots()
        charts._lines(ax, theme, [(fw.name, fw.kind, [64, 512], [1.0, 2.0]) for fw in frameworks])
        lines = ax.get_lines()
        plt.close(fig)
        assert [line.get_label() for line in lines] == [fw.name for fw in frameworks]
        assert len({line.get_marker() for line in lines}) == len(lines)
        for kind in {fw.kind for fw in frameworks}:
            group = [line for line, fw in zip(lines, frameworks, strict=True) if fw.kind == kind]
            assert len({line.get_color() for line in group}) == len(group), kind
            assert {line.get_linestyle() for line in group} == {charts.LINE_STYLES[kind]}
