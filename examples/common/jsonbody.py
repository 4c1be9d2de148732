"""Reading a JSON request body by hand: the two checks code without its own body parser needs."""

import json

JSON_MEDIA_TYPE = "application/json"


def is_json(content_type: str | None) -> bool:
    """Whether a Content-Type header declares JSON, with or without parameters (`; charset=…`)."""
    return (content_type or "").partition(";")[0].strip().lower() == JSON_MEDIA_TYPE


def loads(body: bytes | str) -> object:
    """`json.loads`, failing with ValueError for every body it cannot decode.

    `json.loads` raises ValueError for malformed JSON and for bytes that are not
    UTF-8, but RecursionError for arrays or objects nested deeper than Python's
    recursion limit (`[[[[…`), which would otherwise escape as a server error.
    """
    try:
        return json.loads(body)
    except RecursionError:
        raise ValueError("the JSON is nested too deeply") from None
