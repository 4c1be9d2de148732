"""What keeps every GraphQL server here bounded: query limits, and the key that lets a client write.

Nested fields (an author's books' authors' books...) let one short query do a lot of
work, so queries are limited before anything runs, and only key holders may add books.
"""

import hmac
import os

MAX_DEPTH = 3  # { book(id: 1) { author { books { title } } } } is as deep as a query may go
MAX_TOKENS = 500  # a query document's size, in GraphQL tokens (names, braces, strings...)
MAX_ALIASES = 5  # one field asked for under many names multiplies the work (Strawberry)
MAX_COST = 500  # the most work one query may ask for, `books(limit: n)` costing n (Ariadne)


def read_api_key(environ: os._Environ[str] | dict[str, str] = os.environ) -> str:
    """The key comes from the environment; without a real one the server does not start."""
    key = environ.get("BOOKS_API_KEY", "")
    if len(key) < 32:
        # SystemExit with a message: the server prints this one line, no traceback.
        raise SystemExit(
            "BOOKS_API_KEY is not set (or shorter than 32 characters): export the output of "
            "python -c 'import secrets; print(secrets.token_urlsafe(32))'"
        )
    return key


API_KEY = read_api_key()
WRITE_REFUSED = "adding books needs the header Authorization: Bearer <BOOKS_API_KEY>"


def may_write(authorization: str | None) -> bool:
    """True for the header `Authorization: Bearer <BOOKS_API_KEY>`, compared in constant time."""
    return hmac.compare_digest((authorization or "").encode(), f"Bearer {API_KEY}".encode())
