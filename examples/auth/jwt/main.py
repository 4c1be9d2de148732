"""JWT bearer tokens for FastAPI with PyJWT, the library FastAPI's own tutorial uses today.

Run it with ``fastapi dev main.py``, JWT_SECRET set (see api.py).
"""

import jwt

from api import (
    ALGORITHM,
    AUDIENCE,
    ISSUER,
    REQUIRED_CLAIMS,
    SECRET_KEY,
    Claims,
    InvalidToken,
    create_app,
)


def encode(claims: Claims) -> str:
    return jwt.encode(claims, SECRET_KEY, algorithm=ALGORITHM)


def decode(token: str) -> Claims:
    try:
        return jwt.decode(
            token,
            SECRET_KEY,
            algorithms=[ALGORITHM],
            audience=AUDIENCE,
            issuer=ISSUER,
            options={"require": list(REQUIRED_CLAIMS)},
        )
    except jwt.InvalidTokenError as error:  # the base class of every rejection PyJWT raises
        raise InvalidToken from error


app = create_app(encode=encode, decode=decode, title="JWT auth with PyJWT")
