import pytest
from robyn.testing import TestClient

from examples.robyn import hello


@pytest.fixture(params=["testclient", "robyn"])
def client(request, live_client):
    if request.param == "testclient":
        return TestClient(hello.app)
    return live_client("robyn", "hello")


def test_root(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.text == "Hello, World!"
