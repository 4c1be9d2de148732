"""Passwords and tokens for the Bookshelf service: scrypt hashes and HS256 JWTs (PyJWT)."""

import hashlib
import hmac
import os
import secrets
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

import jwt

# Interactive-login cost from the scrypt paper: ~16 MiB and tens of milliseconds per
# check, cheap for one login and expensive for someone trying millions of guesses.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1


def hash_password(password: str) -> str:
    """``scrypt$n$r$p$salt$digest``: the cost is stored with the hash, so it can be raised."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, password_hash: str) -> bool:
    _, n, r, p, salt, digest = password_hash.split("$")
    expected = bytes.fromhex(digest)
    candidate = hashlib.scrypt(
        password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p)
    )
    return hmac.compare_digest(candidate, expected)  # takes as long whatever matches


# Checked when a username does not exist, so that costs as long as a wrong password.
DECOY_HASH = hash_password(secrets.token_urlsafe())


def require_secret(environ: Mapping[str, str] = os.environ) -> str:
    """The signing key comes from the environment; without a real one the app stops."""
    secret = environ.get("BOOKSHELF_SECRET", "")
    if len(secret) < 32:  # HS256 wants a key at least as long as its 32-byte hash
        # SystemExit with a message: the server prints this one line, no traceback.
        raise SystemExit(
            "BOOKSHELF_SECRET is not set (or shorter than 32 characters): export the output of "
            "python -c 'import secrets; print(secrets.token_urlsafe(32))'"
        )
    return secret


def users_to_create(environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """``BOOKSHELF_USERS="alice:wonderland,bob:builder"`` -> {username: password}.

    For trying the service out only: unset or empty means no accounts are created.
    """
    users = {}
    for entry in filter(None, environ.get("BOOKSHELF_USERS", "").split(",")):
        username, _, password = entry.strip().partition(":")
        if not username or not password:
            raise SystemExit(f"BOOKSHELF_USERS: {entry!r} is not name:password")
        users[username] = password
    return users


ALGORITHM = "HS256"
TOKEN_LIFETIME = timedelta(minutes=30)
# Who issues the tokens and who they are for: a token of another service (or for
# one), even signed with the same key, is refused.
ISSUER = "bookshelf"
AUDIENCE = "bookshelf-api"


def create_token(username: str, secret: str) -> str:
    claims = {
        "sub": username,
        "exp": datetime.now(UTC) + TOKEN_LIFETIME,
        "iss": ISSUER,
        "aud": AUDIENCE,
    }
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def token_subject(token: str, secret: str) -> str | None:
    """The username a token names, or None for any token we did not issue or that expired."""
    try:
        # algorithms is explicit: the token's own header never chooses how it is checked.
        claims = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            issuer=ISSUER,
            audience=AUDIENCE,
            options={"require": ["exp", "sub", "iss", "aud"]},
        )
    except jwt.InvalidTokenError:  # the base class of every rejection PyJWT raises
        return None
    # PyJWT reads exp with int(), so "9999999999" would pass: a NumericDate is a number.
    if not isinstance(claims["exp"], int | float):
        return None
    return claims["sub"]
