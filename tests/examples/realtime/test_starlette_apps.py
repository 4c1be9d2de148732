"""The Starlette and FastAPI WebSocket apps: Starlette's TestClient in-process, then Uvicorn."""

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager

import pytest
from starlette.testclient import TestClient, WebSocketTestSession

from examples.realtime import fastapi_app, starlette_app
from tests.examples.realtime.scenarios import SCENARIOS, TIMEOUT, Connect, Peer, over_the_network

pytestmark = pytest.mark.anyio
APPS = {"starlette": starlette_app.app, "fastapi": fastapi_app.app}


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


# --8<-- [start:in_process]
class StarlettePeer:
    """Starlette's WebSocket test session behind the async Peer interface. Its receive()
    blocks with no timeout, so it waits in a thread, bounded by asyncio.wait_for."""

    def __init__(self, session: WebSocketTestSession) -> None:
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


def in_process(client: TestClient) -> Connect:
    @asynccontextmanager
    async def connect(path: str) -> AsyncIterator[Peer]:
        with client.websocket_connect(path) as session:
            yield StarlettePeer(session)

    return connect


# --8<-- [end:in_process]


@pytest.fixture(
    params=[(app, where) for app in APPS for where in ("testclient", "uvicorn")], ids="-".join
)
def connect(request, live_server) -> Iterator[Connect]:
    app, where = request.param
    if where == "uvicorn":
        yield over_the_network(live_server("realtime", app).url)
        return
    # Entered, the TestClient runs every session on one event loop, as a server would:
    # the room's members can then send to each other.
    with TestClient(APPS[app]) as client:
        yield in_process(client)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda scenario: scenario.__name__)
async def test_websockets(connect, scenario):
    await scenario(connect)
