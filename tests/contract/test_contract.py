"""One behavioural suite for the shared API contract, run against every registered
server framework under its real production server, over real HTTP.

The contract is documented on docs/benchmarks/contract.md; a registered
framework that breaks any rule here is a failing test.
"""

import time

import httpx
import pytest

from apiguide import registry
from examples.common.world import expected_rows

# The contract apps' lines count for the coverage gate through this suite.
pytestmark = pytest.mark.traced

FRAMEWORKS = [fw.slug for fw in registry.server_frameworks()]
WORLD = dict(expected_rows())


@pytest.fixture(params=FRAMEWORKS)
def api(request, live_client) -> httpx.Client:
    return live_client(request.param)


def assert_framed(response: httpx.Response) -> None:
    """Every response says what it is and how long it is."""
    assert response.headers.get("content-type"), "missing Content-Type"
    chunked = "chunked" in response.headers.get("transfer-encoding", "")
    assert chunked or response.headers.get("content-length") is not None, "no length"
    if not chunked:
        assert int(response.headers["content-length"]) == len(response.content)


def assert_json(response: httpx.Response, status: int | tuple[int, ...]) -> object:
    statuses = status if isinstance(status, tuple) else (status,)
    assert response.status_code in statuses, (response.status_code, response.text[:300])
    assert_framed(response)
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def assert_client_error(response: httpx.Response) -> None:
    """Bad input: 400 or 422 with a JSON body saying why -- never a 500."""
    body = assert_json(response, (400, 422))
    assert body, "error body is empty"


def test_json(api):
    assert assert_json(api.get("/json"), 200) == {"message": "Hello, World!"}


def test_plaintext(api):
    response = api.get("/plaintext")
    assert response.status_code == 200
    assert_framed(response)
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text == "Hello, World!"


def test_read_item(api):
    assert assert_json(api.get("/items/42", params={"q": "blue"}), 200) == {
        "item_id": 42,
        "q": "blue",
    }
    assert assert_json(api.get("/items/7"), 200) == {"item_id": 7, "q": None}


@pytest.mark.parametrize("item_id", ["abc", "4.5", "0x10"])
def test_read_item_rejects_non_integer_id(api, item_id):
    assert_client_error(api.get(f"/items/{item_id}"))


VALID = {"name": "Widget", "price": 9.5, "tags": ["tools", "blue"]}


def test_create_item(api):
    first = assert_json(api.post("/items", json=VALID), 201)
    assert isinstance(first.pop("id"), int)
    assert first == VALID
    second = assert_json(api.post("/items", json={"name": "Free", "price": 0}), 201)
    assert second["tags"] == [] and second["price"] == 0 and second["name"] == "Free"


def test_created_ids_are_unique(api):
    ids = {assert_json(api.post("/items", json=VALID), 201)["id"] for _ in range(3)}
    assert len(ids) == 3


@pytest.mark.parametrize(
    "body",
    [
        {"price": 1.0},  # missing name
        {"name": "x"},  # missing price
        {"name": "", "price": 1.0},  # too short
        {"name": "x" * 101, "price": 1.0},  # too long
        {"name": "x", "price": -0.01},  # out of range
        {"name": "x", "price": "cheap"},  # wrong type
        {"name": 42, "price": 1.0},  # wrong type
        {"name": "x", "price": 1.0, "tags": "a,b"},  # tags not a list
        {"name": "x", "price": 1.0, "tags": [1, 2]},  # tags of the wrong type
        ["not", "an", "object"],
    ],
    ids=lambda body: str(body)[:40],
)
def test_create_item_rejects_invalid_body(api, body):
    assert_client_error(api.post("/items", json=body))


def test_create_item_rejects_malformed_json(api):
    response = api.post(
        "/items", content=b'{"name": "x", "price": ', headers={"content-type": "application/json"}
    )
    assert_client_error(response)


def test_create_item_rejects_wrong_content_type(api):
    """A JSON-looking body declared as something else is refused, not guessed at."""
    response = api.post(
        "/items", content=b'{"name": "x", "price": 1}', headers={"content-type": "text/plain"}
    )
    assert assert_json(response, (400, 415, 422)), "error body is empty"


def test_io_waits_then_answers(api):
    started = time.perf_counter()
    body = assert_json(api.get("/io"), 200)
    assert body == {"waited_ms": 10}
    # A behaviour check (it really waits), not a benchmark.
    assert time.perf_counter() - started >= 0.009


@pytest.mark.parametrize("row_id", [1, 777, 10_000])
def test_db_row(api, row_id):
    body = assert_json(api.get("/db", params={"id": row_id}), 200)
    assert body == {"id": row_id, "randomNumber": WORLD[row_id]}


@pytest.mark.parametrize(
    "params", [{"id": 0}, {"id": 10_001}, {"id": -5}, {"id": 10**20}, {}], ids=str
)
def test_db_missing_row_is_404(api, params):
    assert_json(api.get("/db", params=params), 404)


def test_unknown_path_is_404(api):
    response = api.get("/no/such/route")
    assert response.status_code == 404
    assert_framed(response)
