"""Copied from the page, it runs: every example, taken from the built HTML as a reader copies it.

The pages' code blocks carry ``data-example`` and ``data-role`` (written by the
macros in ``apiguide.macros``). This module reads them back from the built site
exactly as Material's copy button gives them, groups them per example, and runs
each example in an empty folder with a fresh environment holding only the
packages of the page's install line:

* ``file``/``test``: a file the reader saves, under its title;
* ``install``/``test-install``: the install line (``python -m pip install ...``);
* ``run``/``test-run``: the command the reader runs in the folder;
* ``output``: a console block of ``$ curl ...`` requests and the answers shown;
* ``client``: a command run in a second terminal while the server runs;
* ``fragment``: an excerpt, marked as such on the page; never run alone.

A Python block with no role is an error: a reader could not tell whether it runs.

Servers run inside their own network namespace (``unshare --net``) so that every
example listens on the page's own address, 127.0.0.1:8000, even when several
run at once; ``python -m apiguide.copyrun JOB.json`` is the part that runs in it.
"""

from __future__ import annotations

import contextlib
import difflib
import fcntl
import hashlib
import html.parser
import importlib.util
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from apiguide.examples import READER_HOST, READER_PORT
from apiguide.launcher import unmeasured

ROLES = (
    *("file", "test", "install", "test-install", "run", "test-run", "output", "fragment"),
    "client",
)
HTTPBIN_PORT = 8080
# The local httpbin client examples talk to: the page shows these lines (macro
# `httpbin_commands`) and the check runs the same command.
HTTPBIN_PACKAGES = ("httpbin", "gunicorn")
HTTPBIN_COMMAND = f"gunicorn httpbin:app --bind 127.0.0.1:{HTTPBIN_PORT}"
SERVER_START_TIMEOUT = 90.0  # a first `fastapi dev` or Django start can take a while
STEP_TIMEOUT = 240.0
# Values that differ on every run (random API keys, signed tokens, generated ids, the
# time) are compared as placeholders; a stored page keeps one real value, so it shows
# a real answer.
VOLATILE = (
    (re.compile(r"eyJ[\w-]+\.[\w-]+\.[\w-]+"), "<token>"),
    (re.compile(r"\b[a-z]+_[A-Za-z0-9_-]{32,}"), "<random key>"),
    # Python 3.13 names HTTP 422 as RFC 9110 does; 3.11 and 3.12 say "Unprocessable Entity".
    (re.compile(r"\bUnprocessable Content\b"), "Unprocessable Entity"),
    (re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"), "<uuid>"),
    (
        re.compile(r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?"),
        "<time>",
    ),
)
# Material's copy button leaves out annotation markers such as `# (1)!`.
ANNOTATION = re.compile(r"\s*#\s*\(\d+\)!?\s*$", re.MULTILINE)


@dataclass
class Block:
    page: str
    language: str
    attrs: dict[str, str]
    text: str

    @property
    def example(self) -> str | None:
        return self.attrs.get("data-example")

    @property
    def role(self) -> str | None:
        return self.attrs.get("data-role")

    @property
    def first_line(self) -> str:
        return next((line for line in self.text.splitlines() if line.strip()), "")


class _CodeBlocks(html.parser.HTMLParser):
    """Collects ``div.highlight`` blocks: their attributes and the text of their ``<code>``."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.blocks: list[Block] = []
        self._current: dict[str, str] | None = None
        self._depth = 0
        self._in_code = False
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if self._current is not None:
            if tag == "div":
                self._depth += 1
            elif tag == "code":
                self._in_code = True
            return
        if tag == "div" and "highlight" in values.get("class", "").split():
            self._current, self._depth, self._text = values, 0, []

    def handle_endtag(self, tag: str) -> None:
        if self._current is None:
            return
        if tag == "code":
            self._in_code = False
        elif tag == "div":
            if self._depth:
                self._depth -= 1
                return
            classes = self._current.get("class", "").split()
            language = next((c[9:] for c in classes if c.startswith("language-")), "")
            text = ANNOTATION.sub("", "".join(self._text)).rstrip("\n")
            self.blocks.append(Block(self.page, language, self._current, text))
            self._current = None

    def handle_data(self, data: str) -> None:
        if self._current is not None and self._in_code:
            self._text.append(data)


def page_blocks(site_dir: Path) -> list[Block]:
    found: list[Block] = []
    for page in sorted(site_dir.rglob("*.html")):
        parser = _CodeBlocks(str(page.relative_to(site_dir)))
        parser.feed(page.read_text(encoding="utf-8"))
        found += parser.blocks
    return found


@dataclass
class Copy:
    """One example as a page shows it: what a reader copies, keyed by role."""

    example: str
    page: str
    files: dict[str, str] = field(default_factory=dict)
    tests: dict[str, str] = field(default_factory=dict)
    install: str = ""
    test_install: str = ""
    run: str = ""
    test_run: str = ""
    outputs: list[str] = field(default_factory=list)
    clients: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.page} [{self.example}]"


@dataclass
class Inventory:
    copies: list[Copy]
    fragments: list[Block]
    unmarked: list[Block]  # Python blocks a reader cannot classify
    problems: list[str]  # inconsistent groups (e.g. files without an install line)
    others: int  # shell, console and data blocks not tied to an example


def inventory(blocks: list[Block]) -> Inventory:
    copies: dict[tuple[str, str], Copy] = {}
    fragments, unmarked, problems, others = [], [], [], 0
    for block in blocks:
        role, name = block.role, block.example
        if role == "fragment":
            fragments.append(block)
            continue
        if role is None or name is None:
            if block.language in ("python", "py"):
                unmarked.append(block)
            else:
                others += 1
            continue
        if role not in ROLES:
            problems.append(f"{block.page}: unknown data-role {role!r} ({block.first_line})")
            continue
        copy = copies.setdefault((block.page, name), Copy(name, block.page))
        if role in ("file", "test"):
            title = block.attrs.get("data-file", "")
            if not title:
                problems.append(f"{copy.label}: a {role} block has no file name")
            (copy.files if role == "file" else copy.tests)[title] = block.text + "\n"
        elif role == "output":
            copy.outputs.append(block.text)
        elif role == "client":
            copy.clients.append(block.text.strip())
        else:
            setattr(copy, role.replace("-", "_"), block.text.strip())
    # Output shown on a page without the files is replayed against the page that has them.
    complete = {c.example: c for c in copies.values() if c.files}
    for copy in list(copies.values()):
        if not copy.files:
            if copy.example in complete and not (copy.tests or copy.run or copy.install):
                complete[copy.example].outputs += copy.outputs
                del copies[(copy.page, copy.example)]
            else:
                problems.append(f"{copy.label}: commands or tests shown without the program files")
            continue
        if not copy.install or not copy.run:
            problems.append(f"{copy.label}: program shown without its install line or command")
        if copy.tests and not (copy.test_install and copy.test_run):
            problems.append(f"{copy.label}: tests shown without their install line or command")
    return Inventory(list(copies.values()), fragments, unmarked, problems, others)


# --- environments -----------------------------------------------------------------


def packages(install_line: str) -> list[str]:
    """``python -m pip install 'a[x]' b`` -> ``["a[x]", "b"]`` (exactly what the page names)."""
    words = shlex.split(install_line)
    if "install" not in words:
        raise ValueError(f"not an install line: {install_line!r}")
    names = words[words.index("install") + 1 :]
    if not names or any(n.startswith("-") for n in names):
        raise ValueError(f"an install line names packages only: {install_line!r}")
    return names


def uv_command() -> list[str]:
    found = shutil.which("uv")
    return [found] if found else ["python3", "-m", "uv"]


def constraints(root: Path, dest: Path) -> Path:
    """The lock's versions as constraints: the check installs what the site was tested with."""
    subprocess.run(
        [
            *uv_command(),
            "export",
            "--frozen",
            "--no-hashes",
            "--all-groups",
            "--no-emit-project",
            "--no-header",
            "--no-annotate",
            "--quiet",
            "-o",
            str(dest),
        ],
        cwd=root,
        check=True,
        capture_output=True,
    )
    return dest


def environment(names: list[str], cache_dir: Path, constraint_file: Path) -> Path:
    """A fresh virtual environment with exactly ``names`` (and their dependencies).

    One per distinct install line per test run; a lock lets parallel workers share it.
    """
    key = hashlib.sha256(json.dumps(sorted(names)).encode()).hexdigest()[:16]
    venv = cache_dir / f"env-{key}"
    cache_dir.mkdir(parents=True, exist_ok=True)
    with (cache_dir / f"env-{key}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (venv / ".complete").exists():
            shutil.rmtree(venv, ignore_errors=True)
            uv = uv_command()
            subprocess.run(
                [*uv, "venv", "--quiet", "--python", sys.executable, str(venv)],
                check=True,
                capture_output=True,
                text=True,
            )
            done = subprocess.run(
                [
                    *uv,
                    *("pip", "install", "--quiet", "--python", str(venv / "bin" / "python")),
                    *("--constraint", str(constraint_file), *names),
                ],
                capture_output=True,
                text=True,
            )
            if done.returncode:
                raise RuntimeError(f"installing {names} failed:\n{done.stderr[-3000:]}")
            (venv / ".complete").write_text(json.dumps(names))
    return venv


# --- measuring the reader's test run (the test suite's coverage gate) --------------

_HOOK = """\
# Started by the copy-run check, not by the reader: coverage of the copied example.
import coverage

coverage.process_startup()
"""


def coverage_env(hook_dir: Path, folder: Path, venv: Path, data_dir: Path) -> dict[str, str]:
    """Environment that has every Python of the reader's test run record coverage of the
    copied files into ``data_dir``, with nothing installed into the reader's environment:
    a ``sitecustomize`` on ``PYTHONPATH`` starts this project's coverage (the same
    interpreter built both). The settings are the project's, narrowed to the copy."""
    hook_dir.mkdir(parents=True, exist_ok=True)
    (hook_dir / "sitecustomize.py").write_text(_HOOK)
    spec = importlib.util.find_spec("coverage")
    if spec is None or spec.origin is None:
        raise RuntimeError("coverage is not installed in this project's environment")
    with contextlib.suppress(FileExistsError):  # another worker made it first
        (hook_dir / "coverage").symlink_to(Path(spec.origin).parent)
    project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    run = project["tool"]["coverage"]["run"]
    # Greenlet tracing only where the reader's environment has greenlet (SQLAlchemy's).
    concurrency = [c for c in run["concurrency"] if c != "greenlet"]
    if "greenlet" in run["concurrency"] and any(venv.glob("lib/python*/site-packages/greenlet")):
        concurrency.append("greenlet")
    settings = {
        "source": [str(folder)],
        "omit": run["omit"],
        "branch": run["branch"],
        "parallel": True,
        "data_file": str(data_dir / ".coverage"),
        "concurrency": concurrency,
    }
    lines = ["[run]"]
    for key, value in settings.items():
        if isinstance(value, list):
            value = "".join(f"\n    {v}" for v in value)
        lines.append(f"{key} = {value}")
    data_dir.mkdir(parents=True, exist_ok=True)
    rc = data_dir / "coveragerc"
    rc.write_text("\n".join(lines) + "\n")
    return {"PYTHONPATH": str(hook_dir), "COVERAGE_PROCESS_START": str(rc)}


def line_map(copied: str, original: str) -> dict[int, int]:
    """Line numbers of a copied file -> the original's. A page shows a file without its
    snippet markers (``# --8<-- [start:json]``), so the copy's lines are a subsequence."""
    matcher = difflib.SequenceMatcher(
        a=copied.splitlines(), b=original.splitlines(), autojunk=False
    )
    return {
        a + 1 + k: b + 1 + k for a, b, size in matcher.get_matching_blocks() for k in range(size)
    }


def coverage_back_home(data_dir: Path, originals: dict[Path, Path], data_file: Path) -> int:
    """Coverage recorded in a reader's copy, as lines of the repository's own files.

    ``originals`` maps each copied file to the file it was shown from (its folder's, or a
    file shared from another folder); the result is written next to the suite's other
    data (``data_file`` plus a suffix) for pytest-cov to combine. Returns the files kept.
    """
    from coverage import CoverageData  # a test-only dependency; the site build never needs it

    arcs: dict[str, set[tuple[int, int]]] = {}
    for part in sorted(data_dir.glob(".coverage.*")):
        recorded = CoverageData(basename=str(part))
        recorded.read()
        for measured in recorded.measured_files():
            original = originals.get(Path(measured).resolve())
            if original is None:
                continue
            mapping = line_map(Path(measured).read_text(), original.read_text())

            def home(line: int, mapping: dict[int, int] = mapping) -> int | None:
                found = mapping.get(abs(line))
                return None if found is None else (found if line > 0 else -found)

            for start, end in recorded.arcs(measured) or ():
                pair = (home(start), home(end))
                if None not in pair:
                    arcs.setdefault(str(original), set()).add(pair)  # type: ignore[arg-type]
    if arcs:
        result = CoverageData(basename=str(data_file), suffix=True)
        result.add_arcs(arcs)
        result.write()
    return len(arcs)


# --- the job that runs inside the network namespace --------------------------------


@dataclass
class Service:
    """Something the example talks to, started first in the same namespace."""

    name: str
    command: str
    cwd: str
    env: dict[str, str]
    port: int


@dataclass
class Job:
    label: str
    folder: str
    kind: str  # "server" or "script"
    run: str
    run_env: str
    outputs: list[str]
    test_run: str = ""
    test_env: str = ""
    services: list[Service] = field(default_factory=list)
    prints: list[str] = field(default_factory=list)  # a script's `#>` lines, in order
    clients: list[str] = field(default_factory=list)  # run while the server runs
    measure_env: dict[str, str] = field(default_factory=dict)  # see `coverage_env`


def reader_env(venv: str) -> dict[str, str]:
    """What a reader's shell has after activating the environment: nothing of this project."""
    keep = {
        k: v for k, v in os.environ.items() if k in ("HOME", "LANG", "LC_ALL", "TERM", "TMPDIR")
    }
    path = os.pathsep.join([f"{venv}/bin", "/usr/local/bin", "/usr/bin", "/bin"])
    return {**keep, "PATH": path, "VIRTUAL_ENV": venv, "PYTHONUNBUFFERED": "1"}


def _answers(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection((READER_HOST, port), 0.5) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        return sock.recv(16).startswith(b"HTTP/")
    return False


@contextlib.contextmanager
def _process(command: str, cwd: str, env: dict[str, str], log: Path) -> Iterator[subprocess.Popen]:
    with log.open("w") as out:
        process = subprocess.Popen(
            ["bash", "-c", command],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield process
    finally:
        # Ctrl+C, as the reader stops it; then make sure nothing is left. The servers
        # shown stop within a second; Sanic's main process does not when Ctrl+C comes
        # before its worker has reported ready, which here can be right after the page's
        # last request (tests/examples/sanic/test_ctrl_c.py; the Sanic page says so).
        for sig, wait in ((signal.SIGINT, 3), (signal.SIGKILL, 5)):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, sig)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(wait)
                break


def exchanges(output_block: str) -> list[tuple[str, str]]:
    """``$ curl ...`` lines of a console block and the answer shown under each."""
    found: list[tuple[str, str]] = []
    for chunk in re.split(r"^\$ ", output_block, flags=re.MULTILINE)[1:]:
        command, _, shown = chunk.partition("\n")
        found.append((command, shown.strip("\n")))
    return found


def _split_http(text: str) -> tuple[int | None, dict[str, str], str]:
    head, _, body = text.replace("\r\n", "\n").partition("\n\n")
    lines = head.splitlines()
    status = None
    if lines and (match := re.match(r"HTTP/[\d.]+ (\d{3})", lines[0])):
        status = int(match[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, body.strip("\n")


def normalise(text: str) -> str:
    """``text`` with volatile values and the lengths they change replaced by placeholders."""
    for pattern, placeholder in VOLATILE:
        text = pattern.sub(placeholder, text)
    return re.sub(r"^content-length: \d+$", "content-length: <n>", text, flags=re.MULTILINE)


def compare(command: str, shown: str, real: str) -> str | None:
    """Why the real answer differs from the page's (status, shown headers, body), or None."""
    shown_status, shown_headers, shown_body = _split_http(shown)
    real_status, real_headers, real_body = _split_http(real)
    if shown_status != real_status:
        return f"`{command}`: the page shows status {shown_status}, the reader gets {real_status}"
    for name in ("content-type",):
        if name in shown_headers and shown_headers[name] != real_headers.get(name):
            return (
                f"`{command}`: the page shows {name}: {shown_headers[name]}, "
                f"the reader gets {real_headers.get(name)}"
            )
    # Byte for byte once volatile values are placeholders: a box is the stored capture of
    # a real answer, so any other difference means it is stale (apiguide.capture).
    if normalise(shown_body) != normalise(real_body):
        return (
            f"`{command}`: the page shows\n{shown_body[:800]}\nthe reader gets\n{real_body[:800]}"
        )
    return None


def _tail(path: Path, lines: int = 25) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def run_job(job: Job) -> list[str]:
    """Runs one example as the reader would; returns what went wrong (empty: it ran)."""
    failures: list[str] = []
    folder = Path(job.folder)
    logs = folder.parent
    with contextlib.ExitStack() as stack:
        for service in job.services:
            log = logs / f"{service.name.replace('/', '-')}.log"
            process = stack.enter_context(_process(service.command, service.cwd, service.env, log))
            if problem := _wait_for(service.port, process, log, f"{service.name} (needed)"):
                return [problem]
        if job.kind == "script":
            done = subprocess.run(
                ["bash", "-c", job.run],
                cwd=folder,
                env=reader_env(job.run_env),
                capture_output=True,
                text=True,
                timeout=STEP_TIMEOUT,
            )
            if done.returncode:
                output = (done.stdout + done.stderr)[-2500:]
                failures.append(f"`{job.run}` exited with {done.returncode}:\n{output}")
            elif job.prints and _squeezed(job.prints) != _squeezed(done.stdout.splitlines()):
                shown = "\n".join(job.prints)
                failures.append(
                    f"`{job.run}`: the page shows it prints\n{shown}\n"
                    f"the reader gets\n{done.stdout}"
                )
        else:
            # Each output box reads as if the reader just started the server: one run per box.
            for number, block in enumerate(job.outputs or [""]):
                failures += _serve_and_replay(job, block, logs / f"server-{number}.log")
            if job.clients:
                failures += _serve_and_replay(job, "", logs / "server-clients.log", job.clients)
        if job.test_run:
            done = subprocess.run(
                ["bash", "-c", job.test_run],
                cwd=folder,
                env={**reader_env(job.test_env), **job.measure_env},
                capture_output=True,
                text=True,
                timeout=STEP_TIMEOUT,
            )
            if done.returncode:
                failures.append(
                    f"`{job.test_run}` exited with {done.returncode}:\n"
                    f"{(done.stdout + done.stderr)[-3000:]}"
                )
    return failures


PRINTED = re.compile(r"^\s*#> ?(.*)$", re.MULTILINE)


def shown_prints(source: str) -> list[str]:
    """The ``#>`` lines of a script: what the page says it prints (checked as pydantic does)."""
    return PRINTED.findall(source)


def _squeezed(lines: list[str]) -> str:
    """Printed text without white space (the `#>` lines wrap long output), with the two
    spellings of HTTP 422's phrase (Python 3.13 renamed it) taken as one."""
    text = "".join("".join(lines).split())
    return text.replace("UnprocessableContent", "UnprocessableEntity")


def _serve_and_replay(
    job: Job, block: str, log: Path, clients: list[str] | None = None
) -> list[str]:
    failures = []
    with _process(job.run, job.folder, reader_env(job.run_env), log) as server:
        if problem := _wait_for(READER_PORT, server, log, f"`{job.run}`"):
            return [problem]
        for command, shown in exchanges(block):
            real = subprocess.run(
                ["bash", "-c", command], capture_output=True, text=True, timeout=60
            )
            if real.returncode:
                failures.append(f"`{command}` failed: {real.stderr.strip()[-500:]}")
            elif why := compare(command, shown, real.stdout):
                failures.append(why)
        for command in clients or []:
            done = subprocess.run(
                ["bash", "-c", command],
                cwd=job.folder,
                env=reader_env(job.test_env or job.run_env),
                capture_output=True,
                text=True,
                timeout=STEP_TIMEOUT,
            )
            if done.returncode:
                output = (done.stdout + done.stderr)[-2500:]
                failures.append(f"`{command}` exited with {done.returncode}:\n{output}")
        if server.poll() is not None:
            failures.append(f"`{job.run}` exited during the requests:\n{_tail(log)}")
    return failures


def _wait_for(port: int, process: subprocess.Popen | None, log: Path, what: str) -> str | None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            return f"{what} exited with {process.returncode} before answering:\n{_tail(log)}"
        if _answers(port):
            return None
        time.sleep(0.05)
    waited = f"{SERVER_START_TIMEOUT:.0f}s"
    return f"{what} did not answer on 127.0.0.1:{port} within {waited}:\n{_tail(log)}"


def isolated_command() -> list[str]:
    """A private network namespace with only loopback, when this user may make one."""
    probe = subprocess.run(
        ["unshare", "--net", "--", "ip", "link", "set", "lo", "up"], capture_output=True
    )
    return ["unshare", "--net", "--"] if probe.returncode == 0 else []


def run_isolated(job: Job, workdir: Path) -> list[str]:
    job_file = workdir / "job.json"
    job_file.write_text(json.dumps(asdict(job)))
    prefix = isolated_command()
    if not prefix:
        return ["cannot create a network namespace (unshare --net): run the check as root"]
    done = subprocess.run(
        [*prefix, sys.executable, "-m", "apiguide.copyrun", str(job_file)],
        # The runner runs no example code; the reader's test run is measured on its own.
        env=unmeasured(os.environ),
        capture_output=True,
        text=True,
        timeout=STEP_TIMEOUT * 3,
        cwd=Path(__file__).resolve().parent.parent,
    )
    if done.returncode not in (0, 1):
        return [f"the check's runner failed ({done.returncode}):\n{done.stderr[-3000:]}"]
    return json.loads((workdir / "result.json").read_text())


def main(job_file: str) -> int:
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    data = json.loads(Path(job_file).read_text())
    data["services"] = [Service(**service) for service in data["services"]]
    job = Job(**data)
    failures = run_job(job)
    Path(job_file).with_name("result.json").write_text(json.dumps(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
