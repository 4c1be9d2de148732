import os
import secrets

import httpx
import pytest
from litestar.testing import TestClient

# The app reads BOOKS_API_KEY when imported, so it is set first. With BASE_URL, run
# the tests with the server's BOOKS_API_KEY: the mutations send it.
os.environ.setdefault("BOOKS_API_KEY", secrets.token_urlsafe(32))
from app import app


@pytest.fixture
def client():
    """The app in-process; with BASE_URL set, the same tests run against a live server."""
    if base_url := os.environ.get("BASE_URL"):
        with httpx.Client(base_url=base_url) as live:
            yield live
    else:
        with TestClient(app) as in_process:
            yield in_process
