"""One suite for both JWT apps (PyJWT in main.py, python-jose in main_jose.py).

Tokens are built here with the standard library (base64 + HMAC), not with either
library under test, so a forged or malformed token is exactly what it claims to be.
"""

import base64
import hashlib
import hmac
import json
import math
import time
from collections.abc import Callable

import httpx
import jwt as pyjwt
import pytest

from api import AUDIENCE, ISSUER, SECRET_KEY, TOKEN_LIFETIME
from users import hash_password, verify_password

ALICE = {"username": "alice", "full_name": "Alice Liddell"}


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def raw_token(
    header: object,
    payload: object | bytes,
    *,
    key: str = SECRET_KEY,
    digest: Callable = hashlib.sha256,
) -> str:
    """header.payload.signature, signed with HMAC; bytes payloads are sent as they are."""
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    signing_input = f"{b64url(json.dumps(header).encode())}.{b64url(body)}"
    signature = hmac.new(key.encode(), signing_input.encode(), digest).digest()
    return f"{signing_input}.{b64url(signature)}"


def unsigned(payload: object) -> str:
    """An `alg: none` token: no signature at all."""
    return ".".join([b64url(b'{"alg": "none"}'), b64url(json.dumps(payload).encode()), ""])


def signed(payload: object | bytes, **kwargs) -> str:
    return raw_token({"alg": "HS256", "typ": "JWT"}, payload, **kwargs)


def soon() -> int:
    return int(time.time()) + 600


def claims(*, drop: tuple[str, ...] = (), **changes: object) -> dict[str, object]:
    """Claims both apps accept, with some changed or dropped."""
    valid = {"sub": "alice", "exp": soon(), "iss": ISSUER, "aud": AUDIENCE}
    return {name: value for name, value in (valid | changes).items() if name not in drop}


def tampered_payload() -> str:
    header, _, signature = signed(claims()).split(".")
    forged = b64url(json.dumps(claims(sub="admin")).encode())
    return f"{header}.{forged}.{signature}"


def tampered_signature() -> str:
    head, _, signature = signed(claims()).rpartition(".")
    flipped = signature[:10] + ("A" if signature[10] != "A" else "B") + signature[11:]
    return f"{head}.{flipped}"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# Every one of these must get 401 with a Bearer challenge: never 200, never 500.
BAD_AUTHORIZATION: dict[str, Callable[[], dict[str, str]]] = {
    "missing": lambda: {},
    "not-bearer": lambda: {"Authorization": "Basic YWxpY2U6d29uZGVybGFuZA=="},
    "empty": lambda: {"Authorization": "Bearer"},
    "garbage": lambda: bearer("not-a-jwt"),
    "bad-base64": lambda: bearer("a.b.c"),
    "expired": lambda: bearer(signed(claims(exp=int(time.time()) - 60))),
    "tampered-payload": lambda: bearer(tampered_payload()),
    "tampered-signature": lambda: bearer(tampered_signature()),
    "wrong-key": lambda: bearer(signed(claims(), key="x" * 40)),
    "wrong-algorithm": lambda: bearer(raw_token({"alg": "HS512"}, claims(), digest=hashlib.sha512)),
    "alg-none": lambda: bearer(unsigned(claims())),
    "wrong-audience": lambda: bearer(signed(claims(aud="https://other-api.example.test"))),
    "audience-list-without-us": lambda: bearer(signed(claims(aud=["https://other.example"]))),
    "aud-not-a-string": lambda: bearer(signed(claims(aud=42))),
    "wrong-issuer": lambda: bearer(signed(claims(iss="https://evil.example.test"))),
    "iss-not-a-string": lambda: bearer(signed(claims(iss=[ISSUER]))),
    "no-exp": lambda: bearer(signed(claims(drop=("exp",)))),
    "no-aud": lambda: bearer(signed(claims(drop=("aud",)))),
    "no-iss": lambda: bearer(signed(claims(drop=("iss",)))),
    "no-sub": lambda: bearer(signed(claims(drop=("sub",)))),
    "unknown-user": lambda: bearer(signed(claims(sub="mallory"))),
    "sub-not-a-string": lambda: bearer(signed(claims(sub=42))),
    "sub-empty": lambda: bearer(signed(claims(sub=""))),
    "exp-text": lambda: bearer(signed(claims(exp="tomorrow"))),
    "exp-numeric-string": lambda: bearer(signed(claims(exp=str(soon())))),
    "exp-null": lambda: bearer(signed(claims(exp=None))),
    "exp-list": lambda: bearer(signed(claims(exp=[soon()]))),
    "exp-infinity": lambda: bearer(signed(claims(exp=math.inf))),  # json.dumps writes Infinity
    "nbf-null": lambda: bearer(signed(claims(nbf=None))),
    "iat-object": lambda: bearer(signed(claims(iat={}))),
    "payload-array": lambda: bearer(signed(["alice"])),
    "payload-not-json": lambda: bearer(signed(b"{not json")),
    "header-field-we-never-write": lambda: bearer(
        raw_token({"alg": "HS256", "typ": "JWT", "crit": ["x"]}, claims())
    ),
    "issued-in-the-future": lambda: bearer(signed(claims(iat=soon()))),
    "valid-for-years": lambda: bearer(signed(claims(exp=soon() + 10**8))),
    "too-long": lambda: bearer(signed(claims(padding="x" * 5000))),
}


@pytest.mark.parametrize("case", BAD_AUTHORIZATION)
def test_bad_token_is_401(client, case):
    response = client.get("/users/me", headers=BAD_AUTHORIZATION[case]())
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert response.headers["content-type"] == "application/json"
    assert isinstance(response.json()["detail"], str)


@pytest.mark.parametrize("audience", [AUDIENCE, ["https://other.example", AUDIENCE]])
def test_hand_made_token_is_accepted(client, audience):
    """The control for the cases above: a well-formed token built the same way works,
    including one meant for several APIs, ours among them (aud may be a list)."""
    response = client.get("/users/me", headers=bearer(signed(claims(aud=audience))))
    assert response.status_code == 200
    assert response.json() == ALICE


def login(client: httpx.Client, username: str = "alice", password: str = "wonderland"):
    return client.post("/token", data={"username": username, "password": password})


def test_login_then_read_me(client):
    response = login(client)
    assert response.status_code == 200
    token = response.json()
    assert token["token_type"] == "bearer"
    me = client.get("/users/me", headers=bearer(token["access_token"]))
    assert me.status_code == 200
    assert me.json() == ALICE


def test_issued_token_names_issuer_audience_and_expiry(client):
    before = time.time()
    token = login(client).json()["access_token"]
    issued = pyjwt.decode(token, SECRET_KEY, algorithms=["HS256"], audience=AUDIENCE)
    assert (issued["sub"], issued["iss"], issued["aud"]) == ("alice", ISSUER, AUDIENCE)
    lifetime = TOKEN_LIFETIME.total_seconds()
    assert before + lifetime - 2 <= issued["exp"] <= time.time() + lifetime + 2


@pytest.mark.parametrize(("username", "password"), [("alice", "wrong"), ("bob", "wonderland")])
def test_wrong_credentials_are_401(client, username, password):
    response = login(client, username, password)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json() == {"detail": "Incorrect username or password"}


def test_login_needs_form_fields(client):
    response = client.post("/token", json={"username": "alice", "password": "wonderland"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/json"


def test_passwords_are_stored_hashed():
    stored = hash_password("correct horse")
    assert "correct horse" not in stored
    assert stored != hash_password("correct horse")  # a fresh salt every time
    assert verify_password("correct horse", stored)
    assert not verify_password("wrong horse", stored)
