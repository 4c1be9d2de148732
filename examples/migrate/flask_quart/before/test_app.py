import json
import uuid

import pytest


def body(response, status: int) -> dict:
    """Check the status and that the answer is JSON, then decode it."""
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"] == "application/json"
    return json.loads(response.text)


def new_tag() -> str:
    """A tag no other test uses: a live server may hold other tests' notes."""
    return uuid.uuid4().hex[:12]


def test_create_then_read(client):
    tag = new_tag()
    created = client.post("/notes", json={"text": "Buy milk", "tags": [tag]})
    note = body(created, 201)
    assert note == {"id": note["id"], "text": "Buy milk", "tags": [tag]}
    assert created.headers["Location"] == f"/notes/{note['id']}"
    assert body(client.get(created.headers["Location"]), 200) == note


def test_list_filters_by_tag(client):
    tag = new_tag()
    tagged = body(client.post("/notes", json={"text": "one", "tags": [tag]}), 201)
    untagged = body(client.post("/notes", json={"text": "two"}), 201)
    assert body(client.get(f"/notes?tag={tag}"), 200) == {"notes": [tagged]}
    everything = body(client.get("/notes"), 200)["notes"]
    assert tagged in everything and untagged in everything


def test_delete(client):
    note = body(client.post("/notes", json={"text": "gone soon"}), 201)
    assert client.delete(f"/notes/{note['id']}").status_code == 204
    assert body(client.get(f"/notes/{note['id']}"), 404)["detail"] == f"no note {note['id']}"
    assert body(client.delete(f"/notes/{note['id']}"), 404)["error"] == "Not Found"


def test_an_id_that_is_no_number_matches_no_route(client):
    assert body(client.get("/notes/abc"), 404)["error"] == "Not Found"


def test_invalid_note_is_422_naming_each_field(client):
    response = client.post("/notes", json={"text": "", "tags": ["x" * 21]})
    errors = body(response, 422)["detail"]
    assert [error["loc"] for error in errors] == [["text"], ["tags", 0]]
    assert "input" not in errors[0]  # the value is not repeated back


@pytest.mark.parametrize(
    "raw",
    [b'{"text": ', b"[]", b'{"text": NaN}', b'{"text": "\\ud800"}', b'{"text": "\xff"}'],
    ids=["truncated", "array", "NaN", "lone surrogate", "not UTF-8"],
)
def test_a_body_that_is_no_note_is_422(client, raw):
    headers = {"Content-Type": "application/json"}
    response = client.post("/notes", content=raw, headers=headers)
    assert body(response, 422)["error"] == "Unprocessable Entity"


def test_a_body_that_is_not_json_is_415(client):
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    response = client.post("/notes", content=b"text=hi", headers=form)
    assert body(response, 415)["detail"] == "send the note as application/json"


def test_wrong_method_is_405_naming_the_allowed_ones(client):
    response = client.request("PUT", "/notes/1")
    assert body(response, 405)["error"] == "Method Not Allowed"
    assert "DELETE" in response.headers["Allow"]
