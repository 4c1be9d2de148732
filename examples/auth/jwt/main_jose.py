"""JWT bearer tokens for FastAPI with python-jose, the library the article used.

Run it with ``fastapi dev main_jose.py``, JWT_SECRET set (see api.py).
"""

from jose import JWTError, jwt

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
            # Without require_aud, python-jose accepts a token that has no aud at all.
            options={f"require_{claim}": True for claim in REQUIRED_CLAIMS},
        )
    # python-jose 3.5 lets a correctly signed token with a non-numeric exp, iat or nbf
    # (null, a list, an object) escape as TypeError, an infinite one as OverflowError,
    # and claims nested too deeply as RecursionError.
    except (JWTError, TypeError, OverflowError, RecursionError) as error:
        raise InvalidToken from error


app = create_app(encode=encode, decode=decode, title="JWT auth with python-jose")
