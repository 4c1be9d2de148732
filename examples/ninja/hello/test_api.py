def test_root(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.json() == {"Hello": "World"}


def test_item_with_and_without_query(client):
    assert client.get("/items/5", params={"q": "x"}).json() == {"item_id": 5, "q": "x"}
    assert client.get("/items/5").json() == {"item_id": 5, "q": None}


def test_item_id_must_be_an_integer(client):
    response = client.get("/items/five")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "item_id"]


def test_greeting_is_created(client):
    response = client.post("/greetings", json={"name": "Ada"})
    assert response.status_code == 201
    assert response.json() == {"message": "Hello, Ada."}
    excited = client.post("/greetings", json={"name": "Ada", "excited": True})
    assert excited.json() == {"message": "Hello, Ada!"}


def test_invalid_greeting_gets_422_naming_the_field(client):
    response = client.post("/greetings", json={"name": ""})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "greeting", "name"]
    assert error["type"] == "string_too_short"


def test_malformed_json_gets_400(client):
    response = client.post("/greetings", content=b'{"name": ')
    assert response.status_code == 400
    assert response.json() == {"detail": "Cannot parse request body"}


def test_openapi_schema_and_docs_page(client):
    schema = client.get("/openapi.json").json()
    assert schema["info"]["title"] == "Hello from Django Ninja"
    assert set(schema["paths"]) == {"/api/", "/api/items/{item_id}", "/api/greetings"}
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert docs.headers["content-type"].startswith("text/html")
