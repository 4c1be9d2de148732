"""A small AIOHTTP app: a root route and an item route, served by aiohttp.web."""

# --8<-- [start:app]
import json

from aiohttp import web

routes = web.RouteTableDef()


def json_error(error: type[web.HTTPError], detail: object) -> web.HTTPError:
    """aiohttp's HTTP errors have plain-text bodies; ours say what went wrong in JSON."""
    return error(text=json.dumps({"error": detail}), content_type="application/json")


@routes.get("/")
async def root(request: web.Request) -> web.Response:
    return web.json_response({"Hello": "World"})


@routes.get("/items/{item_id}")
async def read_item(request: web.Request) -> web.Response:
    item_id = request.match_info["item_id"]
    if not item_id.isdecimal():
        raise json_error(web.HTTPBadRequest, "item_id must be an integer")
    return web.json_response({"item_id": int(item_id), "q": request.query.get("q")})


def create_app(argv: list[str]) -> web.Application:
    """The factory `python -m aiohttp.web` calls, with the command line's extra arguments."""
    app = web.Application()
    app.add_routes(routes)
    return app
# --8<-- [end:app]
