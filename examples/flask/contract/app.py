"""The shared API contract, written the way Flask's documentation writes APIs.

Flask validates nothing itself: pydantic checks paths, queries and bodies, and
one helper turns its errors into 422 JSON answers.
"""

import itertools
import json
import re
import sqlite3
import time
from typing import TypeVar

from flask import Flask, Response, abort, g, request
from pydantic import BaseModel, Field, ValidationError
from werkzeug.exceptions import HTTPException
from world import storable, world_db_path

# --8<-- [start:app]
app = Flask(__name__)
next_id = itertools.count(1)  # next() on a count is atomic under the GIL, so threads are safe

Model = TypeVar("Model", bound=BaseModel)


@app.errorhandler(HTTPException)
def http_error_as_json(error: HTTPException) -> Response:
    """Malformed JSON (400), unknown routes (404) and failed validation (422) answer in JSON.

    The exception's own response keeps its status and headers (a 405 still says
    which methods are allowed); only the HTML body is replaced.
    """
    response = error.get_response()
    response.data = json.dumps({"error": error.name, "detail": error.description})
    response.content_type = "application/json"
    return response


def validated(model: type[Model], data: object) -> Model:
    """Validate with pydantic; bad input aborts with 422 and pydantic's list of errors.

    A request body (bytes) goes to pydantic's own JSON parser, which is stricter
    than json.loads: bytes that are not UTF-8, nesting too deep for any parser and
    lone UTF-16 surrogates ("\\ud800", which no response could encode) are one more
    validation error instead of a crash or a string the app cannot send back.
    """
    try:
        if isinstance(data, bytes):
            return model.model_validate_json(data)
        return model.model_validate(data)
    except ValidationError as error:
        abort(422, description=error.errors(include_url=False, include_input=False))


# --8<-- [end:app]


# --8<-- [start:json]
@app.get("/json")
def json_hello() -> dict[str, str]:
    return {"message": "Hello, World!"}


# --8<-- [end:json]


# --8<-- [start:plaintext]
@app.get("/plaintext")
def plaintext() -> Response:
    # A returned str would be sent as text/html.
    return Response("Hello, World!", mimetype="text/plain")


# --8<-- [end:plaintext]


# --8<-- [start:read_item]
class ItemQuery(BaseModel):
    item_id: int
    q: str | None = None


# <item_id> rather than <int:item_id>: the converter answers "abc" with a 404
# as if the route did not exist; the contract wants a 422 naming the field.
@app.get("/items/<item_id>")
def read_item(item_id: str) -> dict[str, object]:
    query = validated(ItemQuery, {"item_id": item_id, "q": request.args.get("q")})
    return query.model_dump()


# --8<-- [end:read_item]


# --8<-- [start:create_item]
class ItemIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    # NaN and Infinity are not prices, nor is 1e400, which overflows to Infinity.
    price: float = Field(ge=0, allow_inf_nan=False)
    tags: list[str] = []


class Item(ItemIn):
    id: int


@app.post("/items")
def create_item() -> tuple[dict[str, object], int]:
    if not request.is_json:
        abort(415, description="The body must be sent as application/json.")
    item = validated(ItemIn, request.get_data())
    return Item(id=next(next_id), **item.model_dump()).model_dump(), 201


# --8<-- [end:create_item]


# --8<-- [start:io]
@app.get("/io")
def io() -> dict[str, int]:
    time.sleep(0.010)  # a blocking call: the gthread worker's other threads keep serving
    return {"waited_ms": 10}


# --8<-- [end:io]


# --8<-- [start:db]
def integer(text: str | None) -> int | None:
    """The integer that plain ASCII digits spell, else None.

    int() alone also reads other scripts' digits (Arabic-Indic, fullwidth...),
    and raises ValueError for more than 4,300 digits.
    """
    if text is None or not re.fullmatch(r"-?[0-9]{1,4300}", text):
        return None
    return int(text)


def get_db() -> sqlite3.Connection:
    """One connection per request, kept on `g` and closed when the request ends."""
    if "db" not in g:
        g.db = sqlite3.connect(world_db_path())
    return g.db


@app.teardown_appcontext
def close_db(exception: BaseException | None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.close()


@app.get("/db")
def db_row() -> dict[str, int]:
    row_id = integer(request.args.get("id"))  # None when missing or not an integer
    if not storable(row_id):
        abort(404, description=f"no row with id {row_id}")
    row = get_db().execute("SELECT id, randomNumber FROM world WHERE id = ?", (row_id,)).fetchone()
    if row is None:
        abort(404, description=f"no row with id {row_id}")
    return {"id": row[0], "randomNumber": row[1]}


# --8<-- [end:db]
