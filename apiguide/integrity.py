"""The pages <-> examples contract: what pages include exists, and every example is shown.

python -m apiguide.integrity      # prints problems, exits 1 if any
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from apiguide import examples, registry
from apiguide.macros import contract_side_by_side, contract_tabs
from apiguide.registry import ROOT

# `--8<-- "path"` or `--8<-- "path:section"`, as pymdownx.snippets reads them.
INCLUDE = re.compile(r'^\s*-{1,}8<-{1,}\s+"(?P<path>[^"":]+)(?::(?P<section>[A-Za-z0-9_\-]+))?"')
SECTION = re.compile(r"--8<-- \[(?P<edge>start|end):(?P<name>[A-Za-z0-9_\-]+)\]")


@dataclass(frozen=True)
class Include:
    page: str
    line: int
    path: str
    section: str | None


# Macros that write snippet includes into a page; their output is checked too.
GENERATED = re.compile(
    r"\{\{\s*(?P<macro>contract_tabs|contract_side_by_side)"
    r'\("(?P<section>[A-Za-z0-9_\-]+)"\)\s*\}\}'
)
MACROS = {"contract_tabs": contract_tabs, "contract_side_by_side": contract_side_by_side}


def page_lines(page: Path) -> list[str]:
    """A page's lines, with include-writing macros expanded in place."""
    lines = []
    for text in page.read_text(encoding="utf-8").splitlines():
        if match := GENERATED.search(text):
            lines.extend(MACROS[match["macro"]](match["section"]).splitlines())
        else:
            lines.append(text)
    return lines


def includes(docs: Path) -> list[Include]:
    found = []
    for page in sorted(docs.rglob("*.md")):
        for number, text in enumerate(page_lines(page), 1):
            if match := INCLUDE.match(text):
                found.append(
                    Include(
                        str(page.relative_to(docs.parent)),
                        number,
                        match["path"],
                        match["section"],
                    )
                )
    return found


def sections(source: str) -> set[str]:
    """Names with both a start and an end marker."""
    starts = {m["name"] for m in SECTION.finditer(source) if m["edge"] == "start"}
    ends = {m["name"] for m in SECTION.finditer(source) if m["edge"] == "end"}
    return starts & ends


def example_modules(root: Path) -> list[str]:
    """Every module a reader could be shown outside example folders: all of examples/
    but package markers. Example folders, and the files they share, are shown whole by
    the macros, which the copy-run check (tests/site/test_copy_run.py) verifies file by
    file."""
    folders = tuple(f"{e.source}/" for e in examples.all_examples())
    shared = {s for e in examples.all_examples() for s in e.shared}  # shown with their examples
    return sorted(
        relative
        for path in (root / "examples").rglob("*.py")
        if path.name != "__init__.py"
        and "migrations" not in path.parts
        and not (relative := str(path.relative_to(root))).startswith(folders)
        and relative not in shared
    )


def problems(root: Path = ROOT) -> list[str]:
    found: list[str] = []
    shown = includes(root / "docs")
    for inc in shown:
        target = root / inc.path
        where = f"{inc.page}:{inc.line}"
        if not target.is_file():
            found.append(f"{where}: includes missing file {inc.path}")
        elif inc.section and inc.section not in sections(target.read_text(encoding="utf-8")):
            found.append(f"{where}: {inc.path} has no section [start:{inc.section}]..[end]")
    for path in (root / "examples").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        starts = [m["name"] for m in SECTION.finditer(text) if m["edge"] == "start"]
        for name in starts:
            if name not in sections(text):
                found.append(f"{path.relative_to(root)}: section {name!r} is never closed")
    included = {inc.path for inc in shown}
    for module in example_modules(root):
        if module not in included:
            found.append(f"{module}: no page includes it (every example must be shown)")
    for fw in registry.load():
        if not (root / "docs" / fw.docs).is_file():
            found.append(f"frameworks.toml: {fw.slug} names page docs/{fw.docs}, which is missing")
    return found


def main() -> int:
    issues = problems()
    for issue in issues:
        print(issue)
    return 1 if issues else 0


if __name__ == "__main__":
    sys.exit(main())
