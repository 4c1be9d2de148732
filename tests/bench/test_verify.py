"""The pre-load contract check (its one home: apiguide/bench/verify.py)."""

import json

import pytest

from apiguide.bench import verify
from apiguide.bench.client import Response
from apiguide.bench.scenarios import ITEM_BODY, SCENARIOS, Request


def ok(body: object, status: int = 200, content_type: str = "application/json") -> Response:
    payload = body.encode() if isinstance(body, str) else json.dumps(body).encode()
    return Response(status, content_type, payload)


def test_every_scenario_request_has_a_rule():
    for scenario in SCENARIOS.values():
        for request in scenario.requests:
            verify.expected(request)


def test_good_answers_pass():
    verify.check(Request("GET", "/json"), ok({"message": "Hello, World!"}))
    verify.check(Request("GET", "/plaintext"), ok("Hello, World!", content_type="text/plain"))
    verify.check(Request("GET", "/items/42?q=bench"), ok({"item_id": 42, "q": "bench"}))
    verify.check(Request("POST", "/items", ITEM_BODY), ok({"id": 7, **json.loads(ITEM_BODY)}, 201))
    verify.check(Request("GET", "/io"), ok({"waited_ms": 10}))
    row = verify.WORLD[1]
    verify.check(Request("GET", "/db?id=1"), ok({"id": 1, "randomNumber": row}))


@pytest.mark.parametrize(
    ("request_", "response", "message"),
    [
        (Request("GET", "/json"), ok({"message": "Hello, World!"}, status=500), "status 500"),
        (Request("GET", "/json"), ok({"message": "hi"}), "body"),
        (Request("GET", "/json"), ok("Hello", content_type="text/html"), "content-type"),
        (Request("GET", "/json"), ok("not json"), "not JSON"),
        (Request("POST", "/items", ITEM_BODY), ok(json.loads(ITEM_BODY), 201), "no integer id"),
        (Request("GET", "/db?id=1"), ok({"id": 1, "randomNumber": -1}), "body"),
    ],
)
def test_bad_answers_are_rejected(request_, response, message):
    with pytest.raises(verify.VerificationError, match=message):
        verify.check(request_, response)


def test_unknown_path_is_a_programming_error():
    with pytest.raises(ValueError):
        verify.expected(Request("GET", "/nope"))
