"""Checks for the item routes, shared by Falcon's WSGI and ASGI contract apps.

Falcon has no schema layer of its own, so the checks are written out here, once,
and raise Falcon's own HTTP errors, which Falcon sends as JSON.
"""

import itertools
import math

import falcon
import falcon.media
import jsonbody
from falcon.routing import IntConverter

_next_id = itertools.count(1)


# Falcon answers malformed JSON with a 400, but json.loads raises RecursionError,
# not ValueError, for JSON nested too deeply: the shared loads turns that into a
# ValueError too, so Falcon answers it with the same 400. Both apps install it.
JSON_HANDLER = falcon.media.JSONHandler(loads=jsonbody.loads)


def item_id_from(field: str) -> int:
    """Falcon's `int` converter rules, answering 400 instead of the converter's 404."""
    item_id = IntConverter().convert(field)
    if item_id is None:
        raise falcon.HTTPInvalidParam("It must be an integer.", "item_id")
    return item_id


def new_item(body: object) -> dict[str, object]:
    """The created item for a decoded JSON body, or a 400 saying what is wrong with it."""
    if not isinstance(body, dict):
        raise invalid("The body must be a JSON object.")
    name, price, tags = body.get("name"), body.get("price"), body.get("tags", [])
    if not isinstance(name, str) or not 1 <= len(name) <= 100:
        raise invalid("name must be a string of 1 to 100 characters.")
    # bool is a subclass of int in Python, but `true` is not a price.
    if isinstance(price, bool) or not isinstance(price, int | float):
        raise invalid("price must be a number.")
    if not (math.isfinite(price) and price >= 0):
        raise invalid("price must be a finite number >= 0.")
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise invalid("tags must be a list of strings.")
    return {"id": next(_next_id), "name": name, "price": price, "tags": tags}


def invalid(description: str) -> falcon.MediaValidationError:
    return falcon.MediaValidationError(description=description)
