"""One behaviour, two frameworks: each move on docs/guide/migrating.md keeps its answers.

For every move, the "before" and the "after" app are started under their production
servers and sent the same requests, in the same order. ``SAME`` requests must get the
same answer: status, media type, ``Location`` (and a 405's ``Allow``) header, and JSON body.
``CHANGED`` requests are the differences the page tells readers about: their two
statuses are pinned here, so a release that changes one fails this test and the page
gets corrected.

The servers are shared with other tests, so they may hold notes, tasks or books those
created. Ids are compared by the order this test created them, and lists keep only
the items this test created.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import httpx
import pytest


@dataclass(frozen=True)
class Step:
    """One request. ``{0}``, ``{1}``... in the path: the ids of the items created so far."""

    method: str
    path: str
    json: object = None
    content: bytes | None = None
    content_type: str = "application/json"

    def __str__(self) -> str:
        sent = json.dumps(self.json) if self.content is None else repr(self.content[:40])
        return f"{self.method} {self.path} {sent if sent != 'null' else ''}".strip()


def raw(method: str, path: str, content: bytes, content_type: str = "application/json") -> Step:
    return Step(method, path, content=content, content_type=content_type)


@dataclass(frozen=True)
class Move:
    name: str
    before: tuple[str, str]  # (framework slug, app) in frameworks.toml
    after: tuple[str, str]
    same: list[Step]
    changed: list[tuple[Step, int, int]] = field(default_factory=list)  # step, before, after
    # Whether error messages must match word for word (they do when the move keeps
    # the validation library; otherwise only where each error is must match).
    same_messages: bool = True


MALFORMED = b'{"text": '
FORM = "application/x-www-form-urlencoded"

MOVES = [
    Move(
        "flask_quart",
        before=("flask", "migrate"),
        after=("quart", "migrate"),
        same=[
            Step("POST", "/notes", {"text": "Buy milk", "tags": ["home"]}),
            Step("POST", "/notes", {"text": "Call Ada"}),
            Step("GET", "/notes/{0}"),
            Step("GET", "/notes?tag=home"),
            Step("GET", "/notes"),
            Step("DELETE", "/notes/{1}"),
            Step("GET", "/notes/{1}"),
            Step("DELETE", "/notes/{1}"),
            Step("GET", "/notes/abc"),
            Step("PUT", "/notes/{0}", {"text": "x"}),
            Step("POST", "/notes", {"text": "", "tags": ["x" * 21]}),
            raw("POST", "/notes", MALFORMED),
            raw("POST", "/notes", b'{"text": "\\ud800"}'),
            raw("POST", "/notes", b"text=hi", FORM),
            Step("GET", "/nowhere"),
        ],
    ),
    Move(
        "fastapi_litestar",
        before=("fastapi", "migrate"),
        after=("litestar", "migrate"),
        same=[
            Step("POST", "/tasks", {"title": "Write the report"}),
            Step("POST", "/tasks", {"title": "Send it", "done": True}),
            Step("GET", "/tasks/{0}"),
            Step("GET", "/tasks?done=true"),
            Step("GET", "/tasks?done=false"),
            Step("GET", "/tasks"),
            Step("PUT", "/tasks/{0}", {"title": "Write the report", "done": True}),
            Step("PUT", "/tasks/{0}", {"title": ""}),
            Step("DELETE", "/tasks/{1}"),
            Step("GET", "/tasks/{1}"),
            Step("DELETE", "/tasks/{1}"),
            Step("GET", "/tasks/abc"),
            Step("GET", "/tasks?done=maybe"),
            Step("POST", "/tasks", {"title": "", "done": "maybe"}),
            Step("POST", "/tasks", []),
            Step("GET", "/nowhere"),
        ],
        changed=[
            (raw("POST", "/tasks", MALFORMED), 422, 400),
            (raw("POST", "/tasks", b'{"title": "x"}', "text/plain"), 422, 201),
            (Step("GET", "/tasks?done=yes"), 200, 422),
        ],
        same_messages=False,  # pydantic's for bodies; Litestar's own for paths and queries
    ),
    Move(
        "drf_ninja",
        before=("drf", "migrate"),
        after=("ninja", "migrate"),
        same=[
            Step("POST", "/api/books/", {"title": "Dune", "author": "Frank Herbert"}),
            Step("POST", "/api/books/", {"title": "  Emma ", "author": " Jane Austen"}),
            Step("GET", "/api/books/{0}/"),
            Step("GET", "/api/books/"),
            Step("PUT", "/api/books/{1}/", {"title": "Emma", "author": "J. Austen"}),
            Step("PATCH", "/api/books/{1}/", {"title": "Persuasion"}),
            Step("PATCH", "/api/books/{1}/", {"author": None}),
            Step("POST", "/api/books/", {"title": " "}),
            Step("PUT", "/api/books/{1}/", {"title": "x" * 201, "author": "A"}),
            Step("DELETE", "/api/books/{0}/"),
            Step("GET", "/api/books/{0}/"),
            Step("DELETE", "/api/books/{0}/"),
            Step("GET", "/api/books/abc/"),
            raw("POST", "/api/books/", MALFORMED),
            raw("POST", "/api/books/", b'{"title": "\\ud800", "author": "A"}'),
        ],
        changed=[
            (raw("POST", "/api/books/", b"title=Emma", FORM), 415, 400),
            (Step("GET", "/api/"), 200, 404),  # DefaultRouter's API root
        ],
        same_messages=False,  # DRF's serializer messages, then pydantic's
    ),
]


def send(client: httpx.Client, step: Step, ids: list[int]) -> httpx.Response:
    path = step.path.format(*ids)
    if step.content is None and step.json is None and step.method in ("GET", "DELETE"):
        return client.request(step.method, path)
    content = json.dumps(step.json).encode() if step.content is None else step.content
    return client.request(
        step.method, path, content=content, headers={"content-type": step.content_type}
    )


def answer(response: httpx.Response, ids: list[int], same_messages: bool) -> dict:
    """What a client of the API sees, with this run's ids as their order of creation."""
    found: dict = {"status": response.status_code}
    labels = {n: f"<id {i}>" for i, n in enumerate(ids)}

    def relabel(text: str) -> str:
        return re.sub(r"\d+", lambda m: labels.get(int(m[0]), m[0]), text)

    if "location" in response.headers:
        found["location"] = relabel(response.headers["location"])
    if response.status_code == 405:  # DRF sends Allow with every answer; this one needs it
        found["allow"] = sorted(response.headers["allow"].split(", "))
    if not response.content:
        return found
    found["type"] = response.headers["content-type"].split(";")[0]
    if found["type"] != "application/json":
        return found  # Django's own 404 page, for a route the project no longer has

    invalid = response.status_code in (400, 422)

    def walk(value: object, key: str = "") -> object:
        if isinstance(value, dict):
            # Litestar names no error type (pydantic's `string_too_short`...): a kind of message.
            hidden = {"type"} if invalid and not same_messages else set()
            return {k: walk(v, k) for k, v in value.items() if k not in hidden}
        if isinstance(value, list):
            # Items other tests created on the same server are not this test's business.
            theirs = [v for v in value if isinstance(v, dict) and "id" in v and v["id"] not in ids]
            return [walk(v, key) for v in value if v not in theirs]
        if key == "id" and isinstance(value, int):
            return labels.get(value, value)
        if isinstance(value, str) and response.status_code == 404:
            return relabel(value)  # "no note 7"
        if isinstance(value, str) and not same_messages and invalid and key != "loc":
            return "<message>"  # a 400 or 422: where each error is still counts
        return value

    found["json"] = walk(response.json())
    return found


