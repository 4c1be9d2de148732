"""The shared API contract, written the way Starlette's documentation writes APIs."""

import asyncio
import itertools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiosqlite
import jsonbody
from items import as_int, item_errors
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Route
from world import storable, world_db_path


# --8<-- [start:lifespan]
@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[dict[str, Any]]:
    # What the lifespan yields becomes `request.state` in every request.
    async with aiosqlite.connect(world_db_path()) as db:
        yield {"db": db}


async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
    # Starlette's own error pages are plain text; an API answers in JSON.
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)


# --8<-- [end:lifespan]


# --8<-- [start:json]
async def json_hello(request: Request) -> JSONResponse:
    return JSONResponse({"message": "Hello, World!"})


# --8<-- [end:json]


# --8<-- [start:plaintext]
async def plaintext(request: Request) -> PlainTextResponse:
    return PlainTextResponse("Hello, World!")


# --8<-- [end:plaintext]


# --8<-- [start:read_item]
async def read_item(request: Request) -> JSONResponse:
    # A `{item_id:int}` route would not match "abc" at all (a 404); we want a 422.
    item_id = as_int(request.path_params["item_id"])
    if item_id is None:
        raise HTTPException(422, "item_id must be an integer")
    return JSONResponse({"item_id": item_id, "q": request.query_params.get("q")})


# --8<-- [end:read_item]


# --8<-- [start:create_item]
next_id = itertools.count(1)


async def create_item(request: Request) -> JSONResponse:
    # request.json() would decode any body, whatever its Content-Type, and let
    # RecursionError through for JSON nested too deeply: both are checked here.
    if not jsonbody.is_json(request.headers.get("content-type")):
        raise HTTPException(415, "the body must be sent as application/json")
    try:
        payload = jsonbody.loads(await request.body())
    except ValueError:
        raise HTTPException(400, "the body is not valid JSON") from None
    if errors := item_errors(payload):
        return JSONResponse({"detail": errors}, status_code=422)
    item = {
        "id": next(next_id),
        "name": payload["name"],
        "price": payload["price"],
        "tags": payload.get("tags", []),
    }
    return JSONResponse(item, status_code=201)


# --8<-- [end:create_item]


# --8<-- [start:io]
async def io(request: Request) -> JSONResponse:
    await asyncio.sleep(0.010)
    return JSONResponse({"waited_ms": 10})


# --8<-- [end:io]


# --8<-- [start:db]
async def db_row(request: Request) -> JSONResponse:
    row_id = as_int(request.query_params.get("id"))
    if not storable(row_id):
        raise HTTPException(404, f"no row with id {row_id}")
    db: aiosqlite.Connection = request.state.db
    async with db.execute("SELECT id, randomNumber FROM world WHERE id = ?", (row_id,)) as cursor:
        row = await cursor.fetchone()
    if row is None:
        raise HTTPException(404, f"no row with id {row_id}")
    return JSONResponse({"id": row[0], "randomNumber": row[1]})


# --8<-- [end:db]


# --8<-- [start:app]
app = Starlette(
    routes=[
        Route("/json", json_hello),
        Route("/plaintext", plaintext),
        Route("/items/{item_id}", read_item),
        Route("/items", create_item, methods=["POST"]),
        Route("/io", io),
        Route("/db", db_row),
    ],
    exception_handlers={HTTPException: http_error},
    lifespan=lifespan,
)
# --8<-- [end:app]
