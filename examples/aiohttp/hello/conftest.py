import os

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from app import create_app


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"  # aiohttp runs on asyncio only


@pytest.fixture
async def client():
    """aiohttp's TestClient serves the app on a test server inside this event loop; with
    BASE_URL set, a ClientSession sends the same requests to a live server instead."""
    if base_url := os.environ.get("BASE_URL"):
        async with aiohttp.ClientSession(base_url) as live:
            yield live
    else:
        async with TestClient(TestServer(create_app([]))) as in_process:
            yield in_process
