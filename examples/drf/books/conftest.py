"""Fixtures: Django set up as `manage.py test` would, and clients that send a token.

In-process, the tests use DRF's APIClient against a throwaway test database.
With BASE_URL set, the same tests run against a live server over HTTP, and
their user and token go into the server's own database (db.sqlite3 here).
"""

import os

import django
import httpx
import pytest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
django.setup()

# Django must be set up before models can be imported.
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import utils  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

BASE_URL = os.environ.get("BASE_URL")


@pytest.fixture(scope="session", autouse=True)
def database():
    if BASE_URL:
        call_command("migrate", verbosity=0)  # nothing to do if the server's is up to date
        yield
        return
    utils.setup_test_environment()
    databases = utils.setup_databases(verbosity=0, interactive=False)
    yield
    utils.teardown_databases(databases, verbosity=0)
    utils.teardown_test_environment()


@pytest.fixture(scope="session")
def token() -> str:
    user, _ = User.objects.get_or_create(username="test-reader")
    return Token.objects.get_or_create(user=user)[0].key


class InProcess:
    """DRF's APIClient behind HTTPX's method names, so one test body serves both clients."""

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


@pytest.fixture
def connect():
    """Make a client that sends the given token (or none)."""
    opened: list[httpx.Client] = []

    def make(token: str | None):
        if not BASE_URL:
            return InProcess(token)
        headers = {"Authorization": f"Token {token}"} if token else {}
        opened.append(httpx.Client(base_url=BASE_URL, headers=headers))
        return opened[-1]

    yield make
    for client in opened:
        client.close()


@pytest.fixture
def client(connect, token):
    return connect(token)


@pytest.fixture
def anonymous(connect):
    return connect(None)
