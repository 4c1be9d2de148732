"""Start-up cost: from process start to the first answered request, and the app's import time.

Wall time is the launcher starting the server (the same command, directory and
environment as every other measure) until it returns, which it does as soon as
``GET /`` gets any HTTP answer; the launcher asks every 50 ms, so this is the
resolution. Import time is a fresh interpreter importing the app module and
nothing else, timed inside it. Instructions (optional, slow) are the whole
start-up under callgrind with counting on from the first instruction, dumped
at the first answer.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from apiguide import examples, launcher
from apiguide.bench import SERVER_ENV, callgrind
from apiguide.registry import ROOT, Framework

TIMEOUT_S = 60.0
CALLGRIND_TIMEOUT_S = 600.0

IMPORT_PROBE = (
    "import importlib, sys, time\n"
    "sys.path.insert(0, '.')\n"
    "started = time.perf_counter()\n"
    "importlib.import_module(sys.argv[1])\n"
    "print(time.perf_counter() - started)\n"
)


def app_module(framework: Framework, app: str = "contract") -> tuple[Path, str, list[Path]]:
    """(directory, module, import path) of an app, the way the launcher serves it: an
    example folder's module by its plain name from inside the folder, or a dotted
    module from the repository root."""
    folder, target = framework.location(app)
    example = examples.owner(ROOT / folder) if folder else None
    python_path = list(example.python_path()) if example else []
    return (ROOT / folder if folder else ROOT), target.split(":")[0], python_path


def time_to_first_answer(framework: Framework) -> float:
    """Seconds from starting the server command to its first HTTP answer."""
    started = time.monotonic()
    server = launcher.start_framework(framework, env=SERVER_ENV, timeout=TIMEOUT_S)
    elapsed = time.monotonic() - started
    server.stop()
    return elapsed


def import_seconds(framework: Framework) -> float:
    """Seconds a fresh interpreter takes to import the app module."""
    folder, module, python_path = app_module(framework)
    completed = subprocess.run(
        [sys.executable, "-c", IMPORT_PROBE, module],
        cwd=folder,
        env=launcher.environment({**framework.env, **SERVER_ENV}, python_path=python_path),
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
        server = launcher.start_framework(
            framework, wrap=wrap, env=SERVER_ENV, timeout=CALLGRIND_TIMEOUT_S
        )
        try:
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
