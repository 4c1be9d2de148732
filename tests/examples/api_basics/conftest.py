"""The client samples print what they got; ``check_prints`` compares that with their
``#>`` comments. The mechanism is the client samples' (tests/examples/clients/conftest.py)."""

import pytest

from tests.examples.clients.conftest import check_prints  # noqa: F401 (a fixture, reused)


@pytest.fixture
def httpbin_url() -> str:
    """``check_prints`` asks for an httpbin; these samples talk to the site's own
    servers instead, so none is started and the URL is one that cannot resolve."""
    return "http://httpbin.invalid"
