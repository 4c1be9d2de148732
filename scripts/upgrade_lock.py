"""Upgrade the lock, prove it, and write the pull request body.

    python3 scripts/upgrade_lock.py [--report upgrade-report.md]
        [--test-command "make test"] [--test-command "make test-pythons"]

Runs ``uv lock --upgrade``, lists every package whose locked versions changed
(old -> new, read from the two lock files), runs each test command on the
upgraded lock and writes a Markdown report: what changed, what passed, what
broke. The exit code is 0 when the lock did not change or every command
passed, 1 when a command failed (the report says which), 2 when ``uv lock``
itself failed. Standard library only: it must run before any environment
exists, and ``uv sync`` replaces the environment while it runs.

On GitHub Actions it also writes ``changed`` and ``passed`` to
``$GITHUB_OUTPUT`` for the step that opens the pull request.
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import shlex
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TESTS = ["make test"]
# pytest's short summary (-ra) names each failure on one line.
FAILURE_LINE = re.compile(r"^(FAILED|ERROR) \S+")
LOG_TAIL_LINES = 40
MAX_FAILURES_SHOWN = 50


@dataclass(frozen=True)
class Change:
    """One package whose locked versions differ between two lock files.

    A package can be locked at several versions at once (one per Python
    range, e.g. Django 5.2 for 3.11 and 6.1 from 3.12), so each side is a
    tuple; an empty tuple means the package is not in that lock.
    """

    name: str
    old: tuple[str, ...]
    new: tuple[str, ...]

    @property
    def kind(self) -> str:
        if not self.old:
            return "added"
        if not self.new:
            return "removed"
        return "changed"


@dataclass(frozen=True)
class CommandResult:
    command: str
    returncode: int
    output: str

    @property
    def passed(self) -> bool:
        return self.returncode == 0

    def failures(self) -> list[str]:
        return [line for line in self.output.splitlines() if FAILURE_LINE.match(line)]


def _version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Orders 2.10 after 2.9 (enough for a readable list, not a PEP 440 sort)."""
    parts = re.findall(r"\d+|[^\d.]+", version)
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts)


def locked_versions(lock_text: str) -> dict[str, tuple[str, ...]]:
    """Each package's locked versions, from the text of a ``uv.lock``."""
    versions: dict[str, set[str]] = {}
    for package in tomllib.loads(lock_text).get("package", []):
        versions.setdefault(package["name"], set()).add(str(package.get("version", "?")))
    return {name: tuple(sorted(v, key=_version_key)) for name, v in versions.items()}


def diff_locks(old_text: str, new_text: str) -> list[Change]:
    """Every package added, removed or moved between two lock files, by name."""
    old, new = locked_versions(old_text), locked_versions(new_text)
    return [
        Change(name, old.get(name, ()), new.get(name, ()))
        for name in sorted(old.keys() | new.keys())
        if old.get(name, ()) != new.get(name, ())
    ]


def _versions(versions: tuple[str, ...]) -> str:
    return ", ".join(versions) if versions else "(none)"


def changes_table(changes: list[Change]) -> str:
    if not changes:
        return "The lock did not change: every package is already at its newest release.\n"
    rows = [f"| {c.name} | {_versions(c.old)} | {_versions(c.new)} | {c.kind} |" for c in changes]
    return "\n".join(["| Package | Old | New | |", "|---|---|---|---|", *rows]) + "\n"


