"""A small AIOHTTP app: a root route and an item route, served by aiohttp.web."""

import json
import logging
from argparse import ArgumentParser

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
    # ASCII digits only (int() also takes other scripts' digits), as many as int() converts.
    if not (item_id.isascii() and item_id.isdecimal()) or len(item_id) > 4300:
        raise json_error(web.HTTPBadRequest, "item_id must be an integer")
    return web.json_response({"item_id": int(item_id), "q": request.query.get("q")})


def set_log_level(argv: list[str]) -> None:
    # `python -m aiohttp.web` logs everything at DEBUG, one line per request and more;
    # it passes the arguments it does not know on to the app factory.
    parser = ArgumentParser(prog="create_app", add_help=False)
    parser.add_argument("--log-level", help="e.g. warning: log nothing below it")
    level = parser.parse_args(argv).log_level
    if level:
        logging.getLogger().setLevel(level.upper())


def create_app(argv: list[str]) -> web.Application:
    """The factory `python -m aiohttp.web` calls, with its unused command-line arguments."""
    set_log_level(argv)
    app = web.Application()
    app.add_routes(routes)
    return app
