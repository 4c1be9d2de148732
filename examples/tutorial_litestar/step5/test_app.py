import os
import time

import jwt
import pytest

SECRET = os.environ["BOOKSHELF_SECRET"]  # the server's key (conftest.py sets one in-process)
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
MISSING_ID = 2**63 - 1  # a valid id no test will ever create


def assert_json_error(response, status):
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.json()["status_code"] == status
    assert response.json()["detail"]


@pytest.fixture
def alices_book(client, alice):
    created = client.post("/books", json=DUNE, headers=alice)
    assert created.status_code == 201
    book_id = created.json()["id"]
    assert created.json() == {"id": book_id, **DUNE, "owner": "alice"}
    return book_id


def signed(claims, key=SECRET, algorithm="HS256"):
    return jwt.encode(claims, key, algorithm=algorithm)


def valid_claims(**changes):
    """What the service itself puts in a token, changed; a value of None leaves it out."""
    now = int(time.time())
    valid = {
        "sub": "alice",
        "iat": now,
        "exp": now + 600,
        "iss": "bookshelf",
        "aud": "bookshelf-api",
    }
    return {name: value for name, value in {**valid, **changes}.items() if value is not None}


def test_the_token_names_the_user_the_issuer_and_the_audience(client):
    response = client.post("/token", data={"username": "alice", "password": "wonderland"})
    token = jwt.decode(
        response.json()["access_token"], SECRET, algorithms=["HS256"], audience="bookshelf-api"
    )
    assert (token["sub"], token["iss"], token["aud"]) == ("alice", "bookshelf", "bookshelf-api")
    assert 29 * 60 < token["exp"] - time.time() <= 30 * 60


def test_a_well_formed_token_of_our_own_is_accepted(client):
    headers = {"Authorization": f"Bearer {signed(valid_claims())}"}
    assert client.post("/books", json=DUNE, headers=headers).status_code == 201


@pytest.mark.parametrize(
    ("username", "password"), [("alice", "guess"), ("nobody", "wonderland"), ("", "")]
)
def test_wrong_credentials_are_a_401_with_a_challenge(client, username, password):
    response = client.post("/token", data={"username": username, "password": password})
    assert_json_error(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    "form",
    [{"username": "alice"}, {"password": "wonderland"}, {}],
    ids=["no password", "no user", "empty"],
)
def test_an_incomplete_form_is_a_400(client, form):
    assert_json_error(client.post("/token", data=form), 400)


def test_the_token_endpoint_wants_a_form_not_json(client):
    response = client.post("/token", json={"username": "alice", "password": "wonderland"})
    assert_json_error(response, 400)


BAD_TOKENS = {
    "garbage": "not-a-jwt",
    "wrong key": signed(valid_claims(), key="another-key-of-at-least-32-characters!"),
    "expired": signed(valid_claims(exp=int(time.time()) - 60)),
    "no exp": signed(valid_claims(exp=None)),
    "no sub": signed(valid_claims(sub=None)),
    "sub not a string": signed(valid_claims(sub=42)),
    "exp not a number": signed(valid_claims(exp="tomorrow")),
    "exp a numeric string": signed(valid_claims(exp=str(int(time.time()) + 600))),
    "no issuer": signed(valid_claims(iss=None)),
    "empty issuer": signed(valid_claims(iss="")),
    "another issuer": signed(valid_claims(iss="someone-else")),
    "no audience": signed(valid_claims(aud=None)),
    "empty audience": signed(valid_claims(aud="")),
    "another audience": signed(valid_claims(aud="another-api")),
    "audience in a list": signed(valid_claims(aud=["bookshelf-api", "another-api"])),
    "unknown user": signed(valid_claims(sub="mallory")),
    "alg none": jwt.encode(valid_claims(), None, algorithm="none"),
    "HS512": signed(valid_claims(), algorithm="HS512"),
    "tampered": signed(valid_claims())[:-4] + "AAAA",
}


