import pytest

from examples.tutorial_litestar.step4_pagination import app
from tests.examples.tutorial_litestar.checks import DUNE, assert_json_error


@pytest.fixture
def client(connect):
    return connect(app, "step4")


@pytest.fixture
def shelf_of_three(client) -> list[int]:
    """Three more books; the real server may hold others from earlier tests."""
    return [client.post("/books", json={**DUNE, "year": 2000 + n}).json()["id"] for n in range(3)]


def test_default_page(client, shelf_of_three):
    page = client.get("/books").json()
    assert (page["limit"], page["offset"]) == (20, 0)
    assert page["total"] >= 3
    assert len(page["items"]) == min(20, page["total"])


def test_pages_walk_the_shelf_in_id_order(client, shelf_of_three):
    total = client.get("/books").json()["total"]
    page = client.get("/books", params={"limit": 2, "offset": total - 3}).json()
    assert page == {
        "items": [
            {"id": book_id, **DUNE, "year": 2000 + n}
            for n, book_id in enumerate(shelf_of_three[:2])
        ],
        "total": total,
        "limit": 2,
        "offset": total - 3,
    }
    last = client.get("/books", params={"limit": 2, "offset": total - 1}).json()
    assert [book["id"] for book in last["items"]] == shelf_of_three[2:]


def test_offset_past_the_end_is_an_empty_page(client, shelf_of_three):
    page = client.get("/books", params={"offset": 10**6}).json()
    assert page["items"] == [] and page["total"] >= 3


@pytest.mark.parametrize(
    "params",
    [{"limit": 0}, {"limit": 101}, {"limit": "ten"}, {"offset": -1}, {"offset": 2**63}],
)
def test_bad_limit_or_offset_is_a_400(client, params):
    assert_json_error(client.get("/books", params=params), 400)
