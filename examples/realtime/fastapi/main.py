"""WebSocket echo and broadcast room on FastAPI: /ws echoes, /ws/room broadcasts."""

from collections.abc import AsyncIterator

from fastapi import FastAPI, WebSocket

from room import TEXT_ONLY, WELCOME, Room

app = FastAPI()
room = Room()


async def text_messages(websocket: WebSocket) -> AsyncIterator[str]:
    """Each text message until the client leaves; a binary one closes the socket."""
    while (message := await websocket.receive())["type"] == "websocket.receive":
        if message.get("text") is None:
            await websocket.close(*TEXT_ONLY)
            return
        yield message["text"]


@app.websocket("/ws")
async def echo(websocket: WebSocket) -> None:
    await websocket.accept()
    async for message in text_messages(websocket):
        await websocket.send_text(message)


@app.websocket("/ws/room")
async def chat_room(websocket: WebSocket) -> None:
    await websocket.accept()
    room.join(websocket.send_text)
    try:
        await websocket.send_text(WELCOME)
        async for message in text_messages(websocket):
            await room.broadcast(message)
    finally:  # however the connection ended
        room.leave(websocket.send_text)
