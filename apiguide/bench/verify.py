"""Check a server answers a scenario's requests as the contract says, before loading it.

The full behavioural suite is tests/contract/test_contract.py; this is only its
positive cases, the ones a benchmark sends, so a wrong answer is never timed.
"""

from __future__ import annotations

import json
import re

from apiguide.bench.client import KeepAliveClient, Response
from apiguide.bench.scenarios import ITEM_BODY, Request, Scenario
from examples.common.world import expected_rows

WORLD = dict(expected_rows())


class VerificationError(AssertionError):
    """The server's answer breaks the contract; the cell is recorded as invalid."""


def expected(request: Request) -> tuple[int, str, object]:
    """(status, content-type prefix, body) the contract requires for one request."""
    path, _, query = request.path.partition("?")
    if path == "/json":
        return 200, "application/json", {"message": "Hello, World!"}
    if path == "/plaintext":
        return 200, "text/plain", "Hello, World!"
    if path == "/io":
        return 200, "application/json", {"waited_ms": 10}
    if path == "/db":
        row = int(query.removeprefix("id="))
        return 200, "application/json", {"id": row, "randomNumber": WORLD[row]}
    if request.method == "POST" and path == "/items":
        return 201, "application/json", json.loads(ITEM_BODY)
    if match := re.fullmatch(r"/items/(\d+)", path):
        q = query.removeprefix("q=") or None
        return 200, "application/json", {"item_id": int(match[1]), "q": q}
    raise ValueError(f"no contract rule for {request.method} {request.path}")


def check(request: Request, response: Response) -> None:
    status, content_type, body = expected(request)
    where = f"{request.method} {request.path}"
    if response.status != status:
        raise VerificationError(f"{where}: status {response.status}, expected {status}")
    if not response.content_type.startswith(content_type):
        raise VerificationError(f"{where}: content-type {response.content_type!r}")
    if content_type == "text/plain":
        got: object = response.body.decode(errors="replace")
    else:
        try:
            got = json.loads(response.body)
        except ValueError as error:
            raise VerificationError(
                f"{where}: body is not JSON: {response.body[:200]!r}"
            ) from error
        # The server picks a created item's id; the rest must echo the body.
        if request.method == "POST" and not (
            isinstance(got, dict) and isinstance(got.pop("id", None), int)
        ):
            raise VerificationError(f"{where}: no integer id in {response.body[:200]!r}")
    if got != body:
        raise VerificationError(f"{where}: body {got!r}, expected {body!r}")


def verify(scenario: Scenario, host: str, port: int) -> None:
    """Send each distinct request of the scenario once; raise VerificationError on a bad answer."""
    with KeepAliveClient(host, port, timeout=30) as client:
        for request in dict.fromkeys(scenario.requests):
            check(request, client.send(request))
