import asyncio
import os

import httpx
import pytest
from robyn import testing  # the module: pytest would try to collect a class named TestClient

from app import app, close_db, open_db


class LiveClient(httpx.Client):
    """An HTTPX client that takes the keyword names of Robyn's TestClient."""

    def get(self, url, query_params=None, **kwargs):
        return super().get(url, params=query_params, **kwargs)

    def post(self, url, json_data=None, **kwargs):
        return super().post(url, json=json_data, **kwargs)


@pytest.fixture
def client():
    """The handlers in-process; with BASE_URL set, the same tests run against a live server."""
    if base_url := os.environ.get("BASE_URL"):
        with LiveClient(base_url=base_url) as live:
            yield live
        return
    # The TestClient does not run startup and shutdown handlers: the fixture does.
    asyncio.run(open_db())
    with testing.TestClient(app) as in_process:
        yield in_process
    asyncio.run(close_db())
