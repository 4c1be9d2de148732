"""Checks of the Quart contract app that only the repository needs (in-process)."""

import pytest

from apiguide.examples import import_module

contract = import_module("quart/contract", "app")

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"  # Quart runs on asyncio only


async def test_contract_db_connection_lives_while_serving():
    """The contract's before_serving/after_serving hooks, which only test_app() runs."""
    async with contract.app.test_app() as test_app:
        response = await test_app.test_client().get("/db", query_string={"id": 1})
        assert response.status_code == 200
        assert (await response.get_json())["id"] == 1
        world_db = contract.app.world_db
    with pytest.raises(ValueError, match="no active connection"):  # after_serving closed it
        await world_db.execute("SELECT 1")
