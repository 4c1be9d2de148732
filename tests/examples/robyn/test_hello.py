"""What only the real Robyn server does with the hello app (the shown tests, in
examples/robyn/hello/, run in-process and against this server too)."""


# Robyn adds these routes, and the Content-Type header, when the server starts.
def test_server_labels_the_text(live_client):
    response = live_client("robyn", "hello").get("/")
    assert response.headers["content-type"] == "text/plain"


def test_server_publishes_openapi_and_docs(live_client):
    server = live_client("robyn", "hello")
    schema = server.get("/openapi.json").json()
    assert list(schema["paths"]) == ["/"]
    docs = server.get("/docs")
    assert docs.status_code == 200
    assert docs.headers["content-type"].startswith("text/html")
