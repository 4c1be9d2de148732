"""The article's Litestar hello world, on today's Litestar."""

# --8<-- [start:app]
from litestar import Litestar, get


@get("/")
async def hello_world() -> dict[str, str]:
    """The traditional first route."""
    return {"hello": "world"}


app = Litestar(route_handlers=[hello_world])
# --8<-- [end:app]
