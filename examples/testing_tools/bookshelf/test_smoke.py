"""Integration smoke tests with httpx: a deployed Bookshelf, over real HTTP.

``BASE_URL=http://127.0.0.1:8000 pytest test_smoke.py``; skipped without BASE_URL.
Every book a test adds, it deletes.
"""

import os

import httpx
import pytest

BASE_URL = os.environ.get("BASE_URL") or pytest.skip(
    "set BASE_URL to the running service", allow_module_level=True
)
# The tutorial's test account; point these at a test account for a real deployment.
USERNAME = os.environ.get("BOOKSHELF_USERNAME", "alice")
PASSWORD = os.environ.get("BOOKSHELF_PASSWORD", "wonderland")


@pytest.fixture(scope="module")
def api():
    # One connection pool for the module; a timeout so a hung server fails the test.
    with httpx.Client(base_url=BASE_URL, timeout=10) as client:
        yield client


@pytest.fixture(scope="module")
def auth(api):
    response = api.post("/token", data={"username": USERNAME, "password": PASSWORD})
    response.raise_for_status()
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def test_the_service_answers_with_json(api):
    response = api.get("/books", params={"limit": 1})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json()["limit"] == 1


def test_a_book_round_trip(api, auth):
    book = {"title": "Smoke test", "author": "CI", "year": 2024}
    created = api.post("/books", json=book, headers=auth)
    assert created.status_code == 201
    url = f"/books/{created.json()['id']}"
    assert api.get(url).json()["title"] == "Smoke test"
    assert api.delete(url, headers=auth).status_code == 204
    assert api.get(url).status_code == 404


def test_a_bad_token_is_refused(api):
    response = api.post("/books", json={}, headers={"Authorization": "Bearer not-a-token"})
    assert response.status_code == 401
