"""The three GraphQL servers give identical answers, in-process and over real HTTP under
Uvicorn. (Each example folder's own tests, shown on the page, check it alone.)"""

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, closing

import httpx
import pytest
from fastapi.testclient import TestClient as FastAPITestClient
from graphql import get_introspection_query
from litestar.testing import TestClient as LitestarTestClient
from starlette.testclient import TestClient as StarletteTestClient

from apiguide import examples, registry

# The apps read BOOKS_API_KEY when imported: use the key the registry gives the live servers.
os.environ.setdefault("BOOKS_API_KEY", registry.get("strawberry").env["BOOKS_API_KEY"])
# Each import gets its own `library` module, so each app keeps its own books.
strawberry_fastapi = examples.import_module("graphql/strawberry_fastapi", "main")
strawberry_litestar = examples.import_module("graphql/strawberry_litestar", "app")
ariadne = examples.import_module("graphql/ariadne", "main")

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
    "ariadne": (lambda: closing(StarletteTestClient(ariadne.app)), "ariadne", "asgi"),
}


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


def graphql(client: httpx.Client, query: str, **variables) -> dict:
    """POST a query the way GraphQL clients do, check the status, return the JSON body."""
    payload = {"query": query, "variables": variables} if variables else {"query": query}
    response = client.post("/graphql", json=payload)
    assert response.status_code == 200, response.text
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
    # The folders' mutation tests only add books by Octavia E. Butler, so this stays true.
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


def post(client: httpx.Client, query: str) -> dict:
    """The JSON body, whatever the status (the libraries disagree on it for refusals)."""
    return client.post("/graphql", json={"query": query}).json()


@pytest.mark.parametrize("name", IMPLEMENTATIONS)
def test_graphiql_can_still_introspect_the_schema(connect, name):
    """Introspection fields do not count towards the depth limit, and fit the other limits."""
    body = post(connect(name, "testclient"), get_introspection_query(descriptions=True))
    assert "errors" not in body
    assert body["data"]["__schema"]["queryType"]["name"] == "Query"


@pytest.mark.parametrize("name", IMPLEMENTATIONS)
def test_depth_counts_through_fragments_and_names_the_operation(connect, name):
    deep = (
        "query Deep { ...Shelf } fragment Shelf on Query {"
        " books { ... on Book { author { books { author { name } } } } } }"
    )
    errors = post(connect(name, "testclient"), deep)["errors"]
    assert [e["message"] for e in errors] == ["'Deep' exceeds maximum operation depth of 3"]
    # Three levels through the same fragments are allowed.
    shallow = deep.replace("{ author { name } }", "{ title }")
    assert "errors" not in post(connect(name, "testclient"), shallow)


def test_the_library_stops_growing():
    library = examples.import_module("graphql/ariadne", "library")  # a fresh copy of the data
    while len(library.BOOKS) < library.MAX_BOOKS:
        library.add_book("Filler", "Nobody")
    with pytest.raises(ValueError, match=r"^the library is full \(1000 books\)$"):
        library.add_book("One too many", "Nobody")


def test_an_author_lists_at_most_ten_books():
    library = examples.import_module("graphql/ariadne", "library")
    for number in range(15):
        library.add_book(f"Book {number}", "Prolific")
    assert [book.title for book in library.books_by("Prolific")] == [f"Book {n}" for n in range(10)]


@pytest.mark.parametrize("key", [None, "", "too-short"], ids=["unset", "empty", "short"])
def test_without_a_real_api_key_the_server_does_not_start(key):
    """One line naming the variable, no traceback, exit status 1."""
    env = {k: v for k, v in os.environ.items() if k != "BOOKS_API_KEY"}
    if key is not None:
        env["BOOKS_API_KEY"] = key
    done = subprocess.run(
        [sys.executable, "-c", "import security"],
        cwd=examples.EXAMPLES / "graphql/shared",
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr == (
        "BOOKS_API_KEY is not set (or shorter than 32 characters): export the output of "
        "python -c 'import secrets; print(secrets.token_urlsafe(32))'\n"
    )
