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
# not ValueError, for JSON nested too deeply, and reads a lone UTF-16 surrogate
# ("\ud800") that no response could encode: the shared loads turns both into a
# ValueError, so Falcon answers them with the same 400. Both apps install it.
JSON_HANDLER = falcon.media.JSONHandler(loads=jsonbody.loads)


def integer(text: str | None) -> int | None:
    """Falcon's `int` converter rules, for ASCII digits only.

    The converter and `get_param_as_int` call int(), which also reads other
    scripts' digits (Arabic-Indic, fullwidth...).
    """
    return IntConverter().convert(text) if text is not None and text.isascii() else None


def item_id_from(field: str) -> int:
    """An integer route field, answering 400 instead of the converter's 404."""
    item_id = integer(field)
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
    if not (is_finite(price) and price >= 0):
        raise invalid("price must be a finite number >= 0.")
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise invalid("tags must be a list of strings.")
    return {"id": next(_next_id), "name": name, "price": price, "tags": tags}


def is_finite(number: int | float) -> bool:
    """A number a double can hold: not NaN or Infinity (nor 1e400, which Python
    reads as Infinity), nor an integer too big to convert to a float."""
    try:
        return math.isfinite(number)
    except OverflowError:
        return False


def invalid(description: str) -> falcon.MediaValidationError:
    return falcon.MediaValidationError(description=description)
