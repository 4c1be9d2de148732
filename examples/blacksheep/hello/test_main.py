from datetime import UTC, datetime, timedelta

import pytest
from blacksheep import Application

pytestmark = pytest.mark.anyio


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
