"""The shared API contract, written the way Litestar's documentation writes APIs."""

import asyncio
import itertools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

import aiosqlite
import msgspec
from litestar import Litestar, MediaType, Request, Response, get, post
from litestar.datastructures import State
from litestar.di import NamedDependency, Provide
from litestar.exceptions import HTTPException, NotFoundException
from litestar.params import FromPath, FromQuery, JSONBody
from world import storable, world_db_path


# --8<-- [start:lifespan]
@asynccontextmanager
async def db_connection(app: Litestar) -> AsyncIterator[None]:
    # One connection for the process: aiosqlite runs it on its own thread.
    async with aiosqlite.connect(world_db_path()) as db:
        app.state.db = db
        yield


def provide_db(state: State) -> aiosqlite.Connection:
    return state.db


# --8<-- [end:lifespan]


# --8<-- [start:json]
@get("/json")
async def json_hello() -> dict[str, str]:
    return {"message": "Hello, World!"}


# --8<-- [end:json]


# --8<-- [start:plaintext]
@get("/plaintext", media_type=MediaType.TEXT)
async def plaintext() -> str:
    return "Hello, World!"


# --8<-- [end:plaintext]


# --8<-- [start:read_item]
# `{item_id:int}` would make the router answer 404 for "abc"; a str segment
# converted by the handler's signature gives a 400 that names the parameter.
@get("/items/{item_id:str}")
async def read_item(
    item_id: FromPath[int], q: FromQuery[str | None] = None
) -> dict[str, int | str | None]:
    return {"item_id": item_id, "q": q}


# --8<-- [end:read_item]


# --8<-- [start:create_item]
class ItemIn(msgspec.Struct):
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
    price: Annotated[float, msgspec.Meta(ge=0)]
    tags: list[str] = []


class Item(ItemIn, kw_only=True):
    id: int


next_id = itertools.count(1)


async def require_json(request: Request) -> None:
    # Litestar decodes the body as JSON whatever Content-Type the client declared.
    if request.content_type[0] != MediaType.JSON:
        raise HTTPException("the body must be sent as application/json", status_code=415)


def undecodable_body(request: Request, error: RecursionError | UnicodeDecodeError) -> Response:
    # Malformed JSON is already a 400, but msgspec lets two failures through:
    # bytes that are not UTF-8, and arrays or objects nested too deeply.
    return Response({"status_code": 400, "detail": "the body is not valid JSON"}, status_code=400)


@post(  # @post answers 201 Created by default
    "/items",
    before_request=require_json,
    exception_handlers={RecursionError: undecodable_body, UnicodeDecodeError: undecodable_body},
)
async def create_item(data: JSONBody[ItemIn]) -> Item:
    return Item(id=next(next_id), **msgspec.structs.asdict(data))


# --8<-- [end:create_item]


# --8<-- [start:io]
@get("/io")
async def io() -> dict[str, int]:
    await asyncio.sleep(0.010)
    return {"waited_ms": 10}


# --8<-- [end:io]


# --8<-- [start:db]
@get("/db", dependencies={"db": Provide(provide_db, sync_to_thread=False)})
async def db_row(
    db: NamedDependency[aiosqlite.Connection], id: FromQuery[int | None] = None
) -> dict[str, int]:
    if not storable(id):
        raise NotFoundException(f"no row with id {id}")
    async with db.execute("SELECT id, randomNumber FROM world WHERE id = ?", (id,)) as cursor:
        row = await cursor.fetchone()
    if row is None:
        raise NotFoundException(f"no row with id {id}")
    return {"id": row[0], "randomNumber": row[1]}


# --8<-- [end:db]


# --8<-- [start:app]
app = Litestar(
    route_handlers=[json_hello, plaintext, read_item, create_item, io, db_row],
    lifespan=[db_connection],
)
# --8<-- [end:app]
