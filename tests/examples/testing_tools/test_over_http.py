import pytest

from apiguide import registry
from tests.examples.testing_tools.runner import run_pytest


@pytest.mark.parametrize("slug", ["tutorial-fastapi", "tutorial-litestar"])
def test_the_unit_and_smoke_tests_pass_against_each_real_service(slug, live_server):
    """The same test-client tests, and the smoke tests, over real HTTP: the FastAPI
    service and its Litestar twin answer alike (an invalid book is a 4xx either way)."""
    output = run_pytest(
        "test_bookshelf.py",
        "test_smoke.py",
        BASE_URL=live_server(slug, "service").url,
        BOOKSHELF_SECRET=registry.get(slug).env["BOOKSHELF_SECRET"],
    )
    assert "9 passed" in output  # 6 unit (3 invalid bodies), 3 smoke


def test_the_schemathesis_tests_make_one_test_per_operation():
    output = run_pytest("test_fuzz.py")
    assert "6 passed" in output  # one test per operation of the service
