import base64
import json
import time
from collections.abc import Callable

import httpx
import jwt
import pytest
from fastapi.testclient import TestClient

from apiguide import registry
from examples.tutorial_fastapi import walkthrough
from examples.tutorial_fastapi.step5_auth import app
from examples.tutorial_fastapi.walkthrough import log_in
from tests.examples.tutorial_fastapi.checks import (
    BAD_IDS,
    DUNE,
    INVALID_BOOKS,
    MISSING_ID,
    assert_json_error,
    post_malformed_json,
)
from tests.examples.tutorial_fastapi.conftest import SLUG

SERVICE_ENV = registry.get(SLUG).env
SECRET = SERVICE_ENV["BOOKSHELF_SECRET"]


@pytest.fixture
def client(connect) -> httpx.Client:
    return connect(app, "service")


@pytest.fixture
def alice(client) -> dict[str, str]:
    return log_in(client, "alice", "wonderland")


@pytest.fixture
def bob(client) -> dict[str, str]:
    return log_in(client, "bob", "builder")


def assert_unauthorized(response: httpx.Response) -> None:
    assert_json_error(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"


# --8<-- [start:tokens]
def test_token_is_a_signed_jwt_for_the_user(client):
    response = client.post("/token", data={"username": "alice", "password": "wonderland"})
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    claims = jwt.decode(body["access_token"], SECRET, algorithms=["HS256"])
    assert claims["sub"] == "alice"
    assert 29 * 60 < claims["exp"] - time.time() <= 30 * 60


@pytest.mark.parametrize(
    "username, password", [("alice", "builder"), ("nobody", "wonderland"), ("alice", "")]
)
def test_wrong_credentials_are_401(client, username, password):
    response = client.post("/token", data={"username": username, "password": password})
    if password:
        assert_unauthorized(response)
    else:  # an empty form field is missing, as far as the form parser is concerned
        assert_json_error(response, 422)


def test_token_wants_a_form_not_json(client):
    response = client.post("/token", json={"username": "alice", "password": "wonderland"})
    assert_json_error(response, 422)


def forge(claims: dict, key: str = SECRET, algorithm: str = "HS256") -> str:
    return jwt.encode(claims, key, algorithm=algorithm)


def unsigned(claims: dict) -> str:
    """An `alg: none` token: no signature at all."""
    parts = [{"alg": "none", "typ": "JWT"}, claims]
    encoded = [base64.urlsafe_b64encode(json.dumps(p).encode()).rstrip(b"=") for p in parts]
    return b".".join([*encoded, b""]).decode()


def in_ten_minutes() -> int:
    return int(time.time()) + 600


BAD_TOKENS: dict[str, Callable[[], str]] = {
    "garbage": lambda: "not-a-jwt",
    "expired": lambda: forge({"sub": "alice", "exp": int(time.time()) - 60}),
    "no expiry": lambda: forge({"sub": "alice"}),
    "no subject": lambda: forge({"exp": in_ten_minutes()}),
    "subject not a string": lambda: forge({"sub": 42, "exp": in_ten_minutes()}),
    "unknown user": lambda: forge({"sub": "mallory", "exp": in_ten_minutes()}),
    "another key": lambda: forge({"sub": "alice", "exp": in_ten_minutes()}, key=SECRET[::-1]),
    "another algorithm": lambda: forge(
        {"sub": "alice", "exp": in_ten_minutes()}, key=SECRET * 2, algorithm="HS512"
    ),
    "alg none": lambda: unsigned({"sub": "alice", "exp": in_ten_minutes()}),
}


@pytest.mark.parametrize("make_token", BAD_TOKENS.values(), ids=BAD_TOKENS.keys())
def test_bad_tokens_are_401(client, make_token):
    headers = {"Authorization": f"Bearer {make_token()}"}
    assert_unauthorized(client.post("/books", json=DUNE, headers=headers))


def test_writes_without_a_token_are_401(client):
    assert_unauthorized(client.post("/books", json=DUNE))
    assert_unauthorized(client.patch("/books/1", json={"year": 2000}))
    assert_unauthorized(client.delete("/books/1"))


# --8<-- [end:tokens]


# --8<-- [start:owners]
def test_only_the_owner_changes_a_book(client, alice, bob):
    created = client.post("/books", json=DUNE, headers=alice)
    assert created.status_code == 201
    book = created.json()
    assert book == {**DUNE, "id": book["id"], "owner": "alice"}
    url = f"/books/{book['id']}"
    assert client.get(url).json() == book  # reading is public

    assert_json_error(client.patch(url, json={"year": 1966}, headers=bob), 403)
    assert_json_error(client.delete(url, headers=bob), 403)
    assert client.get(url).json() == book

    updated = client.patch(url, json={"year": 1966}, headers=alice)
    assert updated.json() == {**book, "year": 1966}
    deleted = client.delete(url, headers=alice)
    assert deleted.status_code == 204
    assert "content-type" not in deleted.headers
    assert_json_error(client.get(url), 404)


def test_the_owner_cannot_be_chosen(client, alice):
    assert_json_error(client.post("/books", json={**DUNE, "owner": "bob"}, headers=alice), 422)
    book = client.post("/books", json=DUNE, headers=alice).json()
    response = client.patch(f"/books/{book['id']}", json={"owner": "bob"}, headers=alice)
    assert_json_error(response, 422)


# --8<-- [end:owners]


@pytest.mark.parametrize("body", INVALID_BOOKS.values(), ids=INVALID_BOOKS.keys())
def test_invalid_book_is_422(client, alice, body):
    assert_json_error(client.post("/books", json=body, headers=alice), 422)


def test_malformed_json_is_422(client, alice):
    assert_json_error(post_malformed_json(client, alice), 422)


def test_missing_book_is_404(client, alice):
    url = f"/books/{MISSING_ID}"
    assert_json_error(client.get(url), 404)
    assert_json_error(client.patch(url, json={"year": 2000}, headers=alice), 404)
    assert_json_error(client.delete(url, headers=alice), 404)


@pytest.mark.parametrize("book_id", BAD_IDS)
def test_bad_id_is_422(client, alice, book_id):
    assert_json_error(client.get(f"/books/{book_id}"), 422)
    assert_json_error(client.delete(f"/books/{book_id}", headers=alice), 422)


def test_list_is_paginated(client, alice):
    before = client.get("/books").json()["total"]
    new = [client.post("/books", json=DUNE, headers=alice).json() for _ in range(2)]
    page = client.get("/books", params={"limit": 1, "offset": before + 1}).json()
    assert page == {"items": new[1:], "total": before + 2, "limit": 1, "offset": before + 1}
    assert_json_error(client.get("/books", params={"limit": 101}), 422)


# --8<-- [start:openapi]
def test_openapi_documents_the_service(client):
    schema = client.get("/openapi.json").json()
    assert set(schema["paths"]) == {"/token", "/books", "/books/{book_id}"}
    assert set(schema["paths"]["/books/{book_id}"]) == {"get", "patch", "delete"}
    scheme = schema["components"]["securitySchemes"]["OAuth2PasswordBearer"]
    assert scheme["flows"]["password"]["tokenUrl"] == "token"
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert docs.headers["content-type"].startswith("text/html")


# --8<-- [end:openapi]


def test_walkthrough_prints_what_its_comments_say(check_prints, live_server, monkeypatch):
    monkeypatch.setenv("BOOKSHELF_URL", live_server(SLUG, "service").url)
    check_prints(walkthrough)


# Startup checks run in-process only: a server that refuses to start has no HTTP to test.
@pytest.fixture
def service_env(monkeypatch) -> pytest.MonkeyPatch:
    for name, value in SERVICE_ENV.items():
        monkeypatch.setenv(name, value)
    return monkeypatch


@pytest.mark.parametrize("secret", [None, "too-short-to-sign-anything"])
def test_refuses_to_start_without_a_real_secret(service_env, secret):
    if secret is None:
        service_env.delenv("BOOKSHELF_SECRET")
    else:
        service_env.setenv("BOOKSHELF_SECRET", secret)
    with pytest.raises(RuntimeError, match="BOOKSHELF_SECRET"), TestClient(app):
        pass


def test_refuses_to_start_with_malformed_users(service_env):
    service_env.setenv("BOOKSHELF_USERS", "alice:wonderland,bob")
    with pytest.raises(RuntimeError, match="'bob' is not name:password"), TestClient(app):
        pass


def test_books_and_users_survive_a_restart(service_env, tmp_path):
    service_env.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'shelf.sqlite3'}")
    service_env.setenv("BOOKSHELF_USERS", "carol:a-longer-demo-password")
    with TestClient(app) as client:
        carol = log_in(client, "carol", "a-longer-demo-password")
        book = client.post("/books", json=DUNE, headers=carol).json()
    with TestClient(app) as client:  # carol exists already: she is not added twice
        assert client.get(f"/books/{book['id']}").json() == book
        log_in(client, "carol", "a-longer-demo-password")
