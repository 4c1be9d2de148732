"""One suite for the three GraphQL servers, in-process and over real HTTP under Uvicorn."""

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, closing

import httpx
import pytest
from fastapi.testclient import TestClient as FastAPITestClient
from litestar.testing import TestClient as LitestarTestClient
from starlette.testclient import TestClient as StarletteTestClient

from examples.graphql import ariadne_app, strawberry_fastapi, strawberry_litestar

# name -> (in-process client factory, registry slug, registry app)
IMPLEMENTATIONS: dict[str, tuple[Callable[[], AbstractContextManager[httpx.Client]], str, str]] = {
    "strawberry-fastapi": (
        lambda: FastAPITestClient(strawberry_fastapi.app),
        "strawberry",
        "fastapi",
    ),
    "strawberry-litestar": (
        lambda: LitestarTestClient(strawberry_litestar.app),
        "strawberry",
        "litestar",
    ),
    # Not entered with `with`: Ariadne's app raises on ASGI lifespan events, which that starts.
    "ariadne": (lambda: closing(StarletteTestClient(ariadne_app.app)), "ariadne", "asgi"),
}
# The two libraries disagree on the status of a request that never runs (see the page).
REQUEST_ERROR_STATUS = {"strawberry-fastapi": 200, "strawberry-litestar": 200, "ariadne": 400}


@pytest.fixture
def connect(live_client) -> Iterator[Callable[[str, str], httpx.Client]]:
    """connect(implementation, "testclient" | "uvicorn") -> a client for it."""
    with ExitStack() as opened:

        def make(name: str, where: str) -> httpx.Client:
            in_process, slug, app = IMPLEMENTATIONS[name]
            if where == "uvicorn":
                return live_client(slug, app)
            return opened.enter_context(in_process())

        yield make


@pytest.fixture(
    params=[(name, where) for name in IMPLEMENTATIONS for where in ("testclient", "uvicorn")],
    ids="-".join,
)
def implementation(request, connect) -> tuple[str, httpx.Client]:
    name, where = request.param
    return name, connect(name, where)


def graphql(client: httpx.Client, query: str, status: int = 200, **variables) -> dict:
    """POST a query the way GraphQL clients do, check the status, return the JSON body."""
    payload = {"query": query, "variables": variables} if variables else {"query": query}
    response = client.post("/graphql", json=payload)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


# --8<-- [start:same_answers]
SAME_ANSWERS = {
    "first two books": (
        "{ books(limit: 2) { id title author { name } } }",
        {},
        {
            "books": [
                {
                    "id": 1,
                    "title": "The Left Hand of Darkness",
                    "author": {"name": "Ursula K. Le Guin"},
                },
                {"id": 2, "title": "A Wizard of Earthsea", "author": {"name": "Ursula K. Le Guin"}},
            ]
        },
    ),
    # The mutation tests below only add books by Octavia E. Butler, so this stays true.
    "nested: the author's other books": (
        "{ book(id: 1) { author { name books { title } } } }",
        {},
        {
            "book": {
                "author": {
                    "name": "Ursula K. Le Guin",
                    "books": [
                        {"title": "The Left Hand of Darkness"},
                        {"title": "A Wizard of Earthsea"},
                    ],
                }
            }
        },
    ),
    "a variable": (
        "query Book($id: Int!) { book(id: $id) { title } }",
        {"id": 2},
        {"book": {"title": "A Wizard of Earthsea"}},
    ),
    "not found is null, not an error": ("{ book(id: 999) { title } }", {}, {"book": None}),
    "limit zero": ("{ books(limit: 0) { id } }", {}, {"books": []}),
}


@pytest.mark.parametrize("where", ["testclient", "uvicorn"])
@pytest.mark.parametrize("case", SAME_ANSWERS, ids=str)
def test_every_implementation_answers_identically(connect, where, case):
    query, variables, data = SAME_ANSWERS[case]
    answers = {name: graphql(connect(name, where), query, **variables) for name in IMPLEMENTATIONS}
    assert answers == {name: {"data": data} for name in IMPLEMENTATIONS}


# --8<-- [end:same_answers]


# --8<-- [start:errors]
def test_add_book_then_read_it_back(implementation):
    _, client = implementation
    added = graphql(
        client,
        "mutation Add($title: String!, $author: String!) {"
        " addBook(title: $title, author: $author) { id title author { name } } }",
        title="  Parable of the Sower ",
        author="Octavia E. Butler",
    )["data"]["addBook"]
    assert added["title"] == "Parable of the Sower"  # stripped
    assert added["author"] == {"name": "Octavia E. Butler"}
    read = graphql(client, "query ($id: Int!) { book(id: $id) { title } }", id=added["id"])
    assert read == {"data": {"book": {"title": "Parable of the Sower"}}}


def test_a_resolver_error_nulls_only_its_own_field(implementation):
    """addBook is nullable: one bad call in a request fails alone, the other one succeeds."""
    _, client = implementation
    body = graphql(
        client,
        'mutation { good: addBook(title: "Lilith\'s Brood", author: "Octavia E. Butler") { title }'
        ' bad: addBook(title: "", author: "Nobody") { title } }',
    )
    assert body["data"] == {"good": {"title": "Lilith's Brood"}, "bad": None}
    [error] = body["errors"]
    assert error["message"] == "title must be 1 to 100 characters"
    assert error["path"] == ["bad"]


def test_an_error_in_a_non_null_field_nulls_the_whole_data(implementation):
    """books is [Book!]!: it cannot be null, so the null spreads up to `data`."""
    name, client = implementation
    body = graphql(client, "{ books(limit: -1) { title } }", REQUEST_ERROR_STATUS[name])
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
def test_an_invalid_query_is_refused_before_anything_runs(implementation, query, message):
    name, client = implementation
    body = graphql(client, query, REQUEST_ERROR_STATUS[name])
    assert body.get("data") is None  # Strawberry sends "data": null, Ariadne leaves it out
    assert [error["message"] for error in body["errors"]] == [message]


# --8<-- [end:errors]


def test_malformed_json_is_a_400(implementation):
    """Both libraries answer a body that is not JSON with 400 and a plain-text reason."""
    _, client = implementation
    response = client.post(
        "/graphql", content=b'{"query": ', headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/plain")
