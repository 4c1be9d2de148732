"""Every Bookshelf step is tested twice: in-process with Litestar's TestClient, and over
real HTTP against the step served by Uvicorn (the registry's "tutorial-litestar").

The steps read their environment when imported, so the in-process apps get the same
demo key and in-memory database as the real servers, before any test imports them.
"""

import contextlib
import os
from collections.abc import Callable, Iterator

import httpx
import pytest
from litestar import Litestar
from litestar.testing import TestClient

from apiguide import registry

SLUG = "tutorial-litestar"
os.environ.update(registry.get(SLUG).env)


# --8<-- [start:connect]
@pytest.fixture(params=["testclient", "uvicorn"])
def connect(request, live_client) -> Iterator[Callable[[Litestar, str], httpx.Client]]:
    """``connect(app, "step3")``: a client for one step, in-process or over real HTTP.

    In-process, ``with TestClient(app)`` runs the app's startup, so each test gets a
    fresh database; the real server is shared, so no test assumes an empty shelf.
    """
    with contextlib.ExitStack() as stack:

        def open_client(app: Litestar, registry_app: str) -> httpx.Client:
            if request.param == "uvicorn":
                return live_client(SLUG, registry_app)
            return stack.enter_context(TestClient(app))

        yield open_client


# --8<-- [end:connect]
