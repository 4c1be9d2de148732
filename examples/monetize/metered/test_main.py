"""The metered API. The tests taking `client` also run against a live server (BASE_URL);
the ones that move time use the fake clock in-process, so nothing sleeps."""

import hashlib
import math
import sqlite3
from datetime import UTC, date, datetime

import httpx
import pytest
from fastapi.testclient import TestClient

from main import create_app
from plans import FREE, PRO, Plan

JSON = "application/json"


def sign_up(client: httpx.Client, customer: str = "acme") -> str:
    response = client.post("/keys", json={"customer": customer})
    assert response.status_code == 201
    return response.json()["api_key"]


def issue_key(app_client: TestClient, plan: Plan) -> str:
    """What a billing system would do once a payment clears: issue a key on a paid plan."""
    keys = app_client.app.state.keys
    return app_client.portal.call(keys.issue_key, "bigco", plan)


def usage_counts(client: httpx.Client, api_key: str) -> dict[tuple[str, str], int]:
    response = client.get("/usage", headers={"X-API-Key": api_key})
    assert response.status_code == 200
    return {(row["day"], row["endpoint"]): row["calls"] for row in response.json()["usage"]}


def test_plans_are_public(client):
    response = client.get("/plans")
    assert response.status_code == 200
    assert response.json() == [
        {"name": "free", "requests_per_minute": 10},
        {"name": "pro", "requests_per_minute": 100},
    ]


def test_sign_up_issues_a_free_key(client):
    response = client.post("/keys", json={"customer": "acme"})
    assert response.status_code == 201
    issued = response.json()
    assert issued["api_key"].startswith("demo_")
    assert issued["customer"] == "acme"
    assert issued["plan"] == {"name": "free", "requests_per_minute": 10}
    assert sign_up(client) != issued["api_key"]  # every key is new, even for the same name


@pytest.mark.parametrize(
    "body", [{}, {"customer": ""}, {"customer": "x" * 101}, {"customer": 42}, ["acme"]]
)
def test_sign_up_rejects_bad_input(client, body):
    response = client.post("/keys", json=body)
    assert response.status_code == 422
    assert response.headers["content-type"] == JSON
    assert response.json()["detail"]


@pytest.mark.parametrize("value", ["NaN", "Infinity", "1e400", '"\\ud800"'])
def test_sign_up_refuses_values_no_response_can_carry(client, value):
    """Python's JSON parser reads these, but no JSON response can carry them back: the
    422 says what failed without repeating the value (see validation_error in main.py)."""
    body = '{"customer": ' + value + "}"  # the JSON text as sent
    response = client.post("/keys", content=body, headers={"content-type": JSON})
    assert response.status_code == 422
    assert response.headers["content-type"] == JSON
    assert "input" not in response.json()["detail"][0]


def test_sign_up_rejects_malformed_json(client):
    response = client.post("/keys", content=b"{nope", headers={"content-type": JSON})
    assert response.status_code == 422
    assert response.headers["content-type"] == JSON


