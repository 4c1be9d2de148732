"""Macros for mkdocs-macros: every framework fact on the site comes from the registry.

Macros render page text before snippets are included, so braces inside
included code are safe.
"""

from __future__ import annotations

from apiguide import capture, registry
from apiguide.bench import render as bench_render

KIND_LABELS = {
    "asgi": "ASGI",
    "wsgi": "WSGI",
    "own-server": "own server",
    "client": "HTTP client",
    "library": "library",
}
DEMO_HOST, DEMO_PORT = "127.0.0.1", "8000"
DOCS = registry.ROOT / "docs"


def page_link(fw: registry.Framework, from_page: str = "") -> str:
    """A link to a framework's page, relative to the page that renders it."""
    depth = from_page.count("/")
    return "../" * depth + fw.docs


def serve_command(slug: str, app: str = "contract") -> str:
    """The exact command the tests use, shown with the demo host and port."""
    fw = registry.get(slug)
    command = fw.command(app).replace("{host}", DEMO_HOST).replace("{port}", DEMO_PORT)
    env = " ".join(f"{k}={v}" for k, v in fw.env.items())
    return f"{env} {command}".strip()


def install_line(slug: str) -> str:
    fw = registry.get(slug)
    packages = [fw.package]
    if fw.server and fw.server.package != fw.package:
        packages.append(fw.server.package)
    return "pip install " + " ".join(f'"{p}"' for p in packages)


def version(name: str) -> str:
    """The installed version of a registered framework (by slug) or of any package."""
    try:
        package = registry.get(name).package
    except KeyError:
        package = name
    found = registry.installed_version(package)
    if found is None:
        raise ValueError(f"{package} is not installed: run `make serve` to set up")
    return found


def framework_table(kinds: str = "asgi,wsgi,own-server", page: str = "") -> str:
    """A Markdown table of registered frameworks of the given kinds."""
    wanted = kinds.split(",")
    rows = [
        "| Framework | Kind | Version tested | Production server | Page |",
        "|---|---|---|---|---|",
    ]
    for fw in registry.load():
        if fw.kind not in wanted or fw.baseline:
            continue
        server = f"{fw.server.name} {fw.server.version}" if fw.server else "-"
        # A page that does not exist yet is not linked; the integrity test reports it.
        link = f"[{fw.name}]({page_link(fw, page)})" if (DOCS / fw.docs).is_file() else "-"
        rows.append(f"| {fw.name} | {KIND_LABELS[fw.kind]} | {fw.version} | {server} | {link} |")
    return "\n".join(rows)


def contract_tabs(section: str) -> str:
    """Linked content tabs: one endpoint of the shared contract in every framework.

    Emits snippet includes, which pymdownx.snippets expands after macros run.
    """
    blocks = []
    for fw in registry.server_frameworks():
        blocks.append(
            f'=== "{fw.name}"\n\n'
            f"    ``` {{ .python data-search-exclude }}\n"
            f'    --8<-- "{fw.contract_source}:{section}"\n'
            f"    ```\n"
        )
    return "\n".join(blocks)


def server_table() -> str:
    """Which server each framework runs under, with the exact command and the reason."""
    rows = ["| Framework | Server | Command | Why |", "|---|---|---|---|"]
    for fw in registry.server_frameworks():
        command = f"`{serve_command(fw.slug)}`"
        rows.append(
            f"| {fw.name} | {fw.server.name} {fw.server.version} | {command} | {fw.server.why} |"
        )
    return "\n".join(rows)


def define_env(env) -> None:
    env.variables["registry"] = registry.load()
    bench_render.register(env)
    for macro in (
        serve_command,
        install_line,
        version,
        framework_table,
        contract_tabs,
        server_table,
        capture.run_it,
    ):
        env.macro(macro)

    @env.macro
    def framework(slug: str) -> registry.Framework:
        return registry.get(slug)

    @env.macro
    def frameworks_here() -> str:
        """The framework table, with links relative to the current page."""
        return framework_table(page=env.page.file.src_uri)


def on_post_build(env) -> None:
    """Stop the servers that "run it" boxes started during the build."""
    capture.stop_servers()
