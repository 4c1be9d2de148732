import os

import httpx
import pytest

from app import app


@pytest.fixture
def client():
    """Flask's test client in-process; with BASE_URL set, httpx against a live server.

    The two clients differ, but both have `.get()` and `.post()`, and responses with
    `.status_code`, `.headers` and `.text`: the tests use only those.
    """
    if base_url := os.environ.get("BASE_URL"):
        with httpx.Client(base_url=base_url) as live:
            yield live
    else:
        yield app.test_client()
