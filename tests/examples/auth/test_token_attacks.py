"""Token attacks against both JWT apps: every one is refused with 401 and a Bearer
challenge, never a 500, in-process and through the real Uvicorn servers.

The attacks are data (ATTACKS): each is a function returning the request's headers
(and, for tokens in the wrong place, its query string or cookies). Tokens are built
with the standard library and `cryptography`, never with either library under test.
"""

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from fastapi.testclient import TestClient

from apiguide import examples, registry

ENV = registry.get("python-jose").env
SECRET = ENV["JWT_SECRET"]
ISSUER, AUDIENCE = "https://auth.example.test", "https://api.example.test"
RSA_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
PUBLIC_PEM = RSA_KEY.public_key().public_bytes(
    serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def segment(value: object) -> str:
    """A JSON value as a token segment; a str is taken as raw JSON text."""
    text = value if isinstance(value, str) else json.dumps(value)
    return b64url(text.encode())


def sign(header: object, payload: object, *, key: bytes = SECRET.encode(), digest=hashlib.sha256):
    signing_input = f"{segment(header)}.{segment(payload)}"
    signature = hmac.new(key, signing_input.encode(), digest).digest()
    return f"{signing_input}.{b64url(signature)}"


def sign_rs256(header: object, payload: object) -> str:
    signing_input = f"{segment(header)}.{segment(payload)}"
    signature = RSA_KEY.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{signing_input}.{b64url(signature)}"


def claims(**changes: object) -> dict[str, object]:
    valid = {"sub": "alice", "exp": int(time.time()) + 600, "iss": ISSUER, "aud": AUDIENCE}
    return {name: value for name, value in (valid | changes).items() if value is not DROP}


DROP = object()
HS256 = {"alg": "HS256", "typ": "JWT"}


def good(**changes: object) -> str:
    """Correctly signed with the servers' key: only the claims are wrong."""
    return sign(HS256, claims(**changes))


def nested(depth: int) -> str:
    return '{"a":' * depth + "1" + "}" * depth


@dataclass
class Attack:
    headers: dict[str, str | bytes] = field(default_factory=dict)
    params: dict[str, str] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)


def bearer(token: str) -> Attack:
    return Attack(headers={"Authorization": f"Bearer {token}"})


