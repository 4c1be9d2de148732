import os

import httpx
import pytest
from main import app
from starlette.testclient import TestClient


@pytest.fixture
def client():
    """The app in-process; with BASE_URL set, the same tests run against a live server."""
    if base_url := os.environ.get("BASE_URL"):
        with httpx.Client(base_url=base_url) as live:
            yield live
    else:
        # Not entered with `with`: that would send ASGI lifespan events, which
        # Ariadne's GraphQL app refuses (uvicorn carries on without them).
        in_process = TestClient(app)
        yield in_process
        in_process.close()
