import os
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

import httpx
import pytest
from blacksheep.testing import TestClient

from main import app


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@dataclass
class Reply:
    """What the tests look at, whichever client fetched it."""

    status: int
    content_type: str
    text: str


Fetch = Callable[[str], Awaitable[Reply]]


@pytest.fixture
async def fetch() -> AsyncIterator[Fetch]:
    """GET a path in-process; with BASE_URL set, from a live server over HTTP."""
    if base_url := os.environ.get("BASE_URL"):
        async with httpx.AsyncClient(base_url=base_url) as http:

            async def over_http(path: str) -> Reply:
                response = await http.get(path)
                return Reply(response.status_code, response.headers["content-type"], response.text)

            yield over_http
        return
    await app.start()  # BlackSheep's TestClient needs a started app
    client = TestClient(app)

    async def in_process(path: str) -> Reply:
        response = await client.get(path)
        return Reply(response.status, response.content_type().decode(), await response.text())

    yield in_process
    await app.stop()
