import uuid
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from examples.tortoise.fastapi_users import SQLITE_MAX_INT, app


@pytest.fixture(scope="module")
def server_url(live_server, tmp_path_factory) -> str:
    """The real Uvicorn server, on a throwaway SQLite file (the launcher passes our env on)."""
    database = tmp_path_factory.mktemp("tortoise") / "users.sqlite3"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("DATABASE_URL", f"sqlite://{database}")
        return live_server("tortoise", "fastapi").url


@pytest.fixture(params=["testclient", "uvicorn"])
def client(request, monkeypatch) -> Iterator[httpx.Client]:
    """The same checks in-process (lifespan included) and over real HTTP."""
    if request.param == "testclient":
        monkeypatch.setenv("DATABASE_URL", "sqlite://:memory:")
        with TestClient(app) as in_process:  # `with` runs the lifespan: Tortoise starts
            yield in_process
    else:
        with httpx.Client(base_url=request.getfixturevalue("server_url"), timeout=10) as real:
            yield real


def new_username() -> str:
    """Unique per call: tests never depend on rows left by an earlier run."""
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


def test_malformed_json_is_422(client):
    response = client.post(
        "/users", content=b'{"username": ', headers={"content-type": "application/json"}
    )
    assert_json_error(response, 422)
