"""The shared API contract, written the way FastAPI's documentation writes APIs."""

import asyncio
import itertools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

import aiosqlite
from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse
from pydantic import AfterValidator, BaseModel, Field
from world import storable, world_db_path


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    # One connection for the process: aiosqlite runs it on its own thread.
    async with aiosqlite.connect(world_db_path()) as db:
        app.state.db = db
        yield


app = FastAPI(lifespan=lifespan)
next_id = itertools.count(1)


@app.exception_handler(RequestValidationError)
async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    # FastAPI's own 422 repeats each bad input, and some cannot be written as JSON (NaN,
    # a lone surrogate): that answer would fail as a 500. Say what failed, not what came.
    errors = [{k: v for k, v in error.items() if k != "input"} for error in exc.errors()]
    return JSONResponse(status_code=422, content=jsonable_encoder({"detail": errors}))


# --8<-- [start:json]
@app.get("/json")
async def json_hello() -> dict[str, str]:
    return {"message": "Hello, World!"}


# --8<-- [end:json]


# --8<-- [start:plaintext]
@app.get("/plaintext", response_class=PlainTextResponse)
async def plaintext() -> str:
    return "Hello, World!"


# --8<-- [end:plaintext]


# --8<-- [start:read_item]
@app.get("/items/{item_id}")
async def read_item(item_id: int, q: str | None = None) -> dict[str, int | str | None]:
    return {"item_id": item_id, "q": q}


# --8<-- [end:read_item]


# --8<-- [start:create_item]
def utf8_text(value: str) -> str:
    # JSON can spell half of a UTF-16 pair ("\ud800"); Python reads it into a str that
    # cannot be sent back as UTF-8. (Pydantic checks this only for constrained strings.)
    try:
        value.encode()
    except UnicodeEncodeError:
        raise ValueError("a lone UTF-16 surrogate is not text") from None
    return value


class ItemIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    price: float = Field(ge=0, allow_inf_nan=False)  # NaN, Infinity and 1e400 too
    tags: list[Annotated[str, AfterValidator(utf8_text)]] = []


class Item(ItemIn):
    id: int


@app.post("/items", status_code=201)
async def create_item(item: ItemIn) -> Item:
    return Item(id=next(next_id), **item.model_dump())


# --8<-- [end:create_item]


# --8<-- [start:io]
@app.get("/io")
async def io() -> dict[str, int]:
    await asyncio.sleep(0.010)
    return {"waited_ms": 10}


# --8<-- [end:io]


# --8<-- [start:db]
async def get_db(request: Request) -> aiosqlite.Connection:
    return request.app.state.db


@app.get("/db")
async def db_row(
    db: Annotated[aiosqlite.Connection, Depends(get_db)], id: int | None = None
) -> dict[str, int]:
    if not storable(id):
        raise HTTPException(status_code=404, detail=f"no row with id {id}")
    async with db.execute("SELECT id, randomNumber FROM world WHERE id = ?", (id,)) as cursor:
        row = await cursor.fetchone()
    if row is None:
        raise HTTPException(status_code=404, detail=f"no row with id {id}")
    return {"id": row[0], "randomNumber": row[1]}


# --8<-- [end:db]
