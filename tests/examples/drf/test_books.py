"""The article's ViewSet over a real model: DRF's APIClient in-process, then the real server."""

from collections.abc import Callable, Iterator

import pytest
from django.contrib.auth.models import User
from django.test import override_settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

BOOKS = "/api/books/"


# --8<-- [start:clients]
class InProcess:
    """DRF's APIClient behind httpx's method names, so one test body serves both clients."""

    def __init__(self, token: str | None) -> None:
        self.api = APIClient()
        if token:
            self.api.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    def get(self, path: str):
        return self.api.get(path)

    def post(self, path: str, json: object):
        return self.api.post(path, json, format="json")

    def put(self, path: str, json: object):
        return self.api.put(path, json, format="json")

    def patch(self, path: str, json: object):
        return self.api.patch(path, json, format="json")

    def delete(self, path: str):
        return self.api.delete(path)


@pytest.fixture(scope="module")
def token() -> str:
    """A user's API token. It is written to the test database, which the real server
    started by `live_client` also serves (it inherits DJANGO_DB from this process)."""
    user, _ = User.objects.get_or_create(username="reader")
    return Token.objects.get_or_create(user=user)[0].key


@pytest.fixture(params=["apiclient", "gunicorn"])
def connect(request, live_client) -> Iterator[Callable[[str | None], object]]:
    """Make a client that sends the given token (or none): in-process, or over HTTP."""
    if request.param == "apiclient":
        with override_settings(ROOT_URLCONF="examples.drf.urls"):
            yield InProcess
        return

    def over_http(token: str | None):
        client = live_client("drf", "books")
        if token:
            client.headers["Authorization"] = f"Token {token}"
        return client

    yield over_http


@pytest.fixture
def client(connect, token):
    return connect(token)


@pytest.fixture
def anonymous(connect):
    return connect(None)


# --8<-- [end:clients]


def test_anonymous_requests_get_401(anonymous):
    for response in (anonymous.get(BOOKS), anonymous.post(BOOKS, json={"title": "x"})):
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"] == "Token"
        assert response.json() == {"detail": "Authentication credentials were not provided."}


def test_unknown_token_gets_401(connect):
    response = connect("not-a-real-token").get(BOOKS)
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid token."}


def new_book_url(client, title: str, author: str) -> str:
    created = client.post(BOOKS, json={"title": title, "author": author})
    assert created.status_code == 201
    return f"{BOOKS}{created.json()['id']}/"


def test_create_then_list_and_retrieve(client):
    book_url = new_book_url(client, "Dune", "Frank Herbert")
    book = client.get(book_url).json()
    assert book == {"id": book["id"], "title": "Dune", "author": "Frank Herbert"}
    assert book in client.get(BOOKS).json()


def test_update_and_partial_update(client):
    book_url = new_book_url(client, "Emma", "?")
    replaced = client.put(book_url, json={"title": "Emma", "author": "Jane Austen"})
    assert replaced.status_code == 200
    assert replaced.json()["author"] == "Jane Austen"
    patched = client.patch(book_url, json={"title": "Persuasion"})
    assert patched.status_code == 200
    assert client.get(book_url).json()["title"] == "Persuasion"


def test_delete(client):
    book_url = new_book_url(client, "Ubik", "Philip K. Dick")
    assert client.delete(book_url).status_code == 204
    gone = client.get(book_url)
    assert gone.status_code == 404
    assert gone.json() == {"detail": "No Book matches the given query."}


def test_invalid_book_gets_400_naming_each_field(client):
    response = client.post(BOOKS, json={"title": ""})
    assert response.status_code == 400
    assert response.json() == {
        "title": ["This field may not be blank."],
        "author": ["This field is required."],
    }


def test_update_is_validated_too(client):
    book_url = new_book_url(client, "Short", "A")
    response = client.put(book_url, json={"title": "x" * 201, "author": "A"})
    assert response.status_code == 400
    assert response.json() == {"title": ["Ensure this field has no more than 200 characters."]}
