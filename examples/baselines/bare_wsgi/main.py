"""The shared API contract as one bare WSGI callable: no framework, only the standard library.

It is the floor for WSGI measurements: its own routing, its own validation with
422 JSON errors, sqlite3 with one connection per thread, and nothing else.
Served by gunicorn's threaded worker, like the WSGI frameworks.
"""

import itertools
import json
import math
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from http import HTTPStatus
from urllib.parse import parse_qs
from wsgiref.types import StartResponse, WSGIEnvironment

import jsonbody
from items import as_int
from world import storable, world_db_path

Reply = tuple[HTTPStatus, str, bytes]  # status, content type, body
JSON = "application/json"


class ClientError(Exception):
    """Bad input: answered with `status` and a JSON body saying why."""

    def __init__(self, status: HTTPStatus, detail: object) -> None:
        super().__init__(detail)
        self.status, self.detail = status, detail


def json_reply(data: object, status: HTTPStatus = HTTPStatus.OK) -> Reply:
    return status, JSON, json.dumps(data).encode()


def query_param(environ: WSGIEnvironment, name: str) -> str | None:
    return parse_qs(environ.get("QUERY_STRING", "")).get(name, [None])[0]


# --8<-- [start:json]
def hello_json(environ: WSGIEnvironment) -> Reply:
    return json_reply({"message": "Hello, World!"})


# --8<-- [end:json]


# --8<-- [start:plaintext]
def plaintext(environ: WSGIEnvironment) -> Reply:
    return HTTPStatus.OK, "text/plain; charset=utf-8", b"Hello, World!"


# --8<-- [end:plaintext]


# --8<-- [start:read_item]
def read_item(environ: WSGIEnvironment) -> Reply:
    item_id = as_int(environ["PATH_INFO"].removeprefix("/items/"))
    if item_id is None:
        raise ClientError(HTTPStatus.UNPROCESSABLE_ENTITY, "item_id must be an integer")
    return json_reply({"item_id": item_id, "q": query_param(environ, "q")})


# --8<-- [end:read_item]


# --8<-- [start:create_item]
next_id = itertools.count(1)  # next() on a count is atomic under the GIL


def validate_item(data: object) -> dict[str, object]:
    """The rules a schema library would apply, by hand; every broken rule is reported."""
    if not isinstance(data, dict):
        raise ClientError(HTTPStatus.UNPROCESSABLE_ENTITY, "the body must be a JSON object")
    name, price, tags = data.get("name"), data.get("price"), data.get("tags", [])
    errors = []
    if not (isinstance(name, str) and 1 <= len(name) <= 100):
        errors.append("name: a string of 1 to 100 characters is required")
    # bool is an int subclass, and json.loads accepts NaN and Infinity: reject all three.
    if isinstance(price, bool) or not (isinstance(price, int | float) and 0 <= price < math.inf):
        errors.append("price: a number >= 0 is required")
    if not (isinstance(tags, list) and all(isinstance(tag, str) for tag in tags)):
        errors.append("tags: a list of strings is expected")
    if errors:
        raise ClientError(HTTPStatus.UNPROCESSABLE_ENTITY, errors)
    return {"name": name, "price": price, "tags": tags}


def create_item(environ: WSGIEnvironment) -> Reply:
    if not jsonbody.is_json(environ.get("CONTENT_TYPE")):
        raise ClientError(
            HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "the body must be sent as application/json"
        )
    body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
    try:
        data = jsonbody.loads(body)
    except ValueError:  # malformed, not UTF-8, or nested too deeply
        raise ClientError(HTTPStatus.BAD_REQUEST, "the body is not valid JSON") from None
    return json_reply({"id": next(next_id), **validate_item(data)}, HTTPStatus.CREATED)


# --8<-- [end:create_item]


# --8<-- [start:io]
def io(environ: WSGIEnvironment) -> Reply:
    time.sleep(0.010)  # blocks this thread only; the worker's other threads keep serving
    return json_reply({"waited_ms": 10})


# --8<-- [end:io]


# --8<-- [start:db]
class ThreadConnection(threading.local):
    """sqlite3 connections stay on the thread that opened them: one per worker thread."""

    def __init__(self) -> None:  # runs once in each thread, on first use
        self.db = sqlite3.connect(world_db_path())


world = ThreadConnection()


def db_row(environ: WSGIEnvironment) -> Reply:
    raw_id = query_param(environ, "id") or ""
    row_id = as_int(raw_id)
    if not storable(row_id):
        raise ClientError(HTTPStatus.NOT_FOUND, f"no row with id {raw_id!r}")
    sql = "SELECT id, randomNumber FROM world WHERE id = ?"
    row = world.db.execute(sql, (row_id,)).fetchone()
    if row is None:
        raise ClientError(HTTPStatus.NOT_FOUND, f"no row with id {raw_id!r}")
    return json_reply({"id": row[0], "randomNumber": row[1]})


# --8<-- [end:db]


ROUTES: dict[tuple[str, str], Callable[[WSGIEnvironment], Reply]] = {
    ("GET", "/json"): hello_json,
    ("GET", "/plaintext"): plaintext,
    ("POST", "/items"): create_item,
    ("GET", "/io"): io,
    ("GET", "/db"): db_row,
}


def app(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
    method, path = environ["REQUEST_METHOD"], environ["PATH_INFO"]
    handler = ROUTES.get((method, path))
    if handler is None and method == "GET" and path.startswith("/items/"):
        handler = read_item
    try:
        if handler is None:
            raise ClientError(HTTPStatus.NOT_FOUND, f"no route for {method} {path}")
        status, content_type, body = handler(environ)
    except ClientError as error:
        status, content_type, body = json_reply({"detail": error.detail}, error.status)
    headers = [("Content-Type", content_type), ("Content-Length", str(len(body)))]
    start_response(f"{status.value} {status.phrase}", headers)
    return [body]
