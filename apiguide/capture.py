"""Real responses for the pages: "run it" boxes show what the real server returned.

At build time, ``run_it`` starts the example under its registered production
server (through the launcher), sends the requests, and renders the exchange.
Nothing in such a box is typed by hand.
"""

from __future__ import annotations

import json
import shlex
from http import HTTPStatus

import httpx

from apiguide import launcher, registry

_servers: dict[tuple[str, str], launcher.RunningServer] = {}


def server_for(slug: str, app: str) -> launcher.RunningServer:
    key = (slug, app)
    if key not in _servers or not _servers[key].alive():
        _servers[key] = launcher.start_framework(registry.get(slug), app)
    return _servers[key]


def stop_servers() -> None:
    while _servers:
        _servers.popitem()[1].stop()


def parse_request(spec: str) -> tuple[str, str, object | None]:
    """``"GET /items/5?q=x"`` or ``'POST /items {"name": "x"}'`` -> (method, path, json)."""
    method, _, rest = spec.strip().partition(" ")
    path, _, body = rest.strip().partition(" ")
    return method.upper(), path, json.loads(body) if body else None


def exchange(base_url: str, spec: str) -> str:
    method, path, body = parse_request(spec)
    response = httpx.request(method, base_url + path, json=body, timeout=10)
    curl = ["curl", "-i"]
    if method != "GET":
        curl += ["-X", method]
    if body is not None:
        curl += ["-H", "content-type: application/json", "-d", json.dumps(body)]
    curl.append(f"http://127.0.0.1:8000{path}")
    # Servers differ in reason phrases (Hypercorn sends none): show the standard one.
    reason = HTTPStatus(response.status_code).phrase
    lines = [f"$ {shlex.join(curl)}", f"HTTP/1.1 {response.status_code} {reason}"]
    for header in ("content-type", "content-length"):
        if header in response.headers:
            lines.append(f"{header}: {response.headers[header]}")
    lines += ["", response.text]
    return "\n".join(lines)


def run_it(slug: str, app: str, *requests: str) -> str:
    """A console block with each request and the real server's answer."""
    server = server_for(slug, app)
    body = "\n\n".join(exchange(server.url, spec) for spec in requests)
    folder, _ = registry.get(slug).location(app)
    # The copy-run check sends these requests to the reader's own run of the example
    # and compares the answers with this box.
    tag = f' data-example="{folder.removeprefix("examples/")}" data-role="output"' if folder else ""
    return f"``` {{ .console data-search-exclude{tag} }}\n{body}\n```"
