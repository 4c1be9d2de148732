"""scripts/upgrade_lock.py: the weekly upgrade's lock diff, report and exit codes.

The end-to-end tests run the script against a throwaway project whose ``uv`` is a
stand-in that rewrites the lock the way ``uv lock --upgrade`` would, so they need
no network and no package index.
"""

import importlib.util
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "upgrade_lock.py"
_spec = importlib.util.spec_from_file_location("upgrade_lock", SCRIPT)
assert _spec and _spec.loader
upgrade_lock = importlib.util.module_from_spec(_spec)
sys.modules["upgrade_lock"] = upgrade_lock  # dataclasses look their module up
_spec.loader.exec_module(upgrade_lock)

OLD_LOCK = textwrap.dedent(
    """\
    version = 1
    revision = 3
    requires-python = ">=3.11, <3.15"

    [[package]]
    name = "django"
    version = "5.2.19"
    source = { registry = "https://pypi.org/simple" }

    [[package]]
    name = "httpx"
    version = "0.28.1"
    source = { registry = "https://pypi.org/simple" }

    [[package]]
    name = "numpy"
    version = "2.4.6"
    source = { registry = "https://pypi.org/simple" }

    [[package]]
    name = "numpy"
    version = "2.5.5"
    source = { registry = "https://pypi.org/simple" }

    [[package]]
    name = "oldthing"
    version = "1.0"
    source = { registry = "https://pypi.org/simple" }
    """
)

NEW_LOCK = textwrap.dedent(
    """\
    version = 1
    revision = 3
    requires-python = ">=3.11, <3.15"

    [[package]]
    name = "django"
    version = "5.2.20"
    source = { registry = "https://pypi.org/simple" }

    [[package]]
    name = "django"
    version = "6.1.4"
    source = { registry = "https://pypi.org/simple" }

    [[package]]
    name = "httpx"
    version = "0.28.1"
    source = { registry = "https://pypi.org/simple" }

    [[package]]
    name = "newthing"
    version = "0.1.0"
    source = { registry = "https://pypi.org/simple" }

    [[package]]
    name = "numpy"
    version = "2.10.0"
    source = { registry = "https://pypi.org/simple" }

    [[package]]
    name = "numpy"
    version = "2.4.6"
    source = { registry = "https://pypi.org/simple" }
    """
)


def test_locked_versions_keeps_every_fork_in_version_order():
    versions = upgrade_lock.locked_versions(NEW_LOCK)
    assert versions["numpy"] == ("2.4.6", "2.10.0")  # 2.10 after 2.4, not before
    assert versions["django"] == ("5.2.20", "6.1.4")
    assert versions["httpx"] == ("0.28.1",)


def test_diff_lists_changed_added_and_removed_packages_only():
    changes = upgrade_lock.diff_locks(OLD_LOCK, NEW_LOCK)
    assert [(c.name, c.old, c.new, c.kind) for c in changes] == [
        ("django", ("5.2.19",), ("5.2.20", "6.1.4"), "changed"),
        ("newthing", (), ("0.1.0",), "added"),
        ("numpy", ("2.4.6", "2.5.5"), ("2.4.6", "2.10.0"), "changed"),
        ("oldthing", ("1.0",), (), "removed"),
    ]


def test_same_lock_has_no_changes():
    assert upgrade_lock.diff_locks(OLD_LOCK, OLD_LOCK) == []


def test_report_lists_changes_and_what_broke():
    changes = upgrade_lock.diff_locks(OLD_LOCK, NEW_LOCK)
    results = [
        upgrade_lock.CommandResult("make test", 0, "1756 passed\n"),
        upgrade_lock.CommandResult(
            "make test-pythons",
            1,
            "noise\nFAILED tests/contract/test_contract.py::test_json[quart] - boom\n"
            "ERROR tests/site/test_gates.py::test_strict_build\n2 failed\n",
        ),
    ]
    report = upgrade_lock.render_report(changes, results, python="Python 3.11.7", date="2026-11-30")
    assert "## Weekly dependency upgrade, 2026-11-30" in report
    assert "(4 packages changed), tested on Python 3.11.7" in report
    assert "| django | 5.2.19 | 5.2.20, 6.1.4 | changed |" in report
    assert "| newthing | (none) | 0.1.0 | added |" in report
    assert "| oldthing | 1.0 | (none) | removed |" in report
    assert "- `make test`: passed" in report
    assert "- `make test-pythons`: failed (exit code 1)" in report
    assert "Something broke on the upgraded lock" in report
    assert "- `FAILED tests/contract/test_contract.py::test_json[quart] - boom`" in report
    assert "- `ERROR tests/site/test_gates.py::test_strict_build`" in report
    assert "- `noise`" not in report


