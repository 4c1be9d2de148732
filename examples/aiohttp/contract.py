"""The shared API contract, written the way AIOHTTP's documentation writes APIs."""

import asyncio
import itertools
from collections.abc import AsyncIterator

import aiosqlite
from aiohttp import web
from pydantic import BaseModel, Field, ValidationError

from examples.aiohttp.hello import json_error, set_log_level
from examples.common.world import storable, world_db_path

routes = web.RouteTableDef()
db_key = web.AppKey("db", aiosqlite.Connection)
next_id = itertools.count(1)


# --8<-- [start:json]
@routes.get("/json")
async def json_hello(request: web.Request) -> web.Response:
    return web.json_response({"message": "Hello, World!"})


# --8<-- [end:json]


# --8<-- [start:plaintext]
@routes.get("/plaintext")
async def plaintext(request: web.Request) -> web.Response:
    return web.Response(text="Hello, World!")


# --8<-- [end:plaintext]


# --8<-- [start:read_item]
@routes.get("/items/{item_id}")
async def read_item(request: web.Request) -> web.Response:
    item_id = request.match_info["item_id"]
    if not item_id.isdecimal():
        raise json_error(web.HTTPBadRequest, "item_id must be an integer")
    return web.json_response({"item_id": int(item_id), "q": request.query.get("q")})


# --8<-- [end:read_item]


# --8<-- [start:create_item]
class ItemIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    price: float = Field(ge=0)
    tags: list[str] = []


@routes.post("/items")
async def create_item(request: web.Request) -> web.Response:
    # request.content_type is the media type alone, without `; charset=...`.
    if request.content_type != "application/json":
        raise json_error(web.HTTPUnsupportedMediaType, "the body must be sent as application/json")
    # aiohttp has no validation layer: Pydantic parses and checks the raw body in one step.
    try:
        item = ItemIn.model_validate_json(await request.read())
    except ValidationError as error:
        # The raw input may be bytes that are not JSON: list what failed, not what was sent.
        detail = error.errors(include_url=False, include_context=False, include_input=False)
        raise json_error(web.HTTPUnprocessableEntity, detail) from None
    return web.json_response({"id": next(next_id), **item.model_dump()}, status=201)


# --8<-- [end:create_item]


# --8<-- [start:io]
@routes.get("/io")
async def io(request: web.Request) -> web.Response:
    await asyncio.sleep(0.010)
    return web.json_response({"waited_ms": 10})


# --8<-- [end:io]


# --8<-- [start:db]
@routes.get("/db")
async def db_row(request: web.Request) -> web.Response:
    raw_id = request.query.get("id", "")
    row_id = int(raw_id) if raw_id.isdecimal() else None
    if not storable(row_id):
        raise json_error(web.HTTPNotFound, f"no row with id {raw_id!r}")
    query = "SELECT id, randomNumber FROM world WHERE id = ?"
    async with request.app[db_key].execute(query, (row_id,)) as cursor:
        row = await cursor.fetchone()
    if row is None:
        raise json_error(web.HTTPNotFound, f"no row with id {raw_id!r}")
    return web.json_response({"id": row[0], "randomNumber": row[1]})


# --8<-- [end:db]


# --8<-- [start:app]
async def database(app: web.Application) -> AsyncIterator[None]:
    # Code before `yield` runs at startup, after it at cleanup.
    async with aiosqlite.connect(world_db_path()) as db:
        app[db_key] = db
        yield


def create_app(argv: list[str]) -> web.Application:
    set_log_level(argv)
    app = web.Application()
    app.add_routes(routes)
    app.cleanup_ctx.append(database)
    return app


# --8<-- [end:app]
