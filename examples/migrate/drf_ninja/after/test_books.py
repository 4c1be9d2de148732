import pytest

BOOKS = "/books/"  # under /api/
JSON = {"content-type": "application/json"}


def body(response, status: int):
    """Check the status and that the answer is JSON, then decode it."""
    assert response.status_code == status, response.content
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    return response.json()


def new_book(client, title: str, author: str) -> dict:
    return body(client.post(BOOKS, json={"title": title, "author": author}), 201)


def test_create_then_list_and_read(client):
    book = new_book(client, "Dune", "Frank Herbert")
    assert book == {"id": book["id"], "title": "Dune", "author": "Frank Herbert"}
    assert body(client.get(f"{BOOKS}{book['id']}/"), 200) == book
    assert book in body(client.get(BOOKS), 200)  # a live server may hold other books too


def test_text_is_trimmed(client):
    book = new_book(client, "  Emma ", " Jane Austen")
    assert (book["title"], book["author"]) == ("Emma", "Jane Austen")


def test_replace_and_partial_update(client):
    url = f"{BOOKS}{new_book(client, 'Emma', '?')['id']}/"
    replaced = body(client.put(url, json={"title": "Emma", "author": "Jane Austen"}), 200)
    assert replaced["author"] == "Jane Austen"
    patched = body(client.patch(url, json={"title": "Persuasion"}), 200)
    assert patched == {**replaced, "title": "Persuasion"}
    assert body(client.get(url), 200) == patched


def test_delete_then_it_is_gone(client):
    url = f"{BOOKS}{new_book(client, 'Ubik', 'Philip K. Dick')['id']}/"
    deleted = client.delete(url)
    assert (deleted.status_code, deleted.content) == (204, b"")
    for response in (client.get(url), client.delete(url), client.patch(url, json={})):
        assert body(response, 404) == {"detail": "No Book matches the given query."}


def test_an_id_that_is_no_number_is_not_found(client):
    assert body(client.get(f"{BOOKS}abc/"), 404) == {"detail": "Not found."}


def test_invalid_book_is_400_naming_each_field(client):
    assert body(client.post(BOOKS, json={"title": " "}), 400) == {
        "title": ["String should have at least 1 character"],
        "author": ["Field required"],
    }


def test_updates_are_validated_too(client):
    url = f"{BOOKS}{new_book(client, 'Short', 'A')['id']}/"
    too_long = {"title": ["String should have at most 200 characters"]}
    assert body(client.put(url, json={"title": "x" * 201, "author": "A"}), 400) == too_long
    assert body(client.patch(url, json={"title": "x" * 201}), 400) == too_long


def test_a_field_sent_as_null_is_400(client):
    url = f"{BOOKS}{new_book(client, 'Null', 'A')['id']}/"
    assert body(client.patch(url, json={"author": None}), 400) == {
        "author": ["This field may not be null."]
    }


@pytest.mark.parametrize(
    "raw",
    [
        b'{"title": ',  # malformed JSON
        b'{"title": NaN, "author": "A"}',  # Python's parser reads NaN; no title is one
        b'{"title": "\\ud800", "author": "A"}',  # a lone surrogate: no database stores it
        b'{"title": "\xff", "author": "A"}',  # bytes that are not UTF-8
        b"[" * 10_000 + b"]" * 10_000,  # nested too deeply to parse
    ],
    ids=["truncated", "NaN", "lone surrogate", "not UTF-8", "nested"],
)
def test_a_body_that_is_no_book_is_400(client, raw):
    assert body(client.post(BOOKS, content=raw, headers=JSON), 400)


def test_the_openapi_schema_lists_the_routes(client):
    schema = client.get("/openapi.json").json()  # new with Ninja; /api/docs shows it
    assert set(schema["paths"]) == {"/api/books/", "/api/books/{book_id}/"}
