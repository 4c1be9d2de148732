import base64
import json
import os
import time

import jwt
import pytest

SECRET = os.environ["BOOKSHELF_SECRET"]  # the server's key (conftest.py sets one in-process)
DUNE = {"title": "Dune", "author": "Frank Herbert", "year": 1965}
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
    "an owner chosen by the client": {**DUNE, "owner": "bob"},
    "a JSON array": [DUNE],
    "null": None,
}
SQLITE_MAX_INT = 2**63 - 1
BAD_IDS = ["abc", "1.5", "0", "-1", str(SQLITE_MAX_INT + 1), str(2**70)]
MISSING_ID = SQLITE_MAX_INT  # a valid id no test will ever create


def assert_json_error(response, status):
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.json()["detail"]


def assert_unauthorized(response):
    assert_json_error(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"


def test_token_is_a_signed_jwt_for_the_user(client):
    response = client.post("/token", data={"username": "alice", "password": "wonderland"})
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    token = jwt.decode(body["access_token"], SECRET, algorithms=["HS256"], audience="bookshelf-api")
    assert (token["sub"], token["iss"], token["aud"]) == ("alice", "bookshelf", "bookshelf-api")
    assert 29 * 60 < token["exp"] - time.time() <= 30 * 60


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


def forge(claims, key=SECRET, algorithm="HS256"):
    return jwt.encode(claims, key, algorithm=algorithm)


def unsigned(claims):
    """An `alg: none` token: no signature at all."""
    parts = [{"alg": "none", "typ": "JWT"}, claims]
    encoded = [base64.urlsafe_b64encode(json.dumps(p).encode()).rstrip(b"=") for p in parts]
    return b".".join([*encoded, b""]).decode()


def claims(**changes):
    """What the service itself puts in a token, changed; a value of None leaves it out."""
    valid = {
        "sub": "alice",
        "exp": int(time.time()) + 600,
        "iss": "bookshelf",
        "aud": "bookshelf-api",
    }
    return {name: value for name, value in {**valid, **changes}.items() if value is not None}


BAD_TOKENS = {
    "garbage": lambda: "not-a-jwt",
    "expired": lambda: forge(claims(exp=int(time.time()) - 60)),
    "no expiry": lambda: forge(claims(exp=None)),
    "expiry a numeric string": lambda: forge(claims(exp=str(int(time.time()) + 600))),
    "no subject": lambda: forge(claims(sub=None)),
    "subject not a string": lambda: forge(claims(sub=42)),
    "unknown user": lambda: forge(claims(sub="mallory")),
    "no issuer": lambda: forge(claims(iss=None)),
    "empty issuer": lambda: forge(claims(iss="")),
    "another issuer": lambda: forge(claims(iss="someone-else")),
    "no audience": lambda: forge(claims(aud=None)),
    "empty audience": lambda: forge(claims(aud="")),
    "another audience": lambda: forge(claims(aud="another-api")),
    "another key": lambda: forge(claims(), key=SECRET[::-1]),
    "another algorithm": lambda: forge(claims(), key=SECRET * 2, algorithm="HS512"),
    "alg none": lambda: unsigned(claims()),
}


def test_a_token_signed_with_the_key_is_accepted(client):
    headers = {"Authorization": f"Bearer {forge(claims())}"}
    assert client.post("/books", json=DUNE, headers=headers).status_code == 201


@pytest.mark.parametrize("make_token", BAD_TOKENS.values(), ids=BAD_TOKENS.keys())
def test_bad_tokens_are_401(client, make_token):
    headers = {"Authorization": f"Bearer {make_token()}"}
    assert_unauthorized(client.post("/books", json=DUNE, headers=headers))


def test_writes_without_a_token_are_401(client):
    assert_unauthorized(client.post("/books", json=DUNE))
    assert_unauthorized(client.patch("/books/1", json={"year": 2000}))
    assert_unauthorized(client.delete("/books/1"))


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


def test_the_owner_cannot_be_changed(client, alice):
    book = client.post("/books", json=DUNE, headers=alice).json()
    response = client.patch(f"/books/{book['id']}", json={"owner": "bob"}, headers=alice)
    assert_json_error(response, 422)


def test_a_null_field_is_refused_not_stored(client, alice):
    book = client.post("/books", json=DUNE, headers=alice).json()
    url = f"/books/{book['id']}"
    assert_json_error(client.patch(url, json={"title": None}, headers=alice), 422)
    assert client.get(url).json() == book


@pytest.mark.parametrize("body", INVALID_BOOKS.values(), ids=INVALID_BOOKS.keys())
def test_invalid_book_is_422(client, alice, body):
    assert_json_error(client.post("/books", json=body, headers=alice), 422)


def test_malformed_json_is_422(client, alice):
    headers = {**alice, "content-type": "application/json"}
    assert_json_error(client.post("/books", content=b'{"title": "Dune",', headers=headers), 422)


@pytest.mark.parametrize("value", ["NaN", "Infinity", "1e400", '"\\ud800"'])
def test_values_no_response_can_carry_are_422(client, alice, value):
    """Python's JSON parser reads these, but no JSON response can carry them back: the
    422 says which field failed without repeating the value (see validation_error)."""
    for field in DUNE:
        body = json.dumps({**DUNE, field: None}).replace("null", value)  # as sent
        headers = {**alice, "content-type": "application/json"}
        response = client.post("/books", content=body, headers=headers)
        assert_json_error(response, 422)
        assert "input" not in response.json()["detail"][0]


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


def test_openapi_documents_the_service(client):
    schema = client.get("/openapi.json").json()
    assert set(schema["paths"]) == {"/token", "/books", "/books/{book_id}"}
    assert set(schema["paths"]["/books/{book_id}"]) == {"get", "patch", "delete"}
    scheme = schema["components"]["securitySchemes"]["OAuth2PasswordBearer"]
    assert scheme["flows"]["password"]["tokenUrl"] == "token"
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert docs.headers["content-type"].startswith("text/html")
