"""A load test with wrk against a running Bookshelf: reads, then authenticated writes.

Start the service, then ``python load.py``; ``BOOKSHELF_URL`` points it elsewhere
than http://127.0.0.1:8000. Needs wrk on the PATH.
"""

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import httpx

BASE_URL = os.environ.get("BOOKSHELF_URL", "http://127.0.0.1:8000")
POST_BOOK_SCRIPT = Path(__file__).with_name("post_book.lua")
_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass
class LoadResult:
    requests_per_s: float
    p99_ms: float
    non_2xx_3xx: int  # wrk prints this line only when there were any


def run_wrk(
    url: str, *, seconds: int = 2, connections: int = 8, script: Path | None = None, token: str = ""
) -> LoadResult:
    """One bounded wrk run; with ``script``, wrk runs that Lua script with the token."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script:
        command += ["-s", str(script)]
    env = {**os.environ, "BOOKSHELF_TOKEN": token}
    completed = subprocess.run(
        [*command, url], capture_output=True, text=True, env=env, check=True, timeout=seconds + 30
    )
    return parse_summary(completed.stdout)


def parse_summary(output: str) -> LoadResult:
    """Only the numbers we need from wrk's report: it has more (latency spread, errors)."""
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M)
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)", output, re.M)
    if not (rate and p99):
        raise RuntimeError(f"unexpected wrk output:\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return LoadResult(
        requests_per_s=float(rate[1]),
        p99_ms=float(p99[1]) * _UNITS_MS[p99[2]],
        non_2xx_3xx=int(non_2xx[1]) if non_2xx else 0,
    )


def log_in(base_url: str, username: str = "alice", password: str = "wonderland") -> str:
    """A bearer token for the tutorial's test account."""
    response = httpx.post(
        f"{base_url}/token", data={"username": username, "password": password}, timeout=10
    )
    response.raise_for_status()
    return response.json()["access_token"]


def main(base_url: str = BASE_URL) -> dict[str, LoadResult]:
    results = {
        "GET /books": run_wrk(f"{base_url}/books"),
        "POST /books": run_wrk(
            f"{base_url}/books", script=POST_BOOK_SCRIPT, token=log_in(base_url)
        ),
    }
    for name, result in results.items():
        print(
            f"{name}: {result.requests_per_s:.0f} requests/s, p99 {result.p99_ms:.1f} ms, "
            f"{result.non_2xx_3xx} non-2xx/3xx"
        )
    return results


if __name__ == "__main__":
    main()
