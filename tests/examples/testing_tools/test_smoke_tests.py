import pytest

from tests.examples.testing_tools.runner import EXAMPLES, run_pytest


@pytest.mark.parametrize("slug", ["tutorial-fastapi", "tutorial-litestar"])
def test_the_smoke_tests_pass_against_the_real_server(slug, live_server):
    output = run_pytest(EXAMPLES / "smoke_tests.py", BOOKSHELF_URL=live_server(slug, "service").url)
    assert "3 passed" in output
