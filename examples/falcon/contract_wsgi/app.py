"""The shared API contract as a Falcon WSGI app, the way Falcon's documentation writes APIs."""

import sqlite3
import threading
import time

import falcon
from world import storable, world_db_path

from item_checks import JSON_HANDLER, integer, item_id_from, new_item

# --8<-- [start:app]
app = falcon.App()
app.req_options.media_handlers[falcon.MEDIA_JSON] = JSON_HANDLER
# --8<-- [end:app]


# --8<-- [start:json]
class HelloJSONResource:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.media = {"message": "Hello, World!"}


app.add_route("/json", HelloJSONResource())
# --8<-- [end:json]


# --8<-- [start:plaintext]
class PlaintextResource:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.content_type = falcon.MEDIA_TEXT
        resp.text = "Hello, World!"


app.add_route("/plaintext", PlaintextResource())
# --8<-- [end:plaintext]


# --8<-- [start:read_item]
class ItemResource:
    def on_get(self, req: falcon.Request, resp: falcon.Response, item_id: str) -> None:
        resp.media = {"item_id": item_id_from(item_id), "q": req.get_param("q")}


# A plain field, not {item_id:int}: that converter answers 404 to "abc".
app.add_route("/items/{item_id}", ItemResource())
# --8<-- [end:read_item]


# --8<-- [start:create_item]
class ItemsResource:
    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.media = new_item(req.get_media())  # malformed JSON is already a 400
        resp.status = falcon.HTTP_201


app.add_route("/items", ItemsResource())
# --8<-- [end:create_item]


# --8<-- [start:io]
class IOResource:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        time.sleep(0.010)  # blocks this worker thread, as sync code does
        resp.media = {"waited_ms": 10}


app.add_route("/io", IOResource())
# --8<-- [end:io]


# --8<-- [start:db]
class WorldDB(threading.local):
    def __init__(self) -> None:
        # Runs once in each thread that touches it: an sqlite3 connection
        # belongs to the thread that opened it, and gthread serves from several.
        self.connection = sqlite3.connect(world_db_path())


world_db = WorldDB()


class WorldRowResource:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        row_id = integer(req.get_param("id"))
        if not storable(row_id):
            raise falcon.HTTPNotFound(description=f"No row with id {row_id}.")
        query = "SELECT id, randomNumber FROM world WHERE id = ?"
        row = world_db.connection.execute(query, (row_id,)).fetchone()
        if row is None:
            raise falcon.HTTPNotFound(description=f"No row with id {row_id}.")
        resp.media = {"id": row[0], "randomNumber": row[1]}


app.add_route("/db", WorldRowResource())
# --8<-- [end:db]
