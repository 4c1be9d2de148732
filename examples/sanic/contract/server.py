"""The shared API contract, the way Sanic's documentation writes APIs."""

import asyncio
import itertools

import aiosqlite
from jsonbody import is_json
from pydantic import BaseModel, Field, ValidationError
from sanic import HTTPResponse, Request, Sanic, json, text
from sanic.exceptions import BadRequest, NotFound, SanicException
from world import storable, world_db_path

app = Sanic("contract")
# Errors, Sanic's own (unknown route, unreadable body) and ours, are answered in JSON
# for every client; by default Sanic often picks plain text or HTML.
app.config.FALLBACK_ERROR_FORMAT = "json"
next_id = itertools.count(1)


@app.before_server_start
async def open_db(app: Sanic) -> None:
    # One connection per server process: aiosqlite runs it on its own thread.
    app.ctx.db = await aiosqlite.connect(world_db_path())


@app.after_server_stop
async def close_db(app: Sanic) -> None:
    await app.ctx.db.close()


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
@app.get("/json")
async def json_hello(request: Request) -> HTTPResponse:
    return json({"message": "Hello, World!"})


# --8<-- [end:json]


# --8<-- [start:plaintext]
@app.get("/plaintext")
async def plaintext(request: Request) -> HTTPResponse:
    return text("Hello, World!")


# --8<-- [end:plaintext]


# --8<-- [start:read_item]
# `<item_id:int>` would answer a non-integer id with 404 (no route matches); the
# contract wants 400, so the route takes a string and the handler checks it.
@app.get("/items/<item_id>")
async def read_item(request: Request, item_id: str) -> HTTPResponse:
    number = as_id(item_id)
    if number is None:
        raise BadRequest("item_id must be an integer")
    return json({"item_id": number, "q": request.args.get("q")})


# --8<-- [end:read_item]


# --8<-- [start:create_item]
class ItemIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    price: float = Field(ge=0, allow_inf_nan=False)  # NaN, Infinity and 1e400 too
    tags: list[str] = []


@app.post("/items")
async def create_item(request: Request) -> HTTPResponse:
    if not is_json(request.content_type):
        raise SanicException("the body must be sent as application/json", status_code=415)
    # Pydantic reads the raw body itself: request.json uses Python's json module, which
    # turns a lone surrogate ("\ud800") into text that cannot be sent back as UTF-8.
    try:
        item = ItemIn.model_validate_json(request.body)
    except ValidationError as error:
        detail = error.errors(include_url=False, include_context=False, include_input=False)
        return json({"detail": detail}, status=422)
    return json({"id": next(next_id), **item.model_dump()}, status=201)


# --8<-- [end:create_item]


# --8<-- [start:io]
@app.get("/io")
async def io(request: Request) -> HTTPResponse:
    await asyncio.sleep(0.010)
    return json({"waited_ms": 10})


# --8<-- [end:io]


# --8<-- [start:db]
@app.get("/db")
async def db_row(request: Request) -> HTTPResponse:
    raw_id = request.args.get("id", "")
    row_id = as_id(raw_id)
    if not storable(row_id):
        raise NotFound(f"no row with id {raw_id!r}")
    query = "SELECT id, randomNumber FROM world WHERE id = ?"
    async with request.app.ctx.db.execute(query, (row_id,)) as cursor:
        row = await cursor.fetchone()
    if row is None:
        raise NotFound(f"no row with id {raw_id!r}")
    return json({"id": row[0], "randomNumber": row[1]})


# --8<-- [end:db]
