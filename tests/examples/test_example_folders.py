"""Every example folder's shown tests also hold over real HTTP.

Each folder's tests run twice. In-process (the framework's own test client, as
the page shows) they run in the reader's copy of the folder, in a fresh
environment with only the page's install lines, and count for the coverage gate
there (``tests/site/test_copy_run.py``). Here they run inside the folder with
``BASE_URL`` pointing at the same app under its real production server.
"""

import ast
import subprocess
import sys

import pytest

from apiguide import examples, launcher, registry

WITH_TESTS = [e for e in examples.all_examples() if e.test_files()]


def served_by(example: examples.Example) -> tuple[str, str] | None:
    """The registry's (slug, app) that serves this folder, if any."""
    for fw in registry.load():
        for app in [*(["contract"] if fw.app else []), *fw.apps]:
            if fw.location(app)[0] == example.source:
                return fw.slug, app
    return None


LIVE = [e for e in WITH_TESTS if served_by(e)]


# pytest plugins of the packages a folder's tests install, by package. The project's
# environment has many more (xdist, cov, playwright...): loading them all costs about
# three seconds of start-up per run and is not what the reader's environment has.
PLUGINS = {
    "anyio": "anyio.pytest_plugin",  # httpx, Starlette and FastAPI depend on anyio
    "hypothesis": "_hypothesis_pytestplugin",
    "schemathesis": "schemathesis.pytest.plugin",
}


def plugin_args(example: examples.Example) -> list[str]:
    wanted = {"anyio"} | {
        name for name in PLUGINS for r in example.test_requirements if r.startswith(name)
    }
    return [arg for name in sorted(wanted) for arg in ("-p", PLUGINS[name])]


def run_shown_tests(example: examples.Example, env: dict[str, str] | None = None):
    # `-c /dev/null`: no project configuration, as in the reader's empty folder.
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-c",
            "/dev/null",
            "-p",
            "no:cacheprovider",
            # A run that hangs prints every thread's stack before the timeout below.
            "-o",
            "faulthandler_timeout=240",
            *plugin_args(example),
        ],
        cwd=example.folder,
        env=launcher.environment(
            {**(env or {}), "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"},
            python_path=example.python_path(),
        ),
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize("example", LIVE, ids=lambda e: e.name)
def test_over_real_http(example, live_server):
    slug, app = served_by(example)
    # The server's environment too: tests that sign tokens need the server's key.
    # Traced, as the folder's tests here are: what runs only under the production server
    # (a Django project's wsgi.py, Tornado's and Robyn's start-up) counts from this run.
    env = {**registry.get(slug).env, "BASE_URL": live_server(slug, app, traced=True).url}
    done = run_shown_tests(example, env)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def test_every_example_folder_with_tests_is_checked_live_or_says_why():
    """A folder with tests but no registered server is tested in-process only: list them,
    so a new one is a decision, not an accident."""
    in_process_only = sorted(e.name for e in WITH_TESTS if e not in LIVE)
    assert in_process_only == sorted(IN_PROCESS_ONLY)


# Folders whose tests need no server of their own (clients, libraries tested in-process).
IN_PROCESS_ONLY: list[str] = [
    # The service is the FastAPI tutorial's step 5 (served and tested live as that folder);
    # tests/examples/testing_tools runs this folder's tests against both real services.
    "testing_tools/bookshelf",
]


def test_shown_property_tests_pin_an_explicit_example():
    """Coverage of the shown tests must not depend on what Hypothesis happens to draw:
    a branch reached only by lucky draws fails the coverage gate one run in many. Every
    ``@given`` test shown on a page also carries an ``@example`` that takes its branches."""
    unpinned = []
    for example in WITH_TESTS:
        for _, path in example.test_files():
            tree = ast.parse((examples.ROOT / path).read_text())
            for node in ast.walk(tree):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    names = {
                        d.func.id if isinstance(d.func, ast.Name) else getattr(d.func, "attr", "")
                        for d in node.decorator_list
                        if isinstance(d, ast.Call)
                    }
                    if "given" in names and "example" not in names:
                        unpinned.append(f"{path}::{node.name}")
    assert unpinned == []
