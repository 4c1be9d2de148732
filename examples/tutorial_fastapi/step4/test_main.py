import json

import pytest

DUNE = {"title": "Dune", "author": "Frank Herbert", "year": 1965}


def assert_json_error(response, status):
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.json()["detail"]


def add_books(client, count):
    return [client.post("/books", json={**DUNE, "year": 2000 + n}).json() for n in range(count)]


def test_pages_split_the_shelf_in_id_order(client):
    before = client.get("/books").json()["total"]  # a live server keeps earlier tests' books
    new = add_books(client, 3)
    first = client.get("/books", params={"limit": 2, "offset": before}).json()
    assert first == {"items": new[:2], "total": before + 3, "limit": 2, "offset": before}
    rest = client.get("/books", params={"limit": 2, "offset": before + 2}).json()
    assert rest["items"] == new[2:]


def test_defaults(client):
    page = client.get("/books").json()
    assert (page["limit"], page["offset"]) == (20, 0)
    assert len(page["items"]) == min(page["total"], 20)


def test_past_the_end_is_an_empty_page(client):
    page = client.get("/books", params={"offset": 2**63 - 1}).json()
    assert page["items"] == []


@pytest.mark.parametrize(
    "params",
    [{"limit": 0}, {"limit": 101}, {"limit": "ten"}, {"offset": -1}, {"offset": 2**63}],
    ids=["limit 0", "limit 101", "limit text", "negative offset", "offset overflow"],
)
def test_bad_pagination_is_422(client, params):
    response = client.get("/books", params=params)
    assert_json_error(response, 422)
    assert response.json()["detail"][0]["loc"] == ["query", *params]


def test_the_other_routes_are_still_there(client):
    book = client.post("/books", json=DUNE).json()
    url = f"/books/{book['id']}"
    assert client.get(url).json() == book
    assert client.patch(url, json={"year": 1966}).json() == {**book, "year": 1966}
    assert client.delete(url).status_code == 204
    assert_json_error(client.get(url), 404)


def test_the_rules_still_hold(client):
    assert_json_error(client.post("/books", json={**DUNE, "title": ""}), 422)
    nan = json.dumps(DUNE).replace("1965", "NaN")  # as sent; the 422 does not repeat it
    response = client.post("/books", content=nan, headers={"content-type": "application/json"})
    assert_json_error(response, 422)
    assert "input" not in response.json()["detail"][0]
    book = client.post("/books", json=DUNE).json()
    assert_json_error(client.patch(f"/books/{book['id']}", json={"title": None}), 422)
