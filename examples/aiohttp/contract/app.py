"""The shared API contract, written the way AIOHTTP's documentation writes APIs."""

import asyncio
import itertools
import json
import logging
from argparse import ArgumentParser
from collections.abc import AsyncIterator

import aiosqlite
from aiohttp import web
from pydantic import BaseModel, Field, ValidationError
from world import storable, world_db_path

routes = web.RouteTableDef()
db_key = web.AppKey("db", aiosqlite.Connection)
next_id = itertools.count(1)


def json_error(error: type[web.HTTPError], detail: object) -> web.HTTPError:
    """aiohttp's HTTP errors have plain-text bodies; ours say what went wrong in JSON."""
    return error(text=json.dumps({"error": detail}), content_type="application/json")


def set_log_level(argv: list[str]) -> None:
    # `python -m aiohttp.web` logs everything at DEBUG; it passes the arguments it
    # does not know on to the app factory, so `--log-level=warning` turns that down.
    parser = ArgumentParser(prog="create_app", add_help=False)
    parser.add_argument("--log-level", help="e.g. warning: log nothing below it")
    level = parser.parse_args(argv).log_level
    if level:
        logging.getLogger().setLevel(level.upper())


def as_id(text: str) -> int | None:
    """An id from the path or the query: ASCII digits only (int() alone would also take
    " 7", "1_000" or Arabic-Indic digits), and no more than int() converts (4,300)."""
    if not (text.isascii() and text.isdecimal()):
        return None
    try:
        return int(text)
    except ValueError:  # too many digits
        return None


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
    item_id = as_id(request.match_info["item_id"])
    if item_id is None:
        raise json_error(web.HTTPBadRequest, "item_id must be an integer")
    return web.json_response({"item_id": item_id, "q": request.query.get("q")})


# --8<-- [end:read_item]


# --8<-- [start:create_item]
class ItemIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    price: float = Field(ge=0, allow_inf_nan=False)  # NaN, Infinity and 1e400 too
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
    row_id = as_id(raw_id)
    if not storable(row_id):
        raise json_error(web.HTTPNotFound, f"no row with id {raw_id!r}")
    query = "SELECT id, randomNumber FROM world WHERE id = ?"
    async with request.app[db_key].execute(query, (row_id,)) as cursor:
        row = await cursor.fetchone()
    if row is None:
        raise json_error(web.HTTPNotFound, f"no row with id {raw_id!r}")
    return web.json_response({"id": row[0], "randomNumber": row[1]})


# --8<-- [end:db]


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
