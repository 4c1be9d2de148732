"""Unit-level API tests: pytest with each framework's own test client, no server.

Run with ``pytest examples/testing_tools/bookshelf_tests.py`` (conftest.py sets the
environment). The same tests run against the FastAPI and the Litestar Bookshelf.
"""

from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient as FastAPITestClient
from litestar.testing import TestClient as LitestarTestClient

from examples.tutorial_fastapi.step5_auth import app as fastapi_app
from examples.tutorial_litestar.step5_auth import app as litestar_app

DUNE = {"title": "Dune", "author": "Frank Herbert", "year": 1965}


# --8<-- [start:client]
@pytest.fixture(params=["fastapi", "litestar"])
def client(request: pytest.FixtureRequest) -> Iterator[httpx.Client]:
    """Both test clients are httpx clients calling the app in-process; ``with``
    runs the app's startup and shutdown, so each test gets a fresh database."""
    if request.param == "fastapi":
        test_client = FastAPITestClient(fastapi_app)
    else:
        test_client = LitestarTestClient(litestar_app)
    with test_client:
        yield test_client


def bearer(client: httpx.Client, username: str, password: str) -> dict[str, str]:
    response = client.post("/token", data={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


# --8<-- [end:client]


# --8<-- [start:tests]
def test_a_new_shelf_is_empty(client: httpx.Client) -> None:
    response = client.get("/books")
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_writing_needs_a_token(client: httpx.Client) -> None:
    response = client.post("/books", json=DUNE)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_a_logged_in_user_adds_a_book_they_own(client: httpx.Client) -> None:
    created = client.post("/books", json=DUNE, headers=bearer(client, "alice", "wonderland"))
    assert created.status_code == 201
    book = created.json()
    assert {**DUNE, "owner": "alice"}.items() <= book.items()
    assert client.get(f"/books/{book['id']}").json() == book


@pytest.mark.parametrize("body", [{**DUNE, "year": "soon"}, {"title": "Dune"}, [DUNE]])
def test_an_invalid_book_is_a_client_error(client: httpx.Client, body: object) -> None:
    response = client.post("/books", json=body, headers=bearer(client, "alice", "wonderland"))
    assert response.status_code in (400, 422)  # Litestar answers 400, FastAPI 422
    assert response.headers["content-type"] == "application/json"


# --8<-- [end:tests]
