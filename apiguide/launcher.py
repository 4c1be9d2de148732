"""Start an example app under its real production server, and stop it cleanly.

Used by the tests (real HTTP) and by scripts/run_benchmarks.py. Every server
is started in its own process group on a free 127.0.0.1 port and is stopped by
PID, group included, when the ``with`` block ends, at interpreter exit, or on
SIGTERM; nothing this module started is left running.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import hashlib
import http.client
import os
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from apiguide import examples
from apiguide.registry import ROOT, Framework

HOST = "127.0.0.1"
_RUNNING: dict[int, RunningServer] = {}


class ServerStartError(RuntimeError):
    """A server did not come up; the message names it and quotes its output."""


@dataclass
class RunningServer:
    name: str
    command: list[str]
    process: subprocess.Popen
    host: str
    port: int
    log_path: Path
    stop_signal: int = signal.SIGTERM
    started_at: float = field(default_factory=time.monotonic)
    traced: bool = False  # by the coverage gate (see ``start``)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def output_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def _polite_signal(self) -> int:
        # A traced server gets SIGTERM: coverage's SIGTERM handler saves its data, while
        # Robyn's runtime exits on SIGINT without running atexit.
        if self.traced:
            return signal.SIGTERM
        return self.stop_signal

    def stop(self, timeout: float = 10.0) -> int | None:
        """Stop the whole process group: polite signal first, SIGKILL if it lingers.

        It leaves the table of running servers only once it is gone, so a stop that an
        interruption cuts short is finished by ``stop_all``."""
        if self.alive():
            _signal_group(self.pid, self._polite_signal())
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                _signal_group(self.pid, signal.SIGKILL)
                self.process.wait(5)
        # Children that outlived the leader (workers) go too.
        _signal_group(self.pid, signal.SIGKILL)
        _RUNNING.pop(self.pid, None)
        with contextlib.suppress(OSError):
            self.log_path.unlink()
        return self.process.returncode


@contextlib.contextmanager
def _interruptions_deferred() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM until the block ends, then deliver them.

    Between the fork of a server and its entry in _RUNNING, an interruption would
    leave a server nobody stops. Only the main thread receives signals in Python.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    held = (signal.SIGINT, signal.SIGTERM)
    previous = {sig: signal.signal(sig, lambda sig, _frame: caught.append(sig)) for sig in held}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, signal.SIG_DFL if handler is None else handler)
        for number in dict.fromkeys(caught):
            signal.raise_signal(number)


def _signal_group(pgid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)


def free_port(host: str = HOST) -> int:
    """A port nothing listens on right now (Robyn loops forever on a busy one)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def answers_http(host: str, port: int, timeout: float = 1.0) -> bool:
    """True once the server returns any HTTP response (a 404 counts)."""
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request("GET", "/", headers={"Connection": "close"})
        conn.getresponse().read()
        return True
    except (OSError, http.client.HTTPException):
        return False
    finally:
        conn.close()


# Coverage's subprocess hook (the suite's `patch = ["subprocess"]`) measures every
# Python process whose environment carries this variable.
COVERAGE_HOOK = "COVERAGE_PROCESS_CONFIG"


def unmeasured(env: Mapping[str, str]) -> dict[str, str]:
    """``env`` for a tool that runs no example code (the site build, the type check,
    the copy-run's runner), so the coverage gate does not trace it: on Python 3.11 the
    tracer sees every call, and a site build took 24 s under it instead of 9 s."""
    return {name: value for name, value in env.items() if name != COVERAGE_HOOK}


def environment(
    extra: Mapping[str, str] | None = None,
    *,
    python_path: Sequence[Path] = (),
    traced: bool = True,
) -> dict[str, str]:
    """The parent's environment with this project's venv first on PATH.

    Imports resolve from ``python_path`` when given (an example folder, which must
    not need the repository to import), else from the repository root. Under the
    coverage gate the process is traced unless ``traced=False`` (see ``unmeasured``).
    """
    env = dict(os.environ)
    venv_bin = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join([venv_bin, env.get("PATH", "")])
    paths = [*map(str, python_path or [ROOT]), env.get("PYTHONPATH")]
    env["PYTHONPATH"] = os.pathsep.join(filter(None, paths))
    env.setdefault("PYTHONUNBUFFERED", "1")
    env.update(extra or {})
    return env if traced else unmeasured(env)


