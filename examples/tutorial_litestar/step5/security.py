"""Password hashing and the signing key for the Bookshelf (stdlib only: scrypt and hmac)."""

import hashlib
import hmac
import os
import secrets
from collections.abc import Mapping

# The scrypt paper's setting for interactive logins: about 16 MiB and tens of
# milliseconds per check, which is what makes guessing passwords expensive.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1


def hash_password(password: str) -> str:
    """``scrypt$n$r$p$salt$digest``: the cost is stored with the hash, so it can be raised later."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, password_hash: str) -> bool:
    _, n, r, p, salt, digest = password_hash.split("$")
    expected = bytes.fromhex(digest)
    candidate = hashlib.scrypt(
        password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p)
    )
    return hmac.compare_digest(candidate, expected)  # takes as long wherever they differ


# Checked when a username is unknown, so a wrong name costs as long as a wrong password.
DECOY_HASH = hash_password(secrets.token_urlsafe())


def require_secret(environ: Mapping[str, str] = os.environ) -> str:
    """The JWT signing key comes from the environment; without a real one, no app."""
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
