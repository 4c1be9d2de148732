import json


def json_body(response, status: int) -> object:
    """Check the status and the JSON framing, then return the decoded body."""
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"] == "application/json"
    assert int(response.headers["Content-Length"]) == len(response.text.encode())
    return json.loads(response.text)


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
