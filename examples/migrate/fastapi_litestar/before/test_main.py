import pytest

JSON = {"content-type": "application/json"}


def body(response, status: int):
    """Check the status and that the answer is JSON, then decode it."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    return response.json()


def locations(response, status: int) -> list[list]:
    """Where each validation error is: ["body", "title"], ["path", "task_id"]..."""
    return [error["loc"] for error in body(response, status)["detail"]]


def test_create_then_read(client):
    task = body(client.post("/tasks", json={"title": "Write the report"}), 201)
    assert task == {"id": task["id"], "title": "Write the report", "done": False}
    assert body(client.get(f"/tasks/{task['id']}"), 200) == task


def test_list_filters_on_done(client):
    # A live server may hold other tests' tasks: check these two are where they belong.
    todo = body(client.post("/tasks", json={"title": "todo"}), 201)
    finished = body(client.post("/tasks", json={"title": "finished", "done": True}), 201)
    assert todo in body(client.get("/tasks?done=false"), 200)
    assert finished not in body(client.get("/tasks?done=false"), 200)
    assert finished in body(client.get("/tasks?done=true"), 200)
    assert {todo["id"], finished["id"]} <= {task["id"] for task in body(client.get("/tasks"), 200)}


def test_replace(client):
    task = body(client.post("/tasks", json={"title": "draft"}), 201)
    replaced = client.put(f"/tasks/{task['id']}", json={"title": "final", "done": True})
    assert body(replaced, 200) == {"id": task["id"], "title": "final", "done": True}


def test_delete_then_it_is_gone(client):
    task = body(client.post("/tasks", json={"title": "gone soon"}), 201)
    assert client.delete(f"/tasks/{task['id']}").status_code == 204
    for response in (
        client.get(f"/tasks/{task['id']}"),
        client.put(f"/tasks/{task['id']}", json={"title": "too late"}),
        client.delete(f"/tasks/{task['id']}"),
    ):
        assert body(response, 404) == {"detail": f"no task {task['id']}"}


def test_invalid_task_is_422_naming_each_field(client):
    response = client.post("/tasks", json={"title": "", "done": "maybe"})
    assert locations(response, 422) == [["body", "title"], ["body", "done"]]


def test_an_id_or_filter_of_the_wrong_type_is_422(client):
    assert locations(client.get("/tasks/abc"), 422) == [["path", "task_id"]]
    assert locations(client.get("/tasks?done=maybe"), 422) == [["query", "done"]]


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        (b'{"title": ', 422),  # malformed JSON
        (b'{"title": NaN}', 422),  # Python's JSON parser reads NaN; no title is one
        (b'{"title": "\\ud800"}', 422),  # a lone surrogate, which no answer could carry
        (b'{"title": "\xff"}', 400),  # bytes that are not UTF-8
        (b"[" * 10_000 + b"]" * 10_000, 400),  # nested too deeply to parse
    ],
    ids=["truncated", "NaN", "lone surrogate", "not UTF-8", "nested"],
)
def test_a_body_that_is_no_task_is_refused(client, raw, status):
    assert body(client.post("/tasks", content=raw, headers=JSON), status)["detail"]
