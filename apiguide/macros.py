"""Macros for mkdocs-macros: every framework fact on the site comes from the registry.

Macros render page text before snippets are included, so braces inside
included code are safe.
"""

from __future__ import annotations

import difflib

from apiguide import (
    capture,
    copyrun,
    decision,
    examples,
    features,
    pages,
    registry,
    robustness,
    verified,
)
from apiguide.bench import render as bench_render
from apiguide.bench import sitebuild

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


LANGUAGES = {".py": "python", ".toml": "toml", ".lua": "lua", ".sh": "bash", ".txt": "text"}
LANGUAGES_BY_NAME = {"Dockerfile": "docker", ".dockerignore": "text"}


def _language(file_name: str) -> str:
    name = file_name.rsplit("/", 1)[-1]
    return LANGUAGES_BY_NAME.get(name) or LANGUAGES.get("." + name.rpartition(".")[2], "text")


def _block(
    text: str,
    *,
    example: str,
    role: str,
    language: str,
    title: str = "",
    hl_lines: str = "",
    **attrs: str,
) -> str:
    """A fenced block the copy-run check can find in the HTML (data-example, data-role)."""
    extra = " ".join(f'data-{k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    head = f'.{language} data-search-exclude data-example="{example}" data-role="{role}"'
    if title:
        head += f' title="{title}"'
    if hl_lines:
        head += f' hl_lines="{hl_lines}"'
    if extra:
        head += " " + extra
    return f"``` {{ {head} }}\n{text}\n```"


def _indent(text: str, spaces: int) -> str:
    pad = " " * spaces
    return "\n".join(pad + line if line else line for line in text.splitlines())


def changed_lines(old: str, new: str) -> list[int]:
    """1-based numbers of the lines of ``new`` that are not in ``old`` (added or changed)."""
    matcher = difflib.SequenceMatcher(a=old.splitlines(), b=new.splitlines(), autojunk=False)
    return [
        number + 1
        for tag, _, _, start, end in matcher.get_opcodes()
        if tag in ("replace", "insert")
        for number in range(start, end)
    ]


def _highlight(name: str, path: str, since: str) -> str:
    """``hl_lines`` marking what changed in this file since the same file of ``since``."""
    previous = dict(examples.get(since).program_files() + examples.get(since).test_files())
    new = (registry.ROOT / path).read_text(encoding="utf-8")
    old = (registry.ROOT / previous[name]).read_text(encoding="utf-8") if name in previous else ""
    return " ".join(map(str, changed_lines(old, new)))


def _files_block(
    example: examples.Example, files: list[tuple[str, str]], role: str, since: str = ""
) -> str:
    """One block per file, titled with the name the reader saves it as; tabs if several.

    ``since`` (another example, e.g. the previous tutorial step) highlights what changed.
    """
    blocks = [
        _block(
            f'--8<-- "{path}"',
            example=example.name,
            role=role,
            language=_language(name),
            title=name,
            hl_lines=_highlight(name, path, since) if since else "",
            file=name,
        )
        for name, path in files
    ]
    if len(blocks) == 1:
        return blocks[0]
    return "\n\n".join(
        f'=== "{name}"\n\n{_indent(block, 4)}'
        for (name, _), block in zip(files, blocks, strict=True)
    )


# The repository's address (mkdocs.yml `repo_url`, the one setting that names it).
REPOSITORY = {"url": ""}


def source_link(example: examples.Example) -> str:
    """A link to the example's folder in the repository, for readers and contributors."""
    if not REPOSITORY["url"]:
        return ""
    url = f"{REPOSITORY['url'].rstrip('/')}/tree/main/{example.source}"
    return f"\n\n<small markdown>[Source of this example: `{example.source}/`]({url})</small>"


def example_files(name: str, indent: int = 0, since: str = "") -> str:
    """Every file of an example's program, whole, each under the name a reader saves it as,
    and a link to its folder in the repository.

    ``since="tutorial_fastapi/step1"`` highlights the lines that changed since that example.
    """
    example = examples.get(name)
    block = _files_block(example, example.program_files(), "file", since)
    return _indent(block + source_link(example), indent)


def example_install(name: str, indent: int = 0) -> str:
    """The install line, generated from the example's requirements.txt, and the releases
    the example was last verified with (recorded by the test runs, never typed)."""
    example = examples.get(name)
    block = _block(example.install_line(), example=name, role="install", language="bash")
    return _indent(f"{block}\n\n{verified.note(name)}", indent)


def example_run(name: str, indent: int = 0) -> str:
    """The command a reader runs in the folder, and where it listens."""
    example = examples.get(name)
    block = _block(example.run, example=name, role="run", language="bash")
    if example.kind == "server":
        block += (
            f"\n\nRun it in the folder that holds the files above; it serves "
            f"<{examples.READER_URL}> until you stop it with ++ctrl+c++."
        )
    return _indent(block, indent)


def example_client(name: str, number: int = 0, indent: int = 0) -> str:
    """One of the commands a reader runs in a second terminal while the example serves."""
    example = examples.get(name)
    try:
        command = example.clients[number]
    except IndexError:
        raise examples.ExampleError(f"{name} has no client command #{number}") from None
    return _indent(_block(command, example=name, role="client", language="bash"), indent)


def example_tests(name: str, indent: int = 0, title: str = "", since: str = "") -> str:
    """The shown tests (conftest.py first), their install line and command, collapsed."""
    example = examples.get(name)
    files = example.test_files()
    if not files:
        raise examples.ExampleError(f"{name} has no test files to show")
    names = ", ".join(f"`{n}`" for n, _ in files)
    body = "\n\n".join(
        [
            f"Save {names} beside the program, then install the test packages and run:",
            _block(
                example.install_line(test=True), example=name, role="test-install", language="bash"
            ),
            _block(example.test, example=name, role="test-run", language="bash"),
            _files_block(example, files, "test", since),
        ]
    )
    heading = title or f"The tests ({names})"
    return _indent(f'??? example "{heading}"\n\n{_indent(body, 4)}', indent)


def example(name: str, indent: int = 0, since: str = "") -> str:
    """An example whole: files, install line, run command (tests are shown separately)."""
    return "\n\n".join(
        [
            example_files(name, indent, since),
            example_install(name, indent),
            example_run(name, indent),
        ]
    )


def excerpt(path: str, name: str, indent: int = 0) -> str:
    """Part of a file, marked as an excerpt so nobody mistakes it for a whole program.

    ``name`` is a snippet section (``# --8<-- [start:name]``) or, in a file without one,
    a top-level function or class: its lines, decorators included. Files of examples
    with tests carry no section markers, so the copy a reader runs has the file's lines.
    """
    owner = examples.owner(registry.ROOT / path)
    if owner is None:
        raise examples.ExampleError(f"excerpt of {path}: not inside an example folder")
    file_name = path.removeprefix(owner.source + "/")
    source = (registry.ROOT / path).read_text(encoding="utf-8")
    if f"[start:{name}]" in source:
        spec = f"{path}:{name}"
    else:
        first, last = examples.definition_lines(source, name)
        spec = f"{path}:{first}:{last}"
    block = _block(
        f'--8<-- "{spec}"',
        example=owner.name,
        role="fragment",
        language=_language(file_name),
        title=f"{file_name} (excerpt)",
    )
    return _indent(block, indent)


def httpbin_commands() -> str:
    """How to start the local httpbin the client examples can talk to (the check runs it)."""
    install = "python -m pip install " + " ".join(copyrun.HTTPBIN_PACKAGES)
    return f"```bash\n{install}\n{copyrun.HTTPBIN_COMMAND}\n```"


def server_install(slug: str) -> str:
    """The install line of a framework's production server, from the registry."""
    server = registry.get(slug).server
    if server is None:
        raise registry.RegistryError(f"{slug} has no production server")
    return f"python -m pip install {server.package}"


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

    Each tab is an excerpt (the whole program is on the framework's page), so it is
    marked as one; snippet includes are expanded by pymdownx.snippets after macros run.
    """
    blocks = []
    for fw in registry.server_frameworks():
        path = fw.contract_source
        title = f"{path.rsplit('/', 1)[-1]} (excerpt)" if path else ""
        blocks.append(
            f'=== "{fw.name}"\n\n'
            f'    ``` {{ .python data-search-exclude data-role="fragment" title="{title}" }}\n'
            f'    --8<-- "{path}:{section}"\n'
            f"    ```\n"
        )
    return "\n".join(blocks)


def side_by_side_pickers(left: str = "flask", right: str = "quart") -> str:
    """The two framework pickers of the page's side-by-side rows (contract_side_by_side).

    Not content tabs: with `content.tabs.link`, two tab sets with the same labels switch
    together. docs/javascripts/side-by-side.js shows the pickers and, in each row, the
    picked framework's code in each column. Without JavaScript they stay hidden and
    each row shows every framework's code, one after another.
    """
    pickers = []
    # First and second, not left and right: on a phone the columns stack.
    for column, (side, picked) in enumerate((("First", left), ("Second", right))):
        registry.get(picked)  # a typo fails the build
        options = "".join(
            f'<option value="{fw.slug}"{" selected" * (fw.slug == picked)}>{fw.name}</option>'
            for fw in registry.server_frameworks()
        )
        pickers.append(
            f'<label>{side} framework <select data-column="{column}">{options}</select></label>'
        )
    return f'<p class="side-by-side-pickers" hidden>{" ".join(pickers)}</p>'


def contract_side_by_side(section: str) -> str:
    """One row: the contract section in every framework, in one column that the script
    copies into a second one (the page carries the code once)."""
    blocks = []
    for fw in registry.server_frameworks():
        path = fw.contract_source
        title = f"{fw.name}: {path.rsplit('/', 1)[-1] if path else ''} (excerpt)"
        blocks.append(
            f'<div data-framework="{fw.slug}" markdown>\n\n'
            f'``` {{ .python data-search-exclude data-role="fragment" title="{title}" }}\n'
            f'--8<-- "{path}:{section}"\n```\n\n</div>'
        )
    # min-width 0: a long line scrolls inside its code block instead of widening the grid.
    column = '<div style="min-width: 0" markdown>\n\n' + "\n\n".join(blocks) + "\n\n</div>"
    return f'<div class="grid" data-side-by-side markdown>\n\n{column}\n\n</div>'


def server_table() -> str:
    """Which server each framework runs under, with the exact command, then the reasons
    (one line for the frameworks that share a server and a reason)."""
    rows = ["| Framework | Server | Command |", "|---|---|---|"]
    reasons: dict[tuple[str, str], list[str]] = {}
    for fw in registry.server_frameworks():
        server = fw.server
        assert server is not None  # server frameworks always have one (registry.parse checks)
        command = bench_render.command_cell(serve_command(fw.slug))
        rows.append(f"| {fw.name} | {server.name} {server.version} | {command} |")
        reasons.setdefault((f"{server.name} {server.version}", server.why), []).append(fw.name)
    rows.append("\nWhy each server:\n")
    rows += [f"- **{name}** ({', '.join(fws)}): {why}" for (name, why), fws in reasons.items()]
    return "\n".join(rows)


def define_env(env) -> None:
    env.variables["registry"] = registry.load()
    REPOSITORY["url"] = env.conf.get("repo_url") or ""
    bench_render.register(env)
    env.macro(sitebuild.table, "site_build_table")
    robustness.register(env)
    features.register(env)
    decision.register(env)
    for macro in (
        serve_command,
        install_line,
        version,
        framework_table,
        contract_tabs,
        contract_side_by_side,
        side_by_side_pickers,
        server_table,
        capture.run_it,
        example,
        example_files,
        example_install,
        example_run,
        example_tests,
        example_client,
        excerpt,
        httpbin_commands,
        server_install,
    ):
        env.macro(macro)

    @env.macro
    def framework(slug: str) -> registry.Framework:
        return registry.get(slug)

    @env.macro
    def frameworks_here() -> str:
        """The framework table, with links relative to the current page."""
        return framework_table(page=pages.source_path(env.page))
