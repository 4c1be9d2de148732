"""The shared API contract, written the way Robyn's documentation writes APIs."""

import asyncio
import itertools
import json

import aiosqlite
from pydantic import BaseModel, Field
from robyn import Request, Response, Robyn

from examples.common.world import world_db_path

app = Robyn(__file__)
next_id = itertools.count(1)


def json_error(status_code: int, detail: str) -> Response:
    """Errors we raise ourselves look like Robyn's own validation errors: JSON."""
    return Response(
        status_code=status_code,
        headers={"Content-Type": "application/json"},
        description=json.dumps({"error": detail}),
    )


class Database:
    connection: aiosqlite.Connection


database = Database()


@app.startup_handler
async def open_db() -> None:
    database.connection = await aiosqlite.connect(world_db_path())


@app.shutdown_handler
async def close_db() -> None:
    await database.connection.close()


@app.get("/json")
async def json_hello() -> dict[str, str]:
    return {"message": "Hello, World!"}


@app.get("/plaintext")
async def plaintext() -> str:
    return "Hello, World!"


@app.get("/items/:item_id")
async def read_item(request: Request) -> dict[str, int | str | None] | Response:
    raw_id = request.path_params["item_id"]
    if not raw_id.isdecimal():
        return json_error(422, f"item_id must be an integer, not {raw_id!r}")
    return {"item_id": int(raw_id), "q": request.query_params.get("q", None)}


class ItemIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    price: float = Field(ge=0)
    tags: list[str] = []


@app.post("/items", status_code=201)
async def create_item(item: ItemIn) -> dict[str, object]:
    return {"id": next(next_id), **item.model_dump()}


@app.get("/io")
async def io() -> dict[str, int]:
    await asyncio.sleep(0.010)
    return {"waited_ms": 10}


@app.get("/db")
async def db_row(request: Request) -> dict[str, int] | Response:
    raw_id = request.query_params.get("id", "")
    ...
