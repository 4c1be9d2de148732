"""The `client` fixture: the Bookshelf service (the FastAPI tutorial's step 5) in-process,
or, with BASE_URL set, a live server at that address."""

import os
import secrets

import httpx
import pytest
from fastapi.testclient import TestClient

# main reads its settings when imported, so they are set first: a test-only key
# and two test accounts.
os.environ.setdefault("BOOKSHELF_SECRET", secrets.token_urlsafe(32))
os.environ["BOOKSHELF_USERS"] = "alice:wonderland,bob:builder"
from main import app


@pytest.fixture
def client(monkeypatch):
    if base_url := os.environ.get("BASE_URL"):
        with httpx.Client(base_url=base_url, timeout=10) as live:
            yield live
    else:
        # `with` runs the app's start-up and shut-down: each test gets a fresh database.
        monkeypatch.setenv("DATABASE_URL", "sqlite+aiosqlite:///:memory:")
        with TestClient(app) as in_process:
            yield in_process
