import os
import time

import pytest

# Mutations need the server's key (conftest.py sets one for the app in-process).
WRITE = {"Authorization": f"Bearer {os.environ['BOOKS_API_KEY']}"}
ADD = (
    "mutation Add($title: String!, $author: String!) {"
    " addBook(title: $title, author: $author) { id title author { name } } }"
)

FIVE_LEVELS = "{ books(limit: 100) { author { books { author { books { title } } } } } }"


def graphql(client, query: str, headers: dict | None = None, status: int = 200, **variables):
    """POST a query the way GraphQL clients do; the JSON body of the answer.

    Ariadne answers 400 when nothing could run or `data` is null (see the page)."""
    payload = {"query": query, "variables": variables} if variables else {"query": query}
    response = client.post("/graphql", json=payload, headers=headers)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def test_first_two_books_with_their_authors(client):
    body = graphql(client, "{ books(limit: 2) { id title author { name } } }")
    assert body == {
        "data": {
            "books": [
                {
                    "id": 1,
                    "title": "The Left Hand of Darkness",
                    "author": {"name": "Ursula K. Le Guin"},
                },
                {"id": 2, "title": "A Wizard of Earthsea", "author": {"name": "Ursula K. Le Guin"}},
            ]
        }
    }


def test_a_variable_and_a_missing_book(client):
    query = "query Book($id: Int!) { book(id: $id) { title } }"
    assert graphql(client, query, id=2) == {"data": {"book": {"title": "A Wizard of Earthsea"}}}
    assert graphql(client, query, id=999) == {"data": {"book": None}}  # null, not an error


def test_add_book_then_read_it_back(client):
    # Only books by Octavia E. Butler are added, so Le Guin's list stays the same.
    added = graphql(
        client,
        ADD,
        WRITE,
        title="  Parable of the Sower ",
        author="Octavia E. Butler",
    )["data"]["addBook"]
    assert added["title"] == "Parable of the Sower"  # stripped
    assert added["author"] == {"name": "Octavia E. Butler"}
    read = graphql(client, "query ($id: Int!) { book(id: $id) { title } }", id=added["id"])
    assert read == {"data": {"book": {"title": "Parable of the Sower"}}}


def test_a_resolver_error_nulls_only_its_own_field(client):
    """addBook is nullable: one bad call in a request fails alone, the other one succeeds."""
    body = graphql(
        client,
        'mutation { good: addBook(title: "Lilith\'s Brood", author: "Octavia E. Butler") { title }'
        ' bad: addBook(title: "", author: "Nobody") { title } }',
        WRITE,
    )
    assert body["data"] == {"good": {"title": "Lilith's Brood"}, "bad": None}
    [error] = body["errors"]
    assert error["message"] == "title must be 1 to 100 characters"
    assert error["path"] == ["bad"]


def test_an_error_in_a_non_null_field_nulls_the_whole_data(client):
    """books is [Book!]!: it cannot be null, so the null spreads up to `data`."""
    body = graphql(client, "{ books(limit: -1) { title } }", status=400)
    assert body["data"] is None
    assert [(e["message"], e["path"]) for e in body["errors"]] == [
        ("limit must be between 0 and 100", ["books"])
    ]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("{ books { title isbn } }", "Cannot query field 'isbn' on type 'Book'."),
        ('{ book(id: "one") { title } }', 'Int cannot represent non-integer value: "one"'),
        (
            "{ book { title } }",
            "Argument 'Query.book(id:)' of type 'Int!' is required, but it was not provided.",
        ),
        ("{ books { title }", "Syntax Error: Expected Name, found <EOF>."),
    ],
    ids=["unknown field", "wrong type", "missing argument", "syntax error"],
)
def test_an_invalid_query_is_refused_before_anything_runs(client, query, message):
    body = graphql(client, query, status=400)
    assert "data" not in body  # nothing ran, so there is no data at all
    assert [error["message"] for error in body["errors"]] == [message]


@pytest.mark.parametrize("key", [None, "Bearer not-the-key"], ids=["no key", "wrong key"])
def test_adding_a_book_needs_the_api_key(client, key):
    headers = {"Authorization": key} if key else {}
    body = graphql(client, ADD, headers, title="Fledgling", author="Octavia E. Butler")
    assert body["data"] == {"addBook": None}
    assert [(e["message"], e["path"]) for e in body["errors"]] == [
        ("adding books needs the header Authorization: Bearer <BOOKS_API_KEY>", ["addBook"])
    ]


def test_a_deep_query_is_refused_before_anything_runs(client):
    """Five levels of authors' books, after several books were added: refused at once."""
    for number in range(8):
        graphql(client, ADD, WRITE, title=f"Xenogenesis {number}", author="Octavia E. Butler")
    started = time.perf_counter()
    body = graphql(
        client,
        "{ books(limit: 100) { author { books { author { books { title } } } } } }",
        status=400,
    )
    assert time.perf_counter() - started < 1  # milliseconds, in fact
    assert "data" not in body
    assert [e["message"] for e in body["errors"]] == [
        "'anonymous' exceeds maximum operation depth of 3",
        "The query exceeds the maximum cost of 500. Actual cost is 2103",  # too wide as well
    ]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "{ " + " ".join(["book(id: 1) { title }"] * 60) + " }",
            "Syntax Error: Document contains more than 500 tokens. Parsing aborted.",
        ),
        (
            "{ " + " ".join(f"b{n}: books(limit: 100) {{ title }}" for n in range(6)) + " }",
            "The query exceeds the maximum cost of 500. Actual cost is 606",
        ),
    ],
    ids=["too long", "too costly"],
)
def test_a_query_too_big_is_refused_before_anything_runs(client, query, message):
    body = graphql(client, query, status=400)
    assert "data" not in body
    assert [e["message"] for e in body["errors"]] == [message]


def test_a_body_that_is_not_json_is_a_plain_text_400(client):
    response = client.post(
        "/graphql", content=b'{"query": ', headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/plain")


def add_book_titled(raw_title: bytes) -> bytes:
    """An addBook request, its title variable written as raw JSON."""
    return b'{"query": "%s", "variables": {"title": %s, "author": "Octavia E. Butler"}}' % (
        ADD.encode(),
        raw_title,
    )


# JSON no GraphQL client sends, each refused by `StrictJSONHandler` (main.py): with
# Ariadne's own handler, deep nesting was a 500, and a lone surrogate was stored as a
# title, after which every answer listing it was a 500.
HOSTILE_BODIES = {
    "nested 10,000 deep": b'{"query": ' + b"[" * 10_000 + b"]" * 10_000 + b"}",
    "invalid UTF-8": b'{"query": "\xff\xfe"}',
    "4,301 digits": b'{"query": ' + b"9" * 4301 + b"}",
    "lone surrogate": add_book_titled(rb'"\ud800"'),
    "NaN": add_book_titled(b"NaN"),
    "1e400": add_book_titled(b"1e400"),
}


@pytest.mark.parametrize("body", HOSTILE_BODIES.values(), ids=HOSTILE_BODIES.keys())
def test_hostile_json_is_a_plain_text_400(client, body):
    headers = {**WRITE, "content-type": "application/json"}
    response = client.post("/graphql", content=body, headers=headers)
    assert response.status_code == 400
    assert response.text == "Request body is not a valid JSON"
