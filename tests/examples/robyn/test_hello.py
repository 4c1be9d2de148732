from collections.abc import Iterator

import httpx
import pytest
from robyn import testing  # the module, so pytest does not try to collect `TestClient`

from examples.robyn import hello


# --8<-- [start:clients]
@pytest.fixture(params=["testclient", "robyn"])
def client(request, live_client) -> Iterator[testing.TestClient | httpx.Client]:
    """Robyn's TestClient calls the handlers in-process; the other client talks HTTP to
    the real Robyn server. Both answer `.get(path)` with `.status_code` and `.text`."""
    if request.param == "testclient":
        with testing.TestClient(hello.app) as test_client:
            yield test_client
    else:
        yield live_client("robyn", "hello")


# --8<-- [end:clients]


def test_root(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.text == "Hello, World!"


def test_unknown_path_is_404(client):
    assert client.get("/nowhere").status_code == 404


# Only the real server: Robyn adds these routes, and the Content-Type header, when it starts.
def test_server_labels_the_text(live_client):
    response = live_client("robyn", "hello").get("/")
    assert response.headers["content-type"] == "text/plain"


def test_server_publishes_openapi_and_docs(live_client):
    server = live_client("robyn", "hello")
    schema = server.get("/openapi.json").json()
    assert list(schema["paths"]) == ["/"]
    docs = server.get("/docs")
    assert docs.status_code == 200
    assert docs.headers["content-type"].startswith("text/html")
