import asyncio
import os

import httpx
import pytest
from sanic import Sanic

from server import app


class SanicClient:
    """Sanic's `app.asgi_client` (from sanic-testing) behind a synchronous HTTPX interface.

    It calls the app in-process, startup listeners included, and returns
    `(request, response)`, with `.json` as a property; each answer is handed back as a
    plain `httpx.Response` instead, so one set of assertions serves both clients.
    """

    def __init__(self, app: Sanic) -> None:
        self.app = app

    def request(self, method: str, path: str, **kwargs) -> httpx.Response:
        call = getattr(self.app.asgi_client, method)(path, **kwargs)
        _, response = asyncio.run(call)
        return httpx.Response(
            response.status_code, headers=response.headers, content=response.content
        )

    def get(self, path: str, **kwargs) -> httpx.Response:
        return self.request("get", path, **kwargs)


@pytest.fixture
def client():
    """Sanic's test client; with BASE_URL set, the same tests run against a live server."""
    if base_url := os.environ.get("BASE_URL"):
        with httpx.Client(base_url=base_url) as live:
            yield live
    else:
        yield SanicClient(app)
