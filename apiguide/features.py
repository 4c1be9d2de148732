"""The feature matrix on docs/guide/comparison.md: every cell is a fact a check proves.

A cell holds what the page shows and what backs it: pytest node ids that must exist
in the suite (tests/site/test_features.py collects them), source excerpts that must
still say what the cell claims, or the installed package metadata a value was read
from. A cell nothing backs is shown as "not checked", with the reason, never as a
guess. Rows come from the registry: a framework registered with
scripts/new_framework.py appears at once, its unchecked cells saying so, and
tests/site/test_features.py fails until FACTS has an entry for it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from functools import cache
from importlib import metadata

from apiguide import examples, pages, registry
from apiguide.registry import ROOT, Framework

LOCK_FILE = ROOT / "uv.lock"
PROBES = "tests/site/test_features.py"


class Mark(StrEnum):
    YES = "✓"
    NO = "✗"
    PARTLY = "◐"
    UNCHECKED = "\u2013"  # an en dash


@dataclass(frozen=True)
class Evidence:
    """Text that must occur in a repository file (inside a snippet section, if named)."""

    path: str
    text: str
    section: str = ""

    def found(self) -> bool:
        file = ROOT / self.path
        if not file.is_file():
            return False
        source = file.read_text(encoding="utf-8")
        if self.section:
            match = re.search(
                rf"\[start:{re.escape(self.section)}\]\n(.*?)\[end:{re.escape(self.section)}\]",
                source,
                re.S,
            )
            source = match.group(1) if match else ""
        return self.text in source

    def describe(self) -> str:
        where = f"{self.path} ({self.section})" if self.section else self.path
        first_line = self.text.strip().splitlines()[0]
        return f"`{where}` says `{first_line}`"


@dataclass(frozen=True)
class Cell:
    """One cell: what is shown, and what proves it."""

    value: str  # a Mark, or short text (an interface, a licence, a date)
    checks: tuple[str, ...] = ()  # pytest node ids that must exist in the suite
    evidence: tuple[Evidence, ...] = ()  # source that must still say it
    source: str = ""  # where a value read from data comes from (package metadata, uv.lock)
    note: str = ""  # why: required for PARTLY and UNCHECKED

    @property
    def backed(self) -> bool:
        if self.value == Mark.UNCHECKED:
            return bool(self.note)
        if self.value == Mark.PARTLY and not self.note:
            return False
        return bool(self.checks or self.source)


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # short, so the table fits its column at 1280 px
    title: str  # what the header stands for
    meaning: str  # what the marks mean and which check stands behind them


# --- how the checks are named ----------------------------------------------------------

CONTRACT = "tests/contract/test_contract.py"
SCHEMATHESIS = "tests/fuzz/test_schemathesis.py"
SCHEMATHESIS_TEST = "test_generated_requests_get_no_server_error_and_match_the_schema"
COPY_RUN = "tests/site/test_copy_run.py"
BAD_BODY = "{'name': 'x', 'price': 'cheap'}"  # one of the contract's refused bodies


def contract_test(test: str, slug: str, param: str = "") -> str:
    return f"{CONTRACT}::{test}[{slug}{'-' + param if param else ''}]"


def probe(slug: str, column: str) -> str:
    """A probe in tests/site/test_features.py: a tiny app that tries it, in-process (or,
    where the framework's test client cannot, under its own server on 127.0.0.1)."""
    return f"{PROBES}::test_probe[{slug}-{column}]"


def live_openapi(slug: str) -> str:
    return f"{PROBES}::test_contract_app_openapi[{slug}]"


def shown_tests(example: str) -> str:
    """An example folder's shown tests, run in-process (the framework's client) in the
    reader's copy of the folder."""
    return f"{COPY_RUN}::test_runs_as_copied[{example}]"


def section(slug: str, name: str, text: str) -> Evidence:
    """Text in one snippet section of a framework's contract app (a slug no longer
    registered gives evidence that is never found, so the tests name it)."""
    try:
        path = registry.get(slug).contract_source
    except KeyError:
        path = None
    return Evidence(path or f"(no contract app registered for {slug})", text, name)


# --- the columns -------------------------------------------------------------------------

FEATURES = (
    Column(
        "interface",
        "Interface",
        "How the server calls the app",
        "ASGI or WSGI app, or *own*: the framework ships its own HTTP server. From "
        "`frameworks.toml`; the contract suite (`tests/contract/test_contract.py`) serves "
        "every one this way, under its registered production server.",
    ),
    Column(
        "openapi",
        "OpenAPI",
        "OpenAPI schema generated from the routes",
        "✓ the contract app serves a schema generated from its routes: "
        "`test_contract_app_openapi` fetches it from the running server and finds "
        "`/items` in it, and `tests/fuzz/test_schemathesis.py` fuzzes the app from it. "
        "◐ the framework's own package generates one when asked (a probe does), but the "
        "contract app does not ask. ✗ the contract app, which uses no extension package, "
        "serves no schema at any usual path (`test_contract_app_openapi` tries them all).",
    ),
    Column(
        "validation",
        "Validation",
        "Request body validated by the framework",
        "✓ the contract app declares the body (a model or a serializer) and the framework "
        "refuses bad bodies with a 4xx before the handler runs. ✗ the contract app checks "
        "the body in its own code (by hand, or by calling Pydantic itself). Either way "
        "`test_create_item_rejects_invalid_body` sends every bad body, and the cell names "
        "the lines of the app that do the checking.",
    ),
    Column(
        "di",
        "DI",
        "Dependency injection",
        "✓ a handler gets a dependency (the database connection) from the framework's "
        "injection, in the contract app's `/db` (checked by `test_db_row`) or in a probe. "
        "✗ a probe's handler declares a dependency and the framework fills none, and the "
        "package has no injection API (`Depends`, `Provide`, `inject`...); the cell names "
        "how the contract app reaches its database instead.",
    ),
    Column(
        "websockets",
        "WS",
        "WebSockets",
        "✓ a WebSocket carried messages both ways: in the tests of an example under "
        "`examples/realtime/`, or in a probe. ✗ a probe shows the app cannot take one, "
        "and the package has no WebSocket API.",
    ),
    Column(
        "async",
        "Async",
        "`async def` handlers",
        "✓ an `async def` handler answered: the contract app's `/io` awaits "
        "`asyncio.sleep` (`test_io_waits_then_answers`), or a probe. ✗ a probe saw the "
        "framework refuse one.",
    ),
    Column(
        "sync",
        "Sync",
        "Plain `def` handlers",
        "✓ a plain `def` handler answered: in the contract app (`/io` with `time.sleep`) "
        "or in a probe. ◐ accepted with a `DeprecationWarning`. ✗ a probe saw the "
        "framework refuse one.",
    ),
    Column(
        "test_client",
        "Test client",
        "In-process test client",
        "✓ the example folder's shown tests use the framework's own test client "
        "(`frameworks.toml`'s `test_client`), and `test_runs_as_copied` runs them in a "
        "reader's copy of the folder.",
    ),
)

PACKAGE_COLUMNS = (
    Column(
        "version",
        "Tested",
        "The version the site's checks ran against",
        "The installed version of the package `frameworks.toml` names (`importlib.metadata`).",
    ),
    Column(
        "licence",
        "Licence",
        "The package's licence",
        "From the package metadata: `License-Expression`, else `License`, else the "
        "`License ::` classifier.",
    ),
    Column(
        "python",
        "Python",
        "Python versions the package accepts",
        "From the package metadata: `Requires-Python`, else the "
        "`Programming Language :: Python :: 3.x` classifiers.",
    ),
    Column(
        "released",
        "Released",
        "When the tested version was published",
        "The day the tested version's first file reached PyPI: the `upload-time` that "
        "`uv.lock` records for it. The date of the version tested here, which may not be "
        "the newest release.",
    ),
)

# --- the facts ---------------------------------------------------------------------------

# Both Django frameworks are served over WSGI here, and Django's ASGI handler would not help.
DJANGO_SOCKETS = (
    "WSGI has no WebSocket; Django's own ASGI handler refuses them too (they need Channels, "
    "not installed)"
)

# Where each contract app that serves an OpenAPI document serves it.
SCHEMA_PATHS = {
    "fastapi": "/openapi.json",
    "litestar": "/schema/openapi.json",
    "ninja": "/openapi.json",
    "robyn": "/openapi.json",
}


def openapi_served(slug: str) -> Cell:
    path = SCHEMA_PATHS[slug]
    return Cell(
        Mark.YES,
        (live_openapi(slug), f"{SCHEMATHESIS}::{SCHEMATHESIS_TEST}[{slug}:contract{path}]"),
        note=f"served at `{path}`",
    )


def no_schema(slug: str) -> Cell:
    return Cell(Mark.NO, (live_openapi(slug),))


def validated_by_framework(slug: str, text: str) -> Cell:
    return Cell(
        Mark.YES,
        (contract_test("test_create_item_rejects_invalid_body", slug, BAD_BODY),),
        (section(slug, "create_item", text),),
    )


def validated_by_hand(slug: str, text: str, how: str) -> Cell:
    return Cell(
        Mark.NO,
        (contract_test("test_create_item_rejects_invalid_body", slug, BAD_BODY),),
        (section(slug, "create_item", text),),
        note=how,
    )


def injected(slug: str, *evidence: Evidence) -> Cell:
    return Cell(Mark.YES, (contract_test("test_db_row", slug, "1"),), evidence)


def not_injected(slug: str, text: str, how: str) -> Cell:
    """A probe's handler asks for a dependency and gets none; ``text`` is how the contract
    app's /db reaches its database by hand."""
    return Cell(
        Mark.NO,
        (probe(slug, "di"), contract_test("test_db_row", slug, "1")),
        (section(slug, "db", text),),
        note=f"no built-in DI: {how}",
    )


def awaits_in_io(slug: str) -> Cell:
    return Cell(
        Mark.YES,
        (contract_test("test_io_waits_then_answers", slug),),
        (section(slug, "io", "await asyncio.sleep(0.010)"),),
    )


def blocks_in_io(slug: str, definition: str) -> Cell:
    """A plain ``def`` handler that calls time.sleep (``definition`` starts on a new line)."""
    return Cell(
        Mark.YES,
        (contract_test("test_io_waits_then_answers", slug),),
        (section(slug, "io", f"\n{definition}"),),
    )


def realtime(example: str, test_file: str) -> Cell:
    return Cell(
        Mark.YES,
        (shown_tests(example),),
        (Evidence(f"examples/{example}/{test_file}", "def test_echo_returns_each_message"),),
    )


def probed(slug: str, column: str, mark: Mark = Mark.YES, note: str = "") -> Cell:
    return Cell(mark, (probe(slug, column),), note=note)


def unchecked(why: str) -> Cell:
    return Cell(Mark.UNCHECKED, note=why)


# Every cell a registry row cannot give by itself. Each one is checked by
# tests/site/test_features.py: node ids exist, evidence is in the source, probes and
# the live schema check observe the same mark.
FACTS: dict[str, dict[str, Cell]] = {
    "fastapi": {
        "openapi": openapi_served("fastapi"),
        "validation": validated_by_framework("fastapi", "async def create_item(item: ItemIn)"),
        "di": injected("fastapi", section("fastapi", "db", "Depends(get_db)")),
        "websockets": realtime("realtime/fastapi", "test_main.py"),
        "async": awaits_in_io("fastapi"),
        "sync": probed("fastapi", "sync"),
    },
    "litestar": {
        "openapi": openapi_served("litestar"),
        "validation": validated_by_framework(
            "litestar", "async def create_item(data: JSONBody[ItemIn])"
        ),
        "di": injected("litestar", section("litestar", "db", "Provide(provide_db")),
        "websockets": probed("litestar", "websockets"),
        "async": awaits_in_io("litestar"),
        "sync": probed("litestar", "sync", note="marked `sync_to_thread=True`"),
    },
    "starlette": {
        "openapi": no_schema("starlette"),
        "validation": validated_by_hand(
            "starlette", "if errors := item_errors(payload):", "hand-written checks"
        ),
        "di": not_injected(
            "starlette",
            "db: aiosqlite.Connection = request.state.db",
            "the contract app reads `request.state.db` (lifespan state)",
        ),
        "websockets": realtime("realtime/starlette", "test_main.py"),
        "async": awaits_in_io("starlette"),
        "sync": probed("starlette", "sync"),
    },
    "blacksheep": {
        "openapi": Cell(
            Mark.PARTLY,
            (live_openapi("blacksheep"), probe("blacksheep", "openapi")),
            note="opt-in: a probe that attaches an `OpenAPIHandler` gets a schema with the "
            "routes; the contract app attaches none",
        ),
        "validation": validated_by_framework(
            "blacksheep", "async def create_item(item: FromJSON[ItemIn])"
        ),
        "di": injected(
            "blacksheep",
            section("blacksheep", "db", "async def db_row(db: aiosqlite.Connection"),
            Evidence("examples/blacksheep/contract/main.py", "application.services.add_instance("),
        ),
        "websockets": probed("blacksheep", "websockets"),
        "async": awaits_in_io("blacksheep"),
        "sync": probed("blacksheep", "sync"),
    },
    "quart": {
        "openapi": no_schema("quart"),
        "validation": validated_by_hand(
            "quart",
            "item = validated(ItemIn, await request.get_data())",
            "calls Pydantic itself",
        ),
        "di": not_injected(
            "quart",
            "async with app.world_db.execute(",
            "the contract app keeps the connection on the app object",
        ),
        "websockets": realtime("realtime/quart", "test_app.py"),
        "async": awaits_in_io("quart"),
        "sync": probed("quart", "sync"),
    },
    "falcon-asgi": {
        "openapi": no_schema("falcon-asgi"),
        "validation": validated_by_hand(
            "falcon-asgi",
            "resp.media = new_item(await req.get_media())",
            "hand-written checks (`item_checks.py`)",
        ),
        "di": not_injected(
            "falcon-asgi",
            'app.add_route("/db", WorldRowResource(world_db))',
            "the contract app passes the connection to the resource's constructor",
        ),
        "websockets": probed("falcon-asgi", "websockets"),
        "async": awaits_in_io("falcon-asgi"),
        "sync": probed("falcon-asgi", "sync", Mark.NO, "`add_route` raises `TypeError`"),
        "test_client": probed(
            "falcon-asgi",
            "test_client",
            note="`falcon.testing.TestClient` on a `falcon.asgi.App` (no shown test uses it)",
        ),
    },
    "flask": {
        "openapi": no_schema("flask"),
        "validation": validated_by_hand(
            "flask", "item = validated(ItemIn, request.get_data())", "calls Pydantic itself"
        ),
        "di": not_injected(
            "flask",
            "g.db = sqlite3.connect(world_db_path())",
            "the contract app keeps a connection on `g`",
        ),
        "websockets": probed(
            "flask",
            "websockets",
            Mark.NO,
            "WSGI has no WebSocket, and core Flask no WebSocket route (Quart has `@app.websocket`)",
        ),
        "async": probed("flask", "async", note="with `asgiref` installed (Flask's `async` extra)"),
        "sync": blocks_in_io("flask", "def io() -> dict[str, int]:\n    time.sleep(0.010)"),
    },
    "falcon": {
        "openapi": no_schema("falcon"),
        "validation": validated_by_hand(
            "falcon",
            "resp.media = new_item(req.get_media())",
            "hand-written checks (`item_checks.py`)",
        ),
        "di": not_injected(
            "falcon",
            "world_db.connection.execute(",
            "the contract app's resource uses a module-level, per-thread connection",
        ),
        "websockets": probed(
            "falcon",
            "websockets",
            Mark.NO,
            "WSGI has no WebSocket: `falcon.App` refuses the `on_websocket` responder that "
            "`falcon.asgi.App` serves",
        ),
        "async": probed("falcon", "async", Mark.NO, "`add_route` raises `TypeError`"),
        "sync": blocks_in_io(
            "falcon",
            "    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:\n"
            "        time.sleep(0.010)",
        ),
    },
    "drf": {
        "openapi": no_schema("drf"),
        "validation": validated_by_framework("drf", "item.is_valid(raise_exception=True)"),
        "di": not_injected(
            "drf",
            "get_object_or_404(World, pk=",
            "views reach the database through the Django ORM",
        ),
        "websockets": probed("drf", "websockets", Mark.NO, DJANGO_SOCKETS),
        "async": probed(
            "drf", "async", Mark.NO, "an `async def` `@api_view` fails: it returns a coroutine"
        ),
        "sync": blocks_in_io("drf", "def io(request: Request) -> Response:\n    time.sleep(0.010)"),
    },
    "ninja": {
        "openapi": openapi_served("ninja"),
        "validation": validated_by_framework(
            "ninja", "def create_item(request: HttpRequest, item: ItemIn)"
        ),
        "di": not_injected(
            "ninja",
            "get_object_or_404(World, pk=id)",
            "operations use the Django ORM; a parameter of a service's type is read as "
            "request input, and refused",
        ),
        "websockets": probed("ninja", "websockets", Mark.NO, DJANGO_SOCKETS),
        "async": probed("ninja", "async"),
        "sync": blocks_in_io(
            "ninja", "def io(request: HttpRequest) -> dict[str, int]:\n    time.sleep(0.010)"
        ),
    },
    "robyn": {
        "openapi": openapi_served("robyn"),
        "validation": validated_by_framework(
            "robyn", "async def create_item(item: ItemIn, headers: Headers)"
        ),
        "di": probed("robyn", "di", note="`app.inject`, read as `router_dependencies`"),
        "websockets": probed(
            "robyn",
            "websockets",
            note="`@app.websocket`, echoing through a running Robyn server (its in-process "
            "TestClient has no WebSockets)",
        ),
        "async": awaits_in_io("robyn"),
        "sync": probed("robyn", "sync"),
    },
    "tornado": {
        "openapi": no_schema("tornado"),
        "validation": validated_by_hand(
            "tornado", "item = parse_item(", "hand-written checks (`parse_item`)"
        ),
        "di": not_injected(
            "tornado",
            "def initialize(self, db: aiosqlite.Connection) -> None:",
            "a route's third item goes to `RequestHandler.initialize`, as in the contract app",
        ),
        "websockets": realtime("realtime/tornado", "test_app.py"),
        "async": awaits_in_io("tornado"),
        "sync": Cell(
            Mark.YES,
            (contract_test("test_create_item", "tornado"),),
            (section("tornado", "create_item", "\n    def post(self) -> None:"),),
        ),
    },
    "aiohttp": {
        "openapi": no_schema("aiohttp"),
        "validation": validated_by_hand(
            "aiohttp",
            "item = ItemIn.model_validate_json(await request.read())",
            "calls Pydantic itself",
        ),
        "di": not_injected(
            "aiohttp",
            "request.app[db_key].execute(",
            "the contract app keeps the connection in `app[db_key]`",
        ),
        "websockets": probed("aiohttp", "websockets"),
        "async": awaits_in_io("aiohttp"),
        "sync": probed(
            "aiohttp",
            "sync",
            Mark.PARTLY,
            "answers, with `DeprecationWarning: Bare functions are deprecated`",
        ),
    },
    "sanic": {
        "openapi": no_schema("sanic"),
        "validation": validated_by_hand(
            "sanic", "item = ItemIn.model_validate_json(request.body)", "calls Pydantic itself"
        ),
        "di": not_injected(
            "sanic",
            "request.app.ctx.db.execute(",
            "`app.ext.dependency` needs sanic-ext (not installed); the contract app uses `app.ctx`",
        ),
        "websockets": probed("sanic", "websockets", note="in ASGI mode"),
        "async": awaits_in_io("sanic"),
        "sync": probed("sanic", "sync"),
    },
}

# --- cells read from the registry, the examples and the package metadata ----------------

DASH = "\u2013"  # an en dash, for ranges
KIND_SHORT = {"asgi": "ASGI", "wsgi": "WSGI", "own-server": "own"}


def rows() -> list[Framework]:
    """Every registered server framework (no baselines), grouped ASGI, WSGI, own server."""
    order = list(KIND_SHORT)
    frameworks = registry.server_frameworks(baselines=False)
    return sorted(frameworks, key=lambda fw: order.index(fw.kind))


def interface_cell(fw: Framework) -> Cell:
    assert fw.server is not None  # server frameworks always have one (registry.parse)
    return Cell(
        KIND_SHORT[fw.kind],
        (contract_test("test_json", fw.slug),),
        note=f"served by {fw.server.name}",
    )


def _apps(fw: Framework) -> list[str]:
    return (["contract"] if fw.app else []) + list(fw.apps)


def client_cell(fw: Framework) -> Cell:
    """✓ when a shown test of one of the framework's example folders uses its client."""
    if not fw.test_client:
        return unchecked("not checked: `frameworks.toml` names no test client")
    marker = fw.test_client.rsplit(".", 1)[-1].removesuffix("()")
    for app in _apps(fw):
        folder = fw.location(app)[0]
        example = examples.owner(ROOT / folder) if folder else None
        if example is None:
            continue
        for _, path in example.test_files():
            if marker in (ROOT / path).read_text(encoding="utf-8"):
                return Cell(
                    Mark.YES,
                    (shown_tests(example.name),),
                    (Evidence(path, marker),),
                    note=f"`{fw.test_client}`",
                )
    return unchecked(f"not checked: no shown test uses `{fw.test_client}`")


def feature_cell(fw: Framework, key: str) -> Cell:
    fact = FACTS.get(fw.slug, {}).get(key)
    if fact is not None:
        return fact
    if key == "interface":
        return interface_cell(fw)
    if key == "test_client":
        return client_cell(fw)
    return unchecked(f"not checked: `apiguide/features.py` has no {key!r} fact for {fw.slug}")


def _meta(package: str) -> metadata.PackageMetadata | None:
    try:
        return metadata.metadata(package)
    except metadata.PackageNotFoundError:
        return None


def _field(meta: metadata.PackageMetadata, name: str) -> str | None:
    values = meta.get_all(name)
    return str(values[0]) if values else None


def licence_cell(package: str) -> Cell:
    meta = _meta(package)
    if meta is None:
        return unchecked(f"not checked: {package} is not installed")
    version = _field(meta, "Version")
    if expression := _field(meta, "License-Expression"):
        return Cell(expression, source=f"{package} {version}: License-Expression")
    text = (_field(meta, "License") or "").strip()
    if text and "\n" not in text and len(text) <= 20:
        return Cell(text, source=f"{package} {version}: License")
    for classifier in meta.get_all("Classifier") or []:
        if classifier.startswith("License :: "):
            name = classifier.rsplit(" :: ", 1)[-1].removesuffix(" License")
            name = name.removesuffix(" Software")  # "Apache Software License"
            return Cell(name, source=f"{package} {version}: classifier `{classifier}`")
    return unchecked(f"not checked: {package} {version} declares no licence in its metadata")


def _python_range(requires: str) -> str | None:
    """``>=3.10`` -> ``≥ 3.10``; an upper bound below 4 is shown as a range."""
    lower = re.search(r">=\s*(3\.\d+)", requires)
    upper = re.search(r"<\s*(3\.\d+)", requires)
    if lower is None:
        return None
    if upper is None:
        return f"≥ {lower.group(1)}"
    major, minor = upper.group(1).split(".")
    return f"{lower.group(1)}{DASH}{major}.{int(minor) - 1}"


def python_cell(package: str) -> Cell:
    meta = _meta(package)
    if meta is None:
        return unchecked(f"not checked: {package} is not installed")
    version = _field(meta, "Version")
    requires = _field(meta, "Requires-Python")
    if requires and (shown := _python_range(requires)):
        return Cell(shown, source=f"{package} {version}: Requires-Python `{requires}`")
    minors = sorted(
        int(c.rsplit(".", 1)[-1])
        for c in meta.get_all("Classifier") or []
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)
    )
    if minors:
        return Cell(
            f"3.{minors[0]}{DASH}3.{minors[-1]}",
            source=f"{package} {version}: Programming Language classifiers (no Requires-Python)",
        )
    return unchecked(f"not checked: {package} {version} declares no Python versions")


