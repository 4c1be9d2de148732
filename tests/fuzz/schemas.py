"""Which registered apps publish an OpenAPI document, and where: the fuzz targets.

Read from the registry and from the app objects themselves, so a new app of a
framework that publishes a schema (the tutorial services, say) is fuzzed as
soon as it is registered.
"""

import contextlib
import importlib
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from apiguide import examples, registry


@dataclass(frozen=True)
class SchemaTarget:
    slug: str
    app: str
    schema_path: str

    @property
    def id(self) -> str:
        return f"{self.slug}:{self.app}{self.schema_path}"


@contextlib.contextmanager
def imported_as_served(fw: registry.Framework, app: str) -> Iterator[str]:
    """Import one app the way its server does: from its example folder, when it has
    one, and with the environment the server gets (some apps refuse to load without it).
    Yields the import target inside the folder (``module:attribute`` or a module)."""
    folder, target = fw.location(app)
    example = examples.owner(registry.ROOT / folder) if folder else None
    saved = {name: os.environ.get(name) for name in fw.env}
    os.environ.update(fw.env)
    try:
        with examples.imports_from(example) if example else contextlib.nullcontext():
            yield target
    finally:
        for name, value in saved.items():
            if value is None:
                del os.environ[name]
            else:
                os.environ[name] = value


def load_target(target: str) -> object:
    """The app object of ``module:attribute``, or a module's ``app`` (Robyn's style)."""
    module_name, _, attribute = target.partition(":")
    return getattr(importlib.import_module(module_name), attribute or "app", None)


def published_schemas(fw: registry.Framework, app: str) -> list[str]:
    """The paths where one app serves its OpenAPI document (empty if it serves none)."""
    if "DJANGO_SETTINGS_MODULE" in fw.env:
        return django_schemas(fw.location(app)[0])
    if fw.package == "tornado":
        # Tornado publishes no schema, and each app defines the process-wide options
        # --host/--port: importing two of them in one process fails.
        return []
    with imported_as_served(fw, app) as target:
        obj = load_target(target)
    kind = f"{type(obj).__module__.split('.')[0]}.{type(obj).__name__}"
    if kind == "fastapi.FastAPI" and obj.openapi_url:
        return [obj.openapi_url]
    if kind == "litestar.Litestar":  # its schema routes are ordinary routes of the app
        return [route.path for route in obj.routes if route.path.endswith("/openapi.json")]
    if kind == "robyn.Robyn" and not obj.config.disable_openapi:
        return ["/openapi.json"]
    return []  # Flask, Starlette, BlackSheep, Quart, Falcon, Tornado, aiohttp: no schema


def django_schemas(folder: str) -> list[str]:
    """Every Django Ninja API mounted in the URLconf of the Django project in ``folder``
    (listed in a subprocess: each project has its own `project.settings`, and Django can
    be configured only once per process)."""
    from tests.examples.django_support import schema_paths

    return list(schema_paths(folder))


def served_apps(fw: registry.Framework) -> list[str]:
    """The framework's apps, the contract app first, each app object once."""
    return (["contract"] if fw.app else []) + [a for a in fw.apps if fw.target(a) != fw.app]


def schema_targets() -> list[SchemaTarget]:
    """Every (framework, app, schema path) the registry can serve."""
    served = [
        (fw, app) for fw in registry.load() if fw.server is not None for app in served_apps(fw)
    ]
    # Each Django project answers in a subprocess of its own (schema_paths caches it):
    # ask them all at once rather than one after another.
    django = sorted(
        {fw.location(app)[0] for fw, app in served if "DJANGO_SETTINGS_MODULE" in fw.env}
    )
    with ThreadPoolExecutor(max(1, len(django))) as pool:
        list(pool.map(django_schemas, django))
    return [
        SchemaTarget(fw.slug, app, path)
        for fw, app in served
        for path in published_schemas(fw, app)
    ]
