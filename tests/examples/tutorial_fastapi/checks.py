"""Assertions and data the Bookshelf step tests share."""

import httpx

from examples.tutorial_fastapi.step3_database import SQLITE_MAX_INT

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

# Path ids that are not a book id at all: 422 (step 2 has no upper bound: see its test).
BAD_IDS = ["abc", "1.5", "0", "-1", str(SQLITE_MAX_INT + 1), str(2**70)]
MISSING_ID = SQLITE_MAX_INT  # a valid id no test will ever create


def assert_json_error(response: httpx.Response, status: int) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.json()["detail"]


def assert_is_book(body: dict, expected: dict) -> None:
    assert isinstance(body.pop("id"), int)
    assert body == expected


def post_malformed_json(client: httpx.Client, headers: dict[str, str] | None = None):
    return client.post(
        "/books",
        content=b'{"title": "Dune",',
        headers={"content-type": "application/json", **(headers or {})},
    )
