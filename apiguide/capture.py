"""Real responses for the pages: "run it" boxes show what the real server returned.

The test suite captures each box: it starts the example under its registered
production server (through the launcher), sends the requests, and stores the
exchange beside the example (``examples/<folder>/run-it.json``). The site build
renders the stored copy, so it starts no server. The build fails when a box has
no stored copy, ``tests/examples/test_run_it.py`` when a stored copy is unused, and
the copy-run check (``tests/site/test_copy_run.py``) when a box is no longer what
the page's own command serves.
Nothing in such a box is typed by hand.

    python -m apiguide.capture           # capture every box the pages ask for
    python -m apiguide.capture --check   # exit 1 if a stored box is stale
"""

from __future__ import annotations

import ast
import json
import re
import shlex
import sys
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path

import httpx

from apiguide import launcher, registry
from apiguide.copyrun import normalise
from apiguide.registry import ROOT

STORE = "run-it.json"
DOCS = ROOT / "docs"
# `{{ run_it(...) }}`, possibly through a filter: `{{ run_it(...) | indent(4) }}`.
CALL = re.compile(r"\{\{\s*run_it\((?P<args>.*?)\)\s*(?:\|[^}]*)?\}\}", re.DOTALL)


class StaleOutput(LookupError):
    """A page asks for a box that has no stored capture."""


@dataclass(frozen=True)
class Call:
    """One ``run_it`` box: which app, which requests (in order, on a fresh server)."""

    slug: str
    app: str
    requests: tuple[str, ...]

    @property
    def key(self) -> str:
        return "\n".join(self.requests)

    @property
    def folder(self) -> Path:
        folder, _ = registry.get(self.slug).location(self.app)
        if folder is None:
            raise StaleOutput(f"{self.slug}:{self.app} is not served from an example folder")
        return ROOT / folder

    @property
    def store(self) -> Path:
        return self.folder / STORE


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


def capture(call: Call) -> str:
    """The box's text from a fresh server: each box reads as if the reader just started it."""
    with launcher.serve(registry.get(call.slug), call.app) as server:
        return "\n\n".join(exchange(server.url, spec) for spec in call.requests)


def stored(call: Call) -> dict[str, str]:
    return json.loads(call.store.read_text(encoding="utf-8")) if call.store.is_file() else {}


def run_it(slug: str, app: str, *requests: str) -> str:
    """A console block with each request and the real server's answer (stored copy)."""
    call = Call(slug, app, requests)
    body = stored(call).get(call.key)
    if body is None:
        raise StaleOutput(
            f"no stored output for run_it({slug!r}, {app!r}, ...) in "
            f"{call.store.relative_to(ROOT)}: run `uv run python -m apiguide.capture`"
        )
    # The copy-run check sends these requests to the reader's own run of the example
    # and compares the answers with this box.
    name = call.folder.relative_to(ROOT / "examples").as_posix()
    tag = f' data-example="{name}" data-role="output"'
    return f"``` {{ .console data-search-exclude{tag} }}\n{body}\n```"


def calls_in_docs(docs: Path = DOCS) -> list[Call]:
    """Every ``{{ run_it(...) }}`` the pages make, in page order."""
    found = []
    for page in sorted(docs.rglob("*.md")):
        for match in CALL.finditer(page.read_text(encoding="utf-8")):
            args = ast.literal_eval(f"({match['args']},)")
            found.append(Call(args[0], args[1], tuple(args[2:])))
    return found


def write(calls: list[Call], captured: dict[Call, str]) -> list[Path]:
    """Store the captures, one file per example folder, with only the boxes pages use."""
    by_store: dict[Path, dict[str, str]] = {}
    for call in calls:
        if call not in captured:
            continue
        box = captured[call]
        if box is not None:
            by_store.setdefault(call.store, {})[call.key] = box
    for path, boxes in by_store.items():
        path.write_text(json.dumps(boxes, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return sorted(by_store)


def main(argv: list[str]) -> int:
    calls = calls_in_docs()
    captured: dict[Call, str] = {}
    failed: list[str] = []
    for call in calls:
        try:
            call.store  # noqa: B018  (raises for an app outside an example folder)
            captured[call] = capture(call)
        except (launcher.ServerStartError, StaleOutput, httpx.HTTPError, KeyError) as error:
            failed.append(f"run_it({call.slug!r}, {call.app!r}, ...): {error}")
    stale = [c for c in captured if normalise(stored(c).get(c.key, "")) != normalise(captured[c])]
    for problem in failed:
        print(f"not captured: {problem}", file=sys.stderr)
    if "--check" in argv:
        for call in stale:
            print(f"stale: run_it({call.slug!r}, {call.app!r}, ...) in {call.store}")
        return 1 if stale or failed else 0
    # Keep a stored copy whose only change is a volatile value: the page stays stable.
    for call in list(captured):
        if call not in stale:
            captured[call] = stored(call)[call.key]
    for path in write(calls, captured):
        print(f"wrote {path.relative_to(ROOT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
