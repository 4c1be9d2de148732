from uuid import uuid4

import pytest

ADA = {"name": "Ada Lovelace", "email": "ada@example.com"}


def create(client, user: dict[str, str]) -> dict[str, str]:
    """POST a user and return it as created (the server may already hold others)."""
    response = client.post("/users", json=user)
    assert response.status_code == 201
    return response.json()


def test_create_assigns_an_id(client):
    created = create(client, ADA)
    assert created == {"id": created["id"], **ADA}


def test_a_client_cannot_choose_the_id(client):
    chosen = str(uuid4())
    assert create(client, {**ADA, "id": chosen})["id"] != chosen


def test_list_contains_created_users(client):
    ada, grace = create(client, ADA), create(client, {"name": "Grace", "email": "g@example.com"})
    response = client.get("/users")
    assert response.status_code == 200
    listed = response.json()
    assert ada in listed and grace in listed


def test_get_by_id(client):
    created = create(client, ADA)
    response = client.get(f"/users/{created['id']}")
    assert response.status_code == 200
    assert response.json() == created


@pytest.mark.parametrize("method", ["GET", "PATCH"])
def test_unknown_id_is_a_json_404(client, method):
    unknown = uuid4()
    response = client.request(method, f"/users/{unknown}", json={"name": "x"})
    assert response.status_code == 404
    assert response.json() == {"status_code": 404, "detail": f"no user with id {unknown}"}


def test_an_id_that_is_not_a_uuid_matches_no_route(client):
    assert client.get("/users/42").status_code == 404


def test_patch_changes_only_the_fields_sent(client):
    created = create(client, ADA)
    response = client.patch(f"/users/{created['id']}", json={"email": "ada@lovelace.dev"})
    assert response.status_code == 200
    assert response.json() == {**created, "email": "ada@lovelace.dev"}
    assert client.get(f"/users/{created['id']}").json() == response.json()


def test_patch_with_nothing_changes_nothing(client):
    created = create(client, ADA)
    assert client.patch(f"/users/{created['id']}", json={}).json() == created


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ({"email": "a@example.com"}, "Object missing required field `name`"),
        ({"name": "", "email": "a@example.com"}, "Expected `str` of length >= 1 - at `$.name`"),
        ({"name": 42, "email": "a@example.com"}, "Expected `str`, got `int` - at `$.name`"),
        (["Ada"], "Expected `object`, got `array`"),
    ],
)
def test_create_rejects_invalid_users(client, body, detail):
    response = client.post("/users", json=body)
    assert response.status_code == 400
    assert response.json()["detail"] == detail


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ({"name": ""}, "Expected `str` of length >= 1 - at `$.name`"),
        ({"name": "x" * 101}, "Expected `str` of length <= 100 - at `$.name`"),
        ({"email": None}, "Expected `str`, got `null` - at `$.email`"),
    ],
)
def test_patch_rejects_invalid_changes_and_keeps_the_user(client, body, detail):
    created = create(client, ADA)
    response = client.patch(f"/users/{created['id']}", json=body)
    assert response.status_code == 400
    assert response.json()["detail"] == detail
    assert client.get(f"/users/{created['id']}").json() == created


# JSON no client should send: 500s before `undecodable_body` (app.py), now 400s.
UNDECODABLE = {
    "invalid UTF-8": b'{"name": "\xff\xfe", "email": "a@example.com"}',
    "nested 10,000 deep": b'{"name": "Ada", "notes": ' + b"[" * 10_000 + b"]" * 10_000 + b"}",
}


@pytest.mark.parametrize("body", UNDECODABLE.values(), ids=UNDECODABLE.keys())
def test_undecodable_bodies_are_a_400_and_change_nothing(client, body):
    created = create(client, ADA)
    headers = {"content-type": "application/json"}
    for method, path in [("POST", "/users"), ("PATCH", f"/users/{created['id']}")]:
        response = client.request(method, path, content=body, headers=headers)
        assert response.status_code == 400
        assert response.json() == {"status_code": 400, "detail": "the body is not valid JSON"}
    assert client.get(f"/users/{created['id']}").json() == created
