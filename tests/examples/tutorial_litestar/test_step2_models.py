import pytest

from examples.tutorial_litestar.step2_models import app
from tests.examples.tutorial_litestar.checks import (
    DUNE,
    INVALID_BOOKS,
    UNROUTED_IDS,
    assert_is_book,
    assert_json_error,
    post_malformed_json,
)


@pytest.fixture
def client(connect):
    return connect(app, "step2")


def test_create_then_read(client):
    created = client.post("/books", json=DUNE)
    assert created.status_code == 201
    book_id = assert_is_book(created.json(), DUNE)
    assert client.get(f"/books/{book_id}").json() == {"id": book_id, **DUNE}
    listed = client.get("/books")
    assert listed.status_code == 200
    assert {"id": book_id, **DUNE} in listed.json()


def test_a_client_cannot_choose_the_id(client):
    created = client.post("/books", json={**DUNE, "id": 10**6})
    assert created.json()["id"] != 10**6


def test_missing_book_is_a_json_404(client):
    assert_json_error(client.get(f"/books/{2**70}"), 404)  # a list has no 64-bit limit


@pytest.mark.parametrize("book_id", UNROUTED_IDS)
def test_an_id_that_is_not_digits_matches_no_route(client, book_id):
    assert_json_error(client.get(f"/books/{book_id}"), 404)


@pytest.mark.parametrize("body", INVALID_BOOKS.values(), ids=INVALID_BOOKS.keys())
def test_invalid_books_are_refused(client, body):
    assert_json_error(client.post("/books", json=body), 400)


def test_malformed_json_is_a_400(client):
    assert_json_error(post_malformed_json(client), 400)
