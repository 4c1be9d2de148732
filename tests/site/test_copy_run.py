"""Copied from the page, it runs (issue "Copied from the page, it runs").

Reads every code block of the built site as the copy button gives it, and runs
every example from those copies alone: an empty folder, a fresh environment with
only the packages the page's install line names, the page's command, the page's
requests (compared with the answers the page shows), and the page's test command.
"""

import json
import os
import sys
from pathlib import Path

import coverage
import pytest

from apiguide import copyrun, examples, launcher
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
        assert copy.clients == list(example.clients), copy.label
        assert sorted(copy.files) == sorted(n for n, _ in example.program_files()), copy.label
        assert sorted(copy.tests) == sorted(n for n, _ in example.test_files()), copy.label


def test_install_lines_are_generated_from_the_requirements(inventory):
    by_name = {e.name: e for e in EXAMPLES}
    for copy in inventory.copies:
        example = by_name[copy.example]
        assert copy.install == example.install_line(), copy.label
        if copy.tests:
            assert copy.test_install == example.install_line(test=True), copy.label


def copy_of(inventory: copyrun.Inventory, name: str) -> copyrun.Copy:
    copy = next((c for c in inventory.copies if c.example == name), None)
    assert copy is not None, f"{name}: no page shows it"
    return copy


def write_copy(copy: copyrun.Copy, folder: Path) -> Path:
    for name, text in {**copy.files, **copy.tests}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def httpbin() -> copyrun.Service:
    gunicorn = Path(sys.executable).with_name("gunicorn")  # this project's, not the reader's
    command = copyrun.HTTPBIN_COMMAND.replace("gunicorn", str(gunicorn), 1)
    env = launcher.unmeasured(os.environ)  # httpbin is no example: the gate does not trace it
    return copyrun.Service("httpbin", command, str(ROOT), env, copyrun.HTTPBIN_PORT)


def measuring() -> Path | None:
    """Under ``make test`` (pytest-cov), the reader's test run is where the coverage gate
    sees the shown tests run in-process: the suite's data file, or None."""
    active = coverage.Coverage.current()
    return Path(active.config.data_file).absolute() if active else None


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.name)
def test_runs_as_copied(example, inventory, shared_dir, constraint_file, tmp_path):
    copy = copy_of(inventory, example.name)
    envs = shared_dir / "envs"

    def env_for(install_line: str) -> str:
        return str(copyrun.environment(copyrun.packages(install_line), envs, constraint_file))

    services = []
    if example.needs == "httpbin":
        services.append(httpbin())
    elif example.needs:
        # The API the script talks to, run from its own page's copy, as the reader would.
        needed = copy_of(inventory, example.needs)
        needed_folder = write_copy(needed, tmp_path / "needed")
        env = copyrun.reader_env(env_for(needed.install))
        services.append(copyrun.Service(example.needs, needed.run, str(needed_folder), env, 8000))
    folder = write_copy(copy, tmp_path / "reader")
    data_file, measured = measuring(), tmp_path / "coverage"
    test_env = env_for(copy.test_install) if copy.tests else ""
    job = copyrun.Job(
        label=copy.label,
        folder=str(folder),
        kind=example.kind,
        run=copy.run,
        run_env=env_for(copy.install),
        outputs=copy.outputs,
        test_run=copy.test_run if copy.tests else "",
        test_env=test_env,
        services=services,
        prints=[line for text in copy.files.values() for line in copyrun.shown_prints(text)]
        if example.kind == "script"
        else [],
        clients=copy.clients,
        measure_env=copyrun.coverage_env(
            shared_dir / "coverage-hook", folder, Path(test_env), measured
        )
        if data_file and copy.tests
        else {},
    )
    failures = copyrun.run_isolated(job, tmp_path)
    if data_file and copy.tests:
        originals = {
            (folder / name).resolve(): examples.ROOT / path
            for name, path in [*example.program_files(), *example.test_files()]
        }
        assert copyrun.coverage_back_home(measured, originals, data_file), "nothing measured"
    first = next(iter(copy.files.values()), "").splitlines()[0] if copy.files else ""
    assert failures == [], f"{copy.page}: the example starting `{first}` does not run as copied"


# --- the check itself, broken on purpose --------------------------------------------


def block(role=None, example="demo/app", language="python", text="x = 1", **attrs):
    values = {"data-example": example, "data-role": role, **attrs} if role else {}
    return copyrun.Block("demo/index.html", language, values, text)


def test_an_unmarked_python_block_is_reported_and_shell_blocks_are_not():
    found = copyrun.inventory([block(), block(language="bash", text="ls")])
    assert [b.first_line for b in found.unmarked] == ["x = 1"]
    assert found.others == 1


def test_a_program_without_its_install_line_is_reported():
    found = copyrun.inventory([block("file", **{"data-file": "main.py"}), block("run", text="x")])
    assert found.problems == [
        "demo/index.html [demo/app]: program shown without its install line or command"
    ]


def test_install_lines_name_packages_only():
    assert copyrun.packages("python -m pip install 'fastapi[standard]' pytest") == [
        "fastapi[standard]",
        "pytest",
    ]
    with pytest.raises(ValueError):
        copyrun.packages("python -m pip install -r requirements.txt")


