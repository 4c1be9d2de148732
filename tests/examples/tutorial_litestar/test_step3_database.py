import pytest

from examples.tutorial_litestar.step3_database import app
from tests.examples.tutorial_litestar.checks import (
    DUNE,
    INVALID_BOOKS,
    MISSING_ID,
    OUT_OF_RANGE_IDS,
    UNROUTED_IDS,
    assert_is_book,
    assert_json_error,
    post_malformed_json,
)


@pytest.fixture
def client(connect):
    return connect(app, "step3")


@pytest.fixture
def dune_id(client) -> int:
    created = client.post("/books", json=DUNE)
    assert created.status_code == 201
    return assert_is_book(created.json(), DUNE)


def test_create_then_read(client, dune_id):
    assert client.get(f"/books/{dune_id}").json() == {"id": dune_id, **DUNE}
    assert {"id": dune_id, **DUNE} in client.get("/books").json()


def test_list_is_ordered_by_id(client, dune_id):
    ids = [book["id"] for book in client.get("/books").json()]
    assert ids == sorted(ids) and dune_id in ids


def test_patch_changes_only_the_fields_sent(client, dune_id):
    response = client.patch(f"/books/{dune_id}", json={"year": 1966})
    assert response.status_code == 200
    assert response.json() == {"id": dune_id, **DUNE, "year": 1966}
    assert client.get(f"/books/{dune_id}").json() == response.json()


def test_patch_ignores_the_id(client, dune_id):
    response = client.patch(f"/books/{dune_id}", json={"id": MISSING_ID})
    assert response.json() == {"id": dune_id, **DUNE}


@pytest.mark.parametrize(
    "changes", [{"title": ""}, {"author": "x" * 101}, {"year": 2101}, {"title": None}, [1]]
)
def test_patch_refuses_invalid_changes_and_keeps_the_book(client, dune_id, changes):
    assert_json_error(client.patch(f"/books/{dune_id}", json=changes), 400)
    assert client.get(f"/books/{dune_id}").json() == {"id": dune_id, **DUNE}


def test_delete_then_gone(client, dune_id):
    response = client.delete(f"/books/{dune_id}")
    assert response.status_code == 204
    assert response.content == b""
    assert_json_error(client.get(f"/books/{dune_id}"), 404)
    assert_json_error(client.delete(f"/books/{dune_id}"), 404)


@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
def test_missing_book_is_a_json_404(client, method):
    assert_json_error(client.request(method, f"/books/{MISSING_ID}", json={}), 404)


@pytest.mark.parametrize("book_id", OUT_OF_RANGE_IDS)
@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
def test_ids_out_of_range_are_a_400(client, method, book_id):
    assert_json_error(client.request(method, f"/books/{book_id}", json={}), 400)


@pytest.mark.parametrize("book_id", UNROUTED_IDS)
def test_an_id_that_is_not_digits_matches_no_route(client, book_id):
    assert_json_error(client.get(f"/books/{book_id}"), 404)


@pytest.mark.parametrize("body", INVALID_BOOKS.values(), ids=INVALID_BOOKS.keys())
def test_invalid_books_are_refused(client, body):
    assert_json_error(client.post("/books", json=body), 400)


def test_malformed_json_is_a_400(client):
    assert_json_error(post_malformed_json(client), 400)