@cache
def _locked() -> dict[tuple[str, str], list[str]]:
    """(package, version) -> the upload times uv.lock records for its files."""
    lock = tomllib.loads(LOCK_FILE.read_text(encoding="utf-8"))
    found: dict[tuple[str, str], list[str]] = {}
    for package in lock.get("package", []):
        files = [package.get("sdist", {}), *package.get("wheels", [])]
        times = [f["upload-time"] for f in files if "upload-time" in f]
        found[(package["name"], package.get("version", ""))] = times
    return found


def _normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def released_cell(package: str) -> Cell:
    version = registry.installed_version(package)
    if version is None:
        return unchecked(f"not checked: {package} is not installed")
    times = _locked().get((_normalised(package), version))
    if not times:
        return unchecked(f"not checked: uv.lock has no upload time for {package} {version}")
    first = min(datetime.fromisoformat(t.replace("Z", "+00:00")) for t in times)
    return Cell(first.date().isoformat(), source=f"uv.lock: upload-time of {package} {version}")


def package_cell(fw: Framework, key: str) -> Cell:
    if key == "version":
        version = fw.version
        if version is None:
            return unchecked(f"not checked: {fw.package} is not installed")
        return Cell(version, source=f"{fw.package}: installed version")
    cells: dict[str, Callable[[str], Cell]] = {
        "licence": licence_cell,
        "python": python_cell,
        "released": released_cell,
    }
    return cells[key](fw.package)


