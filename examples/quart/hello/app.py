"""The article's Quart sample, with a WebSocket that answers instead of flooding."""

import json

from quart import Quart, Response, websocket
from werkzeug.exceptions import HTTPException

app = Quart(__name__)


@app.get("/")
async def hello() -> str:
    return "Hello, World!"


@app.websocket("/ws")
async def ws() -> None:
    await websocket.send("Hello, WebSocket!")
    # Waiting for the client paces the loop. When the client goes away,
    # Quart cancels this coroutine inside receive(), which ends it.
    while True:
        message = await websocket.receive()
        await websocket.send(message)


@app.errorhandler(HTTPException)
async def http_error_as_json(error: HTTPException) -> Response:
    """Quart, like Flask, answers errors with an HTML page; an API client wants JSON.

    Starting from the exception's own response keeps its status and headers;
    only the body changes.
    """
    response = error.get_response()
    response.data = json.dumps({"error": error.name, "detail": error.description})
    response.content_type = "application/json"
    return response