JWK = {"kty": "oct", "k": b64url(b"attacker-key-" * 4)}
ATTACKS: dict[str, Callable[[], Attack]] = {
    # Time
    "expired": lambda: bearer(good(exp=int(time.time()) - 60)),
    "expired-beyond-leeway": lambda: bearer(good(exp=int(time.time()) - 3600)),
    "not-yet-valid-nbf": lambda: bearer(good(nbf=int(time.time()) + 3600)),
    "iat-in-the-future": lambda: bearer(good(iat=int(time.time()) + 3600)),
    "iat-far-future": lambda: bearer(good(iat=2**40)),
    "iat-string": lambda: bearer(good(iat="yesterday")),
    "exp-string": lambda: bearer(good(exp="tomorrow")),
    "exp-numeric-string": lambda: bearer(good(exp=str(int(time.time()) + 600))),
    "exp-float-nan": lambda: bearer(
        sign(HS256, json.dumps(claims()).replace('"exp": ', '"exp": NaN, "x": '))
    ),
    "exp-huge": lambda: bearer(good(exp=10**400)),
    "exp-bool": lambda: bearer(good(exp=True)),
    # Claims
    "sub-number": lambda: bearer(good(sub=42)),
    "sub-list": lambda: bearer(good(sub=["alice"])),
    "sub-null": lambda: bearer(good(sub=None)),
    "sub-missing": lambda: bearer(good(sub=DROP)),
    "sub-unknown-user": lambda: bearer(good(sub="mallory")),
    "wrong-issuer": lambda: bearer(good(iss="https://evil.example.test")),
    "missing-issuer": lambda: bearer(good(iss=DROP)),
    "empty-issuer": lambda: bearer(good(iss="")),
    "wrong-audience": lambda: bearer(good(aud="https://other-api.example.test")),
    "missing-audience": lambda: bearer(good(aud=DROP)),
    "empty-audience": lambda: bearer(good(aud="")),
    "empty-audience-list": lambda: bearer(good(aud=[])),
    "audience-object": lambda: bearer(good(aud={"aud": AUDIENCE})),
    "claims-array": lambda: bearer(sign(HS256, ["alice"])),
    "claims-string": lambda: bearer(sign(HS256, "alice")),
    "claims-not-json": lambda: bearer(sign(HS256, "{not json")),
    # Algorithms
    **{
        f"alg-{spelling}": (
            lambda spelling=spelling: bearer(f"{segment({'alg': spelling})}.{segment(claims())}.")
        )
        for spelling in ("none", "None", "NONE", "nOnE", "", " none")
    },
    "alg-none-with-signature": lambda: bearer(sign({"alg": "none"}, claims())),
    "alg-missing": lambda: bearer(sign({"typ": "JWT"}, claims())),
    "alg-null": lambda: bearer(sign({"alg": None}, claims())),
    "alg-hs512": lambda: bearer(sign({"alg": "HS512"}, claims(), digest=hashlib.sha512)),
    "alg-hs384": lambda: bearer(sign({"alg": "HS384"}, claims(), digest=hashlib.sha384)),
    "alg-rs256": lambda: bearer(sign_rs256({"alg": "RS256"}, claims())),
    "key-confusion-public-key-as-hmac-secret": lambda: bearer(
        sign(HS256, claims(), key=PUBLIC_PEM)
    ),
    "empty-hmac-key": lambda: bearer(sign(HS256, claims(), key=b"")),
    "wrong-key": lambda: bearer(sign(HS256, claims(), key=b"x" * 40)),
    # Header fields we never issue
    "crit-unknown": lambda: bearer(
        sign({**HS256, "crit": ["exp-extension"], "exp-extension": 1}, claims())
    ),
    "crit-empty": lambda: bearer(sign({**HS256, "crit": []}, claims())),
    "embedded-jwk": lambda: bearer(sign({**HS256, "jwk": JWK}, claims(), key=b"attacker-key-" * 4)),
    "embedded-jwk-rs256": lambda: bearer(
        sign_rs256({"alg": "RS256", "jwk": {"kty": "RSA"}}, claims())
    ),
    "jku": lambda: bearer(sign({**HS256, "jku": "https://evil.example.test/keys"}, claims())),
    "x5u": lambda: bearer(sign({**HS256, "x5u": "https://evil.example.test/cert.pem"}, claims())),
    "x5c": lambda: bearer(sign({**HS256, "x5c": ["MIIB"]}, claims())),
    "kid-path-traversal": lambda: bearer(
        sign({**HS256, "kid": "../../../../dev/null"}, claims(), key=b"")
    ),
    "kid-sql-injection": lambda: bearer(
        sign({**HS256, "kid": "x' UNION SELECT 'key"}, claims(), key=b"key")
    ),
    "kid-with-valid-signature": lambda: bearer(sign({**HS256, "kid": "1"}, claims())),
    "typ-not-jwt": lambda: bearer(sign({"alg": "HS256", "typ": "JWE"}, claims())),
    "header-array": lambda: bearer(sign(["HS256"], claims())),
    "header-not-json": lambda: bearer(sign("{nope", claims())),
    "header-duplicate-alg": lambda: bearer(sign('{"alg":"none","alg":"HS256"}', claims())),
    # Nesting and size
    "header-nested-1000": lambda: bearer(f"{segment(nested(1000))}.{segment(claims())}.sig"),
    "header-nested-100000": lambda: bearer(f"{segment(nested(100_000))}.{segment(claims())}.sig"),
    "claims-nested-1000": lambda: bearer(f"{segment(HS256)}.{segment(nested(1000))}.sig"),
    "claims-nested-1000-signed": lambda: bearer(sign(HS256, nested(1000))),
    "claims-nested-100000-signed": lambda: bearer(sign(HS256, nested(100_000))),
    "token-1mb": lambda: bearer("a" * 1_000_000),
    "token-1mb-three-segments": lambda: bearer(f"{segment(HS256)}.{'A' * 1_000_000}.sig"),
    "token-1mb-signed": lambda: bearer(good(padding="x" * 1_000_000)),
    # Shape
    "two-segments": lambda: bearer(".".join(good().split(".")[:2])),
    "four-segments": lambda: bearer(good() + ".extra"),
    "bad-base64": lambda: bearer("a.b.c"),
    "non-ascii": lambda: Attack(headers={"Authorization": "Bearer é.é.é".encode()}),
    "empty-segments": lambda: bearer(".."),
    "signature-stripped": lambda: bearer(good().rsplit(".", 1)[0] + "."),
    # Wrong scheme or place
    "missing": lambda: Attack(),
    "scheme-only": lambda: Attack(headers={"Authorization": "Bearer"}),
    "scheme-basic": lambda: Attack(headers={"Authorization": "Basic YWxpY2U6d29uZGVybGFuZA=="}),
    "scheme-token": lambda: Attack(headers={"Authorization": f"Token {good()}"}),
    "scheme-jwt": lambda: Attack(headers={"Authorization": f"JWT {good()}"}),
    "no-scheme": lambda: Attack(headers={"Authorization": good()}),
    "token-with-trailing-garbage": lambda: Attack(headers={"Authorization": f"Bearer {good()} x"}),
    "token-in-query": lambda: Attack(params={"access_token": good()}),
    "token-in-cookie": lambda: Attack(cookies={"access_token": good()}),
    "token-in-other-header": lambda: Attack(headers={"X-Access-Token": good()}),
}


@pytest.fixture(scope="module")
def apps():
    """Both apps in-process, imported with the servers' environment."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in ENV.items():
            patch.setenv(name, value)
        return {
            "pyjwt": examples.import_module("auth/jwt", "main").app,
            "jose": examples.import_module("auth/jwt", "main_jose").app,
        }


@pytest.fixture(params=["pyjwt", "jose"])
def library(request) -> str:
    return request.param


@pytest.fixture(params=["testclient", "uvicorn"])
def client(request, library, apps, live_client):
    if request.param == "uvicorn":
        return live_client("python-jose", library)
    return TestClient(apps[library], raise_server_exceptions=False)


def test_a_valid_token_is_accepted(client):
    """The control: the same helpers make a token both apps accept."""
    response = client.get("/users/me", headers={"Authorization": f"Bearer {good()}"})
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("attack", ATTACKS)
def test_attack_is_refused_with_401(client, attack):
    request = ATTACKS[attack]()
    client.cookies.clear()
    client.cookies.update(request.cookies)
    response = client.get("/users/me", headers=request.headers, params=request.params)
    client.cookies.clear()
    assert response.status_code == 401, response.text[:300]
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert response.headers["content-type"] == "application/json"
    # The server is still there and still works.
    assert client.get("/users/me", headers={"Authorization": f"Bearer {good()}"}).status_code == 200
