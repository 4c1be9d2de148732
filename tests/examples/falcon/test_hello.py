from collections.abc import Callable
from dataclasses import dataclass

import pytest
from falcon import testing

from examples.falcon.hello import api


# --8<-- [start:clients]
@dataclass
class Reply:
    """What the checks look at, whichever client fetched it."""

    status: int
    content_type: str
    body: object


Get = Callable[[str], Reply]


@pytest.fixture(params=["testclient", "gunicorn"])
def get(request, live_client) -> Get:
    """The same checks run in-process and against the real server over HTTP."""
    if request.param == "testclient":
        client = testing.TestClient(api)

        def in_process(path: str) -> Reply:
            result = client.simulate_get(path)
            return Reply(result.status_code, result.headers["content-type"], result.json)

        return in_process
    http = live_client("falcon", "hello")

    def over_http(path: str) -> Reply:
        response = http.get(path)
        return Reply(response.status_code, response.headers["content-type"], response.json())

    return over_http


# --8<-- [end:clients]


def test_quote(get):
    reply = get("/quote")
    assert reply.status == 200
    assert reply.content_type == "application/json"
    assert reply.body == {
        "quote": "I've always been more interested in the future than in the past.",
        "author": "Grace Hopper",
    }


def test_unknown_path_is_a_json_404(get):
    reply = get("/nowhere")
    assert reply.status == 404
    assert reply.content_type == "application/json"
    assert reply.body == {"title": "404 Not Found"}
