from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from blacksheep import Application
from blacksheep.testing import TestClient

from examples.blacksheep.hello import app

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


# --8<-- [start:clients]
@dataclass
class Reply:
    """What the checks look at, whichever client fetched it."""

    status: int
    content_type: str
    text: str


Fetch = Callable[[str], Awaitable[Reply]]


@pytest.fixture(params=["testclient", "uvicorn"])
async def fetch(request, live_client) -> AsyncIterator[Fetch]:
    """The same checks run in-process and against the real server over HTTP."""
    if request.param == "testclient":
        await app.start()  # BlackSheep's TestClient needs a started app
        client = TestClient(app)

        async def in_process(path: str) -> Reply:
            response = await client.get(path)
            return Reply(response.status, response.content_type().decode(), await response.text())

        yield in_process
        await app.stop()
    else:
        http = live_client("blacksheep", "hello")

        async def over_http(path: str) -> Reply:
            response = http.get(path)
            return Reply(response.status_code, response.headers["content-type"], response.text)

        yield over_http


# --8<-- [end:clients]


async def test_home_says_hello_with_the_current_utc_time(fetch):
    reply = await fetch("/")
    assert reply.status == 200
    assert reply.content_type.startswith("text/plain")
    greeting, stamp = reply.text.rsplit(" ", 1)
    assert greeting == "Hello, World!"
    sent_at = datetime.fromisoformat(stamp)
    assert sent_at.utcoffset() == timedelta(0)  # timezone-aware, in UTC
    assert abs(datetime.now(UTC) - sent_at) < timedelta(minutes=1)


async def test_unknown_path_is_404(fetch):
    assert (await fetch("/nowhere")).status == 404


def test_the_articles_route_decorator_is_gone():
    assert not hasattr(Application, "route")
