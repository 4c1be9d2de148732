"""Run wrk against a server and parse its ``--latency`` report."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from apiguide.bench.scenarios import Scenario

WRK = "wrk"
TIMEOUT = "8s"  # as TechEmpower: a slow answer counts as latency, not as an error
_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3, "h": 3600e3}
SOCKET_ERRORS = ("connect", "read", "write", "timeout")
_SIZE = r"([\d.]+)(us|ms|s|m|h)"


class WrkError(RuntimeError):
    """wrk failed or printed something the parser does not understand."""


@dataclass
class WrkResult:
    requests: int
    duration_s: float
    requests_per_s: float
    latency_ms: dict[str, float]  # "50", "75", "90", "99" -> milliseconds
    socket_errors: dict[str, int] = field(default_factory=dict)  # connect/read/write/timeout
    non_2xx_3xx: int = 0
    cpu_s: float = 0.0  # wrk's own user+system CPU time
    cpu_busy: float = 0.0  # cpu_s / duration_s: near 1.0 means the generator was the limit

    def as_dict(self) -> dict:
        return asdict(self)


def _ms(value: str, unit: str) -> float:
    return float(value) * _UNITS[unit]


def parse(output: str) -> WrkResult:
    """Parse the text wrk prints with ``--latency`` (wrk 4.x)."""
    percentiles = {
        p: _ms(v, u) for p, v, u in re.findall(r"^\s+(50|75|90|99)%\s+" + _SIZE, output, re.M)
    }
    total = re.search(r"^\s*(\d+) requests in " + _SIZE, output, re.M)
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M)
    if not (total and rate and len(percentiles) == 4):
        raise WrkError(f"unexpected wrk output:\n{output}")
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return WrkResult(
        requests=int(total[1]),
        duration_s=_ms(total[2], total[3]) / 1e3,
        requests_per_s=float(rate[1]),
        latency_ms=percentiles,
        socket_errors=(
            dict(
                zip(("connect", "read", "write", "timeout"), map(int, errors.groups()), strict=True)
            )
            if errors
            else {}
        ),
        non_2xx_3xx=int(non_2xx[1]) if non_2xx else 0,
    )


def version() -> str:
    """First line of ``wrk -v``, e.g. 'wrk debian/4.1.0-3+b2 [epoll] ...'."""
    result = subprocess.run([WRK, "-v"], capture_output=True, text=True, check=False)
    return (result.stdout or result.stderr).splitlines()[0].strip()


def lua_script(scenario: Scenario) -> str | None:
    """A script cycling through the scenario's requests, or None for one plain GET."""
    if len(scenario.requests) == 1 and scenario.requests[0].body is None:
        return None
    lines = ["local requests = {}", "init = function(args)"]
    for n, request in enumerate(scenario.requests, 1):
        headers = ", ".join(f'["{k}"] = "{v}"' for k, v in request.headers.items())
        body = f"[==[{request.body}]==]" if request.body is not None else "nil"
        call = f'wrk.format("{request.method}", "{request.path}", {{{headers}}}, {body})'
        lines.append(f"  requests[{n}] = {call}")
    lines += [
        "end",
        "local n = 0",
        "request = function()",
        "  n = n % #requests + 1",
        "  return requests[n]",
        "end",
    ]
    return "\n".join(lines) + "\n"


def flags(connections: int, duration: int) -> list[str]:
    """wrk's command-line flags; it takes whole seconds only."""
    return ["-t1", f"-c{connections}", f"-d{duration}s", f"--timeout={TIMEOUT}", "--latency"]


def run(
    url: str,
    scenario: Scenario,
    *,
    connections: int,
    duration: int,
    prefix: list[str] | tuple[str, ...] = (),
) -> WrkResult:
    """One wrk window against ``url``; ``prefix`` pins it (e.g. ``taskset -c 1``)."""
    script = lua_script(scenario)
    with tempfile.TemporaryDirectory(prefix="bench-wrk-") as tmp:
        args = [*prefix, WRK, *flags(connections, duration)]
        if script is not None:
            path = Path(tmp, "scenario.lua")
            path.write_text(script)
            args += ["-s", str(path)]
        target = url + scenario.requests[0].path
        with subprocess.Popen(
            [*args, target], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        ) as process:
            output = process.stdout.read() if process.stdout else ""
            # wait4 reaps wrk and reports its CPU time (taskset execs wrk: same pid).
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise WrkError(f"wrk exited with {process.returncode}:\n{output}")
    result = parse(output)
    result.cpu_s = usage.ru_utime + usage.ru_stime
    result.cpu_busy = result.cpu_s / result.duration_s if result.duration_s else 0.0
    return result
