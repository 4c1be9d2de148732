"""Integration smoke tests with httpx: a deployed Bookshelf, over real HTTP.

Start the service, then ``BOOKSHELF_URL=http://127.0.0.1:8000 pytest
examples/testing_tools/smoke_tests.py``. Every book a test adds, it deletes.
"""

import os
from collections.abc import Iterator

import httpx
import pytest

BASE_URL = os.environ.get("BOOKSHELF_URL", "http://127.0.0.1:8000")
# The tutorial's demo account; point these at a test account for a real deployment.
USERNAME = os.environ.get("BOOKSHELF_USERNAME", "alice")
PASSWORD = os.environ.get("BOOKSHELF_PASSWORD", "wonderland")


# --8<-- [start:fixtures]
@pytest.fixture(scope="module")
def api() -> Iterator[httpx.Client]:
    # One connection pool for the module; a timeout so a hung server fails the test.
    with httpx.Client(base_url=BASE_URL, timeout=10) as client:
        yield client


@pytest.fixture(scope="module")
def auth(api: httpx.Client) -> dict[str, str]:
    response = api.post("/token", data={"username": USERNAME, "password": PASSWORD})
    response.raise_for_status()
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


# --8<-- [end:fixtures]


# --8<-- [start:tests]
def test_the_service_answers_with_json(api: httpx.Client) -> None:
    response = api.get("/books", params={"limit": 1})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json()["limit"] == 1


def test_a_book_round_trip(api: httpx.Client, auth: dict[str, str]) -> None:
    book = {"title": "Smoke test", "author": "CI", "year": 2024}
    created = api.post("/books", json=book, headers=auth)
    assert created.status_code == 201
    url = f"/books/{created.json()['id']}"
    assert api.get(url).json()["title"] == "Smoke test"
    assert api.delete(url, headers=auth).status_code == 204
    assert api.get(url).status_code == 404


def test_a_bad_token_is_refused(api: httpx.Client) -> None:
    response = api.post("/books", json={}, headers={"Authorization": "Bearer not-a-token"})
    assert response.status_code == 401


# --8<-- [end:tests]
