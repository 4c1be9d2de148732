import os

import httpx
import pytest
from robyn import testing  # the module: pytest would try to collect a class named TestClient

from app import app


@pytest.fixture
def client():
    """The handlers in-process; with BASE_URL set, the same tests run against a live server."""
    if base_url := os.environ.get("BASE_URL"):
        with httpx.Client(base_url=base_url) as live:
            yield live
    else:
        with testing.TestClient(app) as in_process:
            yield in_process
