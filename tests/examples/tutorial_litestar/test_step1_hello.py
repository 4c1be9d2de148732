import pytest

from examples.tutorial_litestar.step1_hello import app
from tests.examples.tutorial_litestar.checks import assert_json_error


@pytest.fixture
def client(connect):
    return connect(app, "step1")


def test_welcome(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"message": "Welcome to the bookshelf"}


def test_unknown_path_is_a_json_404(client):
    assert_json_error(client.get("/nowhere"), 404)
