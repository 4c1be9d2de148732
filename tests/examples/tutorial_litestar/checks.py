"""Data and assertions the Bookshelf step tests share."""

import httpx

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
# Ids the router does not match (`{book_id:int}` takes digits only): 404.
UNROUTED_IDS = ["abc", "1.5", "0x10"]
# Digits, but not a possible id from step 3 on (SQLite's ids are 64-bit): 400.
OUT_OF_RANGE_IDS = ["0", "-1", str(2**63), str(2**70)]
MISSING_ID = 2**63 - 1  # a valid id no test will ever create


def assert_json_error(response: httpx.Response, status: int) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.json()["status_code"] == status
    assert response.json()["detail"]


def assert_is_book(body: dict, expected: dict) -> int:
    book_id = body.pop("id")
    assert isinstance(book_id, int)
    assert body == expected
    return book_id


def post_malformed_json(client: httpx.Client, headers: dict[str, str] | None = None):
    return client.post(
        "/books",
        content=b'{"title": "Dune",',
        headers={"content-type": "application/json", **(headers or {})},
    )
