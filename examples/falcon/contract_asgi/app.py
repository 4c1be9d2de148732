"""The shared API contract as a Falcon ASGI app, the way Falcon's documentation writes APIs."""

import asyncio

import aiosqlite
import falcon
import falcon.asgi
from world import storable, world_db_path

from item_checks import JSON_HANDLER, integer, item_id_from, new_item


# --8<-- [start:app]
class WorldDB:
    """Middleware holding one aiosqlite connection for the life of the server."""

    connection: aiosqlite.Connection

    async def process_startup(self, scope: dict, event: dict) -> None:
        self.connection = await aiosqlite.connect(world_db_path())

    async def process_shutdown(self, scope: dict, event: dict) -> None:
        await self.connection.close()


world_db = WorldDB()
app = falcon.asgi.App(middleware=[world_db])
app.req_options.media_handlers[falcon.MEDIA_JSON] = JSON_HANDLER
# --8<-- [end:app]


# --8<-- [start:json]
class HelloJSONResource:
    async def on_get(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        resp.media = {"message": "Hello, World!"}


app.add_route("/json", HelloJSONResource())
# --8<-- [end:json]


# --8<-- [start:plaintext]
class PlaintextResource:
    async def on_get(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        resp.content_type = falcon.MEDIA_TEXT
        resp.text = "Hello, World!"


app.add_route("/plaintext", PlaintextResource())
# --8<-- [end:plaintext]


# --8<-- [start:read_item]
class ItemResource:
    async def on_get(
        self, req: falcon.asgi.Request, resp: falcon.asgi.Response, item_id: str
    ) -> None:
        resp.media = {"item_id": item_id_from(item_id), "q": req.get_param("q")}


# A plain field, not {item_id:int}: that converter answers 404 to "abc".
app.add_route("/items/{item_id}", ItemResource())
# --8<-- [end:read_item]


# --8<-- [start:create_item]
class ItemsResource:
    async def on_post(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        resp.media = new_item(await req.get_media())  # malformed JSON is already a 400
        resp.status = falcon.HTTP_201


app.add_route("/items", ItemsResource())
# --8<-- [end:create_item]


# --8<-- [start:io]
class IOResource:
    async def on_get(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        await asyncio.sleep(0.010)
        resp.media = {"waited_ms": 10}


app.add_route("/io", IOResource())
# --8<-- [end:io]


# --8<-- [start:db]
class WorldRowResource:
    def __init__(self, db: WorldDB) -> None:
        self.db = db

    async def on_get(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        row_id = integer(req.get_param("id"))
        if not storable(row_id):
            raise falcon.HTTPNotFound(description=f"No row with id {row_id}.")
        query = "SELECT id, randomNumber FROM world WHERE id = ?"
        async with self.db.connection.execute(query, (row_id,)) as cursor:
            row = await cursor.fetchone()
        if row is None:
            raise falcon.HTTPNotFound(description=f"No row with id {row_id}.")
        resp.media = {"id": row[0], "randomNumber": row[1]}


app.add_route("/db", WorldRowResource(world_db))
# --8<-- [end:db]
