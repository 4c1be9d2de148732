BOOKS = "/api/books/"


def test_anonymous_requests_get_401(anonymous):
    for response in (anonymous.get(BOOKS), anonymous.post(BOOKS, json={"title": "x"})):
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"] == "Token"
        assert response.json() == {"detail": "Authentication credentials were not provided."}


def test_unknown_token_gets_401(connect):
    response = connect("not-a-real-token").get(BOOKS)
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid token."}


def new_book_url(client, title: str, author: str) -> str:
    created = client.post(BOOKS, json={"title": title, "author": author})
    assert created.status_code == 201
    return f"{BOOKS}{created.json()['id']}/"


def test_create_then_list_and_retrieve(client):
    book_url = new_book_url(client, "Dune", "Frank Herbert")
    book = client.get(book_url).json()
    assert book == {"id": book["id"], "title": "Dune", "author": "Frank Herbert"}
    assert book in client.get(BOOKS).json()


def test_update_and_partial_update(client):
    book_url = new_book_url(client, "Emma", "?")
    replaced = client.put(book_url, json={"title": "Emma", "author": "Jane Austen"})
    assert replaced.status_code == 200
    assert replaced.json()["author"] == "Jane Austen"
    patched = client.patch(book_url, json={"title": "Persuasion"})
    assert patched.status_code == 200
    assert client.get(book_url).json()["title"] == "Persuasion"


def test_delete(client):
    book_url = new_book_url(client, "Ubik", "Philip K. Dick")
    assert client.delete(book_url).status_code == 204
    gone = client.get(book_url)
    assert gone.status_code == 404
    assert gone.json() == {"detail": "No Book matches the given query."}


def test_invalid_book_gets_400_naming_each_field(client):
    response = client.post(BOOKS, json={"title": ""})
    assert response.status_code == 400
    assert response.json() == {
        "title": ["This field may not be blank."],
        "author": ["This field is required."],
    }


def test_update_is_validated_too(client):
    book_url = new_book_url(client, "Short", "A")
    response = client.put(book_url, json={"title": "x" * 201, "author": "A"})
    assert response.status_code == 400
    assert response.json() == {"title": ["Ensure this field has no more than 200 characters."]}
