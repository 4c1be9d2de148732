"""Start-up cost: from process start to the first answered request, and the app's import time.

Wall time is measured by starting the server command (as the launcher does:
own process group, same environment) and asking ``GET /`` every 5 ms until
any HTTP answer arrives. Import time is a fresh interpreter importing the app
module and nothing else. Instructions (optional, slow) are the whole start-up
under callgrind with counting on from the first instruction, dumped at the
first answer.
"""

from __future__ import annotations

import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from apiguide import launcher
from apiguide.bench import SERVER_ENV, callgrind
from apiguide.registry import ROOT, Framework

POLL_S = 0.005
TIMEOUT_S = 60.0
CALLGRIND_TIMEOUT_S = 600.0

IMPORT_PROBE = (
    "import importlib, sys, time\n"
    "started = time.perf_counter()\n"
    "importlib.import_module(sys.argv[1])\n"
    "print(time.perf_counter() - started)\n"
)


def _spawn(framework: Framework, wrap: list[str], log: Path) -> launcher.RunningServer:
    host, port = launcher.HOST, launcher.free_port()
    args = [*wrap, *shlex.split(framework.command().format(host=host, port=port))]
    env = launcher.environment({**framework.env, **SERVER_ENV})
    with log.open("wb") as out:
        process = subprocess.Popen(
            args,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    stop_signal = getattr(signal, framework.server.stop_signal) if framework.server else 15
    return launcher.RunningServer(
        framework.slug, args, process, host, port, log, stop_signal=stop_signal
    )


def _wait_for_answer(server: launcher.RunningServer, timeout: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if not server.alive():
            raise launcher.ServerStartError(
                f"{server.name}: exited with code {server.process.returncode} during start-up\n"
                + server.output_tail()
            )
        if launcher.answers_http(server.host, server.port, timeout=timeout):
            return time.monotonic() - started
        time.sleep(POLL_S)
    raise launcher.ServerStartError(f"{server.name}: no answer within {timeout:.0f}s")


def time_to_first_answer(framework: Framework) -> float:
    """Seconds from spawning the server command to its first HTTP answer."""
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        started = time.monotonic()
        server = _spawn(framework, [], Path(tmp, "server.log"))
        try:
            _wait_for_answer(server, TIMEOUT_S)
            return time.monotonic() - started
        finally:
            server.stop()


def import_seconds(framework: Framework) -> float:
    """Seconds a fresh interpreter takes to import the app module."""
    module = framework.target().split(":")[0]
    completed = subprocess.run(
        [sys.executable, "-c", IMPORT_PROBE, module],
        cwd=ROOT,
        env=launcher.environment({**framework.env, **SERVER_ENV}),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"importing {module} failed:\n{completed.stderr[-2000:]}")
    return float(completed.stdout.strip().splitlines()[-1])


def startup_instructions(framework: Framework) -> int:
    """Instructions of every process of the server from its first one to its first answer."""
    with tempfile.TemporaryDirectory(prefix="bench-startup-cg-") as tmp:
        out_dir = Path(tmp)
        wrap = [
            "--instr-atstart=yes" if arg == "--instr-atstart=no" else arg
            for arg in callgrind.wrap(out_dir)
        ]
        server = _spawn(framework, wrap, out_dir / "server.log")
        try:
            _wait_for_answer(server, CALLGRIND_TIMEOUT_S)
            return callgrind.dump(server.pid, out_dir)
        finally:
            server.stop(timeout=60)


def measure(framework: Framework, *, instructions: bool = False) -> dict:
    sample = {
        "first_answer_s": time_to_first_answer(framework),
        "import_s": import_seconds(framework),
    }
    if instructions:
        sample["instructions"] = startup_instructions(framework)
    return sample


def summary(samples: list[dict]) -> dict:
    """Medians over the samples (instructions when any sample has them)."""
    result = {
        "first_answer_s": statistics.median(s["first_answer_s"] for s in samples),
        "import_s": statistics.median(s["import_s"] for s in samples),
        "samples": len(samples),
    }
    counted = [s["instructions"] for s in samples if "instructions" in s]
    result["instructions"] = statistics.median(counted) if counted else None
    return result
