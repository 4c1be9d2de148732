import os

import httpx
import pytest

from app import app


class InProcess:
    """Flask's test client behind HTTPX's names (`content=` is a raw body), so one test
    body serves both clients; both responses have .status_code, .headers and .text."""

    def __init__(self) -> None:
        self.flask = app.test_client()

    def request(self, method: str, path: str, **kwargs):
        if "content" in kwargs:
            kwargs["data"] = kwargs.pop("content")
        return self.flask.open(path, method=method, **kwargs)

    def get(self, path: str):
        return self.request("GET", path)

    def post(self, path: str, **kwargs):
        return self.request("POST", path, **kwargs)

    def delete(self, path: str):
        return self.request("DELETE", path)


@pytest.fixture
def client():
    """The app in-process; with BASE_URL set, the same tests run against a live server."""
    if base_url := os.environ.get("BASE_URL"):
        with httpx.Client(base_url=base_url) as live:
            yield live
    else:
        yield InProcess()
