"""Scaffold a new framework: registry entry, skeleton examples and tests, page, nav entry.

    python scripts/new_framework.py SLUG "Display Name" --kind asgi|wsgi|own-server

Everything it writes fails loudly, naming what is missing, until it is filled in:
the skeleton modules raise NotImplementedError when imported (so the contract suite
and the tests cannot start the app), an own-server framework's server command exits
with a TODO message, and the page's "run it" box stops the strict site build. When
any check fails, nothing is written.
"""

from __future__ import annotations

import argparse
import json
import keyword
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from string import Template

from apiguide import registry
from apiguide.registry import ROOT, SERVER_KINDS

TEMPLATES = Path(__file__).with_name("templates")
SLUG = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
# Display names end up in Python strings, TOML, YAML and page macros: keep them plain.
DISPLAY_NAME = re.compile(r"[^\"'\\{}$`\n\r\t]+")
MAX_LENGTH = 30  # slugs and names this short keep the skeletons within the line length
SERVER_FOR_KIND = {"asgi": "uvicorn", "wsgi": "gunicorn"}  # own-server: its own entry
# What a reader runs in the example folder until the contributor writes what the docs teach.
READER_RUN = {
    "asgi": "uvicorn main:app",
    "wsgi": "gunicorn main:app --bind 127.0.0.1:8000",
    "own-server": "python main.py",
}
NAV_SECTION = "  - Frameworks:"
NAV_ITEM = "      - "
HINTS = {
    "asgi": (
        "await asyncio.sleep(0.01)",
        "aiosqlite, opened in the startup or lifespan hook",
    ),
    "wsgi": (
        "time.sleep(0.01) on the server's thread",
        "sqlite3, one connection per thread",
    ),
    "own-server": (
        "await asyncio.sleep(0.01) if the handlers are async, time.sleep(0.01) if not",
        "aiosqlite opened at startup, or sqlite3 with one connection per thread",
    ),
}


class ScaffoldError(ValueError):
    """The scaffold refuses: the message says why; nothing has been written."""


@dataclass(frozen=True)
class Plan:
    """Everything the scaffold will write: new files, and new text for edited ones."""

    created: dict[Path, str]
    edited: dict[Path, str]

    def write(self) -> None:
        for path, text in self.created.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        for path, text in self.edited.items():
            path.write_text(text, encoding="utf-8")


def render(template: str, **values: str) -> str:
    return Template((TEMPLATES / template).read_text(encoding="utf-8")).substitute(values)


def package_folder(slug: str) -> str:
    """examples/<folder>: the slug with hyphens turned into underscores."""
    return slug.replace("-", "_")


def check_names(slug: str, name: str) -> None:
    if not SLUG.fullmatch(slug) or len(slug) > MAX_LENGTH:
        raise ScaffoldError(
            f"{slug!r} is not a valid slug: use up to {MAX_LENGTH} lowercase letters, digits "
            "and single hyphens, starting with a letter (for example 'sanic' or 'falcon-asgi')"
        )
    if keyword.iskeyword(package_folder(slug)):
        raise ScaffoldError(f"{slug!r} is a Python keyword, so examples/{slug} cannot be imported")
    if not DISPLAY_NAME.fullmatch(name) or name != name.strip() or len(name) > MAX_LENGTH:
        raise ScaffoldError(
            f"display name {name!r} must be up to {MAX_LENGTH} characters on one line, "
            "without surrounding spaces, quotes, backslashes, braces, backticks or dollar signs"
        )


def add_to_registry(text: str, slug: str, name: str, kind: str, package: str) -> str:
    """The registry with the framework appended (and its own server entry, if any)."""
    servers, frameworks = registry.parse(text)
    if any(fw.slug == slug for fw in frameworks):
        raise ScaffoldError(f"{slug!r} is already in frameworks.toml: pick another slug")
    server = SERVER_FOR_KIND.get(kind, slug)
    if kind == "own-server":
        if slug in servers:
            raise ScaffoldError(f"frameworks.toml already has [servers.{slug}]")
        marker = text.index("\n[[framework]]") + 1
        entry = render("server.toml.tmpl", slug=slug, name=name, package=package)
        text = text[:marker] + entry + text[marker:]
    entry = render(
        "framework.toml.tmpl",
        slug=slug,
        name=name,
        name_toml=json.dumps(name, ensure_ascii=False),
        kind=kind,
        package=package,
        server=server,
        pkg=package_folder(slug),
    )
    text = text.rstrip("\n") + "\n" + entry
    registry.parse(text)  # still a valid registry, or the scaffold has a bug
    return text


