def test_welcome(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"message": "Welcome to the bookshelf"}


def test_unknown_path_is_a_json_404(client):
    response = client.get("/nowhere")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"status_code": 404, "detail": "Not Found"}
