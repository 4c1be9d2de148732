"""WebSocket echo and broadcast room on Starlette: /ws echoes, /ws/room broadcasts."""

from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket

from room import TEXT_ONLY, WELCOME, Room

room = Room()


async def text_messages(websocket: WebSocket) -> AsyncIterator[str]:
    """Each text message until the client leaves; a binary one closes the socket."""
    while (message := await websocket.receive())["type"] == "websocket.receive":
        if message.get("text") is None:
            await websocket.close(*TEXT_ONLY)
            return
        yield message["text"]


async def echo(websocket: WebSocket) -> None:
    await websocket.accept()
    async for message in text_messages(websocket):
        await websocket.send_text(message)


async def chat_room(websocket: WebSocket) -> None:
    await websocket.accept()
    room.join(websocket.send_text)
    try:
        await websocket.send_text(WELCOME)
        async for message in text_messages(websocket):
            await room.broadcast(message)
    finally:  # however the connection ended
        room.leave(websocket.send_text)


app = Starlette(routes=[WebSocketRoute("/ws", echo), WebSocketRoute("/ws/room", chat_room)])
