"""The three GraphQL servers give identical answers, in-process and over real HTTP under
Uvicorn. (Each example folder's own tests, shown on the page, check it alone.)"""

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, closing

import httpx
import pytest
from fastapi.testclient import TestClient as FastAPITestClient
from litestar.testing import TestClient as LitestarTestClient
from starlette.testclient import TestClient as StarletteTestClient

from apiguide import examples

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
