"""Protocol-level hostile requests (raw bytes on a socket) against every server framework's
contract app under its real server, compared with what docs/data/robustness.json records.

The cases, the runner and the table of known upstream defects live in
apiguide/robustness.py. Two things must hold:

- the results file is current: a fresh run gives the same verdict for every case and
  server, on the versions it records (when upstream changes, re-record and update pages);
- every outcome with consequences (a crash, a 5xx, a served hidden request) is a known
  upstream defect with a ready-to-file report in docs/upstream/, and every known defect
  is still what happens (pinned: no skip, no xfail).
"""

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from apiguide import launcher, registry, robustness, sitecheck
from apiguide.robustness import CASES, CLASSES, KNOWN_DEFECTS, Answer, Case, parse_answers

FRAMEWORKS = [fw.slug for fw in registry.server_frameworks()]
RERECORD = (
    "If upstream changed, re-record with `uv run python -m apiguide.robustness --update "
    "--frameworks {slug}`, then update KNOWN_DEFECTS, docs/upstream/ and the pages."
)


@pytest.fixture(scope="module")
def recorded() -> dict[str, robustness.ServerResult]:
    return robustness.load()


# Frameworks checked at once: a server that waits for bytes that never come costs
# READ_TIMEOUT, and nine of them do; one after another that was 36 s of waiting.
AT_ONCE = 8


def test_every_server_still_does_what_the_results_file_records(recorded, live_server):
    """The session's server of each framework (shared with the other live tests); a case
    known to kill it gets a server of its own, which the fixture restarts afterwards."""
    starting = threading.Lock()  # the fixture's table of servers is not thread-safe

    def start(slug: str) -> launcher.RunningServer:
        with starting:
            return live_server(slug)

    def check(slug: str) -> list[str]:
        live = robustness.measure(registry.get(slug), start=lambda: start(slug))
        problems = robustness.unexplained(live) or robustness.differences(recorded.get(slug), live)
        return [*problems, RERECORD.format(slug=slug)] if problems else []

    with ThreadPoolExecutor(AT_ONCE) as pool:
        found = [line for lines in pool.map(check, FRAMEWORKS) for line in lines]
    assert not found, "\n".join(found)


def test_results_file_covers_every_server_framework_and_case(recorded):
    assert sorted(recorded) == sorted(FRAMEWORKS)
    for slug, result in recorded.items():
        assert list(result.outcomes) == list(CASES), slug
        assert {o.verdict for o in result.outcomes.values()} <= set(robustness.VERDICTS)


def test_every_recorded_defect_is_a_known_upstream_defect(recorded):
    problems = [
        problem for result in recorded.values() for problem in robustness.unexplained(result)
    ]
    assert not problems, "\n".join(problems)


def test_every_known_defect_is_still_recorded(recorded):
    for (slug, case), defect in robustness.pinned().items():
        assert case in CASES and slug in FRAMEWORKS, f"{defect.report}: {slug}/{case}"
        assert recorded[slug].outcomes[case].verdict == defect.verdict, f"{slug}/{case}"


def test_known_defects_are_defects_or_laxness():
    for defect in KNOWN_DEFECTS:
        assert defect.verdict in (*robustness.DEFECTS, robustness.ACCEPTED), defect.report
        for case in defect.cases:
            assert defect.verdict not in CASES[case].handled, f"{defect.report}: {case}"


def test_every_known_defect_has_a_ready_to_file_report():
    nav = sitecheck.site_config()["nav"]
    nav_text = repr(nav)
    index = (robustness.UPSTREAM_DIR / "index.md").read_text(encoding="utf-8")
    assert "upstream_reports()" in index
    for defect in KNOWN_DEFECTS:
        text = defect.path.read_text(encoding="utf-8")
        for heading in ("## Reproduction", "## Expected", "## Actual", "## Versions"):
            assert heading in text, f"{defect.path.name}: no {heading!r}"
        assert "rfc-editor.org" in text, f"{defect.path.name}: cite the RFC section"
        assert f"upstream/{defect.report}.md" in nav_text, f"{defect.report} not in the nav"
    reports = {d.report for d in KNOWN_DEFECTS}
    files = {p.stem for p in robustness.UPSTREAM_DIR.glob("*.md")} - {"index"}
    assert files == reports, "every report in docs/upstream/ belongs to a known defect"


