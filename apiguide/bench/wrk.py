"""Run wrk against a server; read its numbers from JSON its Lua ``done()`` hook prints.

wrk's text report rounds every figure (``2.04ms``, ``2.05k``); the Lua hook
``done(summary, latency, requests)`` sees the exact counters and the latency
histogram, so the script below prints them as one JSON line, which is all
this module parses.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from apiguide.bench.scenarios import Scenario

WRK = "wrk"
TIMEOUT = "8s"  # as TechEmpower: a slow answer counts as latency, not as an error
SOCKET_ERRORS = ("connect", "read", "write", "timeout")
PERCENTILES = ("50", "75", "90", "99", "99.9")
MARKER = "WRK_RESULT_JSON "

# Lua: wrk calls done() once, after the run, with its exact totals. Durations
# and latencies are microseconds; ``errors.status`` counts answers >= 400.
DONE_HOOK = """
done = function(summary, latency, requests)
  local e = summary.errors
  local parts = {}
  for _, p in ipairs({@PERCENTILES@}) do
    parts[#parts + 1] = string.format('"%s": %.17g', p, latency:percentile(tonumber(p)))
  end
  io.write(string.format(
    '@MARKER@{"duration_us": %d, "requests": %d, "bytes": %d, '
    .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, '
    .. '"latency_us": {"min": %.17g, "max": %.17g, "mean": %.17g, "stdev": %.17g, '
    .. '"percentiles": {%s}}}\\n',
    summary.duration, summary.requests, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.min, latency.max, latency.mean, latency.stdev, table.concat(parts, ", ")))
end
""".replace("@PERCENTILES@", ", ".join(f'"{p}"' for p in PERCENTILES)).replace("@MARKER@", MARKER)


class WrkError(RuntimeError):
    """wrk failed or printed no result line."""


@dataclass
class WrkResult:
    requests: int
    duration_s: float
    requests_per_s: float
    # "50", "75", "90", "99", "99.9" -> milliseconds; None when no request completed
    # (wrk's empty histogram reports 0, which is not a latency).
    latency_ms: dict[str, float] | None
    latency_mean_ms: float | None = None
    latency_max_ms: float | None = None
    socket_errors: dict[str, int] = field(default_factory=dict)  # connect/read/write/timeout
    non_2xx_3xx: int = 0  # answers with status >= 400 (wrk's "Non-2xx or 3xx responses")
    bytes: int = 0
    cpu_s: float = 0.0  # wrk's own user+system CPU time
    cpu_busy: float = 0.0  # cpu_s / duration_s: near 1.0 means the generator was the limit

    @property
    def empty(self) -> bool:
        return self.requests == 0

    def as_dict(self) -> dict:
        return asdict(self)


def parse(output: str) -> WrkResult:
    """The result line the done() hook printed, anywhere in wrk's output."""
    lines = [line for line in output.splitlines() if line.startswith(MARKER)]
    if len(lines) != 1:
        raise WrkError(f"no result line from wrk's done() hook:\n{output}")
    try:
        raw = json.loads(lines[0][len(MARKER) :])
    except ValueError as error:
        raise WrkError(f"unreadable result line from wrk: {lines[0]!r}") from error
    return from_summary(raw)


def from_summary(raw: dict) -> WrkResult:
    requests = int(raw["requests"])
    duration_s = raw["duration_us"] / 1e6
    latency = raw["latency_us"]
    errors = raw["errors"]
    filled = requests > 0
    return WrkResult(
        requests=requests,
        duration_s=duration_s,
        requests_per_s=requests / duration_s if duration_s else 0.0,
        latency_ms=({p: latency["percentiles"][p] / 1e3 for p in PERCENTILES} if filled else None),
        latency_mean_ms=latency["mean"] / 1e3 if filled else None,
        latency_max_ms=latency["max"] / 1e3 if filled else None,
        socket_errors={kind: int(errors[kind]) for kind in SOCKET_ERRORS},
        non_2xx_3xx=int(errors["status"]),
        bytes=int(raw["bytes"]),
    )


def version() -> str:
    """First line of ``wrk -v``, e.g. 'wrk debian/4.1.0-3+b2 [epoll] ...'."""
    result = subprocess.run([WRK, "-v"], capture_output=True, text=True, check=False)
    return (result.stdout or result.stderr).splitlines()[0].strip()


def lua_script(scenario: Scenario) -> str:
    """The done() hook, plus a request cycle when the scenario is more than one plain GET."""
    lines = []
    if len(scenario.requests) > 1 or scenario.requests[0].body is not None:
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
    return "\n".join(lines) + DONE_HOOK


def flags(connections: int, duration: int) -> list[str]:
    """wrk's command-line flags; it takes whole seconds only."""
    return ["-t1", f"-c{connections}", f"-d{duration}s", f"--timeout={TIMEOUT}"]


def run(
    url: str,
    scenario: Scenario,
    *,
    connections: int,
    duration: int,
    prefix: list[str] | tuple[str, ...] = (),
) -> WrkResult:
    """One wrk window against ``url``; ``prefix`` pins it (e.g. ``taskset -c 1``)."""
    with tempfile.TemporaryDirectory(prefix="bench-wrk-") as tmp:
        path = Path(tmp, "scenario.lua")
        path.write_text(lua_script(scenario))
        args = [*prefix, WRK, *flags(connections, duration), "-s", str(path)]
        target = url + scenario.requests[0].path
        with subprocess.Popen(
            [*args, target], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        ) as process:
            try:
                output = process.stdout.read() if process.stdout else ""
                # wait4 reaps wrk and reports its CPU time (taskset execs wrk: same pid).
                _, status, usage = os.wait4(process.pid, 0)
            except BaseException:
                process.kill()  # interrupted: wrk must not outlive the run
                raise
            process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise WrkError(f"wrk exited with {process.returncode}:\n{output}")
    result = parse(output)
    result.cpu_s = usage.ru_utime + usage.ru_stime
    result.cpu_busy = result.cpu_s / result.duration_s if result.duration_s else 0.0
    return result
