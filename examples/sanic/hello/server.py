"""Sanic's smallest API: a JSON greeting and an item route with a typed path parameter."""

from sanic import HTTPResponse, Request, Sanic, json

# Every Sanic app has a name, unique in its process (Sanic keeps a registry of apps).
app = Sanic("hello")
# Errors in JSON for every client; by default Sanic often picks plain text or HTML.
app.config.FALLBACK_ERROR_FORMAT = "json"


@app.get("/")
async def read_root(request: Request) -> HTTPResponse:
    return json({"Hello": "World"})


@app.get("/items/<item_id:int>")
async def read_item(request: Request, item_id: int) -> HTTPResponse:
    return json({"item_id": item_id, "q": request.args.get("q")})
