"""The user store both JWT examples share: passwords are stored only as scrypt hashes.

It starts empty. ``DEMO_USERS=1`` adds one demo account, ``alice`` with the
password ``wonderland``, for trying the API out; never switch it on anywhere else.
"""

import hashlib
import hmac
import os
import secrets
from collections.abc import Mapping

from pydantic import BaseModel

# The scrypt paper's setting for interactive logins: about 16 MiB and tens of
# milliseconds per check, which is what makes guessing passwords expensive.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
DIGEST_BYTES = 32


class User(BaseModel):
    username: str
    full_name: str


class StoredUser(User):
    password_hash: str


def hash_password(password: str) -> str:
    """``scrypt$n$r$p$salt$digest``: the cost travels with the hash, so it can be raised later."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(
        password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=DIGEST_BYTES
    )
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, password_hash: str) -> bool:
    _, n, r, p, salt, digest = password_hash.split("$")
    expected = bytes.fromhex(digest)
    candidate = hashlib.scrypt(
        password.encode(),
        salt=bytes.fromhex(salt),
        n=int(n),
        r=int(r),
        p=int(p),
        dklen=len(expected),
    )
    return hmac.compare_digest(candidate, expected)  # constant-time comparison


def demo_users(environ: Mapping[str, str] = os.environ) -> dict[str, StoredUser]:
    """The demo account, only when DEMO_USERS=1 (unset or empty: no users at all)."""
    if environ.get("DEMO_USERS") != "1":
        return {}
    alice = StoredUser(
        username="alice",
        full_name="Alice Liddell",
        password_hash=(
            "scrypt$16384$8$1$a8154dccfd4117bb0a5150612535ef26"
            "$5f0407ec91df55837246d2a0aa84f00738508918b5efe1f34cd30f1807136030"
        ),
    )
    return {alice.username: alice}


# Where a real application would read its users from a database.
USERS: dict[str, StoredUser] = demo_users()
# Checked when the username is unknown, so a wrong name costs as long as a wrong password.
_DECOY_HASH = hash_password(secrets.token_urlsafe())


def authenticate(username: str, password: str) -> User | None:
    stored = USERS.get(username)
    if stored is None:
        verify_password(password, _DECOY_HASH)
        return None
    return _public(stored) if verify_password(password, stored.password_hash) else None


def find_user(username: str) -> User | None:
    stored = USERS.get(username)
    return None if stored is None else _public(stored)


def _public(stored: StoredUser) -> User:
    return User.model_validate(stored.model_dump(exclude={"password_hash"}))
