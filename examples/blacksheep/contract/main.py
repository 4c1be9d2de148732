"""The shared API contract, written the way BlackSheep's documentation writes APIs."""

import asyncio
import itertools

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
from blacksheep.exceptions import NotFound
from pydantic import BaseModel, Field, ValidationError
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
        return json({"detail": cause.errors(include_url=False)}, status=error.status)
    return json({"detail": str(error)}, status=error.status)


@app.exception_handler(RecursionError)
async def json_nested_too_deeply(
    application: Application, request: Request, error: RecursionError
) -> Response:
    # Malformed JSON is already a 400, but json.loads raises RecursionError,
    # not a decode error, for arrays or objects nested too deeply.
    return json({"detail": "The JSON body is nested too deeply."}, status=400)


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
@router.get("/items/{item_id}")
async def read_item(item_id: int, q: str | None = None) -> dict[str, int | str | None]:
    return {"item_id": item_id, "q": q}


# --8<-- [end:read_item]


# --8<-- [start:create_item]
class ItemIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    price: float = Field(ge=0)
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
async def db_row(db: aiosqlite.Connection, id: int | None = None) -> dict[str, int]:
    if not storable(id):
        raise NotFound(f"no row with id {id}")
    async with db.execute("SELECT id, randomNumber FROM world WHERE id = ?", (id,)) as cursor:
        row = await cursor.fetchone()
    if row is None:
        raise NotFound(f"no row with id {id}")
    return {"id": row[0], "randomNumber": row[1]}


# --8<-- [end:db]
