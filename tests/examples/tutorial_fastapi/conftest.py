"""Every Bookshelf step is tested twice: in-process with FastAPI's TestClient, and
over real HTTP against the step served by Uvicorn (the registry's "tutorial-fastapi")."""

import contextlib
from collections.abc import Callable, Iterator

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from apiguide import registry

SLUG = "tutorial-fastapi"


# --8<-- [start:connect]
@pytest.fixture(params=["testclient", "uvicorn"])
def connect(request, monkeypatch, live_client) -> Iterator[Callable[[FastAPI, str], httpx.Client]]:
    """``connect(app, "step3")``: a client for one step, in-process or over real HTTP.

    In-process, the app gets the environment the real server is started with (the
    registry's demo key and in-memory database), and ``with`` runs its lifespan.
    """
    with contextlib.ExitStack() as stack:

        def open_client(app: FastAPI, registry_app: str) -> httpx.Client:
            if request.param == "uvicorn":
                return live_client(SLUG, registry_app)
            for name, value in registry.get(SLUG).env.items():
                monkeypatch.setenv(name, value)
            return stack.enter_context(TestClient(app))

        yield open_client


# --8<-- [end:connect]
