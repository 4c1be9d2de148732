def test_root(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"Hello": "World"}


def test_item_with_query(client):
    response = client.get("/items/5", params={"q": "somequery"})
    assert response.json() == {"item_id": 5, "q": "somequery"}


def test_item_without_query(client):
    assert client.get("/items/5").json() == {"item_id": 5, "q": None}


def test_non_integer_item_id_matches_no_route(client):
    # A typed path parameter that does not parse means no route matched: 404, not 422.
    response = client.get("/items/five")
    assert response.status_code == 404
    assert response.json()["message"] == "Requested URL /items/five not found"