def test_report_versions_are_the_recorded_ones(recorded):
    """A report names the versions it was reproduced with: those the results file records."""
    for defect in KNOWN_DEFECTS:
        text = defect.path.read_text(encoding="utf-8")
        for slug in defect.slugs:
            result = recorded[slug]
            assert f"{result.server} {result.server_version}" in text or (
                f"{result.framework} {result.framework_version}" in text
            ), f"{defect.path.name}: names neither {result.server} nor {result.framework} version"


# --- the site's table -----------------------------------------------------------------


def test_table_has_every_framework_and_every_class():
    table = robustness.robustness_table(page="robustness/index.md")
    lines = table.splitlines()
    assert len(lines) == 2 + len(FRAMEWORKS)
    for klass in CLASSES.values():
        assert klass.title in lines[0]
    for defect in KNOWN_DEFECTS:
        assert f"(../upstream/{defect.report}.md)" in table


@pytest.mark.parametrize("slug", FRAMEWORKS)
def test_framework_table_lists_every_case(slug):
    table = robustness.robustness_table(slug, page="frameworks/x.md")
    for name in CASES:
        assert f"| {name} |" in table
    for (pinned_slug, _), defect in robustness.pinned().items():
        if pinned_slug == slug:
            assert f"(../upstream/{defect.report}.md)" in table


@pytest.mark.parametrize(
    ("slug", "error"), [("no-such-framework", KeyError), ("requests", ValueError)]
)
def test_table_for_an_unknown_slug_fails_the_build(slug, error):
    with pytest.raises(error, match=re.escape(slug)):
        robustness.robustness_table(slug)


# --- the runner's own logic -------------------------------------------------------------


def test_pipelined_answers_are_parsed_one_by_one():
    data = (
        b"HTTP/1.1 400 Bad Request\r\ncontent-length: 2\r\n\r\n{}"
        b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nd\r\nHello, World!\r\n0\r\n\r\n"
    )
    answers, complete = parse_answers(data, eof=False)
    assert complete
    assert [(a.status, a.body) for a in answers] == [(400, b"{}"), (200, b"Hello, World!")]
    assert parse_answers(data[:-3], eof=False) == ([Answer(400, b"{}")], False)


def test_verdicts_rank_consequences_first():
    version = CASES["HTTP/2.0"]
    classify = robustness.classify
    assert classify(version, 505, True, False, alive=True) == robustness.REFUSED
    assert classify(version, 500, True, False, alive=True) == robustness.SERVER_ERROR
    assert classify(version, 400, False, True, alive=True) == robustness.SMUGGLED
    assert classify(version, None, True, False, alive=False) == robustness.CRASH
    assert classify(version, None, False, False, alive=True) == robustness.NO_ANSWER
    assert classify(Case("x", "host", b""), 200, False, False, True) == robustness.ACCEPTED
    unread = CASES["refused before the body"]
    assert classify(unread, 405, True, False, True, unread=True) == robustness.UNREAD
    assert classify(unread, 405, False, False, True, unread=False) == robustness.REFUSED


def test_a_refusal_and_a_closed_connection_count_as_the_same_record():
    """Which of the two a client sees can depend on timing (a reset while still sending)."""
    stored = robustness.ServerResult("x", "X", "1", "S", "1")
    live = robustness.ServerResult("x", "X", "1", "S", "1")
    stored.outcomes["1 MB header"] = robustness.Outcome(robustness.REFUSED, 431, True, False, True)
    live.outcomes["1 MB header"] = robustness.Outcome(robustness.CLOSED, None, True, False, True)
    assert robustness.differences(stored, live) == []
    live.outcomes["1 MB header"] = robustness.Outcome(robustness.ACCEPTED, 200, False, False, True)
    assert robustness.differences(stored, live) == [
        "x: '1 MB header': recorded refused, now accepted"
    ]


def test_bytes_that_are_no_response_end_the_answers():
    assert parse_answers(
        b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\nHTTP/1.1\r\n\r\n", eof=True
    ) == (
        [Answer(200, b"")],
        False,
    )
    assert parse_answers(b"HTTP/1.1 abc\r\n\r\n", eof=True) == ([], False)
