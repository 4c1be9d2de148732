"""Each client script, run as a reader runs it (``python <name>.py`` as ``__main__``), against
the local httpbin, must print exactly what its ``#>`` comments say."""

import pytest

from apiguide import examples

SCRIPTS = ["requests_basic_auth", "httpx_sync", "httpx_async", "urllib3_pool"]


@pytest.mark.parametrize("name", SCRIPTS)
def test_prints_what_its_comments_say(name, check_prints):
    check_prints(examples.get(f"clients/{name}").folder / f"{name}.py")


@pytest.mark.parametrize("name", SCRIPTS)
def test_importing_it_sends_nothing(name, capsys):
    """The requests run under ``if __name__ == "__main__"`` only, so other code can reuse main()."""
    module = examples.import_module(f"clients/{name}", name)
    assert callable(module.main)
    assert capsys.readouterr().out == ""
