"""Markdown tables and charts rendered from a results file (the site's benchmark macros)."""

from apiguide.bench import charts, render, results


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
    assert table[2] == "| Starlette | 155.0k ⚠ |"  # runs 6.7% apart
    assert table[3] == "| FastAPI | 440.5k |"
    assert table[4] == "| Flask | failed ✗ |"


def test_results_table_ties_overlapping_intervals(results_dir):
    rows = render.results_table("json", results_dir=results_dir).splitlines()
    assert rows[2].startswith("| =1 | Starlette | 7,200 (")
    assert rows[3].startswith("| =1 | FastAPI | 6,500 (")
    assert rows[4].startswith("| 3 | Flask | 1,600 (")
    assert "| 50.0 |" in rows[4]  # p99
    assert "tied, not ranked" in rows[-1]


def test_history_table_one_row_per_run(results_dir):
    table = render.history_table("json", results_dir)
    row = "| 2026-11-25 | `0123456` | Test CPU | median of 5 segments | 155.0k | 440.5k |"
    assert f"{row} {render.DASH} |" in table


def test_compare_and_io_tables(results_dir):
    compare = render.compare("starlette", "fastapi", results_dir)
    assert "| json | 155.0k | 440.5k | -65% | 7,200 | 6,500 | tied (intervals overlap) |" in compare
    io = render.io_table(results_dir)
    assert "| FastAPI | ASGI | 3,100 | 90 | 2,300 | 600 |" in io
    assert "| Flask | WSGI | 720 | 100 | 660 | 2500 |" in io


def test_article_table_beside_measurements(results_dir):
    table = render.article_table(results_dir)
    assert "| FastAPI | 14,356 | 62 ms | 2.1 MB | 6,500 (" in table
    assert "| Robyn | 17,899 | 41 ms | 1.7 MB | not measured |" in table


def test_charts_are_deterministic_and_linked(tmp_path, sample_run):
    first = charts.generate(sample_run, tmp_path / "a")
    second = charts.generate(sample_run, tmp_path / "b")
    names = sorted(p.name for p in first)
    assert "cost-json-dark.svg" in names and "io-p99-light.svg" in names
    assert "memory-light.svg" in names and "rps-json-c64-dark.svg" in names
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes()
    assert b"<dc:date>" not in first[0].read_bytes()
    markdown = render.chart("cost-json", "Cost", charts_dir=tmp_path / "a")
    assert "![Cost](../assets/charts/cost-json-light.svg#only-light)" in markdown
    assert "cost-json-dark.svg#only-dark" in markdown
    assert "not drawn yet" in render.chart("nope", charts_dir=tmp_path / "a")


def test_register_adds_every_macro():
    class Env:
        def __init__(self):
            self.names = []

        def macro(self, function):
            self.names.append(function.__name__)

    env = Env()
    render.register(env)
    assert env.names == [m.__name__ for m in render.MACROS]
