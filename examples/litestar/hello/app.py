"""The article's Litestar hello world, on today's Litestar."""

from litestar import Litestar, get


@get("/")
async def hello_world() -> dict[str, str]:
    """The traditional first route."""
    return {"hello": "world"}


app = Litestar(route_handlers=[hello_world])
