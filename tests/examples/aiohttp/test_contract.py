"""The AIOHTTP contract app in-process, started the way a reader's `python -m aiohttp.web`
starts it without options (tests/contract checks every rule against the real server)."""

import logging

import pytest
from aiohttp.test_utils import TestClient, TestServer

from apiguide import examples

contract = examples.import_module("aiohttp/contract", "app")
pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def test_without_options_the_factory_leaves_logging_alone():
    level = logging.getLogger().level
    async with (
        TestClient(TestServer(contract.create_app([]))) as client,
        client.get("/db", params={"id": "1"}) as response,
    ):
        assert response.status == 200
        assert (await response.json())["id"] == 1
    assert logging.getLogger().level == level
