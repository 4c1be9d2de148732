"""How long contributors wait: a strict site build, and a page edit under ``make serve``.

    python scripts/run_benchmarks.py site-build [--repetitions 5]

Both are measured as a contributor meets them, whole processes on a copy of the
project (so the edits never touch the repository):

- build: ``mkdocs build --strict`` from start to exit, a fresh process each time;
- reload: ``make serve``'s command is started once; then a page is edited (a unique
  comment appended) and the served page is fetched every 50 ms until it carries
  the edit: the time from the write to that answer.

Medians of several repetitions go to ``benchmarks/experiments/site-build.json``,
which the contributor page renders (``site_build_table``), never a timing assertion.
"""

from __future__ import annotations

import datetime
import functools
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from apiguide import launcher
from apiguide.registry import ROOT

DEFAULT_PATH = ROOT / "benchmarks" / "experiments" / "site-build.json"
# What a build reads: the project copy holds these (not .git, .venv, site/).
PROJECT_PARTS = (
    "apiguide",
    "docs",
    "examples",
    "overrides",
    "benchmarks",
    "scripts",
    "tests",
    "mkdocs.yml",
    "frameworks.toml",
    "pyproject.toml",
    "Makefile",
)
EDITED_PAGE = "frameworks/flask.md"  # a page with examples, tables and macros
POLL_S = 0.05
TIMEOUT_S = 120.0


def mkdocs() -> str:
    return str(Path(sys.executable).parent / "mkdocs")


def serve_command(port: int) -> list[str]:
    """What `make serve` runs (see the Makefile), on the given port."""
    return [mkdocs(), "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"]


SERVE_ENV = {"SITE_STRICT": "false", "NO_MKDOCS_2_WARNING": "1"}


@contextmanager
def project_copy() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="site-build-") as tmp:
        copy = Path(tmp) / "project"
        copy.mkdir()
        for part in PROJECT_PARTS:
            source = ROOT / part
            if source.is_dir():
                shutil.copytree(source, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
            elif source.is_file():
                shutil.copy2(source, copy / part)
        yield copy


def time_build(project: Path) -> float:
    started = time.monotonic()
    done = subprocess.run(
        [mkdocs(), "build", "--strict", "--quiet", "--site-dir", str(project / "site")],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    elapsed = time.monotonic() - started
    if done.returncode != 0:
        raise RuntimeError(f"the build failed:\n{done.stderr[-2000:]}")
    return elapsed


def wait_for(check: Callable[[], bool], timeout: float = TIMEOUT_S) -> float:
    """Seconds until ``check()`` is true, polling every POLL_S."""
    started = time.monotonic()
    while not check():
        if time.monotonic() - started > timeout:
            raise TimeoutError(f"not done within {timeout:g} s")
        time.sleep(POLL_S)
    return time.monotonic() - started


def _page_has(url: str, text: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return text in answer.read().decode("utf-8", "replace")
    except OSError:
        return False


def time_reloads(project: Path, repetitions: int) -> tuple[float, list[float]]:
    """(seconds until the served site first answers, seconds per page edit)."""
    port = launcher.free_port()
    page = project / "docs" / EDITED_PAGE
    url = f"http://127.0.0.1:{port}/{EDITED_PAGE.removesuffix('.md')}/"
    original = page.read_text(encoding="utf-8")
    process = subprocess.Popen(
        serve_command(port),
        cwd=project,
        env={**os.environ, **SERVE_ENV},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        first = wait_for(lambda: _page_has(url, "</html>"))
        edits = []
        for n in range(repetitions):
            token = f"reload-probe-{n}-{time.time_ns()}"
            time.sleep(1.0)  # let the watcher settle after the last rebuild
            started = time.monotonic()
            page.write_text(f"{original}\n<!-- {token} -->\n", encoding="utf-8")
            wait_for(functools.partial(_page_has, url, token))
            edits.append(time.monotonic() - started)
        return first, edits
    finally:
        page.write_text(original, encoding="utf-8")
        os.killpg(process.pid, signal.SIGTERM)  # the group this function started
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)


def measure(repetitions: int = 5) -> dict:
    with project_copy() as project:
        builds = [time_build(project) for _ in range(repetitions)]
        first, reloads = time_reloads(project, repetitions)
    return {
        "about": "Written by `python scripts/run_benchmarks.py site-build`; do not edit.",
        "utc": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": {
            "cpus": os.cpu_count(),
            "load_average_1min": os.getloadavg()[0],
            "python": platform.python_version(),
        },
        "build_s": builds,
        "serve_first_page_s": first,
        "reload_s": reloads,
        "build_median_s": statistics.median(builds),
        "reload_median_s": statistics.median(reloads),
    }


def run(path: Path = DEFAULT_PATH, repetitions: int = 5) -> dict:
    data = measure(repetitions)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    path.chmod(0o644)
    return data


def table(path: Path = DEFAULT_PATH) -> str:
    """The stored measure as a Markdown table (for the contributor page)."""
    if not path.is_file():
        raise FileNotFoundError(
            f"{path.relative_to(ROOT)} is missing: "
            "run `python scripts/run_benchmarks.py site-build`"
        )
    data = json.loads(path.read_text(encoding="utf-8"))
    n = len(data["build_s"])

    def spread(values: list[float]) -> str:
        return f"{min(values):.1f} to {max(values):.1f}"

    machine = data["machine"]
    return "\n".join(
        [
            "| What a contributor waits for | Median, s | Range, s |",
            "|---|---:|---:|",
            f"| `mkdocs build --strict`, whole process | {data['build_median_s']:.1f} "
            f"| {spread(data['build_s'])} |",
            f"| A page edit shown by `make serve` | {data['reload_median_s']:.1f} "
            f"| {spread(data['reload_s'])} |",
            "",
            f"{n} repetitions each, measured {data['utc'][:10]} on {machine['cpus']} cores "
            f"(1-minute load average {machine['load_average_1min']:.1f} at the end), "
            f"Python {machine['python']}, by `scripts/run_benchmarks.py site-build`.",
        ]
    )
