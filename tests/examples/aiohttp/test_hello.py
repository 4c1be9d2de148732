from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from examples.aiohttp import hello

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"  # aiohttp runs on asyncio only


# --8<-- [start:clients]
@pytest.fixture(params=["testclient", "aiohttp.web"])
async def client(request, live_server) -> AsyncIterator[TestClient | aiohttp.ClientSession]:
    """aiohttp's TestClient serves the app on a test server inside this event loop; the
    ClientSession talks to the real `python -m aiohttp.web` server. Same request API."""
    if request.param == "testclient":
        async with TestClient(TestServer(hello.create_app([]))) as test_client:
            yield test_client
    else:
        async with aiohttp.ClientSession(live_server("aiohttp", "hello").url) as session:
            yield session


# --8<-- [end:clients]


async def get_json(client, path: str) -> tuple[int, object]:
    async with client.get(path) as response:
        return response.status, await response.json()  # json() insists on application/json


async def test_root(client):
    assert await get_json(client, "/") == (200, {"Hello": "World"})


async def test_item_with_query(client):
    assert await get_json(client, "/items/5?q=somequery") == (200, {"item_id": 5, "q": "somequery"})


async def test_item_without_query(client):
    assert await get_json(client, "/items/5") == (200, {"item_id": 5, "q": None})


async def test_item_id_must_be_an_integer(client):
    assert await get_json(client, "/items/five") == (400, {"error": "item_id must be an integer"})
