"""The Quart WebSocket app: Quart's test client in-process, then Hypercorn."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from quart.testing import connections

from examples.realtime.quart_app import app
from tests.examples.realtime.scenarios import SCENARIOS, TIMEOUT, Connect, Peer, over_the_network

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"  # Quart runs on asyncio only


# --8<-- [start:in_process]
class QuartPeer:
    """Quart's test WebSocket connection behind the Peer interface."""

    def __init__(self, connection: connections.TestWebsocketConnection) -> None:
        self.connection = connection

    async def send(self, message: str | bytes) -> None:
        await self.connection.send(message)

    async def receive(self) -> str:
        return await asyncio.wait_for(self.connection.receive(), TIMEOUT)

    async def close_code(self) -> int:
        with pytest.raises(connections.WebsocketDisconnectError) as closed:
            await self.receive()
        return closed.value.args[0]


@asynccontextmanager
async def in_process(path: str) -> AsyncIterator[Peer]:
    async with app.test_client().websocket(path) as connection:
        yield QuartPeer(connection)


# --8<-- [end:in_process]


@pytest.fixture(params=["test_client", "hypercorn"])
def connect(request, live_server) -> Connect:
    if request.param == "hypercorn":
        return over_the_network(live_server("realtime-quart", "quart").url)
    return in_process


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda scenario: scenario.__name__)
async def test_websockets(connect, scenario):
    await scenario(connect)
