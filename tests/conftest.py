"""Fixtures shared by every test: real servers started through the launcher."""

from collections.abc import Callable, Iterator

import httpx
import pytest

from apiguide import launcher, registry


@pytest.fixture(scope="session")
def live_server() -> Iterator[Callable[[str, str], launcher.RunningServer]]:
    """``live_server("fastapi", "hello")`` -> a running real server, one per app per worker."""
    started: dict[tuple[str, str], launcher.RunningServer] = {}

    def get(slug: str, app: str = "contract") -> launcher.RunningServer:
        key = (slug, app)
        if key not in started or not started[key].alive():
            started[key] = launcher.start_framework(registry.get(slug), app)
        return started[key]

    yield get
    for server in started.values():
        server.stop()


@pytest.fixture
def live_client(live_server) -> Callable[[str, str], httpx.Client]:
    """An httpx client bound to a framework's real server."""
    clients: list[httpx.Client] = []

    def make(slug: str, app: str = "contract") -> httpx.Client:
        client = httpx.Client(base_url=live_server(slug, app).url, timeout=10)
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
    )
    yield server.url
    server.stop()
