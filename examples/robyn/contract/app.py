"""The shared API contract, written the way Robyn's documentation writes APIs."""

import asyncio
import itertools
import json

import aiosqlite
import jsonbody
from pydantic import BaseModel, Field
from robyn import Headers, Request, Response, Robyn
from world import storable, world_db_path

app = Robyn(__file__)
next_id = itertools.count(1)


def json_error(status_code: int, message: str) -> Response:
    # Shaped like the errors Robyn writes itself: {"error": ...}.
    return Response(
        status_code=status_code,
        headers={"Content-Type": "application/json"},
        description=json.dumps({"error": message}),
    )


def as_id(text: str) -> int | None:
    """An id from the path or the query: ASCII digits only (int() alone would also take
    " 7", "1_000" or Arabic-Indic digits), and no more than int() converts (4,300)."""
    if not (text.isascii() and text.isdecimal()):
        return None
    try:
        return int(text)
    except ValueError:  # too many digits
        return None


class Database:
    """Holds the process's connection; Robyn's startup handler opens it."""

    connection: aiosqlite.Connection


database = Database()


async def open_db() -> None:
    database.connection = await aiosqlite.connect(world_db_path())


async def close_db() -> None:
    await database.connection.close()


app.startup_handler(open_db)
app.shutdown_handler(close_db)


# --8<-- [start:json]
@app.get("/json")
async def json_hello() -> dict[str, str]:
    return {"message": "Hello, World!"}


# --8<-- [end:json]


# --8<-- [start:plaintext]
@app.get("/plaintext")
async def plaintext() -> str:
    return "Hello, World!"


# --8<-- [end:plaintext]


# --8<-- [start:read_item]
class ItemQuery(BaseModel):
    item_id: int
    q: str | None


# The response model is the schema Robyn publishes, and it serializes the returned
# dict through Pydantic: Robyn's own encoder (orjson) fails on integers over 64 bits.
@app.get("/items/:item_id", response_model=ItemQuery)
async def read_item(request: Request) -> dict[str, int | str | None] | Response:
    # Not `item_id: int`: Robyn would answer a bad value with a text/plain 400.
    item_id = as_id(request.path_params["item_id"])
    if item_id is None:
        return json_error(400, "item_id must be an integer")
    return {"item_id": item_id, "q": request.query_params.get("q", None)}


# --8<-- [end:read_item]


# --8<-- [start:create_item]
class ItemIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    price: float = Field(ge=0, allow_inf_nan=False)  # NaN, Infinity and 1e400 too
    tags: list[str] = []


class Item(ItemIn):
    id: int


# A Pydantic-annotated parameter is validated by Robyn: bad bodies get a JSON 422.
# Robyn validates it whatever Content-Type the client declared, so that is checked here.
@app.post("/items", status_code=201, response_model=Item)
async def create_item(item: ItemIn, headers: Headers) -> dict[str, object] | Response:
    if not jsonbody.is_json(headers.get("content-type")):
        return json_error(415, "the body must be sent as application/json")
    return {"id": next(next_id), **item.model_dump()}


# --8<-- [end:create_item]


# --8<-- [start:io]
@app.get("/io")
async def io() -> dict[str, int]:
    await asyncio.sleep(0.010)
    return {"waited_ms": 10}


# --8<-- [end:io]


# --8<-- [start:db]
@app.get("/db")
async def db_row(request: Request) -> dict[str, int] | Response:
    raw_id = request.query_params.get("id", "")
    row_id = as_id(raw_id)
    if not storable(row_id):
        return json_error(404, f"no row with id {raw_id!r}")
    query = "SELECT id, randomNumber FROM world WHERE id = ?"
    async with database.connection.execute(query, (row_id,)) as cursor:
        row = await cursor.fetchone()
    if row is None:
        return json_error(404, f"no row with id {raw_id!r}")
    return {"id": row[0], "randomNumber": row[1]}


# --8<-- [end:db]


if __name__ == "__main__":
    app.start(host="127.0.0.1", port=8000)
