"""Copied from the page, it runs (issue "Copied from the page, it runs").

Reads every code block of the built site as the copy button gives it, and runs
every example from those copies alone: an empty folder, a fresh environment with
only the packages the page's install line names, the page's command, the page's
requests (compared with the answers the page shows), and the page's test command.
"""

import json
import os
import shutil
from pathlib import Path

import pytest

from apiguide import copyrun, examples
from apiguide.registry import ROOT

EXAMPLES = examples.all_examples()


@pytest.fixture(scope="session")
def inventory(built_site) -> copyrun.Inventory:
    found = copyrun.inventory(copyrun.page_blocks(built_site))
    summary = {
        "programs": sum(1 for c in found.copies for f in c.files if f.endswith(".py")),
        "examples": len(found.copies),
        "test_modules": sum(1 for c in found.copies for f in c.tests if f.endswith(".py")),
        "fragments": len(found.fragments),
        "other_blocks": found.others,
    }
    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "copy-run-inventory.json").write_text(json.dumps(summary, indent=2) + "\n")
    return found


@pytest.fixture(scope="session")
def shared_dir(tmp_path_factory) -> Path:
    """One folder for every xdist worker: environments are built once per install line."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    return base / "copy-run"


@pytest.fixture(scope="session")
def constraint_file(shared_dir) -> Path:
    shared_dir.mkdir(parents=True, exist_ok=True)
    target = shared_dir / f"constraints-{os.getpid()}.txt"
    return copyrun.constraints(ROOT, target)


def test_every_python_block_is_an_example_or_marked_as_an_excerpt(inventory):
    unmarked = [f"{b.page}: {b.first_line}" for b in inventory.unmarked]
    assert unmarked == [], "Python blocks a reader cannot tell apart from whole programs"


def test_every_example_is_shown_whole_with_its_commands(inventory):
    assert inventory.problems == []


def test_every_example_folder_is_on_a_page_with_every_file(inventory):
    shown = {c.example: c for c in inventory.copies}
    missing = [e.name for e in EXAMPLES if e.name not in shown]
    assert missing == [], "example folders no page shows whole"
    for example in EXAMPLES:
        copy = shown[example.name]
        assert sorted(copy.files) == sorted(n for n, _ in example.program_files()), copy.label
        assert sorted(copy.tests) == sorted(n for n, _ in example.test_files()), copy.label


def test_install_lines_are_generated_from_the_requirements(inventory):
    by_name = {e.name: e for e in EXAMPLES}
    for copy in inventory.copies:
        example = by_name[copy.example]
        assert copy.install == example.install_line(), copy.label
        if copy.tests:
            assert copy.test_install == example.install_line(test=True), copy.label


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.name)
def test_runs_as_copied(example, inventory, shared_dir, constraint_file, tmp_path):
    copy = next((c for c in inventory.copies if c.example == example.name), None)
    assert copy is not None, f"{example.name}: no page shows it"
    folder = tmp_path / "reader"
    for name, text in {**copy.files, **copy.tests}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    envs = shared_dir / "envs"
    run_env = copyrun.environment(copyrun.packages(copy.install), envs, constraint_file)
    test_env = (
        copyrun.environment(copyrun.packages(copy.test_install), envs, constraint_file)
        if copy.tests
        else None
    )
    job = copyrun.Job(
        label=copy.label,
        folder=str(folder),
        kind=example.kind,
        run=copy.run,
        run_env=str(run_env),
        outputs=copy.outputs,
        test_run=copy.test_run if copy.tests else "",
        test_env=str(test_env or ""),
        needs_httpbin=example.needs == "httpbin",
        httpbin_command=[
            str(Path(shutil.which("gunicorn") or "gunicorn")),
            "httpbin:app",
            "--bind",
            f"127.0.0.1:{copyrun.HTTPBIN_PORT}",
            "--worker-class",
            "gthread",
            "--threads",
            "4",
            "--no-control-socket",
        ],
    )
    failures = copyrun.run_isolated(job, tmp_path)
    first = next(iter(copy.files.values()), "").splitlines()[0] if copy.files else ""
    assert failures == [], f"{copy.page}: the example starting `{first}` does not run as copied"
