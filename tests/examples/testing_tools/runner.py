"""Run one example test module with pytest in a child process, bounded in time.

The example modules are pytest files a reader runs directly; running them in a
child keeps their conftest.py (and its environment) out of this test session.
Coverage follows the child (coverage's subprocess patch), so their lines count.
"""

import os
import signal
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from apiguide.registry import ROOT

EXAMPLES = ROOT / "examples" / "testing_tools"


def run_bounded(
    args: Sequence[str], env: Mapping[str, str], timeout: float = 180
) -> subprocess.CompletedProcess:
    """Run a command in its own process group; on timeout the whole group is killed,
    so a script's children (a CLI it started) do not outlive the test."""
    with subprocess.Popen(
        args,
        cwd=ROOT,
        env=dict(env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    ) as process:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise
    return subprocess.CompletedProcess(args, process.returncode, stdout, stderr)


def run_pytest(example: Path, **env: str) -> str:
    """pytest's summary output; the run must pass."""
    completed = run_bounded(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(example)],
        {**os.environ, **env},
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return completed.stdout
