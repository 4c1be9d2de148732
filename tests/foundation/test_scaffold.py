"""scripts/new_framework.py, run in a throwaway copy of the repository: every part of
the project sees the scaffolded framework, and its skeletons fail loudly until filled in."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from apiguide import launcher, registry, scaffold, sitecheck
from apiguide.registry import ROOT

COPIED = ("apiguide", "docs", "examples", "scripts", "tests")
COPIED_FILES = ("frameworks.toml", "mkdocs.yml", "pyproject.toml")
# An ASGI framework, and an own-server one with the longest slug and name allowed.
ASGI = ("throwaway-web", "throwaway_web", "Throwaway Web")
LONGEST = ("x" * 26 + "-srv", "x" * 26 + "_srv", "N" * 30)
HELLO_FILES = (
    "main.py",
    "conftest.py",
    "test_main.py",
    "requirements.txt",
    "requirements-test.txt",
    "example.toml",
)
CONTRACT_FILES = ("main.py", "requirements.txt", "example.toml")


def run(copy: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """A Python command in the copy, importing the copy's `apiguide` and `examples`
    (not the repository's, so the coverage gate has nothing to measure there)."""
    env = launcher.unmeasured({**os.environ, "PYTHONPATH": str(copy)})
    return subprocess.run(
        [sys.executable, *args], cwd=copy, env=env, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    """The repository's relevant parts, with the two frameworks scaffolded."""
    root = tmp_path_factory.mktemp("repo")
    ignore = shutil.ignore_patterns("__pycache__", ".pytest_cache", "*.sqlite3*")
    for folder in COPIED:
        shutil.copytree(ROOT / folder, root / folder, ignore=ignore)
    for name in COPIED_FILES:
        shutil.copy2(ROOT / name, root / name)
    for slug, _, name, kind in ((*ASGI, "asgi"), (*LONGEST, "own-server")):
        done = run(root, "scripts/new_framework.py", slug, name, "--kind", kind)
        assert done.returncode == 0, done.stderr
    return root


def test_creates_the_skeleton_files(copy):
    slug, pkg, _ = ASGI
    for path in (
        *(f"examples/{pkg}/hello/{name}" for name in HELLO_FILES),
        *(f"examples/{pkg}/contract/{name}" for name in CONTRACT_FILES),
        f"docs/frameworks/{slug}.md",
    ):
        assert (copy / path).is_file(), path
    assert not (copy / "examples" / pkg / "__init__.py").exists()  # a reader has none


def test_registry_and_benchmark_list_see_it(copy):
    listed = run(copy, "scripts/run_benchmarks.py", "--list", "--json")
    entries = {entry["slug"]: entry for entry in json.loads(listed.stdout)}
    asgi, own = entries[ASGI[0]], entries[LONGEST[0]]
    assert asgi["serve"].startswith("uvicorn main:app ")
    assert asgi["app"] == f"examples/{ASGI[1]}/contract/main:app"
    assert asgi["apps"] == {"hello": f"examples/{ASGI[1]}/hello/main:app"}
    assert asgi["docs"] == f"frameworks/{ASGI[0]}.md" and asgi["name"] == ASGI[2]
    assert own["server"] == LONGEST[0] and "TODO" in own["serve"]


def test_example_folders_declare_what_a_reader_needs(copy):
    script = (
        "import json; from apiguide import examples\n"
        "print(json.dumps({e.name: [e.run, e.requirements, e.test_requirements, e.shared]"
        " for e in examples.all_examples()}))"
    )
    done = run(copy, "-c", script)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    pkg = ASGI[1]
    assert found[f"{pkg}/hello"] == [
        "uvicorn main:app",
        [ASGI[0], "uvicorn"],
        [ASGI[0], "uvicorn", "pytest", "httpx"],
        [],
    ]
    assert found[f"{pkg}/contract"][3] == ["examples/common/world.py"]
    assert found[f"{LONGEST[1]}/hello"][:2] == ["python main.py", [LONGEST[0]]]


def test_the_page_shows_both_folders_through_the_macros(copy):
    page = (copy / "docs" / "frameworks" / f"{ASGI[0]}.md").read_text()
    for call in (
        f'example_files("{ASGI[1]}/hello")',
        f'example_install("{ASGI[1]}/hello")',
        f'example_run("{ASGI[1]}/hello")',
        f'example_tests("{ASGI[1]}/hello")',
        f'example("{ASGI[1]}/contract", indent=4)',
    ):
        assert call in page


def test_nav_lists_the_page(copy):
    nav = sitecheck.site_config(copy / "mkdocs.yml")["nav"]
    frameworks = next(section["Frameworks"] for section in nav if "Frameworks" in section)
    assert frameworks[-2:] == [
        {ASGI[2]: f"frameworks/{ASGI[0]}.md"},
        {LONGEST[2]: f"frameworks/{LONGEST[0]}.md"},
    ]


def test_skeletons_are_ruff_clean(copy):
    paths = [f"examples/{pkg}" for _, pkg, _ in (ASGI, LONGEST)]
    for command in (["check"], ["format", "--check"]):
        done = run(copy, "-m", "ruff", *command, *paths)
        assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def skeleton_tests(copy) -> str:
    """One pytest run in the copy: the contract suite's first test for both frameworks,
    and the scaffolded hello tests over real HTTP (the server's log says why it exited)."""
    selected = f"(test_json and ({ASGI[0]} or {LONGEST[0]})) or {ASGI[1]}/hello"
    paths = ("tests/contract", "tests/examples/test_example_folders.py")
    done = run(copy, "-m", "pytest", "-q", "-p", "no:cacheprovider", *paths, "-k", selected)
    assert done.returncode == 1, done.stdout[-3000:]
    return done.stdout


def test_contract_suite_fails_naming_the_framework(skeleton_tests):
    # The ASGI skeleton cannot be imported; the own-server one has no server command yet.
    assert f"{ASGI[0]}:contract: server exited" in skeleton_tests
    assert f"{ASGI[2]} does not implement the shared API yet" in skeleton_tests
    assert f"{LONGEST[0]}:contract: server exited" in skeleton_tests
    assert f"[servers.{LONGEST[0]}] has no command yet" in skeleton_tests


def test_hello_test_fails_naming_what_is_missing(skeleton_tests):
    assert f"{ASGI[0]}:hello: server exited" in skeleton_tests
    assert f"{ASGI[2]} has no hello app yet" in skeleton_tests
    assert "passed" not in skeleton_tests


def snapshot(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in ("docs", "examples", "tests")
        for path in sorted((root / folder).rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    } | {name: hashlib.sha256((root / name).read_bytes()).hexdigest() for name in COPIED_FILES}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((ASGI[0], "Again", "--kind", "asgi"), "is already in frameworks.toml"),
        (("fastapi", "FastAPI", "--kind", "wsgi"), "is already in frameworks.toml"),
        (("My_App", "My App", "--kind", "asgi"), "is not a valid slug"),
        (("2fast", "Two", "--kind", "asgi"), "is not a valid slug"),
        (("a--b", "A", "--kind", "asgi"), "is not a valid slug"),
        (("x" * 31, "X", "--kind", "asgi"), "is not a valid slug"),
        (("import", "Import", "--kind", "asgi"), "is a Python keyword"),
        (("common", "Common", "--kind", "asgi"), "examples/common already exists"),
        (("fine", 'Say "hi"', "--kind", "asgi"), "display name"),
        (("fine", "Fine", "--kind", "cgi"), "invalid choice"),
    ],
    ids=lambda value: value[0] if isinstance(value, tuple) else None,
)
def test_refuses_and_writes_nothing(copy, args, message):
    before = snapshot(copy)
    done = run(copy, "scripts/new_framework.py", *args)
    assert done.returncode != 0
    assert message in done.stderr
    assert snapshot(copy) == before


@pytest.mark.parametrize(("kind", "server"), [("asgi", "uvicorn"), ("wsgi", "gunicorn")])
def test_server_follows_the_kind(kind, server):
    """Planned only, never written: the real registry gains a uvicorn or gunicorn entry."""
    changes = scaffold.plan("probe", "Probe", kind)
    servers, frameworks = registry.parse(changes.edited[ROOT / "frameworks.toml"])
    assert frameworks[-1].slug == "probe" and frameworks[-1].server.key == server
    assert "probe" not in servers
