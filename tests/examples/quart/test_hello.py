import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass

import httpx
import pytest
from websockets.asyncio.client import connect

from examples.quart import contract
from examples.quart.hello import app

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"  # Quart runs on asyncio only


# --8<-- [start:clients]
@dataclass
class Reply:
    """The parts of a response the checks read, whichever client fetched it."""

    status_code: int
    content_type: str
    text: str


Get = Callable[[str], Awaitable[Reply]]
Send = Callable[[str], Awaitable[None]]
Receive = Callable[[], Awaitable[str]]
OpenWebSocket = Callable[[], AbstractAsyncContextManager[tuple[Send, Receive]]]


@pytest.fixture(params=["test_client", "hypercorn"])
async def get(request, live_server) -> AsyncIterator[Get]:
    """GET through Quart's test client in-process, or over HTTP from the real server."""
    if request.param == "test_client":
        client = app.test_client()

        async def get_in_process(path: str) -> Reply:
            response = await client.get(path)
            text = await response.get_data(as_text=True)
            return Reply(response.status_code, response.content_type, text)

        yield get_in_process
        return
    async with httpx.AsyncClient(base_url=live_server("quart", "hello").url) as http:

        async def get_over_http(path: str) -> Reply:
            response = await http.get(path)
            return Reply(response.status_code, response.headers["content-type"], response.text)

        yield get_over_http


@pytest.fixture(params=["test_client", "hypercorn"])
def open_websocket(request, live_server) -> OpenWebSocket:
    """A WebSocket to /ws as a (send, receive) pair: in-process, or a real one."""

    @asynccontextmanager
    async def in_process() -> AsyncIterator[tuple[Send, Receive]]:
        async with app.test_client().websocket("/ws") as socket:
            yield socket.send, socket.receive

    @asynccontextmanager
    async def over_the_network() -> AsyncIterator[tuple[Send, Receive]]:
        url = live_server("quart", "hello").url.replace("http://", "ws://") + "/ws"
        async with connect(url) as socket:
            yield socket.send, socket.recv

    return in_process if request.param == "test_client" else over_the_network


def json_body(reply: Reply, status: int) -> object:
    """Check the status and that the body is declared JSON, then decode it."""
    assert reply.status_code == status, reply.text
    assert reply.content_type == "application/json"
    return json.loads(reply.text)


# --8<-- [end:clients]


async def test_hello(get):
    reply = await get("/")
    assert reply.status_code == 200
    assert reply.text == "Hello, World!"
    assert reply.content_type == "text/html; charset=utf-8"  # a returned str is HTML


async def test_unknown_path_is_a_json_404(get):
    assert json_body(await get("/nope"), 404)["error"] == "Not Found"


async def test_plain_get_on_the_websocket_route_is_a_json_400(get):
    # /ws has no HTTP handler, so a request without the upgrade is a bad request.
    assert json_body(await get("/ws"), 400)["error"] == "Bad Request"


async def test_websocket_greets_then_echoes(open_websocket):
    async with open_websocket() as (send, receive):
        assert await receive() == "Hello, WebSocket!"
        for message in ("ping", "a second message"):
            await send(message)
            assert await receive() == message


async def test_websocket_sends_nothing_unasked(open_websocket):
    # The article's loop sent messages non-stop; this one waits for the client.
    async with open_websocket() as (_send, receive):
        assert await receive() == "Hello, WebSocket!"
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(receive(), timeout=0.1)


async def test_contract_db_connection_lives_while_serving():
    """The contract's before_serving/after_serving hooks, which only test_app() runs."""
    async with contract.app.test_app() as test_app:
        response = await test_app.test_client().get("/db", query_string={"id": 1})
        assert response.status_code == 200
        assert (await response.get_json())["id"] == 1
        world_db = contract.app.world_db
    with pytest.raises(ValueError, match="no active connection"):  # after_serving closed it
        await world_db.execute("SELECT 1")