def test_the_real_answer_must_match_the_page():
    shown = 'HTTP/1.1 200 OK\ncontent-type: application/json\n\n{"a": 1}'
    real = 'HTTP/1.1 200 OK\r\ndate: now\r\ncontent-type: application/json\r\n\r\n{"a":1}'
    assert copyrun.compare("curl x", shown, real.replace('{"a":1}', '{"a": 1}')) is None
    # The box is a stored capture: even a JSON-equal body spaced otherwise is stale.
    assert "the reader gets" in copyrun.compare("curl x", shown, real)
    assert "status 200" in copyrun.compare("curl x", shown, real.replace("200 OK", "404 Not"))
    assert "the reader gets" in copyrun.compare("curl x", shown, real.replace("1}", "2}"))


@pytest.mark.parametrize(
    ("shown_body", "expected"),
    [("hello", []), ("goodbye", ["`curl -si http://127.0.0.1:8000/hello.txt`: the page shows"])],
)
def test_a_server_is_run_in_its_own_namespace_and_its_answers_compared(
    tmp_path, shown_body, expected
):
    folder = tmp_path / "reader"
    folder.mkdir()
    (folder / "hello.txt").write_text("hello")
    job = copyrun.Job(
        label="demo",
        folder=str(folder),
        kind="server",
        run="python -m http.server 8000 --bind 127.0.0.1",
        run_env=str(Path(sys.prefix)),
        outputs=[f"$ curl -si http://127.0.0.1:8000/hello.txt\nHTTP/1.0 200 OK\n\n{shown_body}"],
    )
    failures = copyrun.run_isolated(job, tmp_path)
    assert [f[: len(e)] for f, e in zip(failures, expected, strict=False)] == expected
    assert len(failures) == len(expected)


@pytest.mark.parametrize(("shown", "fails"), [(["1 2", "{'a': 1}"], False), (["1 3"], True)])
def test_a_script_prints_what_the_page_says(tmp_path, shown, fails):
    folder = tmp_path / "reader"
    folder.mkdir()
    (folder / "main.py").write_text("print(1, 2)\nprint({'a': 1})\n")
    job = copyrun.Job(
        label="demo",
        folder=str(folder),
        kind="script",
        run="python main.py",
        run_env=str(Path(sys.prefix)),
        outputs=[],
        prints=shown,
    )
    failures = copyrun.run_isolated(job, tmp_path)
    assert bool(failures) is fails
    assert copyrun.shown_prints("x = 1\n    #> 1 2\n#>{'a': 1}\n") == ["1 2", "{'a': 1}"]


def test_a_script_that_fails_is_reported_with_its_output(tmp_path):
    folder = tmp_path / "reader"
    folder.mkdir()
    (folder / "main.py").write_text("import project_module_the_reader_lacks\n")
    job = copyrun.Job(
        label="demo",
        folder=str(folder),
        kind="script",
        run="python main.py",
        run_env=str(Path(sys.prefix)),
        outputs=[],
    )
    [failure] = copyrun.run_isolated(job, tmp_path)
    assert "exited with 1" in failure and "project_module_the_reader_lacks" in failure


# --- coverage of the reader's copy, counted as the repository's lines -----------------


def test_a_copy_without_snippet_markers_maps_to_the_files_lines():
    original = "import os\n\n# --8<-- [start:x]\ndef f():\n    return 1\n\n\n# --8<-- [end:x]\nf()\n"
    copied = "import os\n\ndef f():\n    return 1\n\nf()\n"
    assert copyrun.line_map(copied, original) == {1: 1, 2: 2, 3: 4, 4: 5, 5: 6, 6: 9}


def test_coverage_recorded_in_a_copy_is_written_as_the_originals_lines(tmp_path):
    original = tmp_path / "repo" / "main.py"
    original.parent.mkdir()
    original.write_text("import os\n# --8<-- [start:x]\nx = 1\n# --8<-- [end:x]\ny = 2\n")
    copied = tmp_path / "reader" / "main.py"
    copied.parent.mkdir()
    copied.write_text("import os\nx = 1\ny = 2\n")
    measured = tmp_path / "coverage"
    measured.mkdir()
    recorded = coverage.CoverageData(basename=str(measured / ".coverage.one"))
    recorded.add_arcs(
        {str(copied): {(-1, 1), (1, 2), (2, 3), (3, -1)}, str(tmp_path / "reader" / "x.py"): {(-1, 1)}}
    )
    recorded.write()
    data_file = tmp_path / "suite" / ".coverage"
    data_file.parent.mkdir()
    assert copyrun.coverage_back_home(measured, {copied.resolve(): original}, data_file) == 1
    [written] = data_file.parent.glob(".coverage.*")
    result = coverage.CoverageData(basename=str(written))
    result.read()
    # Only the shown file, at its own lines; a file the page did not show is dropped.
    assert result.measured_files() == {str(original)}
    assert result.arcs(str(original)) == sorted({(-1, 1), (1, 3), (3, 5), (5, -1)})
