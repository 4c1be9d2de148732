import os

import httpx
import pytest
from app import app
from robyn import testing  # the module: pytest would try to collect a class named TestClient


@pytest.fixture
def client():
    """The handlers in-process; with BASE_URL set, the same tests run against a live server."""
    if base_url := os.environ.get("BASE_URL"):
        with httpx.Client(base_url=base_url) as live:
            yield live
    else:
        with testing.TestClient(app) as in_process:
            yield in_process