@dataclass
class Matrix:
    """Every cell of both tables, row by row (the tests and the page read the same)."""

    frameworks: list[Framework] = field(default_factory=rows)

    def features(self) -> dict[str, dict[str, Cell]]:
        return {
            fw.slug: {c.key: feature_cell(fw, c.key) for c in FEATURES} for fw in self.frameworks
        }

    def packages(self) -> dict[str, dict[str, Cell]]:
        return {
            fw.slug: {c.key: package_cell(fw, c.key) for c in PACKAGE_COLUMNS}
            for fw in self.frameworks
        }


# --- rendering ----------------------------------------------------------------------------


def _link(fw: Framework, page: str) -> str:
    if not (ROOT / "docs" / fw.docs).is_file():
        return fw.name
    return f"[{fw.name}]({'../' * page.count('/')}{fw.docs})"


def _table(
    columns: tuple[Column, ...], cells: dict[str, dict[str, Cell]], frameworks, page: str
) -> str:
    header = "| Framework | " + " | ".join(c.header for c in columns) + " |"
    rule = "|---|" + "|".join(":-:" for _ in columns) + "|"
    lines = [header, rule]
    for fw in frameworks:
        values = " | ".join(cells[fw.slug][c.key].value for c in columns)
        lines.append(f"| {_link(fw, page)} | {values} |")
    return "\n".join(lines)


