"""Hostile variants of every request a page shows, against every example a page shows,
under its real server: never a 5xx, never a non-finite number or a lone surrogate
echoed back, and the server still answers the page's own first request afterwards.

The contract apps get the deeper suites (test_hostile_input.py, test_protocol.py,
tests/examples/test_hostile_values.py). This sweep covers the other examples readers
copy (hello apps, tutorials, auth, GraphQL, users, metered API, realtime) by mutating
the requests of their "run it" boxes: the boxes are the routes the pages teach.
"""

import json
import re
from collections.abc import Iterator
from urllib.parse import quote

import httpx
import pytest

from apiguide import capture, examples, registry

# Requests for served examples whose page shows no "run it" box (their routes, as data).
NO_BOX = {
    ("strawberry", "litestar"): ['POST /graphql {"query": "{ books { title } }"}'],
    ("litestar", "contract"): ["GET /items/5?q=x", 'POST /items {"name": "x", "price": 1}'],
    ("starlette", "contract"): ["GET /items/5?q=x", 'POST /items {"name": "x", "price": 1}'],
    ("bare-asgi", "contract"): ["GET /items/5?q=x", 'POST /items {"name": "x", "price": 1}'],
    ("bare-wsgi", "contract"): ["GET /items/5?q=x", 'POST /items {"name": "x", "price": 1}'],
    # WebSocket-only apps: a plain HTTP request to a WebSocket route is a client error.
    ("python-jose", "jose"): [
        "GET /users/me",
        'POST /token {"username": "alice", "password": "wonderland"}',
    ],
    ("realtime", "fastapi"): ["GET /ws", "GET /ws/room"],
    ("realtime", "starlette"): ["GET /ws", "GET /ws/room"],
    ("realtime-quart", "quart"): ["GET /ws", "GET /ws/room"],
    ("realtime-tornado", "tornado"): ["GET /ws"],
}


def shown_requests() -> dict[tuple[str, str], list[str]]:
    found: dict[tuple[str, str], list[str]] = {key: list(specs) for key, specs in NO_BOX.items()}
    for call in capture.calls_in_docs():
        specs = found.setdefault((call.slug, call.app), [])
        specs += [spec for spec in call.requests if spec not in specs]
    return found


SHOWN = shown_requests()

HUGE = "9" * 4301  # one digit past Python's int() limit
SEGMENTS = {
    "4,301 digits": HUGE,
    "fullwidth digits": quote("\uff11\uff12"),
    "invalid UTF-8": "%FF%FE",
    "encoded lone surrogate": "%ED%A0%80",
    "NUL": "%00",
}
# JSON values a parser lets through but no field should keep.
VALUES = {
    "NaN": b"NaN",
    "Infinity": b"Infinity",
    "1e400": b"1e400",
    "4,301-digit integer": HUGE.encode(),
    "lone surrogate": b'"\\ud800"',
    "invalid UTF-8": b'"\xff\xfe"',
    "nested arrays": b"[" * 10_000 + b"]" * 10_000,
    "object": b'{"$ne": null}',
}
BODIES = {
    "truncated JSON": b'{"a": ',
    "JSON array": b"[]",
    "JSON null": b"null",
    "invalid UTF-8 body": b"\xff\xfe",
}


def variants(spec: str) -> Iterator[tuple[str, str, str, bytes | None]]:
    """(name, method, path, body) for the hostile versions of one shown request."""
    method, path, body = capture.parse_request(spec)
    route, _, query = path.partition("?")
    parts = route.split("/")
    for i, part in enumerate(parts):
        if part.isdigit():
            for name, value in SEGMENTS.items():
                mutated = "/".join([*parts[:i], value, *parts[i + 1 :]])
                yield (
                    f"{spec} · segment {i} {name}",
                    method,
                    mutated + (f"?{query}" if query else ""),
                    None,
                )
    for name, value in SEGMENTS.items():
        yield f"{spec} · query {name}", method, f"{route}?q={value}&limit={value}&id={value}", None
    if isinstance(body, dict):
        raw = {k: json.dumps(v).encode() for k, v in body.items()}
        for key in body:
            for name, value in VALUES.items():
                fields = {**raw, key: value}
                text = (
                    b"{"
                    + b", ".join(json.dumps(k).encode() + b": " + v for k, v in fields.items())
                    + b"}"
                )
                yield f"{spec} · {key}={name}", method, path, text
        for name, text in BODIES.items():
            yield f"{spec} · {name}", method, path, text


