"""The type check gate: mypy over apiguide/ and scripts/ (configured in pyproject.toml,
strict about Optional) reports no error. `make typecheck` runs the same check."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from apiguide import launcher

ROOT = Path(__file__).resolve().parents[2]


def mypy(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary", *args],
        cwd=ROOT,
        env=launcher.unmeasured(os.environ),
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_mypy_finds_no_errors():
    done = mypy()
    assert done.returncode == 0, f"mypy found errors:\n{done.stdout}{done.stderr}"


def test_the_configuration_catches_optional_misuse(tmp_path):
    """With the project's settings, the mistakes the gate is for are errors."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        textwrap.dedent(
            """\
            import re


            def first_word(text: str) -> str:
                match = re.match(r"\\w+", text)
                return match.group(0)  # match may be None


            def untyped(value):
                return len(value) + "1"  # checked although the function has no annotations


            count: int = 1  # type: ignore[assignment]
            """
        )
    )
    config = ["--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(tmp_path / "cache")]
    done = mypy(*config, str(sample))
    errors = done.stdout
    assert done.returncode == 1, errors
    assert 'Item "None" of "Match[str] | None" has no attribute "group"' in errors
    assert "Unsupported operand types for +" in errors
    assert 'Unused "type: ignore" comment' in errors
