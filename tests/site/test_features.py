"""The feature matrix on docs/guide/comparison.md (apiguide/features.py): no cell is a guess.

- every registered server framework has a row, and an entry in FACTS;
- every cell is backed: each pytest node id it names exists in the collected suite, each
  source excerpt is still in its file, a value read from data says where from;
- the probes: tiny apps, in-process (or under the framework's own server when its test
  client cannot), each observing the mark its cell shows;
- the OpenAPI column, live: each contract app under its real server serves a schema
  (with the contract's routes in it) or serves none at any usual path;
- the built guide pages name every server framework, and the tables fit at 1280 px.
"""

import asyncio
import contextlib
import dataclasses
import functools
import html
import importlib.util
import inspect
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import warnings
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from apiguide import features, launcher, registry
from apiguide.features import FACTS, FEATURES, Cell, Mark, Matrix
from apiguide.registry import ROOT

SERVER_FRAMEWORKS = registry.server_frameworks(baselines=False)
# Every fact a registry row cannot give by itself (interface and test client can).
REQUIRED = {c.key for c in FEATURES} - {"interface", "test_client"}
GUIDES = ("guide/comparison", "guide/choosing", "guide/asgi-vs-wsgi")
OK = {"ok": True}


def every_cell() -> list[tuple[str, str, Cell]]:
    matrix = Matrix()
    return [
        (slug, key, cell)
        for table in (matrix.features(), matrix.packages())
        for slug, row in table.items()
        for key, cell in row.items()
    ]


# --- rows and backing ---------------------------------------------------------------------


def test_every_server_framework_has_a_row_in_every_table():
    page = features.feature_matrix()
    expected = len(features.tables())
    for fw in SERVER_FRAMEWORKS:
        starts = (f"| [{fw.name}](", f"| {fw.name} |")  # linked, or no page yet
        rows = [line for line in page.splitlines() if line.startswith(starts)]
        assert len(rows) == expected, f"{fw.name}: {len(rows)} rows, expected {expected}"
    assert {fw.slug for fw in features.rows()} == {fw.slug for fw in SERVER_FRAMEWORKS}


def test_every_server_framework_has_its_facts():
    """A framework added to frameworks.toml (say by scripts/new_framework.py) shows up
    with "not checked" cells; this fails until apiguide/features.py says what is true."""
    missing = {
        fw.slug: sorted(REQUIRED - set(FACTS.get(fw.slug, {})))
        for fw in SERVER_FRAMEWORKS
        if REQUIRED - set(FACTS.get(fw.slug, {}))
    }
    assert not missing, f"no facts in apiguide/features.py FACTS for: {missing}"
    unknown = set(FACTS) - {fw.slug for fw in SERVER_FRAMEWORKS}
    assert not unknown, f"FACTS has rows for no registered server framework: {unknown}"
    keys = {c.key for c in FEATURES}
    stray = {slug: set(row) - keys for slug, row in FACTS.items() if set(row) - keys}
    assert not stray, f"FACTS names columns the matrix does not have: {stray}"


def test_every_cell_is_backed():
    unbacked = [f"{slug}/{key}: {cell}" for slug, key, cell in every_cell() if not cell.backed]
    assert not unbacked, "cells without a check:\n" + "\n".join(unbacked)


def test_a_cell_without_a_check_is_not_backed():
    assert not Cell(Mark.YES).backed
    assert not Cell(Mark.NO).backed
    assert not Cell(Mark.PARTLY, (features.probe("x", "y"),)).backed  # says how, or fails
    assert not Cell(Mark.UNCHECKED).backed  # says why, or fails
    assert Cell(Mark.UNCHECKED, note="no probe").backed
    assert Cell(Mark.NO, (features.probe("x", "y"),)).backed


def test_a_framework_without_facts_is_shown_unchecked():
    fw = SERVER_FRAMEWORKS[0]
    missing = dataclasses.replace(fw, slug="newcomer", name="Newcomer")
    for column in FEATURES:
        cell = features.feature_cell(missing, column.key)
        if column.key not in ("interface", "test_client"):
            assert cell.value == Mark.UNCHECKED and "no" in cell.note, cell


def test_every_source_excerpt_is_still_there():
    gone = [
        f"{slug}/{key}: {evidence.path} ({evidence.section or 'whole file'}) lacks "
        f"{evidence.text!r}"
        for slug, key, cell in every_cell()
        for evidence in cell.evidence
        if not evidence.found()
    ]
    assert not gone, "\n".join(gone)


