"""Each client script runs against the FastAPI contract app under Uvicorn, as a reader
runs it (``python <name>.py``), and must print exactly what its ``#>`` comments say."""

import pytest

from apiguide import examples

SCRIPTS = ["requests_calls", "httpx_errors", "httpx_async_calls"]


@pytest.mark.parametrize("name", SCRIPTS)
def test_prints_what_its_comments_say(name, check_prints, live_server, monkeypatch):
    monkeypatch.setenv("API_URL", live_server("fastapi").url)
    check_prints(examples.get(f"api_basics/{name}").folder / f"{name}.py")


@pytest.mark.parametrize("name", SCRIPTS)
def test_importing_it_sends_nothing(name, capsys):
    """The requests run under ``if __name__ == "__main__"`` only, so other code can reuse main()."""
    module = examples.import_module(f"api_basics/{name}", name)
    assert callable(module.main)
    assert capsys.readouterr().out == ""