def _proof(cell: Cell) -> str:
    parts = [f"`{check}`" for check in cell.checks]
    parts += [evidence.describe() for evidence in cell.evidence]
    if cell.source:
        parts.append(cell.source)
    if cell.note:
        parts.append(cell.note)
    return "; ".join(parts)


def _legend(columns: tuple[Column, ...]) -> str:
    return "\n".join(f"- **{c.header}** ({c.title}): {c.meaning}" for c in columns)


def _every_check(
    title: str, columns: tuple[Column, ...], cells: dict[str, dict[str, Cell]], frameworks
) -> str:
    lines = [f'??? info "{title}"', ""]
    for column in columns:
        lines += [f"    **{column.header}**", ""]
        for fw in frameworks:
            cell = cells[fw.slug][column.key]
            lines.append(f"    - {fw.name} {cell.value}: {_proof(cell)}")
        lines.append("")
    return "\n".join(lines)


# The matrix is split so that each table fits the page's column at 1280 px.
TABLES = (
    ("What the framework does for an API", ("interface", "openapi", "validation", "di")),
    ("Connections, handlers, tests", ("websockets", "async", "sync", "test_client")),
)
MARKS = (
    f"{Mark.YES} checked yes, {Mark.NO} checked no, {Mark.PARTLY} partly (the list under "
    f"the table says how), {Mark.UNCHECKED} not checked (the list says why)."
)