def start(
    command: str | Sequence[str],
    *,
    name: str,
    host: str = HOST,
    port: int | None = None,
    env: Mapping[str, str] | None = None,
    wrap: Sequence[str] = (),
    stop_signal: int = signal.SIGTERM,
    timeout: float = 30.0,
    cwd: Path = ROOT,
    python_path: Sequence[Path] = (),
    traced: bool = True,
) -> RunningServer:
    """Start ``command`` (a template with {host}/{port}) and wait until it answers HTTP.

    ``cwd`` and ``python_path`` serve an example folder the way a reader runs it:
    from inside the folder, importing its modules by their plain names.

    Under the test suite's coverage gate a server is traced like any child process;
    ``traced=False`` starts it without the hook. On Python 3.11 the tracer sees
    every call, so a traced server costs about twice the CPU per request: servers
    that fuzzers and load hammer run untraced, and the gate counts the lines that
    tests asserting their behaviour ran.
    """
    port = port or free_port(host)
    if isinstance(command, str):
        args = shlex.split(command.format(host=host, port=port))
    else:
        args = [part.format(host=host, port=port) for part in command]
    args = [*wrap, *args]
    with (
        _interruptions_deferred(),
        tempfile.NamedTemporaryFile(
            prefix=f"server-{name.replace(':', '-')}-", suffix=".log", delete=False
        ) as log,
    ):
        process = subprocess.Popen(
            args,
            cwd=cwd,
            env=environment(
                {k: v.format(host=host, port=port) for k, v in (env or {}).items()},
                python_path=python_path,
                traced=traced,
            ),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so stop() reaches workers
        )
        server = RunningServer(
            name,
            args,
            process,
            host,
            port,
            Path(log.name),
            stop_signal,
            traced=traced and COVERAGE_HOOK in os.environ,
        )
        _RUNNING[process.pid] = server
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not server.alive():
            tail = server.output_tail()
            server.stop()
            raise ServerStartError(
                f"{name}: server exited with code {process.returncode} before answering.\n"
                f"command: {shlex.join(args)}\n--- output ---\n{tail}"
            )
        if answers_http(host, port):
            return server
        time.sleep(0.05)
    tail = server.output_tail()
    server.stop()
    raise ServerStartError(
        f"{name}: no HTTP answer on {host}:{port} within {timeout:.0f}s.\n"
        f"command: {shlex.join(args)}\n--- output ---\n{tail}"
    )


# The step a Django project's page runs before its server: the tables its views query.
MIGRATE = "python manage.py migrate"


def migrate(example: examples.Example, env: Mapping[str, str] | None = None) -> None:
    """Run ``python manage.py migrate`` in the folder if the page's command does.

    One run at a time per folder: two test workers may start the same project at
    once, and SQLite refuses to create the same tables twice concurrently.
    """
    if MIGRATE not in example.run.splitlines():
        return
    key = hashlib.sha256(str(example.folder).encode()).hexdigest()[:16]
    lock_path = Path(tempfile.gettempdir()) / f"apiguide-migrate-{key}.lock"
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = subprocess.run(
            [sys.executable, *shlex.split(MIGRATE)[1:], "--no-input", "--verbosity", "0"],
            cwd=example.folder,
            env=environment(env, python_path=example.python_path()),
            capture_output=True,
            text=True,
            timeout=120,
        )
    if done.returncode != 0:
        raise ServerStartError(f"{example.name}: `{MIGRATE}` failed:\n{done.stderr[-3000:]}")


def start_framework(
    framework: Framework,
    app: str = "contract",
    *,
    wrap: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    timeout: float = 30.0,
    traced: bool = True,
) -> RunningServer:
    """Start one of a registered framework's apps under its registered server."""
    assert framework.server is not None, f"{framework.slug} has no server"
    folder, _ = framework.location(app)
    example = examples.owner(ROOT / folder) if folder else None
    if example is not None:
        migrate(example, {**framework.env, **(env or {})})
    return start(
        framework.command(app),
        name=f"{framework.slug}:{app}",
        env={**framework.env, **(env or {})},
        wrap=wrap,
        stop_signal=getattr(signal, framework.server.stop_signal),
        timeout=timeout,
        cwd=ROOT / folder if folder else ROOT,
        python_path=example.python_path() if example else (),
        traced=traced,
    )


@contextlib.contextmanager
def serve(framework: Framework, app: str = "contract", **kwargs) -> Iterator[RunningServer]:
    """``with serve(fw) as server: ...`` -- the server is gone after the block."""
    server = start_framework(framework, app, **kwargs)
    try:
        yield server
    finally:
        server.stop()


def stop_many(servers: Iterable[RunningServer]) -> None:
    """Stop several servers at once: each may take seconds to shut down gracefully."""
    servers = list(servers)
    if servers:
        with ThreadPoolExecutor(len(servers)) as pool:
            list(pool.map(RunningServer.stop, servers))


def stop_all() -> None:
    # One by one: it also runs at interpreter exit, when no new thread may start.
    for server in list(_RUNNING.values()):
        server.stop()


def _stop_all_and_exit(signum: int, _frame) -> None:
    stop_all()
    raise SystemExit(128 + signum)


atexit.register(stop_all)
# SIGTERM (CI cancelling a run) should not orphan servers; only the main thread may set it.
if (
    threading.current_thread() is threading.main_thread()
    and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
):
    signal.signal(signal.SIGTERM, _stop_all_and_exit)
