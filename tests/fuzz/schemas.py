"""Which registered apps publish an OpenAPI document, and where: the fuzz targets.

Read from the registry and from the app objects themselves, so a new app of a
framework that publishes a schema (the tutorial services, say) is fuzzed as
soon as it is registered.
"""

import importlib
import os
from dataclasses import dataclass

from apiguide import registry


@dataclass(frozen=True)
class SchemaTarget:
    slug: str
    app: str
    schema_path: str

    @property
    def id(self) -> str:
        return f"{self.slug}:{self.app}{self.schema_path}"


def load_target(target: str, env: dict[str, str]) -> object:
    """The app object of ``module:attribute``, or a module's ``app`` (Robyn's style),
    imported with the environment the server gets (some apps refuse to load without it)."""
    module_name, _, attribute = target.partition(":")
    saved = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    try:
        module = importlib.import_module(module_name)
    finally:
        for name, value in saved.items():
            if value is None:
                del os.environ[name]
            else:
                os.environ[name] = value
    return getattr(module, attribute or "app", None)


def published_schemas(fw: registry.Framework, app: str) -> list[str]:
    """The paths where one app serves its OpenAPI document (empty if it serves none)."""
    if "DJANGO_SETTINGS_MODULE" in fw.env:
        return django_schemas(fw.env["DJANGO_SETTINGS_MODULE"])
    obj = load_target(fw.target(app), fw.env)
    kind = f"{type(obj).__module__.split('.')[0]}.{type(obj).__name__}"
    if kind == "fastapi.FastAPI" and obj.openapi_url:
        return [obj.openapi_url]
    if kind == "litestar.Litestar":  # its schema routes are ordinary routes of the app
        return [route.path for route in obj.routes if route.path.endswith("/openapi.json")]
    if kind == "robyn.Robyn" and not obj.config.disable_openapi:
        return ["/openapi.json"]
    return []  # Flask, Starlette, BlackSheep, Quart, Falcon, Tornado, aiohttp: no schema


def django_schemas(settings_module: str) -> list[str]:
    """Every Django Ninja API mounted in the URLconf the server's settings name."""
    from tests.examples.django_support import setup_django

    setup_django()  # the URLconf imports models, which need Django set up
    settings = importlib.import_module(settings_module)
    found = []

    def walk(patterns: list, prefix: str) -> None:
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):  # an include(): look inside
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif pattern.name == "openapi-json":  # the name Ninja gives its schema view
                found.append("/" + prefix + str(pattern.pattern))

    walk(importlib.import_module(settings.ROOT_URLCONF).urlpatterns, "")
    return found


def schema_targets() -> list[SchemaTarget]:
    """Every (framework, app, schema path) the registry can serve."""
    targets = []
    for fw in registry.load():
        if fw.server is None:
            continue
        apps = (["contract"] if fw.app else []) + [a for a in fw.apps if fw.target(a) != fw.app]
        for app in apps:
            targets += [SchemaTarget(fw.slug, app, path) for path in published_schemas(fw, app)]
    return targets
