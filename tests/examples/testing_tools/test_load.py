import re
import runpy

import pytest

from apiguide import examples
from tests.examples.testing_tools.runner import FOLDER

parse_summary = examples.import_module("testing_tools/bookshelf", "load").parse_summary

SUMMARY = re.compile(r"^(GET|POST) /books: (\d+) requests/s, p99 ([\d.]+) ms, (\d+) non-2xx/3xx$")


def test_wrk_runs_against_the_real_server_and_every_answer_is_a_success(
    live_server, monkeypatch, capsys
):
    monkeypatch.setenv("BOOKSHELF_URL", live_server("tutorial-fastapi", "service").url)
    # As `python load.py` runs it: BOOKSHELF_URL read at import.
    runpy.run_path(str(FOLDER / "load.py"), run_name="__main__")
    lines = capsys.readouterr().out.splitlines()
    summaries = [SUMMARY.match(line) for line in lines]
    assert [match[1] for match in summaries if match] == ["GET", "POST"], lines
    for match in summaries:
        assert int(match[2]) > 0 and float(match[3]) > 0
        assert match[4] == "0"  # every read 200, every authenticated write 201


def test_output_that_is_not_a_wrk_report_is_an_error():
    with pytest.raises(RuntimeError, match="unexpected wrk output"):
        parse_summary("wrk: connection refused\n")
