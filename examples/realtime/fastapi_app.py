"""The same WebSocket endpoints on FastAPI, whose WebSocket is Starlette's."""

# --8<-- [start:app]
from fastapi import FastAPI

from examples.realtime.starlette_app import chat_room, echo

app = FastAPI()
app.add_api_websocket_route("/ws", echo)
app.add_api_websocket_route("/ws/room", chat_room)
# --8<-- [end:app]
