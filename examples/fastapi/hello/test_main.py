def test_root(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.json() == {"Hello": "World"}


def test_item_with_query(client):
    response = client.get("/items/5", params={"q": "somequery"})
    assert response.json() == {"item_id": 5, "q": "somequery"}


def test_item_without_query(client):
    assert client.get("/items/5").json() == {"item_id": 5, "q": None}


def test_item_id_must_be_an_integer(client):
    response = client.get("/items/five")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "item_id"]
