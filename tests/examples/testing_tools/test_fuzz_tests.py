import os
import sys

import pytest

from apiguide import registry
from tests.examples.testing_tools.runner import EXAMPLES, run_bounded, run_pytest
from tests.fuzz.schemas import published_schemas


def test_the_schemathesis_tests_pass_in_process():
    output = run_pytest(EXAMPLES / "fuzz_tests.py")
    assert "6 passed" in output  # one test per operation of the service


@pytest.mark.parametrize("slug", ["tutorial-fastapi", "tutorial-litestar"])
def test_the_schemathesis_cli_finds_no_failure_on_the_real_server(slug, live_server):
    (schema_path,) = published_schemas(registry.get(slug), "service")
    env = {
        **os.environ,
        "BOOKSHELF_URL": live_server(slug, "service").url,
        "BOOKSHELF_SCHEMA_PATH": schema_path,
        # The script calls `python` and `schemathesis`: this environment's.
        "PATH": f"{os.path.dirname(sys.executable)}{os.pathsep}{os.environ['PATH']}",
    }
    completed = run_bounded(["sh", str(EXAMPLES / "fuzz.sh")], env)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert " passed" in completed.stdout
    assert "failed" not in completed.stdout
    # Logged in: the write operations were tested past their 401.
    assert "Authentication failed" not in completed.stdout
