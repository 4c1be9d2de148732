def test_homepage(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"hello": "world"}


def test_unknown_path_is_a_plain_404(client):
    # Starlette's default 404 is text, not JSON: an API adds its own handler.
    response = client.get("/nowhere")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text == "Not Found"


def test_the_route_answers_get_only(client):
    assert client.post("/").status_code == 405
