"""Fixtures: a clock the tests move by hand, the app in-process, and the shared `client`."""

import os
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from main import create_app


class FakeClock:
    """Unix time that moves only when a test says so: limits and days change without sleeping."""

    def __init__(self, start: datetime) -> None:
        self.now = start.timestamp()

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2025, 6, 30, 23, 58, tzinfo=UTC))  # two minutes to midnight


@pytest.fixture
def database(tmp_path) -> Path:
    return tmp_path / "metered.sqlite3"


@pytest.fixture
def app_client(clock, database):
    """The app in-process, on a fresh database, with the fake clock."""
    with TestClient(create_app(str(database), clock=clock)) as test_client:
        yield test_client


@pytest.fixture
def client(request):
    """The checks every server must pass: in-process (fake clock, frozen), or with
    BASE_URL set, a live server (real clock)."""
    if base_url := os.environ.get("BASE_URL"):
        with httpx.Client(base_url=base_url) as live:
            yield live
    else:
        yield request.getfixturevalue("app_client")
