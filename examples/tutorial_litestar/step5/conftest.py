import os
import secrets

import httpx
import pytest
from litestar.testing import TestClient

# app.py reads its settings when imported, so they are set first. With BASE_URL, run
# the tests with the server's BOOKSHELF_SECRET: some of them sign their own tokens.
os.environ.setdefault("BOOKSHELF_SECRET", secrets.token_urlsafe(32))
os.environ["BOOKSHELF_USERS"] = "alice:wonderland,bob:builder"  # test accounts
# In-process, each test starts the app (with `with TestClient`) on a fresh, empty database.
os.environ["DATABASE_URL"] = "sqlite+aiosqlite:///:memory:"
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


def log_in(client, username, password):
    response = client.post("/token", data={"username": username, "password": password})
    assert response.status_code == 200, response.text
    assert response.json()["token_type"] == "bearer"
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


@pytest.fixture
def alice(client):
    return log_in(client, "alice", "wonderland")


@pytest.fixture
def bob(client):
    return log_in(client, "bob", "builder")
