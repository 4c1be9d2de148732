import httpx
import pytest

from examples.tutorial_fastapi.step3_database import app
from tests.examples.tutorial_fastapi.checks import (
    BAD_IDS,
    DUNE,
    INVALID_BOOKS,
    MISSING_ID,
    assert_is_book,
    assert_json_error,
    post_malformed_json,
)


@pytest.fixture
def client(connect) -> httpx.Client:
    return connect(app, "step3")


def test_create_read_update_delete(client):
    created = client.post("/books", json=DUNE)
    assert created.status_code == 201
    book = created.json()
    url = f"/books/{book['id']}"
    assert client.get(url).json() == book
    assert book in client.get("/books").json()

    updated = client.patch(url, json={"year": 1966})
    assert updated.status_code == 200
    assert updated.json() == {**book, "year": 1966}  # the other fields are untouched
    assert client.get(url).json() == updated.json()

    deleted = client.delete(url)
    assert deleted.status_code == 204
    assert deleted.content == b""
    assert "content-type" not in deleted.headers
    assert_json_error(client.get(url), 404)
    assert_is_book(book, DUNE)


def test_list_is_in_id_order(client):
    for year in (2001, 2002):
        client.post("/books", json={**DUNE, "year": year})
    ids = [book["id"] for book in client.get("/books").json()]
    assert ids == sorted(ids)


@pytest.mark.parametrize("body", INVALID_BOOKS.values(), ids=INVALID_BOOKS.keys())
def test_invalid_book_is_422(client, body):
    assert_json_error(client.post("/books", json=body), 422)


def test_malformed_json_is_422(client):
    assert_json_error(post_malformed_json(client), 422)


@pytest.mark.parametrize(
    "changes",
    [{"title": None}, {"year": 3000}, {"owner": "bob"}, {"title": ""}, ["year"]],
    ids=["null", "out of range", "unknown field", "empty title", "array"],
)
def test_invalid_update_is_422(client, changes):
    book = client.post("/books", json=DUNE).json()
    assert_json_error(client.patch(f"/books/{book['id']}", json=changes), 422)
    assert client.get(f"/books/{book['id']}").json() == book  # nothing changed


def test_missing_book_is_404(client):
    url = f"/books/{MISSING_ID}"
    assert_json_error(client.get(url), 404)
    assert_json_error(client.patch(url, json={"year": 2000}), 404)
    assert_json_error(client.delete(url), 404)


@pytest.mark.parametrize("book_id", BAD_IDS)
def test_bad_id_is_422(client, book_id):
    assert_json_error(client.get(f"/books/{book_id}"), 422)
    assert_json_error(client.delete(f"/books/{book_id}"), 422)
