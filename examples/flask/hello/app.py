"""The article's Flask API sample, on Flask 3.1, with errors answered in JSON."""

import json

from flask import Flask, Response
from werkzeug.exceptions import HTTPException

app = Flask(__name__)


@app.get("/api/items")
def list_items() -> dict[str, list[str]]:
    return {"items": ["item1", "item2"]}


@app.get("/api/items/<int:item_id>")
def get_item(item_id: int) -> dict[str, int | str]:
    return {"item_id": item_id, "name": f"Item {item_id}"}


@app.errorhandler(HTTPException)
def http_error_as_json(error: HTTPException) -> Response:
    """Flask answers errors with an HTML page; an API client wants JSON.

    Starting from the exception's own response keeps its status and headers
    (a 405 still says which methods are allowed); only the body changes.
    """
    response = error.get_response()
    response.data = json.dumps({"error": error.name, "detail": error.description})
    response.content_type = "application/json"
    return response