def tables() -> list[tuple[str, tuple[Column, ...]]]:
    """(heading, columns) of each table on the page, the package table last."""
    found = [(title, tuple(c for c in FEATURES if c.key in keys)) for title, keys in TABLES]
    return [*found, ("The packages", PACKAGE_COLUMNS)]


def feature_matrix(page: str = "guide/comparison.md") -> str:
    """The tables, their legends, and the check behind every cell (collapsed)."""
    matrix = Matrix()
    features, packages = matrix.features(), matrix.packages()
    frameworks = matrix.frameworks
    parts = [MARKS]
    for title, columns in tables()[:-1]:
        parts += [
            f"### {title}",
            _table(columns, features, frameworks, page),
            _legend(columns),
            _every_check("The check behind every cell", columns, features, frameworks),
        ]
    shown = tuple(c for c in PACKAGE_COLUMNS if c.key in ("licence", "python", "released"))
    parts += [
        "### The packages",
        "Read when the site is built, from each package's installed metadata and from "
        "`uv.lock`: they change when the lock file does.",
        _table(PACKAGE_COLUMNS, packages, frameworks, page),
        _legend(PACKAGE_COLUMNS),
        _every_check("Where every value comes from", shown, packages, frameworks),
    ]
    return "\n\n".join(parts)


def register(env) -> None:
    """The ``feature_matrix()`` macro, with links relative to the page that renders it."""

    def matrix() -> str:
        return feature_matrix(pages.source_path(env.page) or "guide/comparison.md")

    env.macro(matrix, "feature_matrix")
