import pytest

from tests.examples.testing_tools.runner import FOLDER, run_bounded

# Where each service publishes its OpenAPI document.
SCHEMA_PATHS = {"tutorial-fastapi": "/openapi.json", "tutorial-litestar": "/schema/openapi.json"}


@pytest.mark.parametrize("slug", sorted(SCHEMA_PATHS))
def test_the_schemathesis_cli_finds_no_failure_on_the_real_server(slug, live_server):
    env = {
        "BOOKSHELF_URL": live_server(slug, "service").url,
        "BOOKSHELF_SCHEMA_PATH": SCHEMA_PATHS[slug],
    }
    # The launcher's environment puts this venv first on PATH: its python and schemathesis.
    # Untraced: the script is shell and schemathesis' CLI, no line of the folder's Python.
    completed = run_bounded(["sh", str(FOLDER / "fuzz.sh")], env, traced=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert " passed" in completed.stdout
    assert "failed" not in completed.stdout
    # Logged in: the write operations were tested past their 401.
    assert "Authentication failed" not in completed.stdout