def distinct(specs: list[str]) -> list[str]:
    """One spec per route shape: POST /books with other titles, or GET /books/2 after
    GET /books/1, would send the same hostile variants again."""
    seen, kept = set(), []
    for spec in specs:
        method, path, body = capture.parse_request(spec)
        shape = (
            method,
            re.sub(r"\d+", "0", path.partition("?")[0]),
            tuple(sorted(q.partition("=")[0] for q in path.partition("?")[2].split("&"))),
            tuple(sorted(body)) if isinstance(body, dict) else type(body).__name__,
        )
        if shape not in seen:
            seen.add(shape)
            kept.append(spec)
    return kept


def bearer(client: httpx.Client, specs: list[str]) -> dict[str, str]:
    """Log in as the page does, if it does, so hostile bodies reach the checks behind auth."""
    for spec in specs:
        _, path, body = capture.parse_request(spec)
        if path == "/token" and isinstance(body, dict):
            response = client.post(path, data=body)
            if response.status_code != 200:
                response = client.post(path, json=body)
            response.raise_for_status()
            return {"authorization": f"Bearer {response.json()['access_token']}"}
    return {}


def strict_json(text: str) -> None:
    def refuse(token: str) -> object:
        raise AssertionError(f"{token} echoed: not JSON")

    json.loads(text, parse_constant=refuse)


# A \uD800-\uDBFF escape not followed by a low one, or a low one with no high one before.
LONE_SURROGATE = re.compile(
    r"\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f][0-9a-f]{2})|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}",
    re.IGNORECASE,
)


@pytest.mark.parametrize("key", sorted(SHOWN), ids=lambda key: f"{key[0]}:{key[1]}")
def test_hostile_variants_of_the_shown_requests(key, live_server):
    slug, app = key
    specs = SHOWN[key]
    server = live_server(slug, app)
    problems = []
    with httpx.Client(base_url=server.url, timeout=10) as client:
        headers = {"content-type": "application/json", **bearer(client, specs)}
        for spec in distinct(specs):
            for name, method, path, body in variants(spec):
                try:
                    response = client.request(method, path, content=body, headers=headers)
                except httpx.HTTPError as error:
                    problems.append(f"{name}: {type(error).__name__}")
                    continue
                if response.status_code >= 500:
                    problems.append(f"{name}: {response.status_code} {response.text[:200]!r}")
                elif response.headers.get("content-type", "").startswith("application/json"):
                    try:
                        strict_json(response.text)
                    except AssertionError as error:
                        problems.append(f"{name}: {error}")
                    # Accepted means stored: a lone surrogate kept is one no client can read.
                    if response.is_success and LONE_SURROGATE.search(response.text):
                        problems.append(f"{name}: a lone surrogate accepted and echoed")
        method, path, body = capture.parse_request(specs[0])
        again = client.request(method, path, json=body, headers=headers)
        assert again.status_code < 500, f"{slug}:{app} stopped answering: {again.status_code}"
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:40])


def test_every_served_example_is_swept():
    """Every example folder a registry app serves is swept once its page shows a box
    (or it has an entry in NO_BOX): a new one cannot slip through."""
    folders = {e.source for e in examples.all_examples() if e.kind == "server"}
    served = {
        registry.get(slug).location(app) for slug, app in SHOWN
    }  # (folder, module): two registry names for one app count once
    missing = [
        (fw.slug, app)
        for fw in registry.load()
        for app in [*(["contract"] if fw.app else []), *fw.apps]
        if fw.location(app)[0] in folders and fw.location(app) not in served
    ]
    assert missing == []
