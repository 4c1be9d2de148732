import pytest

DUNE = {"title": "Dune", "author": "Frank Herbert", "year": 1965}


def assert_json_error(response, status):
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.json()["status_code"] == status
    assert response.json()["detail"]


@pytest.fixture
def shelf_of_three(client):
    """Three more books; a live server may hold others from earlier tests."""
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


def test_the_other_routes_are_still_there(client, shelf_of_three):
    url = f"/books/{shelf_of_three[0]}"
    assert client.get(url).json() == {"id": shelf_of_three[0], **DUNE, "year": 2000}
    assert client.patch(url, json={"year": 1966}).json()["year"] == 1966
    assert client.delete(url).status_code == 204
    assert_json_error(client.get(url), 404)


def test_the_rules_still_hold(client, shelf_of_three):
    assert_json_error(client.post("/books", json={**DUNE, "title": ""}), 400)
    assert_json_error(client.patch(f"/books/{shelf_of_three[0]}", json={"year": 2101}), 400)
    not_utf8 = b'{"title": "\xff\xfe", "author": "A", "year": 2000}'
    headers = {"content-type": "application/json"}
    assert_json_error(client.post("/books", content=not_utf8, headers=headers), 400)
