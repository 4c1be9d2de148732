import os

import httpx
import pytest
from fastapi.testclient import TestClient

from main import app


@pytest.fixture
def client(monkeypatch):
    """The app in-process, on a fresh in-memory database; with BASE_URL set, the same
    tests run against a live server (over its own database)."""
    if base_url := os.environ.get("BASE_URL"):
        with httpx.Client(base_url=base_url) as live:
            yield live
        return
    monkeypatch.setenv("DATABASE_URL", "sqlite://:memory:")
    with TestClient(app) as in_process:  # `with` runs the lifespan: Tortoise starts
        yield in_process
