import os
from collections.abc import Mapping
from dataclasses import dataclass

import httpx
import pytest

from app import app


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"  # Quart runs on asyncio only


@dataclass
class Reply:
    """The parts of a response the tests read, as HTTPX names them."""

    status_code: int
    headers: Mapping[str, str]
    text: str


class InProcess:
    """Quart's test client behind HTTPX's names (`content=` is a raw body), so one test
    body serves both clients."""

    def __init__(self) -> None:
        self.quart = app.test_client()

    async def request(self, method: str, path: str, **kwargs) -> Reply:
        if "content" in kwargs:
            kwargs["data"] = kwargs.pop("content")
        response = await self.quart.open(path, method=method, **kwargs)
        return Reply(response.status_code, response.headers, await response.get_data(as_text=True))

    async def get(self, path: str) -> Reply:
        return await self.request("GET", path)

    async def post(self, path: str, **kwargs) -> Reply:
        return await self.request("POST", path, **kwargs)

    async def delete(self, path: str) -> Reply:
        return await self.request("DELETE", path)


@pytest.fixture
async def client():
    """The app in-process; with BASE_URL set, the same tests run against a live server."""
    if base_url := os.environ.get("BASE_URL"):
        async with httpx.AsyncClient(base_url=base_url) as live:
            yield live
    else:
        yield InProcess()