def collected(files: list[str], in_session: frozenset[str]) -> set[str]:
    """The test ids in ``files``: from this session's collection for the files it collected
    (a full run collects them all), from a collection of their own for the others."""
    seen = {node.split("::")[0] for node in in_session}
    others = [file for file in files if file not in seen]
    found = {node for node in in_session if node.split("::")[0] in files}
    return found | (_collect(others) if others else set())


def _collect(files: list[str]) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    return {line.strip() for line in done.stdout.splitlines() if "::" in line}


def test_every_named_test_exists_in_the_suite(collected_ids):
    named = {check for _, _, cell in every_cell() for check in cell.checks}
    assert named, "no cell names a test"
    files = sorted({check.split("::")[0] for check in named})
    missing = sorted(named - collected(files, collected_ids))
    assert not missing, "named in apiguide/features.py, but not in the suite:\n" + "\n".join(
        missing
    )


def test_the_package_values_match_the_installed_packages():
    for fw in SERVER_FRAMEWORKS:
        cells = Matrix([fw]).packages()[fw.slug]
        assert cells["version"].value == registry.installed_version(fw.package)
        assert cells["released"].value != Mark.UNCHECKED, cells["released"].note
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", cells["released"].value)
        assert cells["licence"].value != Mark.UNCHECKED, cells["licence"].note
        assert cells["python"].value != Mark.UNCHECKED, cells["python"].note


# --- probes: one tiny app each, in-process unless it needs a real server -------------------


def _answered(status: int, body: object) -> Mark:
    return Mark.YES if status == 200 and body == OK else Mark.NO


class Service:
    """What a DI probe's handler asks for: a framework that injects would fill it."""


# The names the frameworks that have these APIs give them (FastAPI's Depends, Litestar's
# Provide, BlackSheep's services, Robyn's inject; Quart's and Sanic's websocket). The
# absence probes look for them; test_the_api_names_find_the_frameworks_that_have_them
# shows that they find those APIs where they exist.
DI_NAMES = (
    "Depends",
    "Provide",
    "Inject",
    "inject",
    "dependency",
    "add_dependency",
    "dependencies",
    "services",
)
WEBSOCKET_NAMES = (
    "websocket",
    "add_websocket",
    "add_websocket_route",
    "websocket_route",
    "ws",
    "WebSocket",
)


def _public(names: tuple[str, ...], *owners: object) -> list[str]:
    """Which of ``names`` the modules and classes in ``owners`` have."""
    return [
        f"{getattr(owner, '__name__', owner)}.{name}"
        for owner in owners
        for name in names
        if hasattr(owner, name)
    ]


def _lacks(names: tuple[str, ...], *owners: object) -> None:
    found = _public(names, *owners)
    assert not found, f"now in the package: {found}; recheck this cell"


def _injection(service: Service | None) -> dict[str, bool]:
    return {"injected": service is not None}


def _injected(status: int, body: object) -> Mark:
    """A DI probe's answer: YES if the framework filled the handler's ``service``
    parameter, NO if the handler ran without it (anything else: the probe is broken)."""
    assert status == 200 and isinstance(body, dict) and "injected" in body, (status, body)
    return Mark.YES if body["injected"] else Mark.NO


async def _asgi_lifespan(app) -> Callable[[], object]:
    """Start an ASGI app's lifespan; returns the coroutine function that ends it."""
    to_app: asyncio.Queue = asyncio.Queue()
    from_app: asyncio.Queue = asyncio.Queue()
    await to_app.put({"type": "lifespan.startup"})
    task = asyncio.create_task(
        app({"type": "lifespan", "asgi": {"version": "3.0"}}, to_app.get, from_app.put)
    )
    started = await asyncio.wait_for(from_app.get(), 10)
    assert started["type"] == "lifespan.startup.complete", started

    async def stop() -> None:
        await to_app.put({"type": "lifespan.shutdown"})
        await asyncio.wait_for(task, 10)

    return stop


async def _asgi_get(app, path: str) -> tuple[int, object]:
    """One GET to an ASGI app by hand: (status, the JSON body)."""
    to_app: asyncio.Queue = asyncio.Queue()
    from_app: asyncio.Queue = asyncio.Queue()
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"127.0.0.1")],
        "server": ("127.0.0.1", 80),
        "client": ("127.0.0.1", 50000),
    }
    await to_app.put({"type": "http.request", "body": b"", "more_body": False})
    await asyncio.wait_for(app(scope, to_app.get, from_app.put), 10)
    start = await from_app.get()
    body = b""
    while not from_app.empty():
        body += (await from_app.get()).get("body", b"")
    return start["status"], json.loads(body)


