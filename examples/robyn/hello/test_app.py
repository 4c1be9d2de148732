def test_root(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.text == "Hello, World!"


def test_unknown_path_is_404(client):
    assert client.get("/nowhere").status_code == 404
