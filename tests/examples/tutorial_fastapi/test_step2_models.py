import httpx
import pytest

from examples.tutorial_fastapi.step2_models import app
from tests.examples.tutorial_fastapi.checks import (
    DUNE,
    INVALID_BOOKS,
    assert_is_book,
    assert_json_error,
    post_malformed_json,
)


@pytest.fixture
def client(connect) -> httpx.Client:
    return connect(app, "step2")


def test_create_then_read(client):
    created = client.post("/books", json=DUNE)
    assert created.status_code == 201
    book = created.json()
    assert client.get(f"/books/{book['id']}").json() == book
    assert book in client.get("/books").json()
    assert_is_book(book, DUNE)


@pytest.mark.parametrize("body", INVALID_BOOKS.values(), ids=INVALID_BOOKS.keys())
def test_invalid_book_is_422(client, body):
    assert_json_error(client.post("/books", json=body), 422)


def test_malformed_json_is_422(client):
    assert_json_error(post_malformed_json(client), 422)


def test_missing_book_is_404(client):
    # An in-memory list has no integer limit: a huge id is simply not there.
    for book_id in (0, 2**70):
        assert_json_error(client.get(f"/books/{book_id}"), 404)


def test_non_integer_id_is_422(client):
    assert_json_error(client.get("/books/dune"), 422)
