"""Ctrl+C and the page's `sanic server:app`, pressed as in a terminal (SIGINT to the
whole process group). Pinned: the day Sanic changes, a test fails and the page changes.

Sanic's main process starts a worker and waits for it to report that it is ready. The
worker answers requests before it reports, and a Ctrl+C in between stops the worker
but leaves the main process waiting for that report; a second Ctrl+C ends it.
"""

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Iterator

import pytest

from apiguide import examples, launcher

HELLO = examples.get("sanic/hello")
PATIENCE = 3.0  # seconds a server gets to exit after Ctrl+C


@pytest.fixture
def sanic() -> Iterator[subprocess.Popen]:
    """The page's command on a free port, its log read line by line; killed afterwards."""
    process = subprocess.Popen(
        ["sanic", "server:app", "--host", launcher.HOST, "--port", str(launcher.free_port())],
        cwd=HELLO.folder,
        env=launcher.environment(python_path=HELLO.python_path(), traced=False),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    yield process
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(10)


def log_until(process: subprocess.Popen, text: str) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        if text in line:
            return
    pytest.fail(f"sanic exited before logging {text!r}")


def stops_on_ctrl_c(process: subprocess.Popen) -> bool:
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(PATIENCE)
        return True
    except subprocess.TimeoutExpired:
        return False


def test_ctrl_c_while_the_worker_starts_leaves_sanic_running_until_a_second_one(sanic):
    log_until(sanic, "Starting worker")
    assert not stops_on_ctrl_c(sanic), "Sanic now stops on an early Ctrl+C: update its page"
    assert stops_on_ctrl_c(sanic)


def test_ctrl_c_once_the_worker_is_ready_stops_sanic(sanic):
    log_until(sanic, "Worker ready")
    time.sleep(0.5)  # its report reaches the main process just after the log line
    assert stops_on_ctrl_c(sanic)
