"""The OAuth2 password flow both JWT examples serve; only encoding and decoding differ.

``create_app(encode=..., decode=...)`` builds the app around two functions a
JWT library provides: see ``main.py`` (PyJWT) and ``main_jose.py`` (python-jose).
"""

import base64
import json
import os
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, status
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from users import User, authenticate, find_user

Claims = dict[str, Any]


def require_secret(environ: Mapping[str, str] = os.environ) -> str:
    """The signing key comes from the environment; without a real one the app stops."""
    secret = environ.get("JWT_SECRET", "")
    if len(secret) < 32:  # HS256 wants a key at least as long as its 32-byte hash
        raise SystemExit(
            "JWT_SECRET must be a random string of 32+ characters, for example: export "
            "JWT_SECRET=\"$(python -c 'import secrets; print(secrets.token_urlsafe(32))')\""
        )
    return secret


SECRET_KEY = require_secret()
ALGORITHM = "HS256"  # the one algorithm accepted: never the one a token's header names
# Who signs the tokens, and which API they are for: a token this key signed for
# another service (or by another service sharing the key) is still refused.
ISSUER = "https://auth.example.test"
AUDIENCE = "https://api.example.test"
REQUIRED_CLAIMS = ("exp", "iss", "aud")  # the libraries skip a check when its claim is absent
TOKEN_LIFETIME = timedelta(minutes=15)
LEEWAY = timedelta(seconds=30)  # clock differences between the servers that issue and check
# What every token we issue starts with. Anything else in a header (another alg, crit,
# kid, jwk, jku, x5u...) means a token we did not make: refused before any library reads it.
OUR_HEADER = {"alg": ALGORITHM, "typ": "JWT"}
MAX_TOKEN_LENGTH = 2048  # ours are about 250 characters; a huge token only costs us work


class InvalidToken(Exception):
    """Raised by a library's ``decode`` for any token it does not accept."""


class TokenClaims(BaseModel):
    # strict: a string where a number belongs is a malformed token, not something to coerce
    model_config = ConfigDict(strict=True)

    sub: str = Field(min_length=1)
    exp: int
    iat: int | None = None


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"


def new_claims(username: str) -> Claims:
    now = datetime.now(UTC)
    return {
        "sub": username,
        "iat": now,
        "exp": now + TOKEN_LIFETIME,
        "iss": ISSUER,
        "aud": AUDIENCE,
    }


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    keys = [key for key, _ in pairs]
    if len(set(keys)) != len(keys):  # {"alg": "none", "alg": "HS256"}: parsers disagree
        raise ValueError("duplicate key")
    return dict(pairs)


def unverified_header(token: str) -> object:
    """The token's header as JSON, or None if it is not base64url-encoded JSON."""
    first = token.partition(".")[0]
    try:
        text = base64.urlsafe_b64decode(first + "=" * (-len(first) % 4))
        return json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except (ValueError, RecursionError):  # bad base64, UTF-8 or JSON; nested too deeply
        return None


def read_claims(token: str, decode: Callable[[str], Claims]) -> TokenClaims | None:
    """The claims of a token we issued and that is still valid; None for anything else."""
    if len(token) > MAX_TOKEN_LENGTH or unverified_header(token) != OUR_HEADER:
        return None
    try:
        claims = TokenClaims.model_validate(decode(token))
    except (InvalidToken, ValidationError):  # bad signature, expired, wrong iss/aud or shape
        return None
    now = datetime.now(UTC).timestamp()
    if claims.exp > now + (TOKEN_LIFETIME + LEEWAY).total_seconds():
        return None  # valid for longer than we ever issue a token for
    if claims.iat is not None and claims.iat > now + LEEWAY.total_seconds():
        return None  # issued in the future
    return claims


def unauthorized(detail: str, challenge: str = "Bearer") -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, detail, {"WWW-Authenticate": challenge})


def create_app(
    *, encode: Callable[[Claims], str], decode: Callable[[str], Claims], title: str
) -> FastAPI:
    app = FastAPI(title=title)
    oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")  # 401 when the header is missing

    async def get_current_user(token: Annotated[str, Depends(oauth2_scheme)]) -> User:
        claims = read_claims(token, decode)
        user = find_user(claims.sub) if claims else None
        if user is None:  # also a valid token for an account that no longer exists
            raise unauthorized("Invalid or expired token", 'Bearer error="invalid_token"')
        return user

    @app.post("/token")
    def login(form: Annotated[OAuth2PasswordRequestForm, Depends()]) -> Token:
        # A plain `def`: the deliberately slow password hash runs in the thread pool.
        user = authenticate(form.username, form.password)
        if user is None:
            raise unauthorized("Incorrect username or password")
        return Token(access_token=encode(new_claims(user.username)))

    @app.get("/users/me")
    async def read_me(user: Annotated[User, Depends(get_current_user)]) -> User:
        return user

    return app
