"""The article's Quart sample, with a WebSocket that answers instead of flooding."""

# --8<-- [start:app]
from quart import Quart, websocket

app = Quart(__name__)


@app.get("/")
async def hello() -> str:
    return "Hello, World!"


@app.websocket("/ws")
async def ws() -> None:
    await websocket.send("Hello, WebSocket!")
    # Waiting for the client paces the loop; when the client goes away, Quart
    # cancels this coroutine inside receive(), which ends the loop.
    while True:
        message = await websocket.receive()
        await websocket.send(message)
# --8<-- [end:app]
