"""The benchmark scenarios: which contract requests each one sends."""

from __future__ import annotations

import json
from dataclasses import dataclass

ITEM_BODY = json.dumps({"name": "Widget", "price": 9.5, "tags": ["a"]})
# Deterministic spread of rows: the same ids in the same order on every run.
DB_IDS = tuple(1 + (n * 7919) % 10_000 for n in range(64))


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: str | None = None

    @property
    def headers(self) -> dict[str, str]:
        return {"Content-Type": "application/json"} if self.body is not None else {}


@dataclass(frozen=True)
class Scenario:
    name: str
    requests: tuple[Request, ...]  # sent in turn, cycling
    description: str
    io_bound: bool = False  # measured at the io concurrency levels

    def request(self, n: int) -> Request:
        return self.requests[n % len(self.requests)]


SCENARIOS: dict[str, Scenario] = {
    s.name: s
    for s in (
        Scenario("json", (Request("GET", "/json"),), "GET /json: serialise a small dict"),
        Scenario("plaintext", (Request("GET", "/plaintext"),), "GET /plaintext: the floor"),
        Scenario(
            "api",
            (Request("POST", "/items", ITEM_BODY), Request("GET", "/items/42?q=bench")),
            "POST /items with a valid JSON body, then GET /items/{id}?q=, alternating",
        ),
        Scenario(
            "io",
            (Request("GET", "/io"),),
            "GET /io: waits 10 ms (asyncio.sleep or time.sleep) then answers",
            io_bound=True,
        ),
        Scenario(
            "db",
            tuple(Request("GET", f"/db?id={row}") for row in DB_IDS),
            "GET /db?id=N: one SQLite query, ids cycling over 64 fixed rows",
        ),
    )
}


def select(names: str | None) -> list[Scenario]:
    """Scenarios by comma-separated name (all when None), in the canonical order."""
    if not names:
        return list(SCENARIOS.values())
    wanted = [n.strip() for n in names.split(",") if n.strip()]
    unknown = sorted(set(wanted) - set(SCENARIOS))
    if unknown:
        raise ValueError(f"unknown scenario(s) {', '.join(unknown)}; known: {', '.join(SCENARIOS)}")
    return [s for s in SCENARIOS.values() if s.name in wanted]
