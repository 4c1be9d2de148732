import json
import sqlite3

import pytest

from examples.flask import contract
from examples.flask.hello import app


# --8<-- [start:clients]
@pytest.fixture(params=["test_client", "gunicorn"])
def client(request, live_client):
    """The same checks run in-process and against the real server over HTTP.

    Flask's test client and httpx differ, but both have `.get()`, `.post()`, and
    responses with `.status_code`, `.headers` and `.text`: the checks use only those.
    """
    if request.param == "test_client":
        return app.test_client()
    return live_client("flask", "hello")


def json_body(response, status: int) -> object:
    """Check the status and the JSON framing, then return the decoded body."""
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"] == "application/json"
    assert int(response.headers["Content-Length"]) == len(response.text.encode())
    return json.loads(response.text)


# --8<-- [end:clients]


def test_list_items(client):
    assert json_body(client.get("/api/items"), 200) == {"items": ["item1", "item2"]}


def test_get_item(client):
    assert json_body(client.get("/api/items/5"), 200) == {"item_id": 5, "name": "Item 5"}


def test_item_id_must_be_an_integer(client):
    # The <int:...> converter does not match "five", so no route does: a 404, in JSON.
    assert json_body(client.get("/api/items/five"), 404)["error"] == "Not Found"


def test_wrong_method_is_405_and_says_what_is_allowed(client):
    response = client.post("/api/items")
    assert json_body(response, 405)["error"] == "Method Not Allowed"
    assert "GET" in response.headers["Allow"]


def test_contract_db_connection_lasts_one_request():
    """The contract's per-request connection on `g`, checked in-process."""
    with contract.app.app_context():
        db = contract.get_db()
        assert contract.get_db() is db  # one connection for the whole request
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):  # teardown closed it
        db.execute("SELECT 1")
