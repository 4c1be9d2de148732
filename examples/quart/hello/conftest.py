import os
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass

import httpx
import pytest
from websockets.asyncio.client import connect

from app import app

BASE_URL = os.environ.get("BASE_URL")  # set: the tests run against a live server


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"  # Quart runs on asyncio only


@dataclass
class Reply:
    """The parts of a response the tests read, whichever client fetched it."""

    status_code: int
    content_type: str
    text: str


Get = Callable[[str], Awaitable[Reply]]
Send = Callable[[str], Awaitable[None]]
Receive = Callable[[], Awaitable[str]]
OpenWebSocket = Callable[[], AbstractAsyncContextManager[tuple[Send, Receive]]]


@pytest.fixture
async def get() -> AsyncIterator[Get]:
    """GET through Quart's test client in-process, or over HTTP from a live server."""
    if BASE_URL:
        async with httpx.AsyncClient(base_url=BASE_URL) as http:

            async def get_over_http(path: str) -> Reply:
                response = await http.get(path)
                return Reply(response.status_code, response.headers["content-type"], response.text)

            yield get_over_http
        return
    client = app.test_client()

    async def get_in_process(path: str) -> Reply:
        response = await client.get(path)
        text = await response.get_data(as_text=True)
        return Reply(response.status_code, response.content_type, text)

    yield get_in_process


@pytest.fixture
def open_websocket() -> OpenWebSocket:
    """A WebSocket to /ws as a (send, receive) pair: in-process, or a real one."""

    @asynccontextmanager
    async def in_process() -> AsyncIterator[tuple[Send, Receive]]:
        async with app.test_client().websocket("/ws") as socket:
            yield socket.send, socket.receive

    @asynccontextmanager
    async def over_the_network() -> AsyncIterator[tuple[Send, Receive]]:
        async with connect(BASE_URL.replace("http://", "ws://") + "/ws") as socket:
            yield socket.send, socket.recv

    return over_the_network if BASE_URL else in_process
