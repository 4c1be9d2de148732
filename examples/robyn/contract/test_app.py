from world import expected_rows


def test_read_item(client):
    response = client.get("/items/42", query_params={"q": "blue"})
    assert response.json() == {"item_id": 42, "q": "blue"}


def test_item_id_must_be_an_integer(client):
    response = client.get("/items/abc")
    assert response.status_code == 400
    assert response.json() == {"error": "item_id must be an integer"}


def test_create_item_is_validated_by_pydantic(client):
    created = client.post("/items", json_data={"name": "Widget", "price": 2})
    assert created.status_code == 201
    assert created.json() | {"id": 0} == {"id": 0, "name": "Widget", "price": 2.0, "tags": []}
    rejected = client.post("/items", json_data={"name": "", "price": -1})
    assert rejected.status_code == 422
    assert [error["loc"] for error in rejected.json()["detail"]] == [["name"], ["price"]]


def test_db_row(client):
    response = client.get("/db", query_params={"id": "777"})
    assert response.json() == {"id": 777, "randomNumber": dict(expected_rows())[777]}
    missing = client.get("/db", query_params={"id": "0"})
    assert missing.status_code == 404
    assert missing.json() == {"error": "no row with id '0'"}


def test_ids_int_cannot_convert_are_not_found(client):
    # More digits than Python's int() converts (4,300) would raise: the app answers 400.
    response = client.get("/items/" + "9" * 5000)
    assert response.status_code == 400
