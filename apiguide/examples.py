"""Example folders: what a reader copies, declared once.

Every runnable example on the site is a folder under ``examples/`` holding the
files a reader saves, under the names the reader saves them as, plus:

* ``requirements.txt`` -- the packages the example needs to run (pip format);
* ``requirements-test.txt`` -- where the page shows tests: ``-r requirements.txt``
  and the test packages;
* ``example.toml`` -- how a reader runs it (see ``EXAMPLE_KEYS``).

Pages render install lines, commands and file tabs from these files
(``apiguide.macros``), the launcher serves the folder for tests and benchmarks,
and ``tests/site/test_copy_run.py`` proves from the built HTML that what a reader
copies runs in an empty folder.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import re
import shlex
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
METADATA = "example.toml"
# Every example that serves HTTP listens here when a reader runs it.
READER_HOST, READER_PORT = "127.0.0.1", 8000
READER_URL = f"http://{READER_HOST}:{READER_PORT}"
# Files that describe an example rather than belong to the reader's program.
NOT_SHOWN = {METADATA, "requirements.txt", "requirements-test.txt", "run-it.json"}
EXAMPLE_KEYS = {
    "run": "the shell command a reader runs in the folder (the page shows it verbatim)",
    "kind": '"server" (answers on 127.0.0.1:8000 until stopped) or "script" (runs and exits)',
    "shared": "repository paths of files shown with this example and saved beside its own",
    "needs": '"httpbin" (a local httpbin on 127.0.0.1:8080), or another example folder '
    "whose server the command talks to (on 127.0.0.1:8000)",
    "test": "the command that runs the shown tests (default: pytest)",
    "clients": "commands a reader runs in a second terminal while the server runs",
    "files": "the order the files are shown in (default: main program first)",
}
KINDS = ("server", "script")
NEEDS = ("httpbin",)
REQUIREMENT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(\[[A-Za-z0-9_,.-]+\])?")


class ExampleError(ValueError):
    """An example folder's metadata is missing or wrong (names the file and key)."""


@dataclass(frozen=True)
class Example:
    name: str  # its folder below examples/, e.g. "fastapi/hello"
    run: str
    kind: str = "server"
    shared: tuple[str, ...] = ()
    needs: str | None = None
    test: str = "pytest"
    order: tuple[str, ...] = ()
    clients: tuple[str, ...] = ()
    requirements: tuple[str, ...] = ()
    test_requirements: tuple[str, ...] = ()

    @property
    def folder(self) -> Path:
        return EXAMPLES / self.name

    @property
    def source(self) -> str:
        """The folder, relative to the repository (what snippet includes use)."""
        return f"examples/{self.name}"

    def own_files(self) -> list[str]:
        """The folder's files a reader saves (relative names, sub-folders included)."""
        found = [
            str(path.relative_to(self.folder))
            for path in sorted(self.folder.rglob("*"))
            if path.is_file()
            and path.name not in NOT_SHOWN
            and not any(
                part.startswith(".") or part == "__pycache__"
                for part in path.relative_to(self.folder).parts
            )
            and not path.name.endswith((".sqlite3", ".sqlite3-journal", ".pyc"))
        ]
        return found

    def is_test_file(self, name: str) -> bool:
        base = Path(name).name
        return base == "conftest.py" or (base.startswith("test_") and base.endswith(".py"))

    def program_files(self) -> list[tuple[str, str]]:
        """(name the reader saves it as, repository path), program files first in order."""
        files = [(f, f"{self.source}/{f}") for f in self.own_files() if not self.is_test_file(f)]
        files += [(Path(s).name, s) for s in self.shared]
        rank = {name: i for i, name in enumerate(self.order)}
        return sorted(files, key=lambda item: rank.get(item[0], len(rank)))

    def test_files(self) -> list[tuple[str, str]]:
        tests = [f for f in self.own_files() if self.is_test_file(f)]
        # conftest.py first: the fixtures the test modules use.
        tests.sort(key=lambda f: (Path(f).name != "conftest.py", f))
        return [(f, f"{self.source}/{f}") for f in tests]

    def python_path(self) -> list[Path]:
        """Where imports resolve in the repository: the folder, then the shared files' folders."""
        extra = {(ROOT / s).parent for s in self.shared}
        return [self.folder, *sorted(extra)]

    def install_line(self, *, test: bool = False) -> str:
        packages = self.test_requirements if test else self.requirements
        return "python -m pip install " + " ".join(shlex.quote(p) for p in packages)


