"""What the frameworks themselves do with bodies the examples now refuse (pinned).

The hostile sweep (test_every_example.py) found 500s that came from the frameworks,
not from the example code: each example now shields them (an exception handler, a
stricter decoder), and its page says why. Here each framework's own behaviour is
pinned on the smallest app that shows it, so these tests fail the day upstream
fixes it: then the shield, its comment and the page sentence can go.
"""

import json

import pytest
from pydantic import BaseModel

NAN_NAME = b'{"name": NaN}'
INVALID_UTF8 = b'{"name": "\xff\xfe"}'
DEEP = b'{"name": "x", "extra": ' + b"[" * 10_000 + b"]" * 10_000 + b"}"


class Named(BaseModel):
    name: str


def test_fastapi_default_422_fails_as_a_500_when_the_input_is_not_json():
    """FastAPI's default validation answer repeats each bad input; NaN cannot be
    written as JSON, so the 422 itself fails (shielded in the tutorial, tortoise,
    metered and contract examples by a handler that leaves `input` out)."""
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    app = FastAPI()

    @app.post("/")
    async def create(body: Named) -> Named:
        return body

    client = TestClient(app, raise_server_exceptions=False)
    response = client.post("/", content=NAN_NAME, headers={"content-type": "application/json"})
    assert response.status_code == 500


@pytest.mark.parametrize("body", [INVALID_UTF8, DEEP], ids=["invalid UTF-8", "deep nesting"])
def test_litestar_lets_two_decoding_errors_through_as_500(body):
    """msgspec's DecodeError is a 400, but UnicodeDecodeError and RecursionError escape
    (shielded in the Litestar examples by `undecodable_body`)."""
    from litestar import Litestar, post
    from litestar.testing import TestClient

    @post("/")
    async def create(data: dict) -> dict:
        return data

    with TestClient(Litestar([create]), raise_server_exceptions=False) as client:
        response = client.post("/", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 500


@pytest.mark.parametrize(
    "body",
    [b"null", b'{"query": ' + b"9" * 4301 + b"}", INVALID_UTF8],
    ids=["null body", "4,301-digit number", "invalid UTF-8"],
)
def test_strawberry_parses_bodies_it_cannot_answer_for(body):
    """Strawberry's view catches only JSONDecodeError (shielded in both Strawberry
    examples by overriding `decode_json`)."""
    import strawberry
    from fastapi import FastAPI
    from fastapi.testclient import TestClient
    from strawberry.fastapi import GraphQLRouter

    @strawberry.type
    class Query:
        hello: str = "world"

    app = FastAPI()
    app.include_router(GraphQLRouter(strawberry.Schema(Query)), prefix="/graphql")
    client = TestClient(app, raise_server_exceptions=False)
    response = client.post("/graphql", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 500


def test_ariadne_fails_on_a_deeply_nested_body():
    """RecursionError from json.loads is not caught (shielded in the Ariadne example)."""
    from ariadne import QueryType, make_executable_schema
    from ariadne.asgi import GraphQL
    from starlette.testclient import TestClient

    query = QueryType()
    query.set_field("hello", lambda *_: "world")
    app = GraphQL(make_executable_schema("type Query { hello: String }", query))
    client = TestClient(app, raise_server_exceptions=False)
    body = json.dumps({"query": "{ hello }"}).encode()[:-1] + b', "x": ' + DEEP + b"}"
    response = client.post("/", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 500
