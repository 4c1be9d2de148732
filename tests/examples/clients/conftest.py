"""The client samples run for real against the local httpbin, and what they print is
checked against their ``#>`` comments (``check_prints`` in tests/conftest.py)."""

from collections.abc import Callable
from types import ModuleType

import pytest


@pytest.fixture
def check_prints(
    check_prints: Callable[[ModuleType], None], httpbin_url: str, monkeypatch: pytest.MonkeyPatch
) -> Callable[[ModuleType], None]:
    """The shared checker, with the samples pointed at the local httpbin."""
    monkeypatch.setenv("HTTPBIN_URL", httpbin_url)
    return check_prints