@pytest.mark.parametrize("path", ["/v1/tips", "/v1/tips/1", "/usage"])
@pytest.mark.parametrize("headers", [{}, {"X-API-Key": ""}, {"X-API-Key": "demo_not-a-key"}])
def test_missing_or_unknown_key_is_401(client, path, headers):
    response = client.get(path, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "APIKey"
    assert response.headers["content-type"] == JSON
    assert "X-API-Key" in response.json()["detail"]


def test_paid_calls_are_served_and_metered_per_endpoint(client):
    api_key = sign_up(client)
    headers = {"X-API-Key": api_key}
    tips = client.get("/v1/tips", headers=headers)
    assert tips.status_code == 200
    assert [tip["id"] for tip in tips.json()] == [1, 2, 3]
    assert client.get("/v1/tips", headers=headers).status_code == 200
    assert client.get("/v1/tips/2", headers=headers).json() == tips.json()[1]
    missing = client.get("/v1/tips/4", headers=headers)  # served (a 404), so counted
    assert missing.status_code == 404
    assert missing.json() == {"detail": "No tip 4"}
    assert client.get("/v1/tips/x", headers=headers).status_code == 422

    counts = usage_counts(client, api_key)
    assert {endpoint: calls for (_, endpoint), calls in counts.items()} == {
        "GET /v1/tips": 2,
        "GET /v1/tips/{tip_id}": 3,
    }
    assert len({day for day, _ in counts}) == 1
    assert usage_counts(client, api_key) == counts  # reading usage is free


def test_usage_belongs_to_the_key_owner(client):
    mine, theirs = sign_up(client, "mine"), sign_up(client, "theirs")
    client.get("/v1/tips", headers={"X-API-Key": theirs})
    response = client.get("/usage", headers={"X-API-Key": mine})
    assert response.json() == {"customer": "mine", "plan": FREE.model_dump(), "usage": []}


def test_over_the_limit_is_429_with_retry_after(client):
    """Real time barely moves during eleven quick calls, so this works over HTTP too."""
    api_key, other_key = sign_up(client), sign_up(client, "other")
    headers = {"X-API-Key": api_key}
    for _ in range(FREE.requests_per_minute):
        assert client.get("/v1/tips", headers=headers).status_code == 200
    refused = client.get("/v1/tips", headers=headers)
    assert refused.status_code == 429
    assert refused.headers["content-type"] == JSON
    assert 1 <= int(refused.headers["retry-after"]) <= 6  # one token per 6 s on the free plan
    assert refused.json() == {
        "detail": "Rate limit exceeded: the free plan allows 10 requests per minute"
    }
    assert client.get("/v1/tips", headers={"X-API-Key": other_key}).status_code == 200
    assert sum(usage_counts(client, api_key).values()) == 10  # the refused call is not billed


@pytest.mark.parametrize("plan", [FREE, PRO])
def test_limit_boundaries_with_the_fake_clock(app_client, clock, plan):
    headers = {"X-API-Key": issue_key(app_client, plan)}
    limit = plan.requests_per_minute
    # Once the burst is spent, one request per 60 / limit seconds, rounded up: 6 s and 1 s.
    retry_after = str(math.ceil(60 / limit))

    def status_codes(count: int) -> list[int]:
        return [app_client.get("/v1/tips", headers=headers).status_code for _ in range(count)]

    assert status_codes(limit) == [200] * limit  # the Nth request passes
    refused = app_client.get("/v1/tips", headers=headers)  # N + 1 does not
    assert refused.status_code == 429
    assert refused.headers["retry-after"] == retry_after
    clock.advance(int(refused.headers["retry-after"]))
    assert status_codes(2) == [200, 429]  # waiting as told buys exactly one more
    clock.advance(60)  # a full minute refills the whole burst
    assert status_codes(limit + 1) == [200] * limit + [429]


def test_usage_is_counted_per_day(app_client, clock):
    headers = {"X-API-Key": sign_up(app_client)}
    app_client.get("/v1/tips", headers=headers)
    app_client.get("/v1/tips/1", headers=headers)
    clock.advance(120)  # past midnight UTC
    app_client.get("/v1/tips", headers=headers)
    assert usage_counts(app_client, headers["X-API-Key"]) == {
        ("2025-06-30", "GET /v1/tips"): 1,
        ("2025-06-30", "GET /v1/tips/{tip_id}"): 1,
        ("2025-07-01", "GET /v1/tips"): 1,
    }


def test_keys_are_stored_only_as_sha256(app_client, database):
    api_key = sign_up(app_client)
    app_client.get("/v1/tips", headers={"X-API-Key": api_key})
    with sqlite3.connect(database) as db:
        everything = "\n".join(db.iterdump())
        stored = db.execute("SELECT key_hash, customer, plan FROM api_keys").fetchall()
    assert api_key not in everything
    assert stored == [(hashlib.sha256(api_key.encode()).hexdigest(), "acme", "free")]


def test_default_clock_is_wall_time(database):
    """The served app uses the real clock: its usage is dated today (UTC)."""
    with TestClient(create_app(str(database))) as test_client:
        before = datetime.now(UTC).date()
        api_key = sign_up(test_client)
        test_client.get("/v1/tips", headers={"X-API-Key": api_key})
        ((day, _),) = usage_counts(test_client, api_key)
    assert before <= date.fromisoformat(day) <= datetime.now(UTC).date()
