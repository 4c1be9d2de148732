import asyncio
import os
from contextlib import asynccontextmanager

import pytest
from tornado.httpserver import HTTPServer
from tornado.testing import bind_unused_port
from websockets.asyncio.client import connect as websockets_connect
from websockets.exceptions import ConnectionClosed

from app import make_app

TIMEOUT = 5.0  # every wait is bounded: a broken server fails a test instead of hanging it


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
async def connect():
    """connect(path): the app on a free local port, served by Tornado in the test's own
    event loop (as tornado.testing does); with BASE_URL set, that live server instead."""
    if base_url := os.environ.get("BASE_URL"):
        yield over_the_network(base_url)
        return
    sock, port = bind_unused_port()
    server = HTTPServer(make_app())
    server.add_sockets([sock])
    yield over_the_network(f"http://127.0.0.1:{port}")
    server.stop()
    await server.close_all_connections()
