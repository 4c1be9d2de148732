"""The Tornado WebSocket app: Tornado's own test harness in-process, then its real server."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from tornado.testing import AsyncHTTPTestCase, gen_test
from tornado.websocket import WebSocketClientConnection, websocket_connect

from examples.realtime import tornado_app
from tests.examples.realtime.scenarios import SCENARIOS, TIMEOUT, Peer, over_the_network


# --8<-- [start:in_process]
class TornadoPeer:
    """Tornado's own WebSocket client behind the Peer interface."""

    def __init__(self, connection: WebSocketClientConnection) -> None:
        self.connection = connection

    async def send(self, message: str | bytes) -> None:
        await self.connection.write_message(message, binary=isinstance(message, bytes))

    async def _next(self) -> str | bytes | None:
        return await asyncio.wait_for(self.connection.read_message(), TIMEOUT)

    async def receive(self) -> str:
        message = await self._next()
        assert isinstance(message, str), f"expected a text message, got {message!r}"
        return message

    async def close_code(self) -> int:
        assert await self._next() is None  # None: the server closed the connection
        return self.connection.close_code


class TestInProcess(AsyncHTTPTestCase):
    """Each test gets make_app() on a fresh port and IOLoop; the scenarios connect to it."""

    def get_app(self):
        return tornado_app.make_app()

    @asynccontextmanager
    async def connect(self, path: str) -> AsyncIterator[Peer]:
        url = self.get_url(path).replace("http://", "ws://")
        connection = await websocket_connect(url, connect_timeout=TIMEOUT)
        try:
            yield TornadoPeer(connection)
        finally:
            connection.close()

    @gen_test(timeout=2 * TIMEOUT)
    async def test_every_scenario(self):
        for scenario in SCENARIOS:
            await scenario(self.connect)


# --8<-- [end:in_process]


@pytest.mark.anyio
@pytest.mark.parametrize("anyio_backend", ["asyncio"])
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda scenario: scenario.__name__)
async def test_websockets_on_tornado_server(live_server, scenario):
    await scenario(over_the_network(live_server("realtime-tornado", "tornado").url))
