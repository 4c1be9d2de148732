"""Checks on the built site: build it, serve it on loopback as it is deployed, read its HTML.

Used by tests/site (links, page weight, the real browser). The site is served
under the path of ``site_url`` (the GitHub Pages project path), because pages
such as 404.html link to assets by that absolute path.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import yaml  # type: ignore[import-untyped]  # (no stubs in the lock; only safe loading here)

from apiguide.launcher import HOST, unmeasured
from apiguide.registry import ROOT

# Where links may point to in a resolvable way: anything else is an external site.
SITE_ORIGIN = "http://site.local"
CSS_URL = re.compile(r"""url\(\s*['"]?(?P<url>[^'")]+)['"]?\s*\)""")


class _ConfigLoader(yaml.SafeLoader):
    """A safe YAML loader that also reads MkDocs' ``!ENV`` tag, as MkDocs does."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        *names, default = loader.construct_sequence(node)
    for name in names:
        if str(name) in os.environ:
            return yaml.safe_load(os.environ[str(name)])
    return default


_ConfigLoader.add_constructor("!ENV", _env_tag)


def site_config(path: Path = ROOT / "mkdocs.yml") -> dict:
    """mkdocs.yml as MkDocs reads it (environment variables filled in)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)


# The deployed configuration the site tests build: a project site under a path, as
# GitHub Pages serves it (the Pages workflow sets the real SITE_URL the same way), so
# links that only work at "/" fail the tests.
TEST_SITE_URL = "http://127.0.0.1/python-api-frameworks/"


def base_path(site_url: str = TEST_SITE_URL) -> str:
    """The URL path a site built with ``site_url`` is served under."""
    path = urlsplit(site_url).path or "/"
    return path if path.endswith("/") else path + "/"


def build(site_dir: Path) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` into ``site_dir`` (a warning fails it, but pages are written)."""
    mkdocs = Path(sys.executable).parent / "mkdocs"
    return subprocess.run(
        [str(mkdocs), "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=unmeasured({**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": TEST_SITE_URL}),
        capture_output=True,
        text=True,
        timeout=600,
    )


# --- serving ------------------------------------------------------------------


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files of one directory, answered under the deployment path only."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        route = urlsplit(path).path
        if not route.startswith(self.prefix):
            return os.path.join(self.directory, "\0missing")  # outside the site: 404
        return super().translate_path("/" + route[len(self.prefix) :])

    def log_message(self, format: str, *args: object) -> None:
        pass  # the tests report what matters; access logs would only be noise