def test_report_when_everything_passed():
    changes = upgrade_lock.diff_locks(OLD_LOCK, NEW_LOCK)
    results = [upgrade_lock.CommandResult("make test", 0, "ok\n")]
    report = upgrade_lock.render_report(changes, results, python="Python 3.11.7", date="d")
    assert "Every command passed on the upgraded lock." in report
    assert "What broke" not in report


def _project(tmp_path: Path, new_lock: str, *, lock_fails: bool = False) -> Path:
    """A project folder with OLD_LOCK and a stand-in uv that 'upgrades' it to new_lock."""
    project = tmp_path / "project"
    project.mkdir()
    (project / "uv.lock").write_text(OLD_LOCK)
    (tmp_path / "new.lock").write_text(new_lock)
    fake_uv = tmp_path / "uv"
    fake_uv.write_text(
        textwrap.dedent(
            f"""\
            #!/bin/sh
            case "$1" in
              lock) {"echo 'No solution found' >&2; exit 1" if lock_fails else ""}
                    cp {tmp_path / "new.lock"} uv.lock ;;
              run) echo "Python 3.12.1" ;;
            esac
            """
        )
    )
    fake_uv.chmod(fake_uv.stat().st_mode | stat.S_IXUSR)
    return project


def _run(tmp_path: Path, project: Path, *tests: str) -> tuple[int, str, str]:
    report, output = tmp_path / "report.md", tmp_path / "github-output"
    args = [sys.executable, str(SCRIPT), "--project", str(project), "--uv", str(tmp_path / "uv")]
    args += ["--report", str(report)]
    for test in tests:
        args += ["--test-command", test]
    env = {**os.environ, "GITHUB_OUTPUT": str(output)}
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=60)
    return done.returncode, report.read_text(), output.read_text()


def test_upgrade_that_breaks_a_test_exits_1_and_says_what_broke(tmp_path):
    project = _project(tmp_path, NEW_LOCK)
    failing = f"{sys.executable} -c \"print('FAILED tests/x.py::test_y - boom'); exit(1)\""
    passing = f"{sys.executable} -c \"print('3 passed')\""
    code, report, output = _run(tmp_path, project, passing, failing)
    assert code == 1
    assert (project / "uv.lock").read_text() == NEW_LOCK  # the upgraded lock stays
    assert "tested on Python 3.12.1" in report
    assert "| numpy | 2.4.6, 2.5.5 | 2.4.6, 2.10.0 | changed |" in report
    assert f"- `{passing}`: passed" in report
    assert "- `FAILED tests/x.py::test_y - boom`" in report
    assert output.splitlines() == ["changed=true", "passed=false"]


def test_upgrade_that_passes_exits_0(tmp_path):
    project = _project(tmp_path, NEW_LOCK)
    code, report, output = _run(tmp_path, project, f"{sys.executable} -c pass")
    assert code == 0
    assert "Every command passed on the upgraded lock." in report
    assert output.splitlines() == ["changed=true", "passed=true"]


def test_nothing_to_upgrade_runs_no_tests(tmp_path):
    project = _project(tmp_path, OLD_LOCK)
    marker = tmp_path / "tests-ran"
    code, report, output = _run(tmp_path, project, f"touch {marker}")
    assert code == 0
    assert not marker.exists()
    assert "The lock did not change" in report
    assert output.splitlines() == ["changed=false", "passed=true"]


def test_failed_lock_exits_2_and_reports_it(tmp_path):
    project = _project(tmp_path, NEW_LOCK, lock_fails=True)
    code, report, output = _run(tmp_path, project, f"{sys.executable} -c pass")
    assert code == 2
    assert "`uv lock --upgrade` failed" in report
    assert "No solution found" in report
    assert (project / "uv.lock").read_text() == OLD_LOCK
    assert output.splitlines() == ["changed=false", "passed=false"]
