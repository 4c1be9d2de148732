"""The shared API contract, written the way Tornado's documentation writes APIs."""

import asyncio
import itertools
import math
from typing import Any

import aiosqlite
import jsonbody
from tornado.options import define, options, parse_command_line
from tornado.web import Application, HTTPError, RequestHandler
from world import storable, world_db_path

define("host", default="127.0.0.1", help="address to listen on")
define("port", default=8000, type=int, help="port to listen on")
next_id = itertools.count(1)


class JsonHandler(RequestHandler):
    """A handler whose errors are JSON too (Tornado's default error page is HTML)."""

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        error = kwargs["exc_info"][1]
        # The message we raised with, or the reason phrase ("Method Not Allowed").
        self.finish({"error": getattr(error, "log_message", None) or self._reason})


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
class JsonHelloHandler(JsonHandler):
    def get(self) -> None:
        self.write({"message": "Hello, World!"})


# --8<-- [end:json]


# --8<-- [start:plaintext]
class PlaintextHandler(JsonHandler):
    def get(self) -> None:
        self.set_header("Content-Type", "text/plain; charset=UTF-8")
        self.write("Hello, World!")


# --8<-- [end:plaintext]


# --8<-- [start:read_item]
class ItemHandler(JsonHandler):
    def get(self, item_id: str) -> None:
        number = as_id(item_id)
        if number is None:
            raise HTTPError(400, "item_id must be an integer")
        self.write({"item_id": number, "q": self.get_query_argument("q", None)})


# --8<-- [end:read_item]


# --8<-- [start:create_item]
def parse_item(content_type: str | None, body: bytes) -> dict[str, Any]:
    """Check a POST /items body by hand: Tornado has no validation layer."""
    if not jsonbody.is_json(content_type):
        raise HTTPError(415, "the body must be sent as application/json")
    try:
        # Like tornado.escape.json_decode, but a body nested too deeply is a 400 too.
        data = jsonbody.loads(body)
    except ValueError:
        raise HTTPError(400, "the body is not valid JSON") from None
    if not isinstance(data, dict):
        raise HTTPError(422, "the body must be a JSON object")
    name, price, tags = data.get("name"), data.get("price"), data.get("tags", [])
    if not isinstance(name, str) or not 1 <= len(name) <= 100:
        raise HTTPError(422, "name must be a string of 1 to 100 characters")
    # bool is an int subclass, and json.loads reads NaN, Infinity and 1e400: refuse all.
    if isinstance(price, bool) or not isinstance(price, int | float) or not 0 <= price < math.inf:
        raise HTTPError(422, "price must be a finite number >= 0")
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise HTTPError(422, "tags must be a list of strings")
    return {"name": name, "price": price, "tags": tags}


class ItemsHandler(JsonHandler):
    def post(self) -> None:
        item = parse_item(self.request.headers.get("Content-Type"), self.request.body)
        self.set_status(201)
        self.write({"id": next(next_id), **item})


# --8<-- [end:create_item]


# --8<-- [start:io]
class IoHandler(JsonHandler):
    async def get(self) -> None:
        await asyncio.sleep(0.010)
        self.write({"waited_ms": 10})


# --8<-- [end:io]


# --8<-- [start:db]
class DbHandler(JsonHandler):
    def initialize(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def get(self) -> None:
        raw_id = self.get_query_argument("id", "")
        row_id = as_id(raw_id)
        if not storable(row_id):
            raise HTTPError(404, "no row with that id")
        query = "SELECT id, randomNumber FROM world WHERE id = ?"
        async with self.db.execute(query, (row_id,)) as cursor:
            row = await cursor.fetchone()
        if row is None:
            raise HTTPError(404, "no row with that id")
        self.write({"id": row[0], "randomNumber": row[1]})


# --8<-- [end:db]


def make_app(db: aiosqlite.Connection) -> Application:
    return Application(
        [
            (r"/json", JsonHelloHandler),
            (r"/plaintext", PlaintextHandler),
            (r"/items/([^/]+)", ItemHandler),
            (r"/items", ItemsHandler),
            (r"/io", IoHandler),
            (r"/db", DbHandler, {"db": db}),  # passed to DbHandler.initialize
        ]
    )


async def main() -> None:
    parse_command_line()
    async with aiosqlite.connect(world_db_path()) as db:
        make_app(db).listen(options.port, options.host)
        await asyncio.Event().wait()  # serve until the process is stopped


if __name__ == "__main__":
    asyncio.run(main())
