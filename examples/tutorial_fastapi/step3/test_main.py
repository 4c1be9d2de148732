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
SQLITE_MAX_INT = 2**63 - 1
# Path ids that are not a book id at all: 422.
BAD_IDS = ["abc", "1.5", "0", "-1", str(SQLITE_MAX_INT + 1), str(2**70)]
MISSING_ID = SQLITE_MAX_INT  # a valid id no test will ever create


def assert_json_error(response, status):
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.json()["detail"]


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
    assert isinstance(book.pop("id"), int)
    assert book == DUNE


def test_list_is_in_id_order(client):
    for year in (2001, 2002):
        client.post("/books", json={**DUNE, "year": year})
    ids = [book["id"] for book in client.get("/books").json()]
    assert ids == sorted(ids)


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