@contextlib.contextmanager
def serve(site_dir: Path, prefix: str = "/") -> Iterator[str]:
    """Serve ``site_dir`` on 127.0.0.1 from a thread; yields the site's base URL."""
    handler = type("Handler", (_SiteHandler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(
        (HOST, 0), functools.partial(handler, directory=str(site_dir))
    )
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# --- reading pages ------------------------------------------------------------


@dataclass
class Reference:
    """One URL a page points to, and what for."""

    tag: str
    attr: str
    url: str
    rel: str = ""

    @property
    def loads_code_or_style(self) -> bool:
        return self.tag == "script" or (self.tag == "link" and "stylesheet" in self.rel)

    @property
    def is_loaded_with_page(self) -> bool:
        """The browser fetches it to show the page (not a link the reader may follow)."""
        if self.tag == "link":
            return bool({"stylesheet", "icon", "preload", "modulepreload"} & set(self.rel.split()))
        return self.tag != "a"


@dataclass
class Page:
    """What one HTML file declares: its anchors, its references, Material's config."""

    ids: set[str] = field(default_factory=set)
    references: list[Reference] = field(default_factory=list)
    material_config: dict = field(default_factory=dict)


class _PageParser(HTMLParser):
    URL_ATTRS = {"href", "src", "data", "poster"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        anchors = ("id", "name") if tag == "a" else ("id",)
        self.page.ids.update(values[a] for a in anchors if values.get(a))
        for attr in self.URL_ATTRS & values.keys():
            self.page.references.append(Reference(tag, attr, values[attr], values.get("rel", "")))
        for candidate in values.get("srcset", "").split(","):
            if candidate.strip():
                self.page.references.append(Reference(tag, "srcset", candidate.split()[0]))
        self._in_config = tag == "script" and values.get("id") == "__config"

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.page.material_config = json.loads(data)
            self._in_config = False


@functools.cache
def read_page(path: Path) -> Page:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.page


def html_files(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


def page_url(site_dir: Path, path: Path, prefix: str = "/") -> str:
    """The URL a file is served at, under the origin used to resolve links."""
    relative = path.relative_to(site_dir).as_posix()
    if relative.endswith("index.html"):
        relative = relative[: -len("index.html")]
    return f"{SITE_ORIGIN}{prefix}{relative}"


def resolve(site_dir: Path, from_url: str, url: str, prefix: str = "/") -> Path | None:
    """The file a same-site URL points to (None if missing); external URLs raise ValueError."""
    target = urlsplit(urljoin(from_url, url))
    if f"{target.scheme}://{target.netloc}" != SITE_ORIGIN:
        raise ValueError(f"{url} is not on this site")
    path = unquote(target.path)
    if not path.startswith(prefix):
        return None
    candidate = site_dir / path[len(prefix) :]
    if candidate.is_dir():
        candidate = candidate / "index.html"
    try:
        candidate.resolve().relative_to(site_dir.resolve())
    except ValueError:
        return None  # climbs out of the site
    return candidate if candidate.is_file() else None


def is_external(url: str) -> bool:
    return urlsplit(url).scheme in {"http", "https"} or url.startswith("//")


def is_not_a_location(url: str) -> bool:
    """mailto:, data:, javascript: and the like point to no file."""
    scheme = urlsplit(url).scheme
    return bool(scheme) and scheme not in {"http", "https"}


# --- weight -------------------------------------------------------------------


SEARCH_INDEXES = ("search/search_index.json", "search.json")


def assets_of(site_dir: Path, html: Path, prefix: str = "/") -> set[Path]:
    """Every site file the browser loads to show a page: what its HTML loads, what
    that CSS loads, and the search index the page fetches (Material's worker reads
    search/search_index.json; Zensical, its successor, fetches search.json)."""
    page = read_page(html)
    here = page_url(site_dir, html, prefix)
    urls = [(here, ref.url) for ref in page.references if ref.is_loaded_with_page]
    if worker := page.material_config.get("search"):
        urls.append((urljoin(here, page.material_config.get("base", ".") + "/"), worker))
    # Whichever index the engine wrote: every page's search loads it from the site root.
    found: set[Path] = {site_dir / i for i in SEARCH_INDEXES if (site_dir / i).is_file()}
    while urls:
        from_url, url = urls.pop()
        if is_external(url) or is_not_a_location(url):
            continue
        target = resolve(site_dir, from_url, url, prefix)
        if target is None or target in found:
            continue
        found.add(target)
        if target.suffix == ".css":
            css_url = urljoin(from_url, url)
            text = target.read_text(encoding="utf-8")
            urls += [(css_url, m["url"]) for m in CSS_URL.finditer(text)]
    return found


# What static hosts (GitHub Pages among them) send gzip-compressed; images and fonts
# are compressed already and go as they are.
COMPRESSED_TYPES = frozenset({".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"})


@functools.lru_cache(maxsize=4096)
def transfer_size(path: Path) -> int:
    """Bytes a browser downloads for one file: gzip (level 6, as servers use) where the
    host compresses it. Shared assets are counted once per file, not once per page."""
    data = path.read_bytes()
    return len(gzip.compress(data, 6)) if path.suffix in COMPRESSED_TYPES else len(data)


def page_weight(site_dir: Path, html: Path, prefix: str = "/", *, transfer: bool = False) -> int:
    """Bytes of the page and all its assets: uncompressed, or as downloaded (``transfer``)."""
    files = [html, *assets_of(site_dir, html, prefix)]
    if transfer:
        return sum(transfer_size(p) for p in files)
    return sum(p.stat().st_size for p in files)


# --- links --------------------------------------------------------------------


def check_links(site_dir: Path, prefix: str = "/") -> tuple[int, list[str]]:
    """(how many same-site links were checked, the broken ones described)."""
    broken: list[str] = []
    checked = 0
    for html in html_files(site_dir):
        here = page_url(site_dir, html, prefix)
        name = html.relative_to(site_dir).as_posix()
        for ref in read_page(html).references:
            if is_external(ref.url) or is_not_a_location(ref.url):
                continue
            checked += 1
            target = resolve(site_dir, here, ref.url, prefix)
            fragment = urlsplit(urljoin(here, ref.url)).fragment
            if target is None:
                broken.append(f"{name}: <{ref.tag} {ref.attr}={ref.url!r}> -> no such file")
            elif fragment and target.suffix == ".html" and fragment not in read_page(target).ids:
                broken.append(f"{name}: {ref.url!r} -> no id {fragment!r} on that page")
    return checked, broken


def remote_assets(site_dir: Path) -> list[str]:
    """Scripts, stylesheets, images and icons pages would load from another host."""
    return [
        f"{html.relative_to(site_dir).as_posix()}: <{ref.tag} {ref.attr}={ref.url!r}>"
        for html in html_files(site_dir)
        for ref in read_page(html).references
        if ref.is_loaded_with_page and is_external(ref.url)
    ]
