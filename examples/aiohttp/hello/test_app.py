import pytest

pytestmark = pytest.mark.anyio  # the tests are coroutines, run by AnyIO's pytest plugin


async def get_json(client, path: str) -> tuple[int, object]:
    async with client.get(path) as response:
        return response.status, await response.json()  # json() insists on application/json


async def test_root(client):
    assert await get_json(client, "/") == (200, {"Hello": "World"})


async def test_item_with_query(client):
    assert await get_json(client, "/items/5?q=somequery") == (200, {"item_id": 5, "q": "somequery"})


async def test_item_without_query(client):
    assert await get_json(client, "/items/5") == (200, {"item_id": 5, "q": None})


async def test_item_id_must_be_an_integer(client):
    assert await get_json(client, "/items/five") == (400, {"error": "item_id must be an integer"})
