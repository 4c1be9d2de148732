"""The framework registry (``frameworks.toml``), read by tests, benchmarks and macros."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError

ROOT = Path(__file__).resolve().parent.parent
REGISTRY_FILE = ROOT / "frameworks.toml"

Kind = Literal["asgi", "wsgi", "own-server", "client", "library"]
KINDS: tuple[str, ...] = get_args(Kind)
SERVER_KINDS = KINDS[:3]


class RegistryError(ValueError):
    """The registry file is inconsistent (unknown server, bad kind, duplicate slug)."""


@dataclass(frozen=True)
class Server:
    key: str
    name: str
    package: str
    cmd: str
    why: str
    stop_signal: str = "SIGTERM"

    @property
    def version(self) -> str | None:
        return installed_version(self.package)


@dataclass(frozen=True)
class Framework:
    slug: str
    name: str
    kind: str
    package: str
    docs: str
    server: Server | None = None
    test_client: str | None = None
    app: str | None = None
    apps: dict[str, str] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)
    baseline: bool = False
    source: str | None = None  # file implementing the contract, when `app` is only glue

    @property
    def contract_source(self) -> str | None:
        """The file that holds the contract implementation (for pages)."""
        if self.source:
            return self.source
        if not self.app:
            return None
        folder, module = split_target(self.app)
        path = module.split(":")[0].replace(".", "/") + ".py"
        return f"{folder}/{path}" if folder else path

    @property
    def version(self) -> str | None:
        return installed_version(self.package)

    @property
    def is_server(self) -> bool:
        return self.kind in SERVER_KINDS

    def target(self, app: str = "contract") -> str:
        """The import target of one of this framework's servable apps."""
        if app == "contract" and self.app:
            return self.app
        try:
            return self.apps[app]
        except KeyError:
            known = ", ".join(["contract", *self.apps]) if self.app else ", ".join(self.apps)
            raise KeyError(f"{self.slug} has no app {app!r} (known: {known})") from None

    def location(self, app: str = "contract") -> tuple[str | None, str]:
        """(example folder, import target inside it) of one app.

        ``"examples/fastapi/hello/main:app"`` is module ``main`` of the example
        folder ``examples/fastapi/hello`` (served from that folder, as a reader
        would); a dotted target without a folder imports from the repository root.
        """
        return split_target(self.target(app))

    def command(self, app: str = "contract") -> str:
        """The serve command template for one app, with {host} and {port} left in."""
        if self.server is None:
            raise RegistryError(f"{self.slug} is a {self.kind}, not a server framework")
        return self.server.cmd.replace("{target}", self.location(app)[1])

    @property
    def serve(self) -> str | None:
        return self.command() if self.server and self.app else None

    def as_dict(self) -> dict:
        return {
            "slug": self.slug,
            "name": self.name,
            "kind": self.kind,
            "package": self.package,
            "version": self.version,
            "docs": self.docs,
            "baseline": self.baseline,
            "server": self.server.key if self.server else None,
            "server_version": self.server.version if self.server else None,
            "serve": self.serve,
            "app": self.app,
            "apps": self.apps,
            "env": self.env,
            "test_client": self.test_client,
        }


def split_target(target: str) -> tuple[str | None, str]:
    """``"examples/x/y/main:app"`` -> ``("examples/x/y", "main:app")``."""
    folder, slash, module = target.rpartition("/")
    return (folder if slash else None), module


def installed_version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


class _Strict(BaseModel):
    # The file's shape, checked before any dataclass is built: strict types (so
    # `baseline = "no"` is an error, not True) and no unknown keys.
    model_config = ConfigDict(strict=True, extra="forbid")


class _ServerSpec(_Strict):
    name: str
    package: str
    cmd: str
    why: str
    stop_signal: Literal["SIGTERM", "SIGINT", "SIGQUIT"] = "SIGTERM"


class _FrameworkSpec(_Strict):
    slug: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    name: str
    kind: Kind
    package: str
    docs: str = Field(pattern=r"\.md$")
    server: str | None = None
    test_client: str | None = None
    app: str | None = None
    apps: dict[str, str] = {}
    env: dict[str, str] = {}
    baseline: bool = False
    source: str | None = None


class _RegistrySpec(_Strict):
    servers: dict[str, _ServerSpec] = {}
    framework: list[dict[str, Any]] = []


def _problem(where: str, error: ValidationError) -> RegistryError:
    first = error.errors()[0]
    key = ".".join(str(part) for part in first["loc"]) or "(file)"
    return RegistryError(f"{where}: key {key!r}: {first['msg']} (got {first.get('input')!r})")


def parse(text: str, source: str = "frameworks.toml") -> tuple[dict[str, Server], list[Framework]]:
    """Read the registry; every bad value fails naming the file, the slug and the key."""
    try:
        data = _RegistrySpec.model_validate(tomllib.loads(text))
    except tomllib.TOMLDecodeError as error:
        raise RegistryError(f"{source}: {error}") from None
    except ValidationError as error:
        raise _problem(source, error) from None
    servers = {key: Server(key=key, **spec.model_dump()) for key, spec in data.servers.items()}
    frameworks: list[Framework] = []
    seen: set[str] = set()
    for entry in data.framework:
        slug = entry.get("slug", "?")
        where = f"{source}: framework {slug!r}"
        try:
            spec = _FrameworkSpec.model_validate(entry)
        except ValidationError as error:
            raise _problem(where, error) from None
        if slug in seen:
            raise RegistryError(f"{where}: duplicate slug {slug!r}")
        seen.add(slug)
        if spec.server is not None and spec.server not in servers:
            raise RegistryError(f"{where}: key 'server': unknown server {spec.server!r}")
        fields = spec.model_dump(exclude={"server"})
        fw = Framework(server=servers.get(spec.server) if spec.server else None, **fields)
        if fw.is_server and (fw.server is None or fw.app is None):
            raise RegistryError(f"{where}: a {fw.kind} framework needs `server` and `app`")
        frameworks.append(fw)
    return servers, frameworks


@cache
def load(path: Path = REGISTRY_FILE) -> tuple[Framework, ...]:
    return tuple(parse(path.read_text(encoding="utf-8"), path.name)[1])


def servers(path: Path = REGISTRY_FILE) -> dict[str, Server]:
    return parse(path.read_text(encoding="utf-8"), path.name)[0]


def get(slug: str) -> Framework:
    for fw in load():
        if fw.slug == slug:
            return fw
    raise KeyError(f"no framework {slug!r} in {REGISTRY_FILE.name}")


def server_frameworks(*, baselines: bool = True) -> list[Framework]:
    return [fw for fw in load() if fw.is_server and (baselines or not fw.baseline)]
