def test_quote(get):
    reply = get("/quote")
    assert reply.status == 200
    assert reply.content_type == "application/json"
    assert reply.body == {
        "quote": "I've always been more interested in the future than in the past.",
        "author": "Grace Hopper",
    }


def test_unknown_path_is_a_json_404(get):
    reply = get("/nowhere")
    assert reply.status == 404
    assert reply.content_type == "application/json"
    assert reply.body == {"title": "404 Not Found"}