async def _asgi_websocket_echo(app, path: str = "/ws") -> Mark:
    """Open a WebSocket to an ASGI app by hand (the ASGI messages a server sends), send a
    text message and read the answer: YES if it echoes it."""
    to_app: asyncio.Queue = asyncio.Queue()
    from_app: asyncio.Queue = asyncio.Queue()
    scope = {
        "type": "websocket",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "scheme": "ws",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"127.0.0.1")],
        "server": ("127.0.0.1", 80),
        "client": ("127.0.0.1", 50000),
        "subprotocols": [],
    }
    await to_app.put({"type": "websocket.connect"})
    task = asyncio.create_task(app(scope, to_app.get, from_app.put))
    accepted = await asyncio.wait_for(from_app.get(), 10)
    await to_app.put({"type": "websocket.receive", "text": "hi"})
    reply = await asyncio.wait_for(from_app.get(), 10)
    await to_app.put({"type": "websocket.disconnect", "code": 1000})
    with contextlib.suppress(Exception):  # each framework ends a closed socket its own way
        await asyncio.wait_for(task, 10)
    echoed = accepted["type"] == "websocket.accept" and reply.get("text") == "echo: hi"
    return Mark.YES if echoed else Mark.NO


def flask_async() -> Mark:
    from flask import Flask

    assert importlib.util.find_spec("asgiref"), "Flask runs async views with asgiref"
    app = Flask("feature_probe")

    @app.get("/")
    async def hello() -> dict[str, bool]:
        await asyncio.sleep(0)
        return OK

    response = app.test_client().get("/")
    return _answered(response.status_code, response.json)


def flask_di() -> Mark:
    import flask

    _lacks(DI_NAMES, flask, flask.Flask, flask.Blueprint)
    app = flask.Flask("feature_probe")

    @app.get("/")
    def hello(service: Service | None = None) -> dict[str, bool]:
        return _injection(service)

    response = app.test_client().get("/")
    return _injected(response.status_code, response.json)


def flask_websockets() -> Mark:
    """A Flask app is a WSGI callable only, and core Flask has no WebSocket route (Quart,
    its ASGI twin, has one under the names looked for)."""
    import flask

    _lacks(WEBSOCKET_NAMES, flask, flask.Flask, flask.Blueprint)
    called_with = list(inspect.signature(flask.Flask.__call__).parameters)
    assert called_with == ["self", "environ", "start_response"], called_with
    return Mark.NO


def _falcon_responder(app, resource, judge: Callable[[int, object], Mark] = _answered) -> Mark:
    from falcon import testing

    try:
        app.add_route("/", resource)
    except TypeError:
        return Mark.NO
    response = testing.TestClient(app).simulate_get("/")
    return judge(response.status_code, response.json)


def falcon_async() -> Mark:
    import falcon

    class Resource:
        async def on_get(self, req, resp) -> None:
            resp.media = OK

    return _falcon_responder(falcon.App(), Resource())


def falcon_di() -> Mark:
    import falcon

    class Resource:
        def on_get(self, req, resp, service: Service | None = None) -> None:
            resp.media = _injection(service)

    _lacks(DI_NAMES, falcon, falcon.App, falcon.Request)
    return _falcon_responder(falcon.App(), Resource(), _injected)


class FalconEcho:
    """Falcon's WebSocket responder: a coroutine given a ``falcon.asgi.WebSocket``."""

    async def on_websocket(self, req, ws) -> None:
        await ws.accept()
        await ws.send_text("echo: " + await ws.receive_text())


def falcon_websockets() -> Mark:
    """The WSGI app refuses the responder falcon-asgi's probe echoes through, and no WSGI
    request is a WebSocket, Upgrade header or not."""
    import falcon
    from falcon import testing

    upgrade = {"Connection": "Upgrade", "Upgrade": "websocket"}
    assert not falcon.Request(testing.create_environ("/ws", headers=upgrade)).is_websocket
    with pytest.raises(TypeError, match="WSGI app"):
        falcon.App().add_route("/ws", FalconEcho())
    return Mark.NO


def falcon_asgi_sync() -> Mark:
    import falcon.asgi

    class Resource:
        def on_get(self, req, resp) -> None:
            resp.media = OK

    return _falcon_responder(falcon.asgi.App(), Resource())


def falcon_asgi_test_client() -> Mark:
    import falcon.asgi

    class Resource:
        async def on_get(self, req, resp) -> None:
            resp.media = OK

    return _falcon_responder(falcon.asgi.App(), Resource())