@pytest.mark.parametrize("token", BAD_TOKENS.values(), ids=BAD_TOKENS.keys())
def test_every_bad_token_is_a_401(client, token):
    response = client.post("/books", json=DUNE, headers={"Authorization": f"Bearer {token}"})
    assert_json_error(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer"}, {"Authorization": "Basic YWxpY2U6d29uZGVybGFuZA=="}],
    ids=["no header", "no token", "basic"],
)
@pytest.mark.parametrize("method", ["POST", "PATCH", "DELETE"])
def test_writes_need_a_bearer_token(client, headers, method):
    path = "/books" if method == "POST" else "/books/1"
    response = client.request(method, path, json=DUNE, headers=headers)
    assert_json_error(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"


def test_a_token_in_a_cookie_is_not_enough(client, alice):
    token = alice["Authorization"].removeprefix("Bearer ")
    client.cookies.set("token", token)
    try:
        assert_json_error(client.post("/books", json=DUNE), 401)
    finally:
        client.cookies.clear()


def test_reads_are_public_and_show_the_owner(client, alices_book):
    assert client.get(f"/books/{alices_book}").json() == {
        "id": alices_book,
        **DUNE,
        "owner": "alice",
    }
    page = client.get("/books", params={"limit": 100}).json()
    assert page["total"] >= 1 and page["limit"] == 100


def test_the_owner_cannot_be_chosen_or_changed(client, alice, bob):
    created = client.post("/books", json={**DUNE, "owner": "bob"}, headers=alice).json()
    assert created["owner"] == "alice"
    changed = client.patch(f"/books/{created['id']}", json={"owner": "bob"}, headers=alice)
    assert changed.json()["owner"] == "alice"


def test_the_owner_may_change_and_delete(client, alice, alices_book):
    response = client.patch(f"/books/{alices_book}", json={"year": 1966}, headers=alice)
    assert response.status_code == 200
    assert response.json() == {"id": alices_book, **DUNE, "year": 1966, "owner": "alice"}
    assert client.delete(f"/books/{alices_book}", headers=alice).status_code == 204
    assert_json_error(client.get(f"/books/{alices_book}"), 404)


@pytest.mark.parametrize("method", ["PATCH", "DELETE"])
def test_someone_else_gets_a_403_and_the_book_stays(client, bob, alices_book, method):
    response = client.request(method, f"/books/{alices_book}", json={"year": 1}, headers=bob)
    assert_json_error(response, 403)
    assert client.get(f"/books/{alices_book}").json()["year"] == DUNE["year"]


@pytest.mark.parametrize("method", ["PATCH", "DELETE"])
def test_missing_book_is_a_404_even_with_a_token(client, alice, method):
    response = client.request(method, f"/books/{MISSING_ID}", json={}, headers=alice)
    assert_json_error(response, 404)


@pytest.mark.parametrize("body", INVALID_BOOKS.values(), ids=INVALID_BOOKS.keys())
def test_invalid_books_are_refused(client, alice, body):
    assert_json_error(client.post("/books", json=body, headers=alice), 400)


def test_invalid_changes_are_refused(client, alice, alices_book):
    assert_json_error(client.patch(f"/books/{alices_book}", json={"title": ""}, headers=alice), 400)


def test_malformed_json_is_a_400(client, alice):
    headers = {**alice, "content-type": "application/json"}
    assert_json_error(client.post("/books", content=b'{"title": "Dune",', headers=headers), 400)


@pytest.mark.parametrize("body", HOSTILE_BODIES.values(), ids=HOSTILE_BODIES.keys())
def test_hostile_json_is_a_400_and_changes_nothing(client, alice, alices_book, body):
    headers = {**alice, "content-type": "application/json"}
    assert_json_error(client.post("/books", content=body, headers=headers), 400)
    assert_json_error(client.patch(f"/books/{alices_book}", content=body, headers=headers), 400)
    assert client.get(f"/books/{alices_book}").json() == {
        "id": alices_book,
        **DUNE,
        "owner": "alice",
    }


def test_the_openapi_schema_lists_the_api(client):
    schema = client.get("/schema/openapi.json").json()
    assert {"/token", "/books", "/books/{book_id}"} <= set(schema["paths"])
    assert set(schema["paths"]["/books/{book_id}"]) == {"get", "patch", "delete"}
    scheme = schema["components"]["securitySchemes"]["BearerToken"]
    assert scheme["flows"] == {"password": {"tokenUrl": "/token"}}
