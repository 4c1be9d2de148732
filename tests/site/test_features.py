"""The feature matrix on docs/guide/comparison.md (apiguide/features.py): no cell is a guess.

- every registered server framework has a row, and an entry in FACTS;
- every cell is backed: each pytest node id it names exists in the collected suite, each
  source excerpt is still in its file, a value read from data says where from;
- the probes: tiny apps, in-process, each observing the mark its cell shows;
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
import json
import os
import re
import subprocess
import sys
import textwrap
import warnings
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from apiguide import features, registry
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


def collected(files: list[str]) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    return {line.strip() for line in done.stdout.splitlines() if "::" in line}


def test_every_named_test_exists_in_the_suite():
    named = {check for _, _, cell in every_cell() for check in cell.checks}
    assert named, "no cell names a test"
    files = sorted({check.split("::")[0] for check in named})
    missing = sorted(named - collected(files))
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


# --- probes: one tiny app each, in-process -------------------------------------------------


def _answered(status: int, body: object) -> Mark:
    return Mark.YES if status == 200 and body == OK else Mark.NO


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


def _falcon_responder(app, resource) -> Mark:
    from falcon import testing

    try:
        app.add_route("/", resource)
    except TypeError:
        return Mark.NO
    response = testing.TestClient(app).simulate_get("/")
    return _answered(response.status_code, response.json)


def falcon_async() -> Mark:
    import falcon

    class Resource:
        async def on_get(self, req, resp) -> None:
            resp.media = OK

    return _falcon_responder(falcon.App(), Resource())


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


def falcon_asgi_websockets() -> Mark:
    import falcon.asgi
    from falcon import testing

    class Echo:
        async def on_websocket(self, req, ws) -> None:
            await ws.accept()
            await ws.send_text("echo: " + await ws.receive_text())

    app = falcon.asgi.App()
    app.add_route("/ws", Echo())

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


@functools.cache
def sanic_marks() -> dict[str, Mark]:
    """Both Sanic probes on one app, started once: Sanic rewrites its own methods when an
    app starts, and a second app started in the same process fails."""
    from sanic import Sanic, json

    app = Sanic("feature_probe")

    @app.get("/")
    def hello(request):
        return json(OK)

    @app.websocket("/ws")
    async def echo(request, ws) -> None:
        await ws.send("echo: " + await ws.recv())

    async def call() -> dict[str, Mark]:
        stop = await _asgi_lifespan(app)  # Sanic under ASGI starts on the lifespan event
        try:
            return {
                "sync": _answered(*await _asgi_get(app, "/")),
                "websockets": await _asgi_websocket_echo(app),
            }
        finally:
            await stop()

    return asyncio.run(call())


def aiohttp_sync() -> Mark:
    """aiohttp still runs a plain function, and warns that it is deprecated."""
    from aiohttp import web
    from aiohttp.test_utils import TestClient, TestServer

    def hello(request: web.Request) -> web.Response:
        return web.json_response(OK)

    async def call() -> tuple[int, object]:
        app = web.Application()
        app.router.add_get("/", hello)
        async with TestClient(TestServer(app, host="127.0.0.1")) as client:
            response = await client.get("/")
            return response.status, await response.json()

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        answered = _answered(*asyncio.run(call()))
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


# Django is configured once per process: each Django probe runs in its own interpreter.
DJANGO_PROBE = """
import asyncio, json, sys
import django
from django.conf import settings

framework = sys.argv[1]
settings.configure(
    ROOT_URLCONF=__name__, ALLOWED_HOSTS=["*"], SECRET_KEY="feature-probe-only",
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", framework],
)
django.setup()
from django.test import Client
from django.urls import path

if framework == "rest_framework":
    from rest_framework.decorators import api_view
    from rest_framework.response import Response

    @api_view(["GET"])
    async def hello(request):
        await asyncio.sleep(0)
        return Response({"ok": True})

    urlpatterns = [path("", hello)]
else:
    from ninja import NinjaAPI

    api = NinjaAPI()

    @api.get("/")
    async def hello(request):
        await asyncio.sleep(0)
        return {"ok": True}

    urlpatterns = [path("", api.urls)]
try:
    response = Client().get("/")
    print(json.dumps({"status": response.status_code, "body": json.loads(response.content)}))
except Exception as error:
    print(json.dumps({"error": f"{type(error).__name__}: {error}"}))
"""


def _django_async(app: str) -> Mark:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(DJANGO_PROBE), app],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if "error" in result:
        # DRF's check that a view returned a response: it got a coroutine.
        assert "coroutine" in result["error"], result["error"]
        return Mark.NO
    return _answered(result["status"], result["body"])


PROBES: dict[tuple[str, str], Callable[[], Mark]] = {
    ("flask", "async"): flask_async,
    ("falcon", "async"): falcon_async,
    ("falcon-asgi", "sync"): falcon_asgi_sync,
    ("falcon-asgi", "websockets"): falcon_asgi_websockets,
    ("falcon-asgi", "test_client"): falcon_asgi_test_client,
    ("drf", "async"): lambda: _django_async("rest_framework"),
    ("ninja", "async"): lambda: _django_async("ninja"),
    ("fastapi", "sync"): fastapi_sync,
    ("litestar", "sync"): litestar_sync,
    ("litestar", "websockets"): litestar_websockets,
    ("starlette", "sync"): starlette_sync,
    ("blacksheep", "sync"): blacksheep_sync,
    ("blacksheep", "websockets"): blacksheep_websockets,
    ("blacksheep", "openapi"): blacksheep_openapi,
    ("quart", "sync"): quart_sync,
    ("robyn", "sync"): robyn_sync,
    ("robyn", "di"): robyn_di,
    ("sanic", "sync"): lambda: sanic_marks()["sync"],
    ("sanic", "websockets"): lambda: sanic_marks()["websockets"],
    ("aiohttp", "sync"): aiohttp_sync,
    ("aiohttp", "websockets"): aiohttp_websockets,
}


@pytest.mark.parametrize("key", list(PROBES), ids=[f"{s}-{c}" for s, c in PROBES])
def test_probe(key):
    slug, column = key
    cell = FACTS[slug][column]
    assert features.probe(slug, column) in cell.checks, f"{slug}/{column} does not cite its probe"
    observed = PROBES[key]()
    assert observed == cell.value, f"{slug}/{column}: the page shows {cell.value}, saw {observed}"


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
