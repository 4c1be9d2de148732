import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx
import pytest
from falcon import testing

from app import api


@dataclass
class Reply:
    """What the tests look at, whichever client fetched it."""

    status: int
    content_type: str
    body: object


Get = Callable[[str], Reply]


@pytest.fixture
def get() -> Iterator[Get]:
    """GET a path in-process; with BASE_URL set, from a live server over HTTP.

    Falcon's `Result.json` is a property where HTTPX's `.json()` is a method:
    both become the same `Reply`.
    """
    if base_url := os.environ.get("BASE_URL"):
        with httpx.Client(base_url=base_url) as http:

            def over_http(path: str) -> Reply:
                response = http.get(path)
                return Reply(
                    response.status_code, response.headers["content-type"], response.json()
                )

            yield over_http
        return
    client = testing.TestClient(api)

    def in_process(path: str) -> Reply:
        result = client.simulate_get(path)
        return Reply(result.status_code, result.headers["content-type"], result.json)

    yield in_process
