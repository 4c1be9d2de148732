"""One client interface for the Sanic tests: Sanic's own test client, or the real server."""

import httpx
import pytest
from sanic import Sanic


class SanicClient:
    """Sanic's `app.test_client` (from sanic-testing) behind an httpx-style interface.

    Sanic's client returns `(request, response)`, and its response's `.json` is a
    property; each answer is handed back as a plain `httpx.Response` instead, so one
    set of assertions serves both clients.
    """

    def __init__(self, app: Sanic) -> None:
        self.app = app

    def request(self, method: str, path: str, **kwargs) -> httpx.Response:
        _, response = getattr(self.app.test_client, method)(path, **kwargs)
        return httpx.Response(
            response.status_code, headers=response.headers, content=response.content
        )

    def get(self, path: str, **kwargs) -> httpx.Response:
        return self.request("get", path, **kwargs)

    def post(self, path: str, **kwargs) -> httpx.Response:
        return self.request("post", path, **kwargs)


def both_clients(request: pytest.FixtureRequest, live_client, app: Sanic, name: str):
    """For a fixture parametrized ["test_client", "sanic"]: the in-process client or
    the real `sanic` server started by the launcher."""
    if request.param == "test_client":
        return SanicClient(app)
    return live_client("sanic", name)
