"""The launcher starts real servers, reports failures clearly, and leaves nothing behind."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from apiguide import launcher, registry, sitecheck


def process_exists(pid: int, grace: float = 3.0) -> bool:
    """Alive and not a zombie, allowing a moment for a killed process to go."""
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return False
        if state == "Z":
            return False
        time.sleep(0.05)
    return True


def test_serves_a_registered_app_over_real_http_then_stops_it():
    with launcher.serve(registry.get("fastapi"), "hello") as server:
        assert server.host == "127.0.0.1"
        response = httpx.get(f"{server.url}/items/3?q=x")
        assert response.json() == {"item_id": 3, "q": "x"}
        assert response.headers["server"] == "uvicorn"
        pid = server.pid
    assert not process_exists(pid)
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{server.url}/")


def test_stops_the_whole_process_group():
    """Workers forked by the server (gunicorn-style) go with it."""
    script = (
        "import http.server, subprocess, sys;"
        "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']);"
        "http.server.HTTPServer(('{host}', {port}), http.server.SimpleHTTPRequestHandler)"
        ".serve_forever()"
    )
    server = launcher.start([sys.executable, "-c", script], name="forking")
    children = [int(p) for p in os.listdir("/proc") if p.isdigit() and _pgid(int(p)) == server.pid]
    assert len(children) >= 2
    server.stop()
    assert not any(process_exists(pid) for pid in children)


def _pgid(pid: int) -> int | None:
    try:
        return os.getpgid(pid)
    except ProcessLookupError:
        return None


def test_a_server_that_exits_names_itself_and_shows_its_output():
    crash = [
        sys.executable,
        "-c",
        "import sys; print('port is on fire', file=sys.stderr); sys.exit(3)",
    ]
    with pytest.raises(launcher.ServerStartError) as error:
        launcher.start(crash, name="broken-framework:contract")
    message = str(error.value)
    assert "broken-framework:contract" in message
    assert "exited with code 3" in message
    assert "port is on fire" in message


def test_a_server_that_never_answers_times_out():
    silent = [sys.executable, "-c", "import time; print('thinking'); time.sleep(30)"]
    with pytest.raises(launcher.ServerStartError, match=r"no HTTP answer .* within 1s"):
        launcher.start(silent, name="silent", timeout=1)
    assert not any(server.name == "silent" for server in launcher._RUNNING.values())


def test_free_port_is_free():
    port = launcher.free_port()
    assert not launcher.answers_http("127.0.0.1", port, timeout=0.2)


def test_an_interruption_while_a_server_starts_waits_until_it_is_registered():
    """A Ctrl-C or SIGTERM between a server's fork and its entry in the table of running
    servers would orphan it: the launcher holds it until the entry exists."""
    reached = []
    with pytest.raises(KeyboardInterrupt), launcher._interruptions_deferred():
        signal.raise_signal(signal.SIGINT)
        reached.append("after the signal")  # still running: the signal is held
    assert reached == ["after the signal"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_only_the_main_thread_holds_interruptions():
    """Other threads cannot set signal handlers (and never receive signals)."""
    handlers = []

    def start_in_a_thread() -> None:
        with launcher._interruptions_deferred():
            handlers.append(signal.getsignal(signal.SIGINT))

    thread = threading.Thread(target=start_in_a_thread)
    thread.start()
    thread.join()
    assert handlers == [signal.default_int_handler]


def test_tools_that_run_no_example_code_are_not_traced_by_the_coverage_gate(monkeypatch):
    seen = {}

    def fake_run(command, **kwargs):
        seen.update(kwargs["env"])
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setenv(launcher.COVERAGE_HOOK, "{}")
    monkeypatch.setattr(sitecheck.subprocess, "run", fake_run)
    sitecheck.build(Path("/nonexistent"))
    assert launcher.COVERAGE_HOOK not in seen and seen["NO_MKDOCS_2_WARNING"] == "1"


@pytest.mark.parametrize("traced", [True, False])
def test_a_server_is_traced_by_the_coverage_gate_only_when_asked(monkeypatch, traced):
    """Untraced servers (the fuzzers') cost half the CPU; traced ones save their data on
    SIGTERM, whatever their own stop signal is."""
    seen = {}

    def fake_popen(args, **kwargs):
        seen.update(kwargs["env"])
        raise OSError("not started: the test only reads the environment")

    monkeypatch.setenv(launcher.COVERAGE_HOOK, "{}")
    monkeypatch.setattr(launcher.subprocess, "Popen", fake_popen)
    with pytest.raises(OSError, match="not started"):
        launcher.start("true", name="probe", traced=traced)
    assert (launcher.COVERAGE_HOOK in seen) is traced
    server = launcher.RunningServer(
        "probe", [], None, "127.0.0.1", 1, Path("/nonexistent"), signal.SIGINT, traced=traced
    )
    assert server._polite_signal() == (signal.SIGTERM if traced else signal.SIGINT)


def test_traced_and_untraced_tests_never_share_a_server(live_server):
    """Coverage counted from a traced server must not depend on which untraced tests
    (fuzzers) a worker happened to send to it first."""
    traced, untraced = live_server("bare-wsgi", traced=True), live_server("bare-wsgi")
    assert traced is not untraced and traced.alive() and untraced.alive()
    assert live_server("bare-wsgi", traced=True) is traced  # one of each per worker
    assert live_server("bare-wsgi") is untraced