def read_requirements(path: Path, *, seen: frozenset[Path] = frozenset()) -> list[str]:
    """Requirement lines of a pip requirements file (``-r`` followed, comments dropped)."""
    found: list[str] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("-r "):
            included = (path.parent / line[3:].strip()).resolve()
            if included in seen:
                raise ExampleError(f"{path}:{number}: -r loops back to {included.name}")
            found += read_requirements(included, seen=seen | {path.resolve()})
        elif REQUIREMENT_NAME.match(line):
            found.append(line)
        else:
            raise ExampleError(f"{path}:{number}: not a requirement line: {raw!r}")
    return found


def load(folder: Path) -> Example:
    meta_file = folder / METADATA
    try:
        data = tomllib.loads(meta_file.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ExampleError(f"{meta_file}: {error}") from None
    name = folder.relative_to(EXAMPLES).as_posix()
    unknown = set(data) - set(EXAMPLE_KEYS)
    if unknown:
        raise ExampleError(f"{meta_file}: unknown key(s) {sorted(unknown)}; known: {EXAMPLE_KEYS}")
    if not isinstance(data.get("run"), str) or not data["run"].strip():
        raise ExampleError(f"{meta_file}: `run` (the reader's command) is required")
    kind = data.get("kind", "server")
    if kind not in KINDS:
        raise ExampleError(f"{meta_file}: kind must be one of {KINDS}, not {kind!r}")
    needs = data.get("needs")
    if needs is not None and needs not in NEEDS and not (EXAMPLES / needs / METADATA).is_file():
        raise ExampleError(f"{meta_file}: needs is {NEEDS} or an example folder, not {needs!r}")
    for shared in data.get("shared", []):
        if not (ROOT / shared).is_file():
            raise ExampleError(f"{meta_file}: shared file {shared!r} does not exist")
    requirements_file = folder / "requirements.txt"
    if not requirements_file.is_file():
        raise ExampleError(f"{folder}: requirements.txt is missing")
    test_file = folder / "requirements-test.txt"
    example = Example(
        name=name,
        run=data["run"].strip(),
        kind=kind,
        shared=tuple(data.get("shared", [])),
        needs=needs,
        test=data.get("test", "pytest"),
        order=tuple(data.get("files", [])),
        clients=tuple(data.get("clients", [])),
        requirements=tuple(read_requirements(requirements_file)),
        test_requirements=tuple(read_requirements(test_file)) if test_file.is_file() else (),
    )
    if example.test_files() and not example.test_requirements:
        raise ExampleError(f"{folder}: it shows tests, so requirements-test.txt is required")
    return example


@cache
def all_examples() -> tuple[Example, ...]:
    return tuple(load(meta.parent) for meta in sorted(EXAMPLES.rglob(METADATA)))


def get(name: str) -> Example:
    for example in all_examples():
        if example.name == name:
            return example
    known = ", ".join(e.name for e in all_examples())
    raise ExampleError(f"no example folder {name!r} (known: {known})")


def definition_lines(source: str, name: str) -> tuple[int, int]:
    """First and last line (1-based) of the top-level function or class ``name``,
    decorators included."""
    for node in ast.parse(source).body:
        definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
        if isinstance(node, definition) and node.name == name:
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            return first, node.end_lineno or node.lineno
    raise ExampleError(f"no top-level function or class named {name!r}")


def owner(path: Path) -> Example | None:
    """The example whose folder holds ``path``."""
    path = path.resolve()
    for example in all_examples():
        if path.is_relative_to(example.folder.resolve()):
            return example
    return None


@contextlib.contextmanager
def imports_from(example: Example) -> Iterator[None]:
    """Import an example's modules by their plain names (``import main``), as a reader would.

    Examples in different folders share module names (``main``, ``models``), so
    the modules imported here are taken out of ``sys.modules`` afterwards: the
    objects stay usable, and the next example gets its own.
    """
    paths = [str(p) for p in example.python_path()]
    before = set(sys.modules)
    sys.path[:0] = paths
    try:
        yield
    finally:
        del sys.path[: len(paths)]
        folders = [p.resolve() for p in example.python_path()]
        for name in set(sys.modules) - before:
            file = getattr(sys.modules[name], "__file__", None)
            if file and any(Path(file).resolve().is_relative_to(f) for f in folders):
                del sys.modules[name]
        importlib.invalidate_caches()


def import_module(name: str, module: str = "main") -> ModuleType:
    """``import_module("fastapi/hello", "main")`` -> the module, imported from its folder."""
    with imports_from(get(name)):
        return importlib.import_module(module)
