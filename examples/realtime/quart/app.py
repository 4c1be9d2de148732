"""WebSocket echo and broadcast room on Quart: /ws echoes, /ws/room broadcasts."""

from collections.abc import AsyncIterator

from quart import Quart, websocket

from room import TEXT_ONLY, WELCOME, Room

app = Quart(__name__)
room = Room()


async def text_messages() -> AsyncIterator[str]:
    """Each text message; a binary one closes the socket. When the client leaves,
    Quart cancels the handler, so cleanup belongs in `finally`."""
    while True:
        message = await websocket.receive()
        if isinstance(message, bytes):
            await websocket.close(*TEXT_ONLY)
            return
        yield message


@app.websocket("/ws")
async def echo() -> None:
    async for message in text_messages():
        await websocket.send(message)


@app.websocket("/ws/room")
async def chat_room() -> None:
    send = websocket.send  # bound to this connection, so other handlers can call it
    await websocket.accept()
    room.join(send)
    try:
        await send(WELCOME)
        async for message in text_messages():
            await room.broadcast(message)
    finally:
        room.leave(send)
