"""The shared API contract, written the way BlackSheep's documentation writes APIs."""

import asyncio
import itertools
import re
from json import JSONDecodeError

import aiosqlite
from blacksheep import (
    Application,
    FromJSON,
    HTTPException,
    Request,
    Response,
    Router,
    created,
    json,
)
from blacksheep.exceptions import BadRequest, NotFound
from blacksheep.settings.json import json_settings
from pydantic import BaseModel, Field, ValidationError
from pydantic_core import from_json
from world import storable, world_db_path

# --8<-- [start:app]
# Its own router, not the process-wide default one, which only one app may use.
router = Router()
app = Application(router=router)


@app.exception_handler(400)
@app.exception_handler(404)
async def error_as_json(
    application: Application, request: Request, error: HTTPException
) -> Response:
    # BlackSheep writes most errors as plain text; an API answers in JSON.
    cause = error.__cause__
    if isinstance(cause, ValidationError):
        return json(
            {"detail": cause.errors(include_url=False, include_input=False)}, status=error.status
        )
    return json({"detail": str(error)}, status=error.status)


def strict_json(text: str) -> object:
    """Request bodies are read with pydantic's JSON parser instead of json.loads.

    json.loads accepts NaN, Infinity and lone UTF-16 surrogates ("\\ud800", which
    no response can encode), and raises RecursionError for arrays nested too
    deeply; pydantic's parser refuses all of them. BlackSheep answers a
    JSONDecodeError with a 400.
    """
    try:
        return from_json(text, allow_inf_nan=False)
    except ValueError as error:
        raise JSONDecodeError(str(error), text, 0) from None


json_settings.use(loads=strict_json)


# --8<-- [end:app]


# --8<-- [start:startup]
@app.on_start
async def open_world_db(application: Application) -> None:
    # One connection for the process (aiosqlite runs it on its own thread),
    # registered as a service so handlers can ask for it by type.
    application.services.add_instance(await aiosqlite.connect(world_db_path()))


@app.on_stop
async def close_world_db(application: Application) -> None:
    await application.services.resolve(aiosqlite.Connection).close()


# --8<-- [end:startup]


# --8<-- [start:json]
@router.get("/json")
async def json_hello() -> dict[str, str]:
    return {"message": "Hello, World!"}


# --8<-- [end:json]


# --8<-- [start:plaintext]
@router.get("/plaintext")
async def plaintext() -> str:
    return "Hello, World!"


# --8<-- [end:plaintext]


# --8<-- [start:read_item]
def integer(text: str | None) -> int | None:
    """The integer that plain ASCII digits spell, else None.

    BlackSheep binds an `int` parameter with int(), which also reads other
    scripts' digits (Arabic-Indic, fullwidth...).
    """
    if text is None or not re.fullmatch(r"-?[0-9]{1,4300}", text):
        return None
    return int(text)


@router.get("/items/{item_id}")
async def read_item(item_id: str, q: str | None = None) -> dict[str, int | str | None]:
    number = integer(item_id)
    if number is None:
        raise BadRequest("item_id must be an integer")
    return {"item_id": number, "q": q}


# --8<-- [end:read_item]


# --8<-- [start:create_item]
class ItemIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    # NaN and Infinity are not prices, nor is 1e400, which overflows to Infinity.
    price: float = Field(ge=0, allow_inf_nan=False)
    tags: list[str] = []


class Item(ItemIn):
    id: int


next_id = itertools.count(1)


@router.post("/items")
async def create_item(item: FromJSON[ItemIn]) -> Response:
    return created(Item(id=next(next_id), **item.value.model_dump()))


# --8<-- [end:create_item]


# --8<-- [start:io]
@router.get("/io")
async def io() -> dict[str, int]:
    await asyncio.sleep(0.010)
    return {"waited_ms": 10}


# --8<-- [end:io]


# --8<-- [start:db]
@router.get("/db")
async def db_row(db: aiosqlite.Connection, id: str | None = None) -> dict[str, int]:
    row_id = integer(id)
    if not storable(row_id):
        raise NotFound(f"no row with id {row_id}")
    sql = "SELECT id, randomNumber FROM world WHERE id = ?"
    async with db.execute(sql, (row_id,)) as cursor:
        row = await cursor.fetchone()
    if row is None:
        raise NotFound(f"no row with id {row_id}")
    return {"id": row[0], "randomNumber": row[1]}


# --8<-- [end:db]
