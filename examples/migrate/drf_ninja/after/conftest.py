"""The `client` fixture: Ninja's TestClient and a throwaway database in-process, or a
live server over HTTP with BASE_URL set."""

import os

import django
import httpx
import pytest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
django.setup()

# Django must be set up before Ninja and the API can be imported.
from django.test import utils  # noqa: E402
from ninja.testing import TestClient  # noqa: E402

from books.api import api  # noqa: E402

BASE_URL = os.environ.get("BASE_URL")


@pytest.fixture(scope="session", autouse=True)
def database():
    """In-process, a test database made from the migrations, as `manage.py test` does."""
    if BASE_URL:
        yield
        return
    utils.setup_test_environment()
    databases = utils.setup_databases(verbosity=0, interactive=False)
    yield
    utils.teardown_databases(databases, verbosity=0)
    utils.teardown_test_environment()


class InProcess:
    """Ninja's TestClient behind HTTPX's names. It calls the API object itself (no URL
    routing, no middleware), so paths are relative to /api/, as the live client's."""

    def __init__(self) -> None:
        self.ninja = TestClient(api)

    def request(self, method: str, path: str, json=None, content=None, headers=None):
        """`json=` sends JSON; `content=` sends bytes (Ninja reads any body as JSON)."""
        return self.ninja.request(method, path, json=json, body=content, headers=headers or {})

    def get(self, path: str):
        return self.request("GET", path)

    def post(self, path: str, **kwargs):
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs):
        return self.request("PUT", path, **kwargs)

    def patch(self, path: str, **kwargs):
        return self.request("PATCH", path, **kwargs)

    def delete(self, path: str):
        return self.request("DELETE", path)


@pytest.fixture
def client():
    if BASE_URL:
        with httpx.Client(base_url=BASE_URL.rstrip("/") + "/api/") as live:
            yield live
    else:
        yield InProcess()
