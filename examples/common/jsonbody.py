"""Reading a JSON request body by hand: the two checks code without its own body parser needs."""

import json
import re

JSON_MEDIA_TYPE = "application/json"
# `\ud800` to `\udfff`: half of a UTF-16 surrogate pair, written as a JSON escape.
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abcdefABCDEF]")


def is_json(content_type: str | None) -> bool:
    """Whether a Content-Type header declares JSON, with or without parameters (`; charset=…`)."""
    return (content_type or "").partition(";")[0].strip().lower() == JSON_MEDIA_TYPE


def loads(body: bytes | str) -> object:
    """`json.loads`, failing with ValueError for every body it cannot decode.

    `json.loads` raises ValueError for malformed JSON and for bytes that are not
    UTF-8, but RecursionError for arrays or objects nested deeper than Python's
    recursion limit (`[[[[…`), which would otherwise escape as a server error.
    It also accepts a lone surrogate (`"\\ud800"`): valid JSON syntax, but no
    text, and writing it back as UTF-8 fails later; that is refused here too.
    """
    text = body.decode() if isinstance(body, bytes) else body  # not UTF-8: ValueError
    try:
        data = json.loads(text)
    except RecursionError:
        raise ValueError("the JSON is nested too deeply") from None
    if SURROGATE_ESCAPE.search(text):  # paired halves make one character; lone ones fail
        json.dumps(data, ensure_ascii=False).encode()  # UnicodeEncodeError is a ValueError
    return data
