import asyncio
import os
import socket
from contextlib import asynccontextmanager

import pytest
from hypercorn.asyncio import serve
from hypercorn.config import Config
from websockets.asyncio.client import connect as websockets_connect
from websockets.exceptions import ConnectionClosed

from app import app

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
    """connect(path): the app served by Hypercorn (Quart's own server) on a free local port,
    in the test's event loop; with BASE_URL set, that live server instead."""
    if base_url := os.environ.get("BASE_URL"):
        yield over_the_network(base_url)
        return
    listening = socket.create_server(("127.0.0.1", 0))
    port = listening.getsockname()[1]
    config = Config()
    config.bind = [f"fd://{listening.detach()}"]  # Hypercorn takes the socket over
    stop = asyncio.Event()
    serving = asyncio.create_task(serve(app, config, shutdown_trigger=stop.wait))
    yield over_the_network(f"http://127.0.0.1:{port}")
    stop.set()
    await serving