def falcon_asgi_di() -> Mark:
    import falcon.asgi

    class Resource:
        async def on_get(self, req, resp, service: Service | None = None) -> None:
            resp.media = _injection(service)

    _lacks(DI_NAMES, falcon.asgi, falcon.asgi.App, falcon.asgi.Request)
    return _falcon_responder(falcon.asgi.App(), Resource(), _injected)


def falcon_asgi_websockets() -> Mark:
    import falcon.asgi
    from falcon import testing

    app = falcon.asgi.App()
    app.add_route("/ws", FalconEcho())

    async def talk() -> str:
        async with testing.ASGIConductor(app) as conductor, conductor.simulate_ws("/ws") as ws:
            await ws.send_text("hi")
            return await ws.receive_text()

    return Mark.YES if asyncio.run(talk()) == "echo: hi" else Mark.NO


def fastapi_sync() -> Mark:
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    app = FastAPI()

    @app.get("/")
    def hello() -> dict[str, bool]:
        return OK

    response = TestClient(app).get("/")
    return _answered(response.status_code, response.json())


def litestar_sync() -> Mark:
    from litestar import Litestar, get
    from litestar.testing import TestClient

    @get("/", sync_to_thread=True)
    def hello() -> dict[str, bool]:
        return OK

    with TestClient(Litestar([hello])) as client:
        response = client.get("/")
    return _answered(response.status_code, response.json())


def litestar_websockets() -> Mark:
    from litestar import Litestar, websocket_listener
    from litestar.testing import TestClient

    @websocket_listener("/ws")
    async def echo(data: str) -> str:
        return "echo: " + data

    with TestClient(Litestar([echo])) as client, client.websocket_connect("/ws") as ws:
        ws.send_text("hi")
        return Mark.YES if ws.receive_text() == "echo: hi" else Mark.NO


def starlette_sync() -> Mark:
    from starlette.applications import Starlette
    from starlette.responses import JSONResponse
    from starlette.routing import Route
    from starlette.testclient import TestClient

    def hello(request) -> JSONResponse:
        return JSONResponse(OK)

    response = TestClient(Starlette(routes=[Route("/", hello)])).get("/")
    return _answered(response.status_code, response.json())


def starlette_di() -> Mark:
    import starlette
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route
    from starlette.testclient import TestClient

    _lacks(DI_NAMES, starlette, Starlette, Route, Request)

    async def hello(request, service: Service | None = None) -> JSONResponse:
        return JSONResponse(_injection(service))

    response = TestClient(Starlette(routes=[Route("/", hello)])).get("/")
    return _injected(response.status_code, response.json())


def blacksheep_sync() -> Mark:
    from blacksheep import Application, json
    from blacksheep.server.routing import Router
    from blacksheep.testing import TestClient

    app = Application(router=Router())  # its own router: probes share one process

    @app.router.get("/")
    def hello():
        return json(OK)

    async def call() -> Mark:
        await app.start()  # BlackSheep's TestClient needs a started app
        response = await TestClient(app).get("/")
        return _answered(response.status, await response.json())

    return asyncio.run(call())


