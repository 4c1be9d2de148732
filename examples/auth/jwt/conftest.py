"""The `client` fixture: both apps in-process, or one live server with BASE_URL set.

In-process, the tests start the apps themselves, with a throwaway signing key
and the demo user. Against a live server they build tokens with the server's
key, so JWT_SECRET must hold the same value the server was started with.
"""

import os
import secrets

import httpx
import pytest
from fastapi.testclient import TestClient

BASE_URL = os.environ.get("BASE_URL")
if not BASE_URL:
    os.environ.setdefault("JWT_SECRET", secrets.token_urlsafe(32))
    os.environ["DEMO_USERS"] = "1"

import main  # noqa: E402  (the apps read the environment when imported)
import main_jose  # noqa: E402

APPS = {"pyjwt": main.app, "jose": main_jose.app}


@pytest.fixture(params=["live"] if BASE_URL else list(APPS))
def client(request):
    """Every test runs against both libraries in-process, or against the live server."""
    if BASE_URL:
        with httpx.Client(base_url=BASE_URL) as live:
            yield live
    else:
        with TestClient(APPS[request.param]) as in_process:
            yield in_process
