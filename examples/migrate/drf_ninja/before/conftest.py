"""The `client` fixture: DRF's APIClient and a throwaway database in-process, or a
live server over HTTP with BASE_URL set."""

import os
from json import dumps

import django
import httpx
import pytest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
django.setup()

# Django must be set up before DRF's test client can be imported.
from django.test import utils  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

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
    """APIClient behind HTTPX's names, with paths relative to /api/ as the live client's."""

    def __init__(self) -> None:
        self.api = APIClient()

    def request(self, method: str, path: str, json=None, content=None, headers=None):
        """`json=` sends JSON; `content=` sends bytes as `headers` declares them."""
        if json is not None:
            content, headers = dumps(json).encode(), {"content-type": "application/json"}
        content_type = (headers or {}).get("content-type", "application/octet-stream")
        return self.api.generic(method, "/api" + path, content or b"", content_type)

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
