"""Fixtures shared by every test: real servers started through the launcher, and the
print checker for samples whose output is shown on the site."""

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import httpx
import pytest
from pytest_examples import CodeExample, EvalExample

from apiguide import launcher, registry

# Every test this session collected, before -k or xdist chose which to run: a check
# that names tests (the feature matrix) reads it instead of collecting the suite again.
COLLECTED = pytest.StashKey[frozenset[str]]()


def pytest_configure(config: pytest.Config) -> None:
    # Options given to this run (PYTEST_ADDOPTS="-n 3 -x") are this run's: the pytest
    # runs it starts (a reader's folder, a copied example) get only their own.
    os.environ.pop("PYTEST_ADDOPTS", None)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session: pytest.Session, items: list[pytest.Item]) -> None:
    session.stash[COLLECTED] = frozenset(item.nodeid for item in items)


@pytest.fixture(scope="session")
def collected_ids(request: pytest.FixtureRequest) -> frozenset[str]:
    return request.session.stash.get(COLLECTED, frozenset())


@pytest.fixture(scope="session")
def live_server() -> Iterator[Callable[..., launcher.RunningServer]]:
    """``live_server("fastapi", "hello")`` -> a running real server, one per app per worker.

    Untraced by default: fuzzers, attacks and load share these servers to find crashes,
    and a server the coverage gate traces costs about twice the CPU per request.
    ``traced=True`` is for the tests whose assertions the gate counts (the contract
    suite, hostile values, the folders' own tests). Traced and untraced tests never
    share a server, so what the gate counts does not depend on which tests a worker
    happened to run before.
    """
    started: dict[tuple[str, str, bool], launcher.RunningServer] = {}

    def get(slug: str, app: str = "contract", *, traced: bool = False) -> launcher.RunningServer:
        key = (slug, app, traced)
        if key not in started or not started[key].alive():
            started[key] = launcher.start_framework(registry.get(slug), app, traced=traced)
        return started[key]

    yield get
    launcher.stop_many(started.values())


@pytest.fixture
def live_client(live_server, request: pytest.FixtureRequest) -> Callable[..., httpx.Client]:
    """An httpx client bound to a framework's real server, traced for tests marked
    ``@pytest.mark.traced`` (see ``live_server``)."""
    clients: list[httpx.Client] = []
    traced = request.node.get_closest_marker("traced") is not None

    def make(slug: str, app: str = "contract") -> httpx.Client:
        server = live_server(slug, app, traced=traced)
        client = httpx.Client(base_url=server.url, timeout=10)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture(scope="session")
def httpbin_url() -> Iterator[str]:
    """A local httpbin (the real `httpbin` package under gunicorn): client examples
    talk to it instead of https://httpbin.org, since tests never leave loopback."""
    server = launcher.start(
        "gunicorn httpbin:app --bind {host}:{port} --workers 1 --worker-class gthread "
        "--threads 4 --no-control-socket --log-level warning",
        name="httpbin",
        traced=False,  # httpbin is no example: the coverage gate has nothing to count there
    )
    yield server.url
    server.stop()


# --8<-- [start:check_prints]
class InPlaceEvalExample(EvalExample):
    """pytest-examples runs a temporary copy of the code; run the sample file itself,
    so coverage counts its lines and tracebacks point at it."""

    def _write_file(self, example: CodeExample) -> Path:
        return example.path


@pytest.fixture
def check_prints(
    tmp_path: Path,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    _examples_to_update: list[CodeExample],
) -> Iterator[Callable[[ModuleType | Path], None]]:
    """``check_prints(path)`` runs a sample file (or an imported module's file) as
    ``__main__`` and compares what it prints with its ``#>`` comments (the way pydantic
    checks its docs). ``--update-examples`` rewrites the comments after a deliberate change."""
    # pytest-examples installs the sample as sys.modules["__main__"]; put pytest's back after.
    monkeypatch.setitem(sys.modules, "__main__", sys.modules["__main__"])
    evaluator = InPlaceEvalExample(tmp_path=tmp_path, pytest_request=request)
    evaluator.set_config(line_length=100)
    # Python 3.13 renamed HTTP 422's phrase (RFC 9110): servers on 3.11/3.12 send
    # "Unprocessable Entity", on 3.13+ "Unprocessable Content". Accept both.
    evaluator.print_callback = lambda text: text.replace(
        "Unprocessable Content", "Unprocessable Entity"
    )

    def check(sample: ModuleType | Path) -> None:
        path = Path(sample.__file__) if isinstance(sample, ModuleType) else sample
        example = CodeExample.create(path.read_text(encoding="utf-8"), path=path)
        if evaluator.update_examples:
            evaluator.run_print_update(example, rewrite_assertions=False)
        else:
            evaluator.run_print_check(example, rewrite_assertions=False)

    yield check
    _examples_to_update.extend(evaluator.to_update)


# --8<-- [end:check_prints]
