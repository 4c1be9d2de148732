from collections.abc import Iterator

import httpx
import pytest
from litestar.testing import TestClient

from examples.litestar.hello import app


@pytest.fixture(params=["testclient", "uvicorn"])
def client(request, live_client) -> Iterator[httpx.Client]:
    """The same checks run in-process and against the real server over HTTP."""
    if request.param == "testclient":
        with TestClient(app) as test_client:
            yield test_client
    else:
        yield live_client("litestar", "hello")


def test_hello_world(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"hello": "world"}


def test_unknown_path_is_a_json_404(client):
    response = client.get("/nowhere")
    assert response.status_code == 404
    assert response.json() == {"status_code": 404, "detail": "Not Found"}