def blacksheep_websockets() -> Mark:
    from blacksheep import Application, WebSocket
    from blacksheep.server.routing import Router

    app = Application(router=Router())  # its own router: probes share one process

    @app.router.ws("/ws")
    async def echo(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.send_text("echo: " + await websocket.receive_text())

    async def talk() -> Mark:
        await app.start()
        return await _asgi_websocket_echo(app)

    return asyncio.run(talk())


def blacksheep_openapi() -> Mark:
    """Opt-in: attach an OpenAPIHandler, and the schema lists the app's routes."""
    from blacksheep import Application
    from blacksheep.server.openapi.v3 import OpenAPIHandler
    from blacksheep.server.routing import Router
    from blacksheep.testing import TestClient
    from openapidocs.v3 import Info
    from pydantic import BaseModel

    class ItemIn(BaseModel):
        name: str

    app = Application(router=Router())  # its own router: probes share one process
    OpenAPIHandler(info=Info(title="probe", version="1")).bind_app(app)

    @app.router.post("/items")
    async def create_item(item: ItemIn) -> ItemIn:
        return item

    async def fetch() -> dict:
        await app.start()
        response = await TestClient(app).get("/openapi.json")
        assert response.status == 200
        return await response.json()

    schema = asyncio.run(fetch())
    return Mark.PARTLY if "openapi" in schema and "/items" in schema["paths"] else Mark.NO


def quart_sync() -> Mark:
    from quart import Quart

    app = Quart("feature_probe")

    @app.get("/")
    def hello() -> dict[str, bool]:
        return OK

    async def call() -> Mark:
        response = await app.test_client().get("/")
        return _answered(response.status_code, await response.get_json())

    return asyncio.run(call())


def quart_di() -> Mark:
    import quart

    _lacks(DI_NAMES, quart, quart.Quart, quart.Blueprint)
    app = quart.Quart("feature_probe")

    @app.get("/")
    async def hello(service: Service | None = None) -> dict[str, bool]:
        return _injection(service)

    async def call() -> Mark:
        response = await app.test_client().get("/")
        return _injected(response.status_code, await response.get_json())

    return asyncio.run(call())


def _robyn(register: Callable) -> Mark:
    from robyn import Robyn, testing

    app = Robyn(__file__)
    register(app)
    with testing.TestClient(app) as client:
        response = client.get("/")
        return _answered(response.status_code, response.json())


def robyn_sync() -> Mark:
    def register(app) -> None:
        @app.get("/")
        def hello(request) -> dict[str, bool]:
            return OK

    return _robyn(register)


def robyn_di() -> Mark:
    def register(app) -> None:
        app.inject(answer=True)

        @app.get("/")
        async def hello(request, router_dependencies) -> dict[str, bool]:
            return {"ok": router_dependencies["answer"]}

    return _robyn(register)


ROBYN_ECHO = """
from robyn import Robyn

app = Robyn(__file__)


@app.websocket("/ws")
async def echo(websocket):
    while True:
        await websocket.send_text("echo: " + await websocket.receive_text())


if __name__ == "__main__":
    app.start()
"""


def robyn_websockets(folder: Path) -> Mark:
    """Robyn's TestClient has no WebSockets: the echo app runs under Robyn's own server,
    started with the registered command on 127.0.0.1, and the `websockets` client talks."""
    from websockets.asyncio.client import connect

    (folder / "ws_echo.py").write_text(ROBYN_ECHO, encoding="utf-8")
    robyn_server = registry.get("robyn").server
    assert robyn_server is not None
    server = launcher.start(
        robyn_server.cmd.replace("{target}", "ws_echo"),
        name="robyn:websocket-probe",
        cwd=folder,
        stop_signal=getattr(signal, robyn_server.stop_signal),
    )

    async def talk() -> list[str]:
        replies = []
        async with connect(f"ws://{server.host}:{server.port}/ws", open_timeout=10) as ws:
            for text in ("hi", "again"):
                await ws.send(text)
                replies.append(await asyncio.wait_for(ws.recv(), 10))
        return replies

    try:
        replies = asyncio.run(talk())
    finally:
        server.stop()
    return Mark.YES if replies == ["echo: hi", "echo: again"] else Mark.NO


@functools.cache
def sanic_marks() -> dict[str, Mark]:
    """The Sanic probes on one app, started once: Sanic rewrites its own methods when an
    app starts, and a second app started in the same process fails."""
    from sanic import Sanic, json

    app = Sanic("feature_probe")
    try:
        _ = app.ext  # where sanic-ext keeps Sanic's DI (`app.ext.dependency`)
        extensions = Mark.YES
    except RuntimeError as error:
        assert "Sanic Extensions is not installed" in str(error), error
        extensions = Mark.NO

    @app.get("/")
    def hello(request):
        return json(OK)

    @app.get("/di")
    async def di(request, service: Service | None = None):
        return json(_injection(service))

    @app.websocket("/ws")
    async def echo(request, ws) -> None:
        await ws.send("echo: " + await ws.recv())

    async def call() -> dict[str, Mark]:
        stop = await _asgi_lifespan(app)  # Sanic under ASGI starts on the lifespan event
        try:
            return {
                "sync": _answered(*await _asgi_get(app, "/")),
                "di": _injected(*await _asgi_get(app, "/di")),
                "websockets": await _asgi_websocket_echo(app),
                "extensions": extensions,
            }
        finally:
            await stop()

    return asyncio.run(call())


def sanic_di() -> Mark:
    import sanic

    _lacks(DI_NAMES, sanic, sanic.Sanic, sanic.Request)
    marks = sanic_marks()
    assert marks["extensions"] == Mark.NO, "sanic-ext is installed: probe `app.ext.dependency`"
    return marks["di"]


def _aiohttp_get(handler: Callable) -> tuple[int, object]:
    """Status and JSON of ``GET /`` answered by ``handler`` on aiohttp's test server."""
    from aiohttp import web
    from aiohttp.test_utils import TestClient, TestServer

    async def call() -> tuple[int, object]:
        app = web.Application()
        app.router.add_get("/", handler)
        async with TestClient(TestServer(app, host="127.0.0.1")) as client:
            response = await client.get("/")
            return response.status, await response.json()

    return asyncio.run(call())


def aiohttp_sync() -> Mark:
    """aiohttp still runs a plain function, and warns that it is deprecated."""
    from aiohttp import web

    def hello(request: web.Request) -> web.Response:
        return web.json_response(OK)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        answered = _answered(*_aiohttp_get(hello))
    deprecated = any(issubclass(w.category, DeprecationWarning) for w in caught)
    return Mark.PARTLY if answered == Mark.YES and deprecated else answered


def aiohttp_websockets() -> Mark:
    from aiohttp import WSMsgType, web
    from aiohttp.test_utils import TestClient, TestServer

    async def echo(request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        async for message in ws:
            if message.type == WSMsgType.TEXT:
                await ws.send_str("echo: " + message.data)
        return ws

    async def talk() -> str:
        app = web.Application()
        app.router.add_get("/ws", echo)
        async with TestClient(TestServer(app, host="127.0.0.1")) as client:
            ws = await client.ws_connect("/ws")
            await ws.send_str("hi")
            reply = await ws.receive_str(timeout=10)
            await ws.close()
            return reply

    return Mark.YES if asyncio.run(talk()) == "echo: hi" else Mark.NO


def aiohttp_di() -> Mark:
    from aiohttp import web

    _lacks(DI_NAMES, web, web.Application, web.Request)

    async def hello(request: web.Request, service: Service | None = None) -> web.Response:
        return web.json_response(_injection(service))

    return _injected(*_aiohttp_get(hello))


def tornado_di() -> Mark:
    import tornado.web
    from tornado.httpclient import AsyncHTTPClient
    from tornado.httpserver import HTTPServer
    from tornado.testing import bind_unused_port

    _lacks(DI_NAMES, tornado.web, tornado.web.Application, tornado.web.RequestHandler)

    class Hello(tornado.web.RequestHandler):
        def get(self, service: Service | None = None) -> None:
            self.write(_injection(service))

    async def call() -> tuple[int, object]:
        sock, port = bind_unused_port()  # on 127.0.0.1, as AsyncHTTPTestCase binds
        server = HTTPServer(tornado.web.Application([(r"/", Hello)]))
        server.add_sockets([sock])
        client = AsyncHTTPClient(force_instance=True)
        try:
            response = await client.fetch(f"http://127.0.0.1:{port}/")
            return response.code, json.loads(response.body)
        finally:
            client.close()
            server.stop()

    return _injected(*asyncio.run(call()))


# Django is configured once per process: each Django probe runs in its own interpreter,
# and prints what it saw as JSON. Arguments: the framework's app, the column, the API
# names to look for in the framework's package.
DJANGO_PROBE = """
import asyncio, importlib.util, json, sys
import django
from django.conf import settings

framework, column, names = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
settings.configure(
    ROOT_URLCONF=__name__, ALLOWED_HOSTS=["*"], SECRET_KEY="feature-probe-only",
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", framework],
)
django.setup()
from django.core.handlers.asgi import ASGIHandler
from django.test import Client
from django.urls import path


def report(**seen):
    print(json.dumps(seen))
    sys.exit()


class Service:
    pass


if framework == "rest_framework":
    import rest_framework, rest_framework.decorators
    from rest_framework.decorators import api_view
    from rest_framework.response import Response
    from rest_framework.views import APIView

    owners = [rest_framework, rest_framework.decorators, APIView]
else:
    import ninja
    from ninja import NinjaAPI, Router

    owners = [ninja, NinjaAPI, Router]
public = [f"{owner.__name__}.{name}" for owner in owners for name in names if hasattr(owner, name)]

if column == "websockets":
    channels = importlib.util.find_spec("channels") is not None
    try:
        asyncio.run(ASGIHandler()({"type": "websocket", "path": "/"}, None, None))
    except ValueError as error:
        report(public=public, channels=channels, refused=str(error))
    report(public=public, channels=channels, refused="")

if framework == "rest_framework":
    if column == "async":
        @api_view(["GET"])
        async def hello(request):
            await asyncio.sleep(0)
            return Response({"ok": True})
    else:
        @api_view(["GET"])
        def hello(request, service: Service | None = None):
            return Response({"injected": service is not None})

    urlpatterns = [path("", hello)]
else:
    api = NinjaAPI()
    if column == "async":
        @api.get("/")
        async def hello(request):
            await asyncio.sleep(0)
            return {"ok": True}
    else:
        try:
            @api.get("/")
            def hello(request, service: Service | None = None):
                return {"injected": service is not None}
        except Exception as error:
            report(public=public, refused=type(error).__name__)

    urlpatterns = [path("", api.urls)]
try:
    response = Client().get("/")
    report(public=public, status=response.status_code, body=json.loads(response.content))
except Exception as error:
    report(public=public, error=f"{type(error).__name__}: {error}")
"""


def _django(app: str, column: str, names: tuple[str, ...] = ()) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(DJANGO_PROBE), app, column, json.dumps(names)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _django_async(app: str) -> Mark:
    result = _django(app, "async")
    if "error" in result:
        # DRF's check that a view returned a response: it got a coroutine.
        assert "coroutine" in result["error"], result["error"]
        return Mark.NO
    return _answered(result["status"], result["body"])


def _django_di(app: str) -> Mark:
    """A DRF view's extra parameter is not filled; Ninja reads every parameter as request
    input, and Pydantic has no schema for a service's type, so the operation is refused."""
    result = _django(app, "di", DI_NAMES)
    assert not result["public"], f"now in the package: {result['public']}; recheck this cell"
    if "refused" in result:
        assert result["refused"] == "PydanticSchemaGenerationError", result
        return Mark.NO
    return _injected(result["status"], result["body"])


def _django_websockets(app: str) -> Mark:
    """Served over WSGI, which has no WebSocket; Django's own ASGI handler refuses a
    WebSocket connection as well, and Channels, which would add them, is not installed."""
    result = _django(app, "websockets", WEBSOCKET_NAMES)
    assert not result["public"] and not result["channels"], result
    assert result["refused"] == "Django can only handle ASGI/HTTP connections, not websocket."
    return Mark.NO


PROBES: dict[tuple[str, str], Callable[[], Mark]] = {
    ("flask", "async"): flask_async,
    ("flask", "di"): flask_di,
    ("flask", "websockets"): flask_websockets,
    ("falcon", "async"): falcon_async,
    ("falcon", "di"): falcon_di,
    ("falcon", "websockets"): falcon_websockets,
    ("falcon-asgi", "sync"): falcon_asgi_sync,
    ("falcon-asgi", "di"): falcon_asgi_di,
    ("falcon-asgi", "websockets"): falcon_asgi_websockets,
    ("falcon-asgi", "test_client"): falcon_asgi_test_client,
    ("drf", "async"): lambda: _django_async("rest_framework"),
    ("drf", "di"): lambda: _django_di("rest_framework"),
    ("drf", "websockets"): lambda: _django_websockets("rest_framework"),
    ("ninja", "async"): lambda: _django_async("ninja"),
    ("ninja", "di"): lambda: _django_di("ninja"),
    ("ninja", "websockets"): lambda: _django_websockets("ninja"),
    ("fastapi", "sync"): fastapi_sync,
    ("litestar", "sync"): litestar_sync,
    ("litestar", "websockets"): litestar_websockets,
    ("starlette", "sync"): starlette_sync,
    ("starlette", "di"): starlette_di,
    ("blacksheep", "sync"): blacksheep_sync,
    ("blacksheep", "websockets"): blacksheep_websockets,
    ("blacksheep", "openapi"): blacksheep_openapi,
    ("quart", "sync"): quart_sync,
    ("quart", "di"): quart_di,
    ("robyn", "sync"): robyn_sync,
    ("robyn", "di"): robyn_di,
    ("sanic", "sync"): lambda: sanic_marks()["sync"],
    ("sanic", "di"): sanic_di,
    ("sanic", "websockets"): lambda: sanic_marks()["websockets"],
    ("tornado", "di"): tornado_di,
    ("aiohttp", "sync"): aiohttp_sync,
    ("aiohttp", "di"): aiohttp_di,
    ("aiohttp", "websockets"): aiohttp_websockets,
}
# Probes that start a real server: each gets a folder for the app it writes.
SERVED_PROBES: dict[tuple[str, str], Callable[[Path], Mark]] = {
    ("robyn", "websockets"): robyn_websockets,
}
EVERY_PROBE = [*PROBES, *SERVED_PROBES]


@pytest.mark.parametrize("key", EVERY_PROBE, ids=[f"{s}-{c}" for s, c in EVERY_PROBE])
def test_probe(key, tmp_path):
    slug, column = key
    cell = FACTS[slug][column]
    assert features.probe(slug, column) in cell.checks, f"{slug}/{column} does not cite its probe"
    observed = SERVED_PROBES[key](tmp_path) if key in SERVED_PROBES else PROBES[key]()
    assert observed == cell.value, f"{slug}/{column}: the page shows {cell.value}, saw {observed}"


def test_the_api_names_find_the_frameworks_that_have_them():
    """The absence probes look for DI and WebSocket APIs under the names that the
    frameworks which have them use: there, the names are found."""
    import blacksheep
    import fastapi
    import litestar
    import litestar.di
    import quart
    import robyn
    import sanic

    for owner in (fastapi, litestar.di, blacksheep.Application, robyn.Robyn):
        assert _public(DI_NAMES, owner), f"no DI name found on {owner}"
    for owner in (quart.Quart, sanic.Sanic, robyn.Robyn, litestar, blacksheep):
        assert _public(WEBSOCKET_NAMES, owner), f"no WebSocket name found on {owner}"


# --- the OpenAPI column, against the running contract apps -----------------------------------

# Where frameworks and their extensions usually publish a schema.
USUAL_SCHEMA_PATHS = (
    "/openapi.json",
    "/openapi.yaml",
    "/openapi",
    "/schema",
    "/schema/openapi.json",
    "/schema/openapi.yaml",
    "/api/openapi.json",
    "/docs/openapi.json",
    "/docs/openapi",
    "/swagger.json",
    "/api/schema",
)


def schema_at(client: httpx.Client, path: str) -> dict | None:
    response = client.get(path)
    if response.status_code != 200:
        return None
    try:
        document = response.json()
    except ValueError:
        return None
    is_schema = isinstance(document, dict) and ("openapi" in document or "swagger" in document)
    return document if is_schema else None


@pytest.mark.parametrize("slug", [fw.slug for fw in SERVER_FRAMEWORKS])
def test_contract_app_openapi(slug, live_client):
    cell = features.feature_cell(registry.get(slug), "openapi")
    if features.live_openapi(slug) not in cell.checks:
        pytest.fail(f"{slug}: the OpenAPI cell does not cite this check: {cell}")
    client = live_client(slug)
    if cell.value == Mark.YES:
        path = features.SCHEMA_PATHS[slug]
        schema = schema_at(client, path)
        assert schema is not None, f"{slug}: no OpenAPI document at {path}"
        assert "/items" in schema.get("paths", {}), f"{slug}: the schema lacks POST /items"
    else:
        served = {
            p
            for p in {*USUAL_SCHEMA_PATHS, *features.SCHEMA_PATHS.values()}
            if schema_at(client, p) is not None
        }
        assert not served, f"{slug}: the page says no schema, but it serves one at {served}"


# --- the built pages -----------------------------------------------------------------------


def page_text(built_site: Path, page: str) -> str:
    source = (built_site / page / "index.html").read_text(encoding="utf-8")
    article = source.split('<article class="md-content__inner', 1)[-1].split("</article>", 1)[0]
    return html.unescape(re.sub(r"<[^>]+>", " ", article))


def mentioned_as(fw: registry.Framework) -> str:
    """A framework's name without its variant: "Falcon (WSGI)" is mentioned as Falcon."""
    return re.sub(r"\s*\(.*\)$", "", fw.name)


@pytest.mark.parametrize("page", GUIDES)
def test_every_guide_page_names_every_server_framework(built_site, page):
    text = page_text(built_site, page)
    missing = [fw.name for fw in SERVER_FRAMEWORKS if mentioned_as(fw) not in text]
    assert not missing, f"docs/{page}.md never mentions: {missing}"


# Runs in the page: each table of the article, its header cells, and how far it sticks
# out of the article's column (a wide table scrolls inside its wrapper).
TABLE_OVERFLOW = """() => {
    const article = document.querySelector(".md-content__inner");
    const right = article.getBoundingClientRect().right;
    return [...article.querySelectorAll("table")].map((table) => {
        const wrap = table.closest(".md-typeset__scrollwrap") || table.parentElement;
        return {
            header: [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim()),
            scrolls: wrap.scrollWidth - wrap.clientWidth,
            overhang: Math.round(table.getBoundingClientRect().right - right),
        };
    });
}"""


def test_the_matrix_tables_fit_their_column_at_1280_px(built_site, site_url):
    from playwright.sync_api import sync_playwright

    from tests.site.test_browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            tab = browser.new_page(viewport={"width": 1280, "height": 900})
            tab.goto(site_url + "guide/comparison/", wait_until="load")
            found = tab.evaluate(TABLE_OVERFLOW)
        finally:
            browser.close()
    for _, columns in features.tables():
        header = ["Framework", *(c.header for c in columns)]
        table = next((t for t in found if t["header"] == header), None)
        assert table is not None, f"no table headed {header} on the page"
        assert table["scrolls"] <= 0 and table["overhang"] <= 0, (
            f"the table headed {header} is wider than the page's column at 1280 px: {table}"
        )
