"""Hostile input against the shared contract of every registered server framework,
under its real server: the answer is a 4xx (or, for a body too big to read, a
closed connection), never a 5xx, and the server still answers afterwards."""

import httpx
import pytest

from apiguide import registry

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
}


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
@pytest.mark.parametrize("slug", FRAMEWORKS)
def test_hostile_request_gets_a_client_error_and_the_server_survives(slug, case, live_client):
    method, path, body, headers, accepted = HOSTILE[case]
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
    assert live_client(slug).get("/json").status_code == 200, f"{slug} stopped answering"
