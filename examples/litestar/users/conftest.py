import os

import httpx
import pytest
from litestar.testing import TestClient

from app import app


@pytest.fixture
def client():
    """The app in-process, a fresh one per test (its startup hook makes an empty store);
    with BASE_URL set, the same tests run against a live server, which may hold users."""
    if base_url := os.environ.get("BASE_URL"):
        with httpx.Client(base_url=base_url) as live:
            yield live
    else:
        with TestClient(app) as in_process:  # `with` runs the app's startup hooks
            yield in_process
