def test_hello_world(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"hello": "world"}


def test_unknown_path_is_a_json_404(client):
    response = client.get("/nowhere")
    assert response.status_code == 404
    assert response.json() == {"status_code": 404, "detail": "Not Found"}
