"""Run the testing-tools folder's tests and scripts in a child process, bounded in time.

They run where a reader runs them, inside the folder, importing the service's
modules by plain name; a child keeps their conftest.py (and its environment)
out of this test session. Coverage follows the child (coverage's subprocess
patch), so their lines count.
"""

import os
import signal
import subprocess
import sys
from collections.abc import Mapping, Sequence

from apiguide import examples, launcher

EXAMPLE = examples.get("testing_tools/bookshelf")
FOLDER = EXAMPLE.folder


def run_bounded(
    args: Sequence[str], env: Mapping[str, str], timeout: float = 180, *, traced: bool = True
) -> subprocess.CompletedProcess:
    """Run a command in its own process group; on timeout the whole group is killed,
    so a script's children (a CLI it started) do not outlive the test. ``traced=False``
    for a command that runs no Python of the folder (a CLI such as schemathesis')."""
    with subprocess.Popen(
        args,
        cwd=FOLDER,
        env=launcher.environment(env, python_path=EXAMPLE.python_path(), traced=traced),
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


def run_pytest(*test_files: str, **env: str) -> str:
    """pytest's summary output; the run must pass. `-c /dev/null`: no project configuration."""
    completed = run_bounded(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-c",
            "/dev/null",
            "-p",
            "no:cacheprovider",
            *test_files,
        ],
        env,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return completed.stdout
