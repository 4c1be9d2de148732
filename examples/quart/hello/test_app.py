import asyncio
import json

import pytest

pytestmark = pytest.mark.anyio


def json_body(reply, status: int) -> object:
    """Check the status and that the body is declared JSON, then decode it."""
    assert reply.status_code == status, reply.text
    assert reply.content_type == "application/json"
    return json.loads(reply.text)


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