def render_report(
    changes: list[Change], results: list[CommandResult], *, python: str, date: str
) -> str:
    """The pull request body."""
    lines = [f"## Weekly dependency upgrade, {date}", ""]
    lines.append(f"`uv lock --upgrade` ({len(changes)} packages changed), tested on {python}.")
    lines += ["", "### What changed", "", changes_table(changes)]
    if not results:
        lines += ["### Tests", "", "Not run: nothing changed.", ""]
        return "\n".join(lines)
    passed = all(r.passed for r in results)
    lines += ["### Tests", ""]
    lines.append(
        "Every command passed on the upgraded lock."
        if passed
        else "**Something broke on the upgraded lock: fix it on this branch before merging.**"
    )
    lines.append("")
    for result in results:
        verdict = "passed" if result.passed else f"failed (exit code {result.returncode})"
        lines += [f"- `{result.command}`: {verdict}"]
    for result in results:
        if result.passed:
            continue
        failures = result.failures()
        lines += ["", f"#### What broke in `{result.command}`", ""]
        if failures:
            lines += [f"- `{f}`" for f in failures[:MAX_FAILURES_SHOWN]]
            if len(failures) > MAX_FAILURES_SHOWN:
                lines.append(f"- ... and {len(failures) - MAX_FAILURES_SHOWN} more")
        tail = "\n".join(result.output.splitlines()[-LOG_TAIL_LINES:])
        lines += [
            "",
            "<details><summary>Last lines of its output</summary>",
            "",
            "```text",
            tail.replace("```", "'''"),
            "```",
            "",
            "</details>",
        ]
    lines.append("")
    return "\n".join(lines)


def run_command(command: str, cwd: Path, log: Path | None) -> CommandResult:
    """Runs one shell command, its output shown as it comes and kept for the report."""
    print(f"$ {command}", flush=True)
    with subprocess.Popen(
        command,
        shell=True,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
    ) as process:
        assert process.stdout is not None  # stdout=PIPE
        chunks = []
        for line in process.stdout:
            sys.stdout.write(line)
            chunks.append(line)
        returncode = process.wait()
    output = "".join(chunks)
    if log is not None:
        with log.open("a") as out:
            out.write(f"$ {command}\n{output}\n")
    return CommandResult(command, returncode, output)


def write_github_output(**values: bool) -> None:
    path = os.environ.get("GITHUB_OUTPUT")
    if not path:
        return
    with open(path, "a") as out:
        for key, value in values.items():
            out.write(f"{key}={'true' if value else 'false'}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, default=ROOT, help="the uv project folder")
    parser.add_argument(
        "--uv", default=os.environ.get("UV", "uv"), help="how to call uv (default: uv)"
    )
    parser.add_argument(
        "--test-command",
        action="append",
        dest="tests",
        help='a command that must pass on the upgraded lock (repeatable; default "make test")',
    )
    parser.add_argument("--report", type=Path, default=Path("upgrade-report.md"))
    parser.add_argument("--log", type=Path, help="also write every command's full output here")
    parser.add_argument(
        "--always-test", action="store_true", help="run the tests even if nothing changed"
    )
    args = parser.parse_args(argv)
    tests = args.tests or DEFAULT_TESTS
    lock = args.project / "uv.lock"
    for path in (args.report, args.log):
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)

    old_text = lock.read_text()
    locking = run_command(f"{args.uv} lock --upgrade", args.project, args.log)
    if not locking.passed:
        args.report.write_text(
            "## Weekly dependency upgrade\n\n`uv lock --upgrade` failed:\n\n"
            f"```text\n{locking.output[-4000:]}\n```\n"
        )
        write_github_output(changed=False, passed=False)
        return 2
    changes = diff_locks(old_text, lock.read_text())

    results: list[CommandResult] = []
    if changes or args.always_test:
        results = [run_command(command, args.project, args.log) for command in tests]
    version = run_command(
        f"{args.uv} run --frozen python -c "
        + shlex.quote("import platform; print('Python', platform.python_version())"),
        args.project,
        None,
    )
    lines = version.output.strip().splitlines()
    report = render_report(
        changes,
        results,
        python=lines[-1] if version.passed and lines else "the default Python",
        date=datetime.datetime.now(datetime.UTC).date().isoformat(),
    )
    args.report.write_text(report)
    passed = all(r.passed for r in results)
    write_github_output(changed=bool(changes), passed=passed)
    print(f"\nReport written to {args.report}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
