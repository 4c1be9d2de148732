"""Hostile input against the shared contract of every registered server framework,
under its real server: the answer is a 4xx (or, for a body too big to read, a
closed connection), never a 5xx, and the server still answers afterwards."""

import json
from urllib.parse import quote

import httpx
import pytest

from apiguide import registry, robustness

# What these tests assert (a 4xx for each hostile value) is what the apps' checks are
# for: the coverage gate counts those lines from here.
pytestmark = pytest.mark.traced

FRAMEWORKS = [fw.slug for fw in registry.server_frameworks()]
JSON = {"content-type": "application/json"}
TEN_MB = b'{"name": "' + b"x" * (10 * 1024 * 1024) + b'", "price": 1}'
DEEP = b"[" * 100_000 + b"]" * 100_000

# name -> (method, path, body, headers, accepted statuses). Ids: -1 and 10**30 are
# integers, so echoing them (200) is as right as refusing them (4xx); a 5xx never is.
HOSTILE = {
    "10 MB JSON body": ("POST", "/items", TEN_MB, JSON, {400, 413, 422}),
    "100k nested arrays": ("POST", "/items", DEEP, JSON, {400, 413, 422}),
    "text/plain body": (
        "POST",
        "/items",
        b'{"name": "x", "price": 1}',
        {"content-type": "text/plain"},
        {400, 415, 422},
    ),
    "invalid UTF-8 body": ("POST", "/items", b'{"name": "\xff\xfe", "price": 1}', JSON, {400, 422}),
    "invalid UTF-8 query": ("GET", "/items/1?q=%FF%FE", None, {}, {200, 400, 422}),
    "huge item id": ("GET", f"/items/{10**30}", None, {}, {200, 400, 404, 422}),
    "negative item id": ("GET", "/items/-1", None, {}, {200, 400, 404, 422}),
    "huge db id": ("GET", f"/db?id={10**30}", None, {}, {404}),
    "negative db id": ("GET", "/db?id=-1", None, {}, {404}),
    "encoded path traversal": ("GET", "/items/..%2F..%2Fetc%2Fpasswd", None, {}, {400, 404, 422}),
    "dot-dot id": ("GET", "/items/%2e%2e", None, {}, {400, 404, 422}),
    # Python's int() refuses more than 4,300 digits, even after str.isdecimal() said yes.
    "4,301-digit item id": ("GET", f"/items/{'9' * 4301}", None, {}, {400, 404, 414, 422}),
    "4,301-digit db id": ("GET", f"/db?id={'9' * 4301}", None, {}, {400, 404, 414, 422}),
    # str.isdecimal() and int() accept every script's digits; an id is ASCII digits only.
    "Arabic-Indic item id": (
        "GET",
        "/items/" + quote("\u0661\u0662\u0663"),
        None,
        {},
        {400, 404, 422},
    ),
    "fullwidth item id": (
        "GET",
        "/items/" + quote("\uff11\uff12\uff13"),
        None,
        {},
        {400, 404, 422},
    ),
    "Arabic-Indic db id": ("GET", "/db?id=" + quote("\u0667"), None, {}, {400, 404, 422}),
    # Python's json module reads these non-standard tokens, and 1e400 as infinity.
    "NaN price": ("POST", "/items", b'{"name": "x", "price": NaN}', JSON, {400, 422}),
    "Infinity price": ("POST", "/items", b'{"name": "x", "price": Infinity}', JSON, {400, 422}),
    "-Infinity price": ("POST", "/items", b'{"name": "x", "price": -Infinity}', JSON, {400, 422}),
    "1e400 price": ("POST", "/items", b'{"name": "x", "price": 1e400}', JSON, {400, 422}),
    # A lone UTF-16 surrogate is valid JSON syntax but no Unicode text: it cannot be UTF-8.
    "lone surrogate in name": (
        "POST",
        "/items",
        b'{"name": "\\ud800", "price": 1}',
        JSON,
        {400, 422},
    ),
    "lone surrogate in tags": (
        "POST",
        "/items",
        b'{"name": "x", "price": 1, "tags": ["\\udfff"]}',
        JSON,
        {400, 422},
    ),
    "multipart without boundary": (
        "POST",
        "/items",
        b"--x\r\n\r\n",
        {"content-type": "multipart/form-data"},
        {400, 415, 422},
    ),
}


# Defects of a framework itself, which no app written with it can prevent (the request
# fails before any application code runs). They have one home, robustness.KNOWN_DEFECTS
# (with their reports in docs/upstream/); here they are pinned as they are today, so
# the test fails the day upstream changes and the entry, report and page are updated.
UPSTREAM = {
    (slug, case): 500
    for defect in robustness.KNOWN_DEFECTS
    if defect.verdict == robustness.SERVER_ERROR
    for slug in defect.slugs
    for case in defect.cases
    if case in HOSTILE
}


def test_upstream_pins_come_from_the_known_defects():
    """A case of this suite pinned upstream is also a protocol case with a report."""
    assert ("robyn", "multipart without boundary") in UPSTREAM
    assert set(UPSTREAM) <= set(robustness.pinned())


def strict_json(text: str) -> object:
    """json.loads, refusing the NaN and Infinity tokens that Python writes but JSON lacks."""

    def refuse(token: str) -> object:
        raise ValueError(f"{token} is not JSON")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
@pytest.mark.parametrize("slug", FRAMEWORKS)
def test_hostile_request_gets_a_client_error_and_the_server_survives(slug, case, live_client):
    method, path, body, headers, accepted = HOSTILE[case]
    if (slug, case) in UPSTREAM:
        accepted = {UPSTREAM[slug, case]}
    client = live_client(slug)
    request = client.build_request(method, path, content=body, headers=headers)
    try:
        response = client.send(request)
    except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError):
        # Refusing to read a body that is far too big by closing the connection is fine.
        assert body is not None and len(body) > 1_000_000, f"{slug}: {case}: connection dropped"
    else:
        assert response.status_code in accepted, (
            f"{slug}: {case}: {method} {path[:60]} -> {response.status_code} "
            f"{response.text[:300]!r}"
        )
        if response.headers.get("content-type", "").startswith("application/json"):
            strict_json(response.text)  # an error that echoes NaN or Infinity is not JSON
    assert live_client(slug).get("/json").status_code == 200, f"{slug} stopped answering"