def add_to_nav(text: str, name: str, page: str) -> str:
    """mkdocs.yml with the page appended to the Frameworks section of the nav."""
    lines = text.splitlines(keepends=True)
    try:
        start = next(i for i, line in enumerate(lines) if line.rstrip() == NAV_SECTION)
    except StopIteration:
        raise ScaffoldError(f"mkdocs.yml has no '{NAV_SECTION.strip()}' section in nav") from None
    end = start + 1
    while end < len(lines) and lines[end].startswith(NAV_ITEM):
        end += 1
    label = name if re.fullmatch(r"[A-Za-z0-9][\w .()/+-]*", name) else json.dumps(name)
    return "".join([*lines[:end], f"{NAV_ITEM}{label}: {page}\n", *lines[end:]])


def plan(slug: str, name: str, kind: str, *, package: str | None = None, root: Path = ROOT) -> Plan:
    """Check everything and prepare every change; raise ScaffoldError to refuse."""
    check_names(slug, name)
    if kind not in SERVER_KINDS:
        raise ScaffoldError(f"--kind must be one of {', '.join(SERVER_KINDS)}, not {kind!r}")
    package = package or slug
    pkg = package_folder(slug)
    page = f"frameworks/{slug}.md"
    io_hint, db_hint = HINTS[kind]
    values = {"slug": slug, "name": name, "pkg": pkg}
    requirements = [package] + ([SERVER_FOR_KIND[kind]] if kind in SERVER_FOR_KIND else [])
    folder_values = {**values, "run": READER_RUN[kind], "requirements": "\n".join(requirements)}
    hello, contract = root / "examples" / pkg / "hello", root / "examples" / pkg / "contract"
    created = {
        hello / "main.py": render("main.py.tmpl", **values),
        hello / "conftest.py": render("conftest.py.tmpl", **values),
        hello / "test_main.py": render("test_main.py.tmpl", **values),
        hello / "requirements.txt": render("requirements.txt.tmpl", **folder_values),
        hello / "requirements-test.txt": render("requirements-test.txt.tmpl", **values),
        hello / "example.toml": render("example.toml.tmpl", **folder_values),
        contract / "main.py": render(
            "contract.py.tmpl", **values, io_hint=io_hint, db_hint=db_hint
        ),
        contract / "requirements.txt": render("requirements.txt.tmpl", **folder_values),
        contract / "example.toml": render("contract_example.toml.tmpl", **folder_values),
        root / "docs" / page: render("page.md.tmpl", **values),
    }
    registry_file, mkdocs_file = root / "frameworks.toml", root / "mkdocs.yml"
    edited = {
        registry_file: add_to_registry(registry_file.read_text("utf-8"), slug, name, kind, package),
        mkdocs_file: add_to_nav(mkdocs_file.read_text("utf-8"), name, page),
    }
    for taken in (root / "examples" / pkg, root / "docs" / page):
        if taken.exists():
            raise ScaffoldError(f"{taken.relative_to(root)} already exists: pick another slug")
    if f": {page}\n" in mkdocs_file.read_text("utf-8"):
        raise ScaffoldError(f"mkdocs.yml already lists {page}")
    return Plan(created, edited)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="new_framework.py",
        description="Scaffold a framework: registry entry, skeleton examples and tests, "
        "page and nav entry. Each skeleton fails loudly until it is filled in.",
    )
    parser.add_argument("slug", help="registry slug: lowercase letters, digits, hyphens")
    parser.add_argument("name", help='display name, e.g. "Sanic"')
    parser.add_argument("--kind", required=True, choices=SERVER_KINDS)
    parser.add_argument("--package", help="its package on PyPI (default: the slug)")
    args = parser.parse_args(argv)
    try:
        changes = plan(args.slug, args.name, args.kind, package=args.package)
    except ScaffoldError as refusal:
        print(f"new_framework.py: {refusal}; nothing was written.", file=sys.stderr)
        return 1
    changes.write()
    for path in changes.created:
        print(f"created  {path.relative_to(ROOT)}")
    for path in changes.edited:
        print(f"edited   {path.relative_to(ROOT)}")
    print(
        f"\nNext: fill in every TODO (see CONTRIBUTING.md, 'Add a framework'), then\n"
        f"  uv add --group frameworks {args.package or args.slug}\n"
        f"  uv run pytest tests/contract -k {args.slug}\n"
        f"  uv run pytest tests/examples/test_example_folders.py -k {package_folder(args.slug)}/"
    )
    return 0
