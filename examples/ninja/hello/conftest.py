"""The `client` fixture: Ninja's TestClient in-process, or a live server with BASE_URL set."""

import os

import django
import httpx
import pytest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
django.setup()  # Ninja reads Django's settings as soon as it is imported

from ninja.testing import TestClient  # noqa: E402

from project.api import api  # noqa: E402


class InProcess:
    """Ninja's TestClient behind HTTPX's argument names, so one test body serves both."""

    def __init__(self) -> None:
        self.ninja = TestClient(api)

    def get(self, path: str, params: dict[str, str] | None = None):
        return self.ninja.get(path, query_params=params)

    def post(self, path: str, json: object = None, content: bytes | None = None):
        return self.ninja.post(path, json=json, body=content)


@pytest.fixture
def client():
    """TestClient calls the API object directly, so paths are relative to the API;
    the project serves it under /api/, which the HTTP client's base URL adds."""
    if base_url := os.environ.get("BASE_URL"):
        with httpx.Client(base_url=base_url.rstrip("/") + "/api/") as live:
            yield live
    else:
        yield InProcess()
