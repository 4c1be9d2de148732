def test_db_row_from_the_connection_opened_at_startup(client):
    assert client.get("/db", params={"id": 1}).status_code == 200


def test_item_round_trip(client):
    response = client.post("/items", json={"name": "Widget", "price": 2})
    assert response.status_code == 201
    assert response.json()["price"] == 2 and response.json()["tags"] == []


def test_validation_errors_are_422_with_details(client):
    response = client.post("/items", json={"name": "", "price": -1})
    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["detail"]] == [["name"], ["price"]]


def test_body_must_be_declared_json(client):
    response = client.post("/items", content=b"{}", headers={"content-type": "text/plain"})
    assert response.status_code == 415
    assert response.json()["message"] == "the body must be sent as application/json"
