import json

import pytest

DUNE = {"title": "Dune", "author": "Frank Herbert", "year": 1965}

# Each of these bodies must be refused with a 422 and a JSON error, never stored or a 500.
INVALID_BOOKS = {
    "missing title": {"author": "A", "year": 2000},
    "empty title": {**DUNE, "title": ""},
    "title too long": {**DUNE, "title": "x" * 201},
    "author too long": {**DUNE, "author": "x" * 101},
    "title not a string": {**DUNE, "title": 123},
    "year below 0": {**DUNE, "year": -1},
    "year after 2100": {**DUNE, "year": 2101},
    "year not a number": {**DUNE, "year": "nineteen"},
    "year a fraction": {**DUNE, "year": 1965.5},
    "year huge": {**DUNE, "year": 2**64},
    "an id chosen by the client": {**DUNE, "id": 1},
    "a JSON array": [DUNE],
    "null": None,
}


def assert_json_error(response, status):
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.json()["detail"]


def test_create_then_read(client):
    created = client.post("/books", json=DUNE)
    assert created.status_code == 201
    book = created.json()
    assert client.get(f"/books/{book['id']}").json() == book
    assert book in client.get("/books").json()
    assert isinstance(book.pop("id"), int)
    assert book == DUNE


@pytest.mark.parametrize("body", INVALID_BOOKS.values(), ids=INVALID_BOOKS.keys())
def test_invalid_book_is_422(client, body):
    assert_json_error(client.post("/books", json=body), 422)


def test_malformed_json_is_422(client):
    response = client.post(
        "/books", content=b'{"title": "Dune",', headers={"content-type": "application/json"}
    )
    assert_json_error(response, 422)


@pytest.mark.parametrize("value", ["NaN", "Infinity", "1e400", '"\\ud800"'])
def test_values_no_response_can_carry_are_422(client, value):
    """Python's JSON parser reads these, but no JSON response can carry them back: the
    422 says which field failed without repeating the value (see validation_error)."""
    for field in DUNE:
        body = json.dumps({**DUNE, field: None}).replace("null", value)  # as sent
        headers = {"content-type": "application/json"}
        response = client.post("/books", content=body, headers=headers)
        assert_json_error(response, 422)
        assert "input" not in response.json()["detail"][0]


def test_missing_book_is_404(client):
    # An in-memory dict has no integer limit: a huge id is simply not there.
    for book_id in (0, 2**70):
        assert_json_error(client.get(f"/books/{book_id}"), 404)


def test_non_integer_id_is_422(client):
    assert_json_error(client.get("/books/dune"), 422)