def run(client: httpx.Client, steps: list[Step], same_messages: bool) -> list[dict]:
    ids: list[int] = []
    answers = []
    for step in steps:
        response = send(client, step, ids)
        if response.status_code == 201:
            ids.append(response.json()["id"])
        answers.append({"request": str(step), **answer(response, ids, same_messages)})
    return answers


@pytest.mark.parametrize("move", MOVES, ids=lambda move: move.name)
def test_the_migrated_app_answers_the_same_requests_the_same(move, live_client):
    before = run(live_client(*move.before), move.same, move.same_messages)
    after = run(live_client(*move.after), move.same, move.same_messages)
    different = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    assert different == [], "answers that changed:\n" + "\n".join(
        f"{old}\n  now: {new}" for old, new in different
    )
    assert {a["status"] for a in before} >= {200, 201, 404}  # the steps did reach the data


@pytest.mark.parametrize(
    ("move", "step", "was", "now"),
    [(move, step, was, now) for move in MOVES for step, was, now in move.changed],
    ids=lambda value: value.name if isinstance(value, Move) else str(value),
)
def test_the_migrated_app_changes_the_answers_the_page_lists(move, step, was, now, live_client):
    assert send(live_client(*move.before), step, []).status_code == was
    assert send(live_client(*move.after), step, []).status_code == now


def test_migrated_messages_are_compared_only_where_the_validation_library_stays():
    response = httpx.Response(422, json={"title": ["Too short"], "loc": ["body"]})
    assert answer(response, [], same_messages=False)["json"] == {
        "title": ["<message>"],
        "loc": ["body"],
    }
    assert answer(response, [], same_messages=True)["json"]["title"] == ["Too short"]
