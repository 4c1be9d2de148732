"""Each client sample runs against the FastAPI contract app under Uvicorn, and
must print exactly what its ``#>`` comments say."""

from types import ModuleType

import pytest

from examples.api_basics import httpx_async_calls, httpx_errors, requests_calls


@pytest.mark.parametrize("sample", [requests_calls, httpx_errors, httpx_async_calls])
def test_prints_what_its_comments_say(sample: ModuleType, check_prints, live_server, monkeypatch):
    monkeypatch.setenv("API_URL", live_server("fastapi").url)
    check_prints(sample)
