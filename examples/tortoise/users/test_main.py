import uuid

import httpx
import pytest

from main import SQLITE_MAX_INT


def new_username() -> str:
    """Unique per call: the real server lives for the whole session, so rows pile up."""
    return f"user-{uuid.uuid4().hex[:12]}"


def assert_json_error(response: httpx.Response, status: int) -> None:
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    assert "detail" in response.json()


def test_create_then_read(client):
    username = new_username()
    created = client.post("/users", json={"username": username})
    assert created.status_code == 201
    assert created.headers["content-type"] == "application/json"
    user = created.json()
    assert user == {"id": user["id"], "username": username}

    read = client.get(f"/users/{user['id']}")
    assert read.status_code == 200
    assert read.json() == user


def test_duplicate_username_is_a_conflict(client):
    username = new_username()
    assert client.post("/users", json={"username": username}).status_code == 201
    response = client.post("/users", json={"username": username})
    assert_json_error(response, 409)
    assert username in response.json()["detail"]


def test_missing_user_is_404(client):
    response = client.get(f"/users/{SQLITE_MAX_INT}")
    assert_json_error(response, 404)


@pytest.mark.parametrize("user_id", ["abc", "0", "-1", str(SQLITE_MAX_INT + 1), "1.5"])
def test_bad_user_id_is_422(client, user_id):
    assert_json_error(client.get(f"/users/{user_id}"), 422)


@pytest.mark.parametrize(
    "body",
    [{}, {"username": ""}, {"username": "x" * 51}, {"username": 5}, ["alice"], None],
    ids=["missing", "empty", "too-long", "not-a-string", "array", "null"],
)
def test_bad_body_is_422(client, body):
    assert_json_error(client.post("/users", json=body), 422)


@pytest.mark.parametrize("value", ["NaN", "Infinity", "1e400", '"\\ud800"'])
def test_values_no_response_can_carry_are_422(client, value):
    """Python's JSON parser reads these, but no JSON response can carry them back: the
    422 says what failed without repeating the value (see validation_error in main.py)."""
    body = '{"username": ' + value + "}"  # the JSON text as sent
    response = client.post("/users", content=body, headers={"content-type": "application/json"})
    assert_json_error(response, 422)
    assert "input" not in response.json()["detail"][0]


def test_malformed_json_is_422(client):
    response = client.post(
        "/users", content=b'{"username": ', headers={"content-type": "application/json"}
    )
    assert_json_error(response, 422)
