"""Bookshelf: a Litestar app with one route."""

from litestar import Litestar, get


@get("/")
async def index() -> dict[str, str]:
    return {"message": "Welcome to the bookshelf"}


app = Litestar(route_handlers=[index])
