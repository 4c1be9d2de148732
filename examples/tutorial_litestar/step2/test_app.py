import pytest

DUNE = {"title": "Dune", "author": "Frank Herbert", "year": 1965}

# Each of these bodies must be refused with a 400 and a JSON error: never stored, never a 500.
INVALID_BOOKS = {
    "missing title": {"author": "A", "year": 2000},
    "empty title": {**DUNE, "title": ""},
    "title too long": {**DUNE, "title": "x" * 201},
    "empty author": {**DUNE, "author": ""},
    "author too long": {**DUNE, "author": "x" * 101},
    "title not a string": {**DUNE, "title": 123},
    "year below 0": {**DUNE, "year": -1},
    "year after 2100": {**DUNE, "year": 2101},
    "year not a number": {**DUNE, "year": "nineteen"},
    "year a fraction": {**DUNE, "year": 1965.5},
    "year huge": {**DUNE, "year": 2**64},
    "a JSON array": [DUNE],
    "null": None,
}
DUNE_JSON = b'{"title": "Dune", "author": "Frank Herbert", "year": 1965}'
# JSON no client should send, as raw bytes: each must be a 400 as well. The first two
# were 500s before `undecodable_body` (app.py).
HOSTILE_BODIES = {
    "invalid UTF-8": DUNE_JSON.replace(b"Dune", b"\xff\xfe"),
    "nested 10,000 deep": DUNE_JSON[:-1] + b', "notes": ' + b"[" * 10_000 + b"]" * 10_000 + b"}",
    "lone surrogate": DUNE_JSON.replace(b"Dune", rb"\ud800"),
    "NaN": DUNE_JSON.replace(b"1965", b"NaN"),
    "1e400": DUNE_JSON.replace(b"1965", b"1e400"),
    "4,301 digits": DUNE_JSON.replace(b"1965", b"9" * 4301),
}
# Ids the router does not match (`{book_id:int}` takes digits only): 404.
UNROUTED_IDS = ["abc", "1.5", "0x10"]


def assert_json_error(response, status):
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.json()["status_code"] == status
    assert response.json()["detail"]


def test_create_then_read(client):
    created = client.post("/books", json=DUNE)
    assert created.status_code == 201
    book_id = created.json().pop("id")
    assert created.json() == {"id": book_id, **DUNE}
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
    response = client.post(
        "/books", content=b'{"title": "Dune",', headers={"content-type": "application/json"}
    )
    assert_json_error(response, 400)


@pytest.mark.parametrize("body", HOSTILE_BODIES.values(), ids=HOSTILE_BODIES.keys())
def test_hostile_json_is_a_400(client, body):
    response = client.post("/books", content=body, headers={"content-type": "application/json"})
    assert_json_error(response, 400)
