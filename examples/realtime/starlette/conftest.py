import asyncio
import os
from contextlib import asynccontextmanager

import pytest
from starlette.testclient import TestClient
from websockets.asyncio.client import connect as websockets_connect
from websockets.exceptions import ConnectionClosed

from main import app

TIMEOUT = 5.0  # every wait is bounded: a broken server fails a test instead of hanging it


class InProcess:
    """Starlette's WebSocket test session behind the peer interface. Its receive() has no
    timeout, so it waits in a thread, bounded by asyncio.wait_for."""

    def __init__(self, session) -> None:
        self.session = session

    async def send(self, message: str | bytes) -> None:
        if isinstance(message, bytes):
            self.session.send_bytes(message)
        else:
            self.session.send_text(message)

    async def _next(self) -> dict:
        return await asyncio.wait_for(asyncio.to_thread(self.session.receive), TIMEOUT)

    async def receive(self) -> str:
        return (await self._next())["text"]

    async def close_code(self) -> int:
        message = await self._next()
        assert message["type"] == "websocket.close"
        return message["code"]


class OverTheNetwork:
    """A real WebSocket client (the `websockets` package) talking to a running server."""

    def __init__(self, websocket) -> None:
        self.websocket = websocket

    async def send(self, message: str | bytes) -> None:
        await self.websocket.send(message)

    async def receive(self) -> str:
        return await asyncio.wait_for(self.websocket.recv(), TIMEOUT)

    async def close_code(self) -> int:
        with pytest.raises(ConnectionClosed) as closed:
            await asyncio.wait_for(self.websocket.recv(), TIMEOUT)
        return closed.value.rcvd.code


def over_the_network(base_url: str):
    @asynccontextmanager
    async def connect(path: str):
        url = base_url.replace("http", "ws", 1) + path
        async with websockets_connect(
            url, open_timeout=TIMEOUT, close_timeout=TIMEOUT
        ) as websocket:
            yield OverTheNetwork(websocket)

    return connect


@pytest.fixture
def connect():
    """connect(path): the app in-process; with BASE_URL set, a live server over the network."""
    if base_url := os.environ.get("BASE_URL"):
        yield over_the_network(base_url)
        return
    # Entered, the TestClient runs every session on one event loop, as a server would:
    # the room's members can then send to each other.
    with TestClient(app) as client:

        @asynccontextmanager
        async def in_process(path: str):
            with client.websocket_connect(path) as session:
                yield InProcess(session)

        yield in_process
