"""The shared API contract as one raw ASGI callable: no framework, the baseline for the rest.

Everything a framework would do is written out here: routing, reading the body,
validating JSON, framing responses and the lifespan protocol. Serve it with
uvicorn like any ASGI app.
"""

import asyncio
import itertools
import json
from collections.abc import Awaitable, Callable
from typing import Any, NamedTuple
from urllib.parse import parse_qsl

import aiosqlite
import jsonbody
from items import as_int, item_errors
from world import storable, world_db_path

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class Response(NamedTuple):
    status: int
    content_type: bytes
    body: bytes


def json_response(data: object, status: int = 200) -> Response:
    return Response(status, b"application/json", json.dumps(data, separators=(",", ":")).encode())


def error(status: int, detail: object) -> Response:
    return json_response({"detail": detail}, status)


# --8<-- [start:json]
def json_hello() -> Response:
    return json_response({"message": "Hello, World!"})


# --8<-- [end:json]


# --8<-- [start:plaintext]
def plaintext() -> Response:
    return Response(200, b"text/plain; charset=utf-8", b"Hello, World!")


# --8<-- [end:plaintext]


# --8<-- [start:read_item]
def read_item(raw_id: str, query: dict[str, str]) -> Response:
    item_id = as_int(raw_id)
    if item_id is None:
        return error(422, "item_id must be an integer")
    return json_response({"item_id": item_id, "q": query.get("q")})


# --8<-- [end:read_item]


# --8<-- [start:create_item]
next_id = itertools.count(1)


async def read_body(receive: Receive) -> bytes:
    # A body may arrive in several messages; `more_body` says whether more follow.
    chunks, more_body = [], True
    while more_body:
        message = await receive()
        chunks.append(message.get("body", b""))
        more_body = message.get("more_body", False)
    return b"".join(chunks)


def create_item(content_type: str, body: bytes) -> Response:
    if not jsonbody.is_json(content_type):
        return error(415, "the body must be sent as application/json")
    try:
        payload = jsonbody.loads(body)
    except ValueError:  # malformed, not UTF-8, or nested too deeply
        return error(400, "the body is not valid JSON")
    if errors := item_errors(payload):
        return error(422, errors)
    item = {
        "id": next(next_id),
        "name": payload["name"],
        "price": payload["price"],
        "tags": payload.get("tags", []),
    }
    return json_response(item, 201)


# --8<-- [end:create_item]


# --8<-- [start:io]
async def io() -> Response:
    await asyncio.sleep(0.010)
    return json_response({"waited_ms": 10})


# --8<-- [end:io]


# --8<-- [start:db]
async def db_row(db: aiosqlite.Connection, query: dict[str, str]) -> Response:
    row_id = as_int(query.get("id"))
    if not storable(row_id):
        return error(404, f"no row with id {row_id}")
    async with db.execute("SELECT id, randomNumber FROM world WHERE id = ?", (row_id,)) as cursor:
        row = await cursor.fetchone()
    if row is None:
        return error(404, f"no row with id {row_id}")
    return json_response({"id": row[0], "randomNumber": row[1]})


# --8<-- [end:db]


async def lifespan(scope: Scope, receive: Receive, send: Send) -> None:
    # The server copies the lifespan scope's "state" into every request's scope.
    await receive()  # lifespan.startup
    async with aiosqlite.connect(world_db_path()) as db:
        scope["state"]["db"] = db
        await send({"type": "lifespan.startup.complete"})
        await receive()  # lifespan.shutdown
    await send({"type": "lifespan.shutdown.complete"})


async def route(scope: Scope, receive: Receive) -> Response:
    query = dict(parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True))
    match scope["method"], scope["path"].split("/")[1:]:
        case "GET", ["json"]:
            return json_hello()
        case "GET", ["plaintext"]:
            return plaintext()
        case "GET", ["items", raw_id]:
            return read_item(raw_id, query)
        case "POST", ["items"]:
            content_type = dict(scope["headers"]).get(b"content-type", b"")  # names: lower case
            return create_item(content_type.decode("latin-1"), await read_body(receive))
        case "GET", ["io"]:
            return await io()
        case "GET", ["db"]:
            return await db_row(scope["state"]["db"], query)
        case _:
            return error(404, "not found")


async def app(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] == "lifespan":
        await lifespan(scope, receive, send)
        return
    response = await route(scope, receive)
    headers = [
        (b"content-type", response.content_type),
        (b"content-length", str(len(response.body)).encode()),
    ]
    await send({"type": "http.response.start", "status": response.status, "headers": headers})
    await send({"type": "http.response.body", "body": response.body})
